"""Answer questions about the market data in cited sentences, and decline what it cannot.

:class:`Asker` reads a question with the vocabulary the claim checker uses
(:mod:`rotoscope.language`), turns it into a validated :class:`Query`, computes
the facts that answer it point in time, and writes a short answer in which every
number is a fact, followed by the table behind it. The answer is re-checked by
the claim checker before it is returned. Questions the data cannot answer
(valuations, flows, forecasts, news, series outside the store) are declined
with the reason and what can be asked instead.

An optional language model (:mod:`rotoscope.ask._llm`) may map free-form
questions to a :class:`Query` and phrase the answer from its facts; its wording
is rejected unless every number in it is one of those facts and the checker
finds nothing wrong.
"""

from rotoscope.ask._asker import MAX_QUESTION_CHARS, Asker, Declined
from rotoscope.ask._llm import LLMBackend, LLMError, check_phrasing
from rotoscope.ask._parse import Parsed, QuestionParser
from rotoscope.ask._query import Answer, Interpretation, Query, TableRow

__all__ = [
    "MAX_QUESTION_CHARS",
    "Answer",
    "Asker",
    "Declined",
    "Interpretation",
    "LLMBackend",
    "LLMError",
    "Parsed",
    "Query",
    "QuestionParser",
    "TableRow",
    "check_phrasing",
]
