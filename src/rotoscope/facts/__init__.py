"""Facts: cited numbers with their inputs, method and sources.

The frame and table helpers (:func:`facts_frame`, :func:`html_table`,
:func:`to_pandas`) load on first use, so computing and citing facts does not
import Polars.
"""

from typing import TYPE_CHECKING

from rotoscope._lazy import lazy_names
from rotoscope.facts._format import format_value, ordinal
from rotoscope.facts._model import Fact, FactInput, Unit, make_fact_id

if TYPE_CHECKING:
    from rotoscope.facts._frames import facts_frame, html_table, to_pandas

__all__ = [
    "Fact",
    "FactInput",
    "Unit",
    "facts_frame",
    "format_value",
    "html_table",
    "make_fact_id",
    "ordinal",
    "to_pandas",
]

#: The names of :mod:`rotoscope.facts._frames`, loaded with Polars on first use.
__getattr__, __dir__ = lazy_names(
    __name__, dict.fromkeys(("facts_frame", "html_table", "to_pandas"), "_frames"))
