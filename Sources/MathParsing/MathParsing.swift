/// LaTeX math to expression trees (see the math parser issue).
public enum MathParsing {}
