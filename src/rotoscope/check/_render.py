"""Show a check: coloured text in the terminal, an annotated HTML page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rotoscope.check._check import CheckResult

if TYPE_CHECKING:
    import jinja2

__all__ = ["VERDICT_STYLES", "render_html", "render_terminal"]

VERDICT_STYLES = {
    "confirmed": "bold green",
    "approximate": "bold yellow",
    "contradicted": "bold red",
    "unverifiable": "bold blue",
}
_COLOURS = {"confirmed": "#1a7f37", "approximate": "#9a6700", "contradicted": "#cf222e",
            "unverifiable": "#57606a"}
_BACKGROUNDS = {"confirmed": "#dafbe1", "approximate": "#fff8c5", "contradicted": "#ffebe9",
                "unverifiable": "#eaeef2"}


def _paragraph_spans(result: CheckResult) -> list[tuple[int, int]]:
    """Return the paragraphs (runs of non-blank lines) that hold at least one claim."""
    text = result.text
    spans: list[tuple[int, int]] = []
    for c in result.claims:
        a, b = c.claim.segment
        start = text.rfind("\n\n", 0, a)
        start = 0 if start < 0 else start + 2
        end = text.find("\n\n", b)
        end = len(text) if end < 0 else end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def render_terminal(result: CheckResult, console: Console) -> None:
    """Print the check: coloured claims in their paragraphs, evidence, conflicts, summary.

    Each claim's number is coloured by verdict and numbered; the table after
    the text gives each claim's evidence.
    """
    text = result.text
    numbered = {id(c): i + 1 for i, c in enumerate(result.claims)}
    src = {"given": "given", "dateline": "from the text's dateline", "data": "the data's last date"}
    console.print(Text.assemble(("As of ", "bold"), (result.as_of.isoformat(), "bold cyan"),
                                f" ({src[result.date_source]}); 'today' is the session of "
                                f"{result.reference}."))
    for note in result.notes:
        console.print(Text(note, style="dim"))
    console.print()
    for start, end in _paragraph_spans(result):
        out = Text()
        pos = start
        inside = sorted((c for c in result.claims if start <= c.claim.quantity.span[0] < end),
                        key=lambda c: c.claim.quantity.span)
        for c in inside:
            a, b = c.claim.quantity.span
            if a < pos:
                continue
            out.append(text[pos:a])
            out.append(text[a:b], style=VERDICT_STYLES[c.verdict] + " underline")
            out.append(f"[{numbered[id(c)]}]", style="dim")
            pos = b
        out.append(text[pos:end])
        console.print(out)
        console.print()
    table = Table(title="Claims", title_justify="left", show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim", overflow="fold", max_width=40)
    table.add_column("claimed", justify="right", no_wrap=True)
    table.add_column("computed", justify="right", no_wrap=True)
    table.add_column("evidence", overflow="fold", max_width=70)
    for i, c in enumerate(result.claims, start=1):
        scale, unit = c.claim.as_quoted()
        computed = "" if c.computed is None else f"{c.computed * scale:,.4g}"
        # Text, not str: a claim quoted from the text is never read as rich markup
        table.add_row(str(i), Text(c.verdict, style=VERDICT_STYLES[c.verdict]),
                      Text(c.claim.text(text).strip()), f"{c.claim.claimed * scale:,g} {unit}",
                      computed, Text(c.explanation))
    console.print(table)
    if result.conflicts:
        console.print(Text("Claims that contradict each other", style="bold"))
        for k in result.conflicts:
            nums = ", ".join(f"[{n + 1}]" for n in k.claims)
            console.print(Text.assemble((f"  {nums} ", "bold magenta"), k.explanation))
    summary = result.summary()
    parts: list[tuple[str, str] | str] = [("Summary: ", "bold")]
    for verdict, n in summary.items():
        parts += [(f"{n} {verdict}", VERDICT_STYLES[verdict]), "  "]
    parts.append(f"{len(result.conflicts)} internal conflict(s)")
    console.print(Text.assemble(*parts))


def _env() -> jinja2.Environment:
    """Return the environment of the check's page template (``check/check.html.j2``)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("rotoscope.check", "."),
                              autoescape=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def render_html(result: CheckResult, title: str = "rotoscope check") -> str:
    """Return a self-contained HTML page of the check (the template ``check.html.j2``).

    The text comes with every claim marked by verdict and its evidence (computed
    value, method, fact ids) on hover or focus, then the list of claims.
    """
    text = result.text
    segments: list[dict[str, Any]] = []
    pos = 0
    for i, c in sorted(enumerate(result.claims, start=1), key=lambda x: x[1].claim.quantity.span):
        a, b = c.claim.quantity.span
        if a < pos:
            continue
        segments.append({"mark": False, "text": text[pos:a]})
        segments.append({
            "mark": True, "text": text[a:b], "number": i, "verdict": c.verdict,
            "background": _BACKGROUNDS[c.verdict], "colour": _COLOURS[c.verdict],
            "computed": "" if c.computed is None else f"computed {c.computed:,.4g}; ",
            "explanation": c.explanation, "facts": [f.id for f in c.facts[:4]]})
        pos = b
    segments.append({"mark": False, "text": text[pos:]})
    pills = [{"verdict": v, "count": n, "background": _BACKGROUNDS[v], "colour": _COLOURS[v]}
             for v, n in result.summary().items()]
    rows = [{"number": i, "verdict": c.verdict, "colour": _COLOURS[c.verdict],
             "claim": c.claim.text(text).strip(), "explanation": c.explanation}
            for i, c in enumerate(result.claims, start=1)]
    conflicts = [{"numbers": ", ".join(f"[{n + 1}]" for n in k.claims),
                  "explanation": k.explanation} for k in result.conflicts]
    return _env().get_template("check.html.j2").render(
        title=title, as_of=result.as_of, date_source=result.date_source,
        reference=result.reference, notes=result.notes, pills=pills, segments=segments,
        rows=rows, conflicts=conflicts)
