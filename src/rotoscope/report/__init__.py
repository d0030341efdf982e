"""The research note: facts written as a cited market-rotation note, then audited.

:func:`build_note` computes the facts of a date and writes the note;
:func:`audit_note` re-checks it against the store (:func:`audit_text` any text
written from facts, such as an answer); the renderers turn it into
self-contained HTML, Markdown with footnotes, JSON or plain text.
"""

from rotoscope.report._audit import AuditResult, audit_note, audit_text
from rotoscope.report._build import DISCLAIMER, build_note, default_date, store_fingerprint
from rotoscope.report._charts import PALETTE, short_name
from rotoscope.report._model import Chart, Note, Num, Paragraph, Section, Stance, Table, Term
from rotoscope.report._render import render_html, render_json, render_markdown, render_text
from rotoscope.report._rules import verdict
from rotoscope.report._write import RISK_RULES, STANCE_RULES

__all__ = [
    "DISCLAIMER",
    "PALETTE",
    "RISK_RULES",
    "STANCE_RULES",
    "AuditResult",
    "Chart",
    "Note",
    "Num",
    "Paragraph",
    "Section",
    "Stance",
    "Table",
    "Term",
    "audit_note",
    "audit_text",
    "build_note",
    "default_date",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "short_name",
    "store_fingerprint",
    "verdict",
]
