"""Render a note as self-contained HTML, Markdown with footnotes, JSON or plain text."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from rotoscope.facts import Fact
from rotoscope.prose import long_date as long
from rotoscope.report._charts import PALETTE
from rotoscope.report._model import (
    Chart,
    Note,
    Num,
    Paragraph,
    Piece,
    Reference,
    Section,
    Table,
    Term,
)

if TYPE_CHECKING:
    import jinja2

__all__ = ["render_html", "render_json", "render_markdown", "render_text", "text_with_spans"]

STANCE_COLOURS = {"Bullish": PALETTE["up"], "Bearish": PALETTE["down"],
                  "Neutral": PALETTE["muted"], "Mixed": PALETTE["series"][1]}


class _Index:
    """Footnote numbers of facts and reference numbers of series."""

    def __init__(self, note: Note) -> None:
        self.facts = note.facts()
        self.number = {f.id: i for i, f in enumerate(self.facts, start=1)}
        self.refs = {(r.series, r.field): r for r in note.references}

    def ref_numbers(self, fact: Fact) -> list[int]:
        out = []
        for inp in fact.inputs:
            r = self.refs.get((inp.series, inp.field))
            if r is not None and r.number not in out:
                out.append(r.number)
        return out

    def describe(self, fact: Fact) -> str:
        """Return the fact's record as a few plain lines."""
        lines = [f"{fact.label}: {fact.formatted()}",
                 f"method: {fact.method}" + (
                     f" ({_params(fact)})" if _params(fact) else "")]
        for inp in fact.inputs[:6]:
            lines.append(f"input: {inp.series} {inp.field}, {inp.first} to {inp.last}")
        if len(fact.inputs) > 6:
            lines.append(f"... and {len(fact.inputs) - 6} more series")
        refs = self.ref_numbers(fact)
        if refs:
            lines.append("references: " + ", ".join(f"[{n}]" for n in refs))
        lines.extend(f"note: {n}" for n in fact.notes)
        lines.append(f"id: {fact.id}")
        return "\n".join(lines)


def _params(fact: Fact) -> str:
    keep = {k: v for k, v in fact.params.items()
            if isinstance(v, str | int | float | bool) and k not in ("a", "b")}
    return ", ".join(f"{k}={v}" for k, v in list(keep.items())[:6])


# ------------------------------------------------------------------ plain text
def _plain_piece(p: Piece) -> str:
    return p if isinstance(p, str) else p.text


def render_text(note: Note) -> str:
    """Return the note as plain text: what the claim checker reads in the self-audit."""
    return text_with_spans(note)[0]


def text_with_spans(note: Note) -> tuple[str, list[tuple[int, int, Num | Term]]]:
    """Return the plain text and where each number and term sits in it.

    The dateline comes first so the checker dates the text; tables marked for
    audit are written as rows the checker understands.
    """
    out: list[str] = []
    spans: list[tuple[int, int, Num | Term]] = []
    pos = 0

    def line(pieces: tuple[Piece, ...] | list[Piece], sep: str = "") -> None:
        nonlocal pos
        for i, p in enumerate(pieces):
            if i and sep:
                out.append(sep)
                pos += len(sep)
            text = p if isinstance(p, str) else p.text
            if not isinstance(p, str):
                spans.append((pos, pos + len(text), p))
            out.append(text)
            pos += len(text)
        out.append("\n")
        pos += 1

    line([note.title])
    line([f"{long(note.session)} | Market rotation note"])
    line(list(note.dek.pieces))

    def walk(sec: Section) -> None:
        line([sec.title])
        for b in sec.blocks:
            if isinstance(b, Paragraph):
                line(list(b.pieces))
            elif isinstance(b, Section):
                walk(b)
            elif isinstance(b, Table) and b.audit:
                line(list(b.header), "\t")
                for row in b.rows:
                    line(list(row), "\t")

    for s in note.sections:
        walk(s)
    return "".join(out), spans


def data_line(note: Note) -> str | None:
    """Return the note's data line: how recent the data are, measured when it was written.

    "through August 21, 2026, 100 days old on November 29, 2026 (stale: rotoscope
    update fetches newer data)"; ``None`` when the note does not know.
    """
    fresh = note.freshness()
    if fresh is None:
        return None
    days = "the same day" if fresh.age_days == 0 else (
        f"{fresh.age_days} day{'s' if fresh.age_days != 1 else ''} old on "
        f"{long(fresh.today)}")
    line = f"through {long(fresh.last_date)}, {days}"
    if fresh.stale:
        line += " (stale: rotoscope update fetches newer data)"
    return line


