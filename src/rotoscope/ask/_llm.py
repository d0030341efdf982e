"""An optional language model behind ``rotoscope ask``, held to the same facts.

It speaks the OpenAI-compatible chat API (``POST {url}/chat/completions``), as
served by Ollama, vLLM, llama.cpp and others, and is off unless
``ROTOSCOPE_LLM_URL`` and ``ROTOSCOPE_LLM_MODEL`` are set. It does two things
only:

- **Interpret.** When the deterministic parser cannot read a free-form question,
  the model is asked for a :class:`~._query.Query` as JSON. The reply is
  validated with pydantic (unknown fields, intents, windows and symbols are
  rejected); the deterministic engine then computes the answer. Questions the
  parser declines as out of the data (valuations, flows, forecasts, news) never
  reach the model.
- **Phrase.** Given the question and the answer's facts, the model may reword
  the answer. The wording is accepted only when every number in it is one the
  deterministic answer shows (a fact's value, a date or a method parameter) and
  the claim checker contradicts none of its claims; otherwise the deterministic
  answer stands and a note says why the model's wording was rejected.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from rotoscope.ask._query import Answer, Query
from rotoscope.exceptions import LLMError
from rotoscope.language import find_dates, find_quantities

if TYPE_CHECKING:
    import httpx  # loaded by LLMBackend.chat: answering without a model needs no HTTP client

__all__ = ["LLMBackend", "LLMError", "check_phrasing"]

_INTERPRET = (
    "You map a question about US market data to a JSON query for a deterministic engine. "
    "Reply with one JSON object and nothing else, with these keys: intent (one of "
    "performance, compare, sectors, streak, run, technical, relative_trend, regime, breadth, "
    "base_rate, event_study, level, unanswerable), subjects (list of symbols from the list "
    "below, A first for comparisons), window (ytd, mtd, qtd, wtd, 1y, Nd for N sessions, "
    "month-YYYY-MM, quarter-YYYY-qN, year-YYYY, since-YYYY-MM-DD, or null), date "
    "(YYYY-MM-DD or null), ma_sessions (20, 50, 200 or null), length (int or null), side "
    "(leaders, laggards or both), reason (for unanswerable). Use unanswerable for "
    "valuations, fund flows, forecasts, news and anything not in the symbol list. "
    "Never invent numbers.")
_PHRASE = (
    "You rewrite a short answer about market data for a professional reader. Use only "
    "the numbers, dates and names in the answer and facts you are given, exactly as they "
    "are written there; add no number, date, forecast or opinion. Reply with the rewritten "
    "answer only, in at most four sentences.")


@dataclass
class LLMBackend:
    """An OpenAI-compatible chat endpoint.

    Parameters
    ----------
    url
        Base URL of the API, e.g. ``http://127.0.0.1:11434/v1``.
    model
        Model name to send.
    api_key
        Bearer token, when the server wants one.
    timeout
        Seconds per request.
    transport
        An ``httpx`` transport (tests pass a mock or a loopback server).
    """

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 30.0
    transport: httpx.BaseTransport | None = None

    @classmethod
    def from_env(cls) -> LLMBackend | None:
        """Return the backend configured by ``ROTOSCOPE_LLM_*``, or ``None`` (the default)."""
        url = os.environ.get("ROTOSCOPE_LLM_URL", "").strip()
        model = os.environ.get("ROTOSCOPE_LLM_MODEL", "").strip()
        if not url or not model:
            return None
        try:
            timeout = float(os.environ.get("ROTOSCOPE_LLM_TIMEOUT", "30"))
        except ValueError as exc:
            raise LLMError("ROTOSCOPE_LLM_TIMEOUT must be a number of seconds") from exc
        return cls(url, model, os.environ.get("ROTOSCOPE_LLM_API_KEY") or None, timeout)

    def chat(self, system: str, user: str, json_mode: bool = False) -> str:
        """Send one system and one user message; return the reply's text.

        Raises
        ------
        LLMError
            On a connection error, an HTTP error status or a reply without text.
        """
        body: dict[str, Any] = {
            "model": self.model, "temperature": 0, "stream": False,
            "messages": [{"role": "system", "content": system},
                         {"role": "user", "content": user}],
        }
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        endpoint = self.url.rstrip("/") + "/chat/completions"
        import httpx

        try:
            with httpx.Client(transport=self.transport, timeout=self.timeout) as client:
                response = client.post(endpoint, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise LLMError(f"the language model at {endpoint} is unreachable: {exc}") from exc
        if response.status_code != 200:
            raise LLMError(f"the language model at {endpoint} answered HTTP "
                           f"{response.status_code}")
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError("the language model's reply is not a chat completion") from exc
        if not isinstance(content, str) or not content.strip():
            raise LLMError("the language model's reply is empty")
        return content.strip()

    def interpret(self, question: str, vocabulary: dict[str, str], as_of: str) -> Query:
        """Ask the model for the query a question means, and validate it.

        ``vocabulary`` maps the symbols the model may use to their names.

        Raises
        ------
        LLMError
            When the reply is not a valid query over known symbols.
        """
        symbols = "\n".join(f"{s}: {n}" for s, n in vocabulary.items())
        user = f"As of {as_of}. Symbols:\n{symbols}\n\nQuestion: {question}"
        text = self.chat(_INTERPRET, user, json_mode=True)
        m = re.search(r"\{.*\}", text, re.DOTALL)
        if m is None:
            raise LLMError("the language model did not reply with a JSON query")
        try:
            query = Query.model_validate_json(m.group(0))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "query"
            raise LLMError(f"the language model's query is invalid at {where}: "
                           f"{first['msg']}") from exc
        unknown = [s for s in query.subjects if s not in vocabulary]
        if unknown:
            raise LLMError(f"the language model named unknown series: {', '.join(unknown)}")
        return query

    def phrase(self, question: str, answer: Answer) -> str:
        """Ask the model to reword an answer from its facts."""
        facts = [{"label": r.label, "value": r.value, "from": r.start, "to": r.end}
                 for r in answer.table]
        user = json.dumps({"question": question, "answer": answer.answer, "facts": facts},
                          ensure_ascii=False)
        return self.chat(_PHRASE, user)


def _shown(answer: Answer) -> list[tuple[float, int]]:
    """Return every number the deterministic answer shows, with its decimals."""
    out: list[tuple[float, int]] = []
    for q in find_quantities(answer.answer):
        out.append((abs(q.value), q.decimals))
    for row in answer.table:
        for q in find_quantities(row.value):
            out.append((abs(q.value), q.decimals))
    return out


def check_phrasing(text: str, answer: Answer) -> str | None:
    """Return why a model's wording must be rejected, or ``None`` when every number is shown.

    A number passes when it equals, at its own precision, a number the
    deterministic answer or its table shows; a date passes when the answer or a
    fact holds it.
    """
    if not text.strip():
        return "the wording is empty"
    day = answer.as_of
    if day is None:
        return "the answer has no date"
    dates = find_dates(text, day)
    known_dates = {d.date for d in find_dates(answer.answer, day)}
    for row in answer.table:
        for v in (row.start, row.end, row.raw):
            if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                known_dates.add(dt.date.fromisoformat(v))
    for d in dates:
        if d.date not in known_dates:
            return f"it names a date the facts do not hold ({text[d.span[0]:d.span[1]]})"
    in_date = [d.span for d in dates]
    shown = _shown(answer)
    for q in find_quantities(text):
        if any(a <= q.span[0] < b for a, b in in_date):
            continue
        value = abs(q.value)
        tol = 0.5 * 10.0 ** -q.decimals + 1e-9
        if not any(abs(value - round(v, q.decimals)) <= tol for v, _ in shown):
            return f"it states a number the facts do not hold ({q.text.strip()})"
    return None
