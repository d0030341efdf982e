"""Facts: cited numbers with their inputs, method and sources."""

from rotoscope.facts._format import format_value, ordinal
from rotoscope.facts._frames import facts_frame, html_table, to_pandas
from rotoscope.facts._model import Fact, FactInput, Unit, make_fact_id

__all__ = ["Fact", "FactInput", "Unit", "facts_frame", "format_value", "html_table", "make_fact_id",
           "ordinal", "to_pandas"]
