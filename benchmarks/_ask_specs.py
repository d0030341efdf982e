"""The questions of ``ask_questions.toml``: text, as-of date, and the facts the answer must give.

Read by ``_ask_expected.py``, which computes every expected value from the
mirror's CSV files. A part is ``(measure, subjects, period...)``; an entry with
``decline`` must be declined, and says why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# Each entry: the question, optionally its as-of date, and either the facts the
# answer must give (the first one leads) or why it must be declined.
# A part is (measure, subjects, spec...) and is computed below.
D = dt.date
Q: list[dict[str, Any]] = [
    # --- changes over periods: formal, casual, shorthand, typos
    {"q": "How did the Russell 2000 do ytd?", "parts": [("change", "^RUT", ("ytd",))]},
    {"q": "spx 1y return", "parts": [("change", "^GSPC", ("1y",))]},
    {"q": "how did the russel do in H1?", "parts": [("change", "^RUT", ("half", 2026, 1))]},
    {
        "q": "What was the S&P 500's price return in the first half of 2026?",
        "parts": [("change", "^GSPC", ("half", 2026, 1))],
    },
    {
        "q": "How did the nasdak perform in 2H 2025?",
        "parts": [("change", "^IXIC", ("half", 2025, 2))],
    },
    {"q": "Nasdaq mtd?", "parts": [("change", "^IXIC", ("mtd",))]},
    {"q": "rut qtd", "parts": [("change", "^RUT", ("qtd",))]},
    {
        "q": "What did the S&P 500 return in Q1 2026?",
        "parts": [("change", "^GSPC", ("quarter", 2026, 1))],
    },
    {
        "q": "How did the S&P 500 perform between March 3, 2026 and June 30, 2026?",
        "parts": [("change", "^GSPC", ("range", "2026-03-03", "2026-06-30"))],
    },
    {
        "q": "russell 2000 from 2026-01-15 to 2026-04-15?",
        "parts": [("change", "^RUT", ("range", "2026-01-15", "2026-04-15"))],
    },
    {
        "q": "How did small caps do in the year after April 8, 2025?",
        "parts": [("change", "^RUT", ("year_after", "2025-04-08"))],
    },
    {
        "q": "How much has the S&P 500 gained since last year's low?",
        "parts": [("change", "^GSPC", ("low", "2025-01-01", "2025-12-31"))],
    },
    {
        "q": "How far has the Nasdaq come off its April 2025 low?",
        "parts": [("change", "^IXIC", ("low", "2025-04-01", "2025-04-30"))],
    },
    {"q": "How did the Russell 2000 do last week?", "parts": [("change", "^RUT", ("prev_week",))]},
    {"q": "How's the S&P doing this week?", "parts": [("change", "^GSPC", ("wtd",))]},
    {"q": "What did the Nasdaq do today?", "parts": [("change", "^IXIC", ("1d",))]},
    {"q": "spx in 2025", "parts": [("change", "^GSPC", ("year", 2025))]},
    {
        "q": "How did the Russell 2000 perform in January 2026?",
        "parts": [("change", "^RUT", ("month", 2026, 1))],
    },
    {
        "q": "ndx ytd",
        "parts": [("change", "QQQ", ("ytd",)), ("change_tr", "QQQ", ("ytd",))],
        "as_of": D(2026, 7, 31),
    },
    {
        "q": "How did SPY do in June 2026?",
        "parts": [("change", "SPY", ("month", 2026, 6)), ("change_tr", "SPY", ("month", 2026, 6))],
    },
    {
        "q": "What's the total return on IWM in the first half?",
        "parts": [("change_tr", "IWM", ("half", 2026, 1))],
    },
    {
        "q": "How did the Dow do in February 2026?",
        "parts": [("change", "^DJI", ("month", 2026, 2))],
    },
    {"q": "S&P 500 performance, 2H25", "parts": [("change", "^GSPC", ("half", 2025, 2))]},
    {"q": "How has the RUSSELL 2000 done year-to-date?", "parts": [("change", "^RUT", ("ytd",))]},
    {"q": "year to date, how has the russell 2000 done?", "parts": [("change", "^RUT", ("ytd",))]},
    {
        "q": "How did the S&P 500 do over the 12 months after April 8, 2025?",
        "parts": [("change", "^GSPC", ("year_after", "2025-04-08"))],
    },
    {
        "q": "S&P 500 return from Jan 2 2026 to May 29 2026",
        "parts": [("change", "^GSPC", ("range", "2026-01-02", "2026-05-29"))],
    },
    {
        "q": "how much is the nasdaq up since its 2025 low?",
        "parts": [("change", "^IXIC", ("low", "2025-01-01", "2025-12-31"))],
    },
    {"q": "Russell 2000 in Q2?", "parts": [("change", "^RUT", ("quarter", 2026, 2))]},
    {
        "q": "How did the Nasdaq Composite do in 2025?",
        "parts": [("change", "^IXIC", ("year", 2025))],
    },
    # --- two series
    {
        "q": "Did small caps beat large caps ytd?",
        "parts": [("spread", ("^RUT", "^GSPC"), ("ytd",))],
    },
    {
        "q": "IWM vs SPY in H1 2026 -- by how much?",
        "parts": [("spread", ("IWM", "SPY"), ("half", 2026, 1))],
    },
    {
        "q": "By how much did the Nasdaq outperform the Russell 2000 in 2025?",
        "parts": [("spread", ("^IXIC", "^RUT"), ("year", 2025))],
    },
    {"q": "russel vs s&p mtd", "parts": [("spread", ("^RUT", "^GSPC"), ("mtd",))]},
    {
        "q": "rut vs spx since last year's low",
        "parts": [("spread", ("^RUT", "^GSPC"), ("low", "2025-01-01", "2025-12-31"))],
    },
    {
        "q": "How did the Russell 2000 compare with the S&P 500 in the first half?",
        "parts": [("spread", ("^RUT", "^GSPC"), ("half", 2026, 1))],
    },
    {
        "q": "small caps vs large caps between Feb 2, 2026 and May 1, 2026",
        "parts": [("spread", ("^RUT", "^GSPC"), ("range", "2026-02-02", "2026-05-01"))],
    },
    {
        "q": "Nasdaq versus S&P 500 in Q2 2026",
        "parts": [("spread", ("^IXIC", "^GSPC"), ("quarter", 2026, 2))],
    },
    # --- highest and lowest closes
    {
        "q": "What was the highest close of the S&P 500 this year?",
        "parts": [("high", "^GSPC", ("ytd",))],
    },
    {
        "q": "lowest close for the russell 2000 in 2025?",
        "parts": [("low_close", "^RUT", ("year", 2025))],
    },
    {
        "q": "What was the Nasdaq's highest close in H1 2026?",
        "parts": [("high", "^IXIC", ("half", 2026, 1))],
    },
    {
        "q": "What's the lowest the spx has closed since the start of 2026?",
        "parts": [("low_close", "^GSPC", ("ytd",))],
    },
    {"q": "52-wk high for the Russell 2000?", "parts": [("high", "^RUT", ("52w",))]},
    {"q": "spx 52 week low", "parts": [("low_close", "^GSPC", ("52w",))]},
    {
        "q": "Where was the Russell 2000's lowest level in Q1 2026?",
        "parts": [("low_close", "^RUT", ("quarter", 2026, 1))],
    },
    {"q": "Highest close for the Nasdaq in 2025?", "parts": [("high", "^IXIC", ("year", 2025))]},
    # --- record distance and correction territory
    {"q": "How far is the Nasdaq from its record close?", "parts": [("record", "^IXIC")]},
    {"q": "Is the Russell 2000 in correction territory?", "parts": [("record", "^RUT")]},
    {"q": "how far off its all-time high is the s&p?", "parts": [("record", "^GSPC")]},
    {
        "q": "How far below its record close is the Russell 2000 as of March 31, 2025?",
        "parts": [("record", "^RUT")],
        "as_of": D(2025, 3, 31),
    },
    {"q": "Is the nasdaq in a correction?", "parts": [("record", "^IXIC")], "as_of": D(2025, 4, 8)},
    # --- 200-day and 50-day crosses
    {
        "q": "When did the Russell 2000 last cross below its 200 dma?",
        "parts": [("cross", "^RUT", 200, "below")],
    },
    {
        "q": "Since when has the S&P 500 been above its 200-day average?",
        "parts": [("cross", "^GSPC", 200, "above")],
    },
    {
        "q": "When did the Nasdaq cross above its 50-day moving average?",
        "parts": [("cross", "^IXIC", 50, "above")],
    },
    {"q": "spx crossed below the 50 dma when?", "parts": [("cross", "^GSPC", 50, "below")]},
    {
        "q": "When did the S&P 500 fall below its 200-day moving average?",
        "parts": [("cross", "^GSPC", 200, "below")],
    },
    # --- yields, basis points and the curve
    {
        "q": "How much did the 10-yr yield change this year in basis points?",
        "parts": [("bp", "^TNX", ("ytd",))],
    },
    {
        "q": "How many bps has the 2-year yield moved in Q2 2026?",
        "parts": [("bp", "DGS2", ("quarter", 2026, 2))],
    },
    {
        "q": "By how many percentage points did the 10-year note yield change in 2025?",
        "parts": [("bp", "DGS10", ("year", 2025))],
    },
    {"q": "10-year Treasury note yield change mtd", "parts": [("bp", "DGS10", ("mtd",))]},
    {"q": "What is the 2s10s curve?", "parts": [("curve",)]},
    {"q": "How has the 2s10s spread changed ytd?", "parts": [("curve_change", ("ytd",))]},
    {"q": "2s10s change in 2025, in bp", "parts": [("curve_change", ("year", 2025))]},
    {"q": "what's the 10-yr yield?", "parts": [("level_last", "^TNX")]},
    # --- the Fama/French rolling 10-year share
    {
        "q": "In what share of rolling 10-year windows did small caps beat big caps?",
        "parts": [("share", "SMB")],
    },
    {
        "q": "How often have small stocks outperformed large ones over ten-year periods in the "
        "Fama-French data?",
        "parts": [("share", "SMB")],
    },
    {"q": "fama french rolling 10y share, value over growth", "parts": [("share", "HML")]},
    # --- levels on a date (the date is not the as-of date)
    {
        "q": "Where did the S&P 500 close on June 30, 2026?",
        "parts": [("level", "^GSPC", "2026-06-30")],
    },
    {"q": "What was the VIX on April 8, 2025?", "parts": [("level", "^VIX", "2025-04-08")]},
    {"q": "nasdaq close on 2026-03-03", "parts": [("level", "^IXIC", "2026-03-03")]},
    # --- sectors
    {
        "q": "Which sector led in the first half of 2026?",
        "parts": [("sector_leader", ("half", 2026, 1))],
    },
    # --- multi-part
    {
        "q": "How did the Russell 2000 do ytd, and how far is it from its record close?",
        "parts": [("change", "^RUT", ("ytd",)), ("record", "^RUT")],
    },
    {
        "q": "How did the Nasdaq do in H1 2026 and what was its highest close in that half?",
        "parts": [("change", "^IXIC", ("half", 2026, 1)), ("high", "^IXIC", ("half", 2026, 1))],
    },
    {
        "q": "Did small caps beat large caps in 2025, and what was the S&P 500's return in 2025?",
        "parts": [
            ("spread", ("^RUT", "^GSPC"), ("year", 2025)),
            ("change", "^GSPC", ("year", 2025)),
        ],
    },
    {
        "q": "What's the 2s10s and how much has it changed this year?",
        "parts": [("curve",), ("curve_change", ("ytd",))],
    },
    {
        "q": "How did the Russell 2000 do ytd and what is its P/E?",
        "parts": [("change", "^RUT", ("ytd",))],
        "unanswered": "P/E",
    },
    {
        "q": "How did the S&P 500 do in Q2 2026, and will it rally next quarter?",
        "parts": [("change", "^GSPC", ("quarter", 2026, 2))],
        "unanswered": "will",
    },
    # --- must be declined
    {
        "q": "Will the Russell 2000 outperform next year?",
        "decline": "a forecast: the data hold only what has happened",
    },
    {"q": "Why did small caps rally in July?", "decline": "a cause: the data hold no news"},
    {"q": "What is the S&P 500's forward P/E?", "decline": "a valuation: not in the data"},
    {"q": "How did bitcoin do ytd?", "decline": "bitcoin is not a series in the store"},
    {
        "q": "What's the Sharpe ratio of the Nasdaq over the past 3 years?",
        "decline": "a measure rotoscope does not compute (Sharpe ratio); a change must not "
        "be given instead",
    },
    {
        "q": "What's the Russell 2000's beta to the S&P 500?",
        "decline": "a measure rotoscope does not compute (beta); a spread must not be given",
    },
    {
        "q": "How did the S&P 500 do during the Liberation Day selloff?",
        "decline": "the period is an event the question does not date; year to date must "
        "not be given instead",
    },
    {
        "q": "What was the correlation between XLK and XLE this year?",
        "decline": "a measure rotoscope does not compute (correlation)",
    },
    {
        "q": "How much money flowed into IWM this month?",
        "decline": "fund flows are not in the data",
    },
    {"q": "What was the Nikkei's return in 2025?", "decline": "the Nikkei is not in the store"},
    {
        "q": "How did the Russell 2000 do during the Christmas rally?",
        "decline": "the period is not a date range the question gives",
    },
]

