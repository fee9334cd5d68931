/// Analyzers read the ``Paper`` model and produce findings with evidence.
public enum Analyzers {}