# ------------------------------------------------------------------ markdown
def render_markdown(note: Note) -> str:
    """Return the note as Markdown; every number carries a footnote citation."""
    idx = _Index(note)

    def piece(p: Piece) -> str:
        if isinstance(p, Num):
            return f"{_md_escape(p.text)}[^{idx.number[p.fact.id]}]"
        return _md_escape(p if isinstance(p, str) else p.text)

    def paragraph(p: Paragraph) -> str:
        text = "".join(piece(x) for x in p.pieces)
        return f"- {text}" if p.kind == "li" else text

    lines = [f"# {note.title}", "",
             f"*{long(note.session)}* · " + " ".join(f"`#{t}`" for t in note.tags), ""]
    lines.append("**Stance:** " + " · ".join(
        f"{s.theme}: **{s.label}**" + "".join(f"[^{idx.number[f.id]}]" for f in s.facts)
        for s in note.stances))
    lines.append(f"**Related tickers:** {', '.join(note.tickers)}")
    if (fresh := data_line(note)) is not None:
        lines.append(f"**Data:** {_md_escape(fresh)}")
    lines += ["", f"> {paragraph(note.dek)}", ""]

    def table(t: Table) -> list[str]:
        head = "| " + " | ".join(t.header) + " |"
        sep = "| " + " | ".join("---:" if a == "r" else "---" for a in
                                (t.align or ("l",) * len(t.header))) + " |"
        rows = ["| " + " | ".join(piece(c) for c in row) + " |" for row in t.rows]
        return [f"*{t.caption}*", "", head, sep, *rows, ""]

    def section(s: Section, level: int) -> None:
        lines.extend([f"{'#' * level} {s.title}", ""])
        prev_li = False
        for b in s.blocks:
            if isinstance(b, Paragraph):
                if prev_li and b.kind != "li":
                    lines.append("")
                lines.append(paragraph(b))
                if b.kind != "li":
                    lines.append("")
                prev_li = b.kind == "li"
                continue
            if prev_li:
                lines.append("")
                prev_li = False
            if isinstance(b, Table):
                lines.extend(table(b))
            elif isinstance(b, Chart):
                lines.extend([f"*Chart: {b.title}.* {b.caption} (See the HTML note.)", ""])
            elif isinstance(b, Section):
                section(b, level + 1)
        if prev_li:
            lines.append("")

    for s in note.sections:
        section(s, 2)
    lines += ["## References", ""]
    lines += [f"{r.number}. {r.series} ({r.name}), {r.label}, {r.first} to {r.last}. "
              f"File `{r.file}` (sha256 {r.checksum}). Source: {r.source}." for r in
              note.references]
    lines += ["", "## Methods", ""]
    for name, text in note.methods:
        lines += [f"### {name}", "", text, ""]
    lines += ["## Disclaimer", "", note.disclaimer, ""]
    lines += [f"*Generated {note.generated_at} from store {note.store_fingerprint}.*", ""]
    for f in idx.facts:
        desc = idx.describe(f).replace("\n", "; ")
        lines.append(f"[^{idx.number[f.id]}]: {_md_escape(desc)}")
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return re.sub(r"([*_`\[\]|<>])", r"\\\1", text)


