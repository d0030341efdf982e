"""Show a check: coloured text in the terminal, an annotated HTML page."""

from __future__ import annotations

import html

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rotoscope.check._check import CheckResult

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


_CSS = """
body { font: 16px/1.6 Georgia, 'Times New Roman', serif; color: #1f2328; margin: 0;
       background: #f6f8fa; }
header { background: #0d1117; color: #f0f6fc; padding: 1.2rem 2rem; }
header h1 { font: 600 1.3rem/1.3 system-ui, sans-serif; margin: 0 0 .3rem; }
header p { font: .9rem system-ui, sans-serif; margin: 0; color: #9198a1; }
.summary { display: flex; gap: .6rem; margin-top: .8rem; flex-wrap: wrap; }
.pill { font: 600 .85rem system-ui, sans-serif; padding: .2rem .7rem; border-radius: 1rem; }
main { max-width: 52rem; margin: 1.5rem auto; background: #fff; padding: 2rem 2.5rem;
       border: 1px solid #d0d7de; border-radius: 6px; }
main pre { white-space: pre-wrap; font: inherit; margin: 0; }
mark { position: relative; padding: 0 .15em; border-radius: 3px; cursor: help;
       border-bottom: 2px solid; }
mark .tip { visibility: hidden; opacity: 0; position: absolute; left: 0; top: 1.7em; z-index: 5;
            width: 26rem; background: #0d1117; color: #f0f6fc; border-radius: 6px;
            padding: .6rem .8rem; font: .8rem/1.45 system-ui, sans-serif;
            box-shadow: 0 8px 24px rgba(0,0,0,.25); transition: opacity .1s; }
mark:hover .tip, mark:focus .tip { visibility: visible; opacity: 1; }
.tip b { text-transform: uppercase; letter-spacing: .04em; }
.tip code { color: #9198a1; font-size: .72rem; word-break: break-all; }
sup { font: .7rem system-ui, sans-serif; color: #57606a; }
section.list { max-width: 52rem; margin: 0 auto 2rem; font: .85rem/1.5 system-ui, sans-serif; }
section.list table { width: 100%; border-collapse: collapse; background: #fff; }
section.list th, section.list td { border-bottom: 1px solid #d0d7de; padding: .35rem .5rem;
       text-align: left; vertical-align: top; }
.conflicts li { margin-bottom: .3rem; }
"""


def render_html(result: CheckResult, title: str = "rotoscope check") -> str:
    """Return a self-contained HTML page of the check.

    The text comes with every claim marked by verdict and its evidence (computed
    value, method, fact ids) on hover or focus, then the list of claims.
    """
    text = result.text
    parts: list[str] = []
    pos = 0
    for i, c in sorted(enumerate(result.claims, start=1), key=lambda x: x[1].claim.quantity.span):
        a, b = c.claim.quantity.span
        if a < pos:
            continue
        parts.append(html.escape(text[pos:a]))
        computed = "" if c.computed is None else f"computed {c.computed:,.4g}; "
        facts = "".join(f"<br><code>{html.escape(f.id)}</code>" for f in c.facts[:4])
        tip = (f"<b style='color:{_BACKGROUNDS[c.verdict]}'>{c.verdict}</b> · {computed}"
               f"{html.escape(c.explanation)}{facts}")
        parts.append(
            f"<mark tabindex='0' class='{c.verdict}' style='background:{_BACKGROUNDS[c.verdict]};"
            f"border-color:{_COLOURS[c.verdict]}'>{html.escape(text[a:b])}"
            f"<span class='tip' role='tooltip'>{tip}</span></mark><sup>{i}</sup>")
        pos = b
    parts.append(html.escape(text[pos:]))
    summary = result.summary()
    pills = "".join(
        f"<span class='pill' style='background:{_BACKGROUNDS[v]};color:{_COLOURS[v]}'>"
        f"{n} {v}</span>" for v, n in summary.items())
    rows = "".join(
        f"<tr><td>{i}</td><td style='color:{_COLOURS[c.verdict]};font-weight:600'>{c.verdict}"
        f"</td><td>{html.escape(c.claim.text(text).strip())}</td>"
        f"<td>{html.escape(c.explanation)}</td></tr>"
        for i, c in enumerate(result.claims, start=1))
    conflicts = "".join(
        f"<li>{', '.join(f'[{n + 1}]' for n in k.claims)}: {html.escape(k.explanation)}</li>"
        for k in result.conflicts)
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in result.notes)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{_CSS}</style></head>
<body><header><h1>{html.escape(title)}</h1>
<p>Checked as of {result.as_of} ({result.date_source}); "today" is the session of
{result.reference}. Hover or focus a marked number for its evidence.</p>{notes}
<div class="summary">{pills}<span class="pill" style="background:#fbefff;color:#8250df">
{len(result.conflicts)} internal conflicts</span></div></header>
<main><pre>{''.join(parts)}</pre></main>
<section class="list"><h2>Claims</h2><table><thead><tr><th>#</th><th>verdict</th>
<th>claim</th><th>evidence</th></tr></thead><tbody>{rows}</tbody></table>
{f'<h2>Claims that contradict each other</h2><ul class="conflicts">{conflicts}</ul>'
 if conflicts else ''}</section></body></html>
"""
