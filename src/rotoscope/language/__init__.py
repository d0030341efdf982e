"""The vocabulary of market prose: quantities, subjects, dates and periods.

One module shared by the claim checker and the question answerer. Its
vocabulary of subjects comes from the universe file (names, tickers, aliases).
Every name the two use is exported here; the modules behind it are private.
The question answerer's own words (:mod:`._asked`, :mod:`._questions`) load on
first use, so checking a text does not compile their patterns.
"""

from typing import TYPE_CHECKING

from rotoscope._lazy import lazy_names
from rotoscope.language._extremes import (
    Extreme,
    Milestone,
    find_extremes,
    find_milestones,
)
from rotoscope.language._headers import (
    WEEK_EXTREME,
    HeaderMeaning,
    read_header,
)
from rotoscope.language._metrics import (
    COMPARISON,
    DOWN_WORDS,
    DRAWDOWN,
    HIGH_LOW_52W,
    LEVEL_CUES,
    MA_DISTANCE,
    MOVING_AVERAGE,
    OUT_OF_DATA_TOPICS,
    OUTPERFORM,
    RANGE_CUES,
    RARITY,
    RARITY_DOWN,
    RARITY_FREQUENCY,
    RARITY_UP,
    RECORD_HIGH,
    RETURN_RARITY,
    STREAK_CUES,
    STREAK_WORDS,
    TOTAL_RETURN,
    UP_WORDS,
    WEEKLY_TITLE,
    company_word_before,
    find_unknown_subjects,
    names_something,
    unverifiable_topic,
)
from rotoscope.language._normalise import (
    normalise,
)
from rotoscope.language._numbers import (
    NUMBER_WORDS,
    Quantity,
    count_value,
    find_quantities,
    number_word_pattern,
    parse_number,
)
from rotoscope.language._runs import (
    ORDINALS,
    RunPhrase,
    SectorCount,
    find_runs,
    find_sector_counts,
)
from rotoscope.language._standings import (
    INTRADAY,
    MARKET_WORDS,
    ONLY_AFTER,
    ONLY_BEFORE,
    Standing,
    find_standings,
)
from rotoscope.language._vocabulary import (
    MONTHS,
    Dateline,
    DateMention,
    Period,
    SubjectMatcher,
    SubjectMention,
    find_dateline,
    find_dates,
    find_periods,
    month_key,
    parse_date,
)

if TYPE_CHECKING:
    from rotoscope.language._asked import (
        NameFixer,
        expand_shorthand,
        find_asked_period,
        split_parts,
    )
    from rotoscope.language._questions import (
        CAUSE_QUESTION,
        CHANGE_WORDS,
        CROSS_CUES,
        CURVE_CUES,
        EXTREME_CUES,
        FORECAST_QUESTION,
        INTENT_CUES,
        POINTS_CUES,
        RECORD_CUES,
        ROLLING_SHARE_CUES,
        RUN_CUES,
        STREAK_LENGTH,
        UNDATED_EVENT,
        UNSUPPORTED_MEASURES,
    )

__all__ = [
    "CAUSE_QUESTION",
    "CHANGE_WORDS",
    "COMPARISON",
    "CROSS_CUES",
    "CURVE_CUES",
    "DOWN_WORDS",
    "DRAWDOWN",
    "EXTREME_CUES",
    "FORECAST_QUESTION",
    "HIGH_LOW_52W",
    "INTENT_CUES",
    "INTRADAY",
    "LEVEL_CUES",
    "MARKET_WORDS",
    "MA_DISTANCE",
    "MONTHS",
    "MOVING_AVERAGE",
    "NUMBER_WORDS",
    "ONLY_AFTER",
    "ONLY_BEFORE",
    "ORDINALS",
    "OUTPERFORM",
    "OUT_OF_DATA_TOPICS",
    "POINTS_CUES",
    "RANGE_CUES",
    "RARITY",
    "RARITY_DOWN",
    "RARITY_FREQUENCY",
    "RARITY_UP",
    "RECORD_CUES",
    "RECORD_HIGH",
    "RETURN_RARITY",
    "ROLLING_SHARE_CUES",
    "RUN_CUES",
    "STREAK_CUES",
    "STREAK_LENGTH",
    "STREAK_WORDS",
    "TOTAL_RETURN",
    "UNDATED_EVENT",
    "UNSUPPORTED_MEASURES",
    "UP_WORDS",
    "WEEKLY_TITLE",
    "WEEK_EXTREME",
    "DateMention",
    "Dateline",
    "Extreme",
    "HeaderMeaning",
    "Milestone",
    "NameFixer",
    "Period",
    "Quantity",
    "RunPhrase",
    "SectorCount",
    "Standing",
    "SubjectMatcher",
    "SubjectMention",
    "company_word_before",
    "count_value",
    "expand_shorthand",
    "find_asked_period",
    "find_dateline",
    "find_dates",
    "find_extremes",
    "find_milestones",
    "find_periods",
    "find_quantities",
    "find_runs",
    "find_sector_counts",
    "find_standings",
    "find_unknown_subjects",
    "month_key",
    "names_something",
    "normalise",
    "number_word_pattern",
    "parse_date",
    "parse_number",
    "read_header",
    "split_parts",
    "unverifiable_topic",
]

#: The question answerer's names, by the module that defines them (loaded on first use).
_LAZY = {
    **dict.fromkeys(("NameFixer", "expand_shorthand", "find_asked_period", "split_parts"),
                    "_asked"),
    **dict.fromkeys(("CAUSE_QUESTION", "CHANGE_WORDS", "CROSS_CUES", "CURVE_CUES",
                     "EXTREME_CUES", "FORECAST_QUESTION", "INTENT_CUES", "POINTS_CUES",
                     "RECORD_CUES", "ROLLING_SHARE_CUES", "RUN_CUES", "STREAK_LENGTH",
                     "UNDATED_EVENT", "UNSUPPORTED_MEASURES"), "_questions"),
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