# ------------------------------------------------------------------ json
def render_json(note: Note) -> str:
    """Return the note as JSON: metadata, sections with their numbers, and every fact."""
    idx = _Index(note)

    def paragraph(p: Paragraph) -> dict[str, Any]:
        text, numbers = "", []
        for x in p.pieces:
            if isinstance(x, Num):
                numbers.append({"text": x.text, "fact": x.fact.id,
                                "span": [len(text), len(text) + len(x.text)]})
            text += x if isinstance(x, str) else x.text
        return {"type": "list_item" if p.kind == "li" else "paragraph", "text": text,
                "numbers": numbers}

    def cell(c: Piece) -> Any:
        if isinstance(c, Num):
            return {"text": c.text, "fact": c.fact.id}
        return c if isinstance(c, str) else c.text

    def section(s: Section) -> dict[str, Any]:
        blocks: list[dict[str, Any]] = []
        for b in s.blocks:
            if isinstance(b, Paragraph):
                blocks.append(paragraph(b))
            elif isinstance(b, Table):
                blocks.append({"type": "table", "caption": b.caption, "header": list(b.header),
                               "rows": [[cell(c) for c in r] for r in b.rows]})
            elif isinstance(b, Chart):
                blocks.append({"type": "chart", "key": b.key, "title": b.title,
                               "caption": b.caption, "series": list(b.series)})
            else:
                blocks.append(section(b))
        return {"type": "section", "key": s.key, "title": s.title, "blocks": blocks}

    payload = {
        "title": note.title,
        "as_of": note.as_of.isoformat(),
        "session": note.session.isoformat(),
        "generated_at": note.generated_at,
        "store": note.store_fingerprint,
        "data_freshness": (lambda f: f.to_dict() if f is not None else None)(note.freshness()),
        "tags": list(note.tags),
        "stances": [{"theme": s.theme, "label": s.label, "pair": s.pair, "reason": s.reason,
                     "signals": [{"signal": n, "favourable": ok} for n, ok in s.signals],
                     "facts": [f.id for f in s.facts]} for s in note.stances],
        "tickers": list(note.tickers),
        "summary": paragraph(note.dek),
        "sections": [section(s) for s in note.sections],
        "references": [_ref_dict(r) for r in note.references],
        "methods": [{"name": n, "text": t} for n, t in note.methods],
        "disclaimer": note.disclaimer,
        "facts": [f.model_dump(mode="json") | {"footnote": idx.number[f.id]}
                  for f in idx.facts],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _ref_dict(r: Reference) -> dict[str, Any]:
    return {"number": r.number, "series": r.series, "name": r.name, "field": r.field,
            "field_label": r.label,
            "first": r.first.isoformat(), "last": r.last.isoformat(), "file": r.file,
            "source": r.source, "sha256_prefix": r.checksum}


# ------------------------------------------------------------------ html
@cache
def _env() -> jinja2.Environment:
    """Return the note's template environment, made once (compiling costs more than rendering)."""
    import jinja2  # only the HTML note needs it: Markdown, JSON and text do not load it

    loader = jinja2.PackageLoader("rotoscope.report", ".")  # note.html.j2 beside this module
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def _scope_svg(svg: str, key: str, title: str) -> str:
    """Prefix the SVG's ids so several charts can share one page."""
    svg = re.sub(r'id="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{key}-\1"', svg)
    label = html.escape(title, quote=True)
    return re.sub(r"<svg ", f'<svg role="img" aria-label="{label}" ', svg, count=1)


def render_html(note: Note, banner: Markup | None = None) -> str:
    """Return the note as one self-contained HTML file: inline CSS and SVG, no scripts.

    ``banner`` is markup placed at the top of the body (the web app's navigation).
    """
    idx = _Index(note)

    def piece(p: Piece) -> str:
        if isinstance(p, Num):
            n = idx.number[p.fact.id]
            tip = html.escape(idx.describe(p.fact), quote=True).replace("\n", "&#10;")
            return (f'<a class="n" href="#f-{n}" data-tip="{tip}" '
                    f'aria-label="{html.escape(p.text)}, fact {n}">{html.escape(p.text)}</a>')
        return html.escape(p if isinstance(p, str) else p.text)

    def paragraph(p: Paragraph) -> Markup:
        return Markup("".join(piece(x) for x in p.pieces))

    def block(b: Paragraph | Table | Chart | Section) -> dict[str, Any]:
        if isinstance(b, Paragraph):
            return {"type": b.kind, "html": paragraph(b)}
        if isinstance(b, Table):
            return {"type": "table", "caption": b.caption, "header": b.header,
                    "align": b.align or ("l",) * len(b.header),
                    "rows": [[Markup(piece(c)) for c in row] for row in b.rows]}
        if isinstance(b, Chart):
            return {"type": "chart", "key": b.key, "title": b.title, "caption": b.caption,
                    "svg": Markup(_scope_svg(b.svg, b.key, b.title))}
        return {"type": "section", "key": b.key, "title": b.title,
                "blocks": _group([block(x) for x in b.blocks])}

    facts = [{"n": idx.number[f.id], "id": f.id, "label": f.label, "value": f.formatted(),
              "method": f.method, "params": _params(f),
              "inputs": [f"{i.series} {i.field}, {i.first} to {i.last}" for i in f.inputs],
              "refs": idx.ref_numbers(f), "notes": f.notes} for f in idx.facts]
    stances = [{"theme": s.theme, "label": s.label, "reason": s.reason,
                "facts": [(idx.number[f.id], f.label) for f in s.facts]} for s in note.stances]
    return _env().get_template("note.html.j2").render(
        note=note, long=long, dek=paragraph(note.dek), stances=stances,
        sections=[block(s) for s in note.sections], facts=facts,
        stance_colours=STANCE_COLOURS, palette=PALETTE, banner=banner,
        data_line=data_line(note), data_stale=bool((f := note.freshness()) and f.stale),
    )


def _group(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gather consecutive list items into one list block."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if b["type"] == "li":
            if out and out[-1]["type"] == "ul":
                out[-1]["items"].append(b["html"])
            else:
                out.append({"type": "ul", "items": [b["html"]]})
        else:
            out.append(b)
    return out
