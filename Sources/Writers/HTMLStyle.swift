/// The report's style sheet, inline so the report is one file. Light and dark, readable when
/// printed; math uses the system's math font.
enum HTMLStyle {
    static let css = """
    :root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #6b6b70; --line: #d9d9de;
      --accent: #0b5cad; --mark: #fff1a8; --head: #f4f4f6; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #17171a; --muted: #9c9ca4;
      --line: #3a3a40; --accent: #7ab4ff; --mark: #5c4e00; --head: #222227; } }
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
      background: var(--bg); max-width: 78rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
    h1 { font-size: 1.6rem; margin: .5rem 0 .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
    h3 { margin-top: 1.6rem; }
    a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
    nav { position: sticky; top: 0; background: var(--bg); padding: .4rem 0; border-bottom: 1px solid var(--line); z-index: 1; }
    nav a { margin-right: 1.2rem; font-weight: 600; }
    .facts, .note, .meta, footer { color: var(--muted); } footer { margin-top: 3rem; font-size: .85rem; }
    table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .93rem; }
    th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
    th { background: var(--head); position: sticky; top: 2.3rem; }
    td.value { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .where { font: .82rem ui-monospace, "SF Mono", Menlo, monospace; white-space: nowrap; }
    code, pre { font: .85rem ui-monospace, "SF Mono", Menlo, monospace; }
    pre.flow { background: var(--head); padding: .6rem; overflow-x: auto; }
    code.tex { color: var(--muted); }
    math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; font-size: 1.05em; }
    mark { background: var(--mark); color: inherit; padding: 0 .1em; }
    .tldr li { margin: .25rem 0; } .rests { font-size: .85rem; color: var(--muted); }
    .quote { margin: .1rem 0; } .passages li { margin-bottom: .7rem; } .meta { margin: 0; font-size: .85rem; }
    .tag { font-size: .75rem; border: 1px solid var(--line); border-radius: .6rem; padding: 0 .4rem; color: var(--muted); }
    .tag.error { color: #c62828; } .tag.warning { color: #b26a00; }
    .verdict { font-weight: 700; border-radius: .3rem; padding: .1rem .5rem; background: var(--head); }
    .verdict.as-stated { color: #2e7d32; } .verdict.scale-down, .verdict.slow { color: #b26a00; }
    .missing { border-left: 3px solid #b26a00; padding-left: .6rem; }
    table.algorithm td.ln { color: var(--muted); text-align: right; width: 2em; }
    table.algorithm td.paper { min-width: 22rem; } .comment { color: var(--muted); }
    .caption { font-style: italic; }
    ul.outline { list-style: none; padding-left: 1rem; } ul.outline ul { list-style: none; }
    @media print { nav { position: static; } th { position: static; } a { color: inherit; } }
    """
}
