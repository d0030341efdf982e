"""Subjects in market prose: held indices by name and ticker, proxies, and the things
the store does not hold (companies, commodities, futures, foreign indices, releases).

Every sentence here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotoscope.exceptions import UniverseError
from rotoscope.language import SubjectMatcher
from rotoscope.language._metrics import find_unknown_subjects, unverifiable_topic
from rotoscope.universe import load_universe

UNIVERSE = load_universe()
MATCHER = SubjectMatcher(UNIVERSE)
TICKERS = {s.upper() for s in UNIVERSE.series}


def _found(text: str) -> list[tuple[str, str, bool]]:
    return [(m.symbol, text[m.span[0]:m.span[1]], m.proxy) for m in MATCHER.find(text)]


def _unknown(text: str, companies: bool = True) -> list[tuple[str, str, str]]:
    known = [m.span for m in MATCHER.find(text)]
    return [(u.kind, u.name, text[u.span[0]:u.span[1]])
            for u in find_unknown_subjects(text, known, TICKERS, companies=companies)]


# ------------------------------------------------------------------------ held indices

@pytest.mark.parametrize(("words", "symbol"), [
    # S&P 500
    ("S&P 500 Index", "^GSPC"), ("S&P 500 index", "^GSPC"), ("the S&P", "^GSPC"),
    ("SPX", "^GSPC"), ("$SPX", "^GSPC"), (".SPX", "^GSPC"), ("^GSPC", "^GSPC"),
    ("INX", "^GSPC"), ("GSPC", "^GSPC"),
    # Dow
    ("DJI", "^DJI"), (".DJI", "^DJI"), ("$DJI", "^DJI"), ("^DJI", "^DJI"),
    ("the Dow Jones Industrial Average", "^DJI"), ("the Dow industrials", "^DJI"),
    ("the blue-chip Dow", "^DJI"), ("DJIA", "^DJI"), ("$DOWI", "^DJI"),
    # Nasdaq Composite
    ("the Nasdaq Composite", "^IXIC"), ("the Nasdaq composite", "^IXIC"),
    ("Nasdaq Composite Index", "^IXIC"), ("COMP", "^IXIC"), (".IXIC", "^IXIC"),
    ("IXIC", "^IXIC"), ("the tech-heavy Nasdaq", "^IXIC"), ("the tech-heavy index", "^IXIC"),
    # Russell 2000
    ("RUT", "^RUT"), ("$RUT", "^RUT"), (".RUT", "^RUT"), ("the Russell 2000 index", "^RUT"),
    ("the small-cap Russell 2000", "^RUT"), ("the Russell", "^RUT"),
    # volatility and rates
    ("the VIX", "^VIX"), ("Cboe Volatility Index", "^VIX"),
    ("10-year yield", "^TNX"), ("10-yr", "^TNX"), ("benchmark 10-year Treasury yield", "^TNX"),
    ("the 10-year note yield", "DGS10"), ("the 2-year", "DGS2"), ("2-year yield", "DGS2"),
    ("two-year note", "DGS2"),
])
def test_held_index_names_and_tickers(words: str, symbol: str) -> None:
    text = f"By the close {words} had moved 1.4% on the session."
    found = MATCHER.find(text)
    assert [m.symbol for m in found] == [symbol]
    start = text.index(words)
    # the mention covers the words (a leading "the" or "benchmark" may stay outside)
    assert start <= found[0].span[0]
    assert found[0].span[1] == start + len(words)
    assert found[0].proxy is False


@pytest.mark.parametrize("words", ["NDX", "the Nasdaq-100", "Nasdaq 100", "Nasdaq-100 index",
                                   "$IUXX"])
def test_nasdaq_100_names_are_measured_on_qqq_as_a_proxy(words: str) -> None:
    text = f"Later on {words} slipped 0.8%."
    assert [(s, p) for s, _, p in _found(text)] == [("QQQ", True)]


def test_the_proxy_flag() -> None:
    # the ETF's own ticker or fund name is the ETF, not a stand-in
    assert _found("QQQ rose") == [("QQQ", "QQQ", False)]
    assert _found("Invesco QQQ rose") == [("QQQ", "Invesco QQQ", False)]
    # sector names stand in for the sector; the ticker is the fund itself
    assert _found("Energy rose") == [("XLE", "Energy", True)]
    assert _found("XLE rose") == [("XLE", "XLE", False)]
    assert _found("the Energy Select Sector SPDR rose") == [
        ("XLE", "Energy Select Sector SPDR", False)]
    # other index names given to an ETF
    assert _found("MSCI EAFE gained") == [("EFA", "MSCI EAFE", True)]
    assert _found("the equal-weight S&P 500 gained") == [("RSP", "equal-weight S&P 500", True)]
    # held indices are never proxies
    assert _found("the Russell 2000 gained") == [("^RUT", "the Russell 2000", False)]
    assert UNIVERSE.is_proxy_alias("QQQ", "Nasdaq-100")
    assert UNIVERSE.is_proxy_alias("QQQ", "the nasdaq-100")
    assert not UNIVERSE.is_proxy_alias("QQQ", "QQQ")
    assert UNIVERSE.is_proxy_alias("XLK", "tech stocks")
    assert not UNIVERSE.is_proxy_alias("XLK", "XLK")
    assert not UNIVERSE.is_proxy_alias("^GSPC", "S&P 500")
    assert not UNIVERSE.is_proxy_alias("NOPE", "anything")


def test_a_ticker_in_parentheses_clears_the_proxy_unless_it_names_the_index() -> None:
    assert _found("the Nasdaq-100 (QQQ) fell") == [("QQQ", "the Nasdaq-100 (QQQ)", False)]
    assert _found("the Nasdaq 100 (NDX) fell") == [("QQQ", "Nasdaq 100 (NDX)", True)]
    found = MATCHER.find("the Nasdaq 100 (NDX) fell")
    assert found[0].ticker is True


@pytest.mark.parametrize(("text", "expected"), [
    ("the S&P 500 (SPX, SPY) added 0.6%", [("^GSPC", "the S&P 500 (SPX, SPY)", False)]),
    ("Russell 2000 (^RUT; IWM) lost 1.1%", [("^RUT", "Russell 2000 (^RUT; IWM)", False)]),
    ("the Dow Jones Industrial Average ($DOWI) (DIA) dipped",
     [("^DJI", "Dow Jones Industrial Average ($DOWI) (DIA)", False)]),
    ("the Nasdaq-100 (NDX, QQQ) rallied", [("QQQ", "the Nasdaq-100 (NDX, QQQ)", True)]),
    # one ticker alone still decides, as before
    ("the S&P 500 (SPY) added 0.6%", [("SPY", "the S&P 500 (SPY)", False)]),
    ("the S&P 500 (SPX) added 0.6%", [("^GSPC", "the S&P 500 (SPX)", False)]),
])
def test_an_index_followed_by_its_tickers_is_one_mention_of_the_index(
        text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert _found(text) == expected
    assert all(m.ticker for m in MATCHER.find(text))


@pytest.mark.parametrize("text", [
    "we were stuck in a rut for weeks", "comp time is paid", "the inx file", "a spy novel",
    "RUTX and COMPS and SPXL", "the dowager sold",
])
def test_short_tickers_match_only_as_whole_upper_case_words(text: str) -> None:
    assert MATCHER.find(text) == []


def test_the_s_and_p_does_not_swallow_longer_names() -> None:
    assert _found("the S&P 500 rose") == [("^GSPC", "the S&P 500", False)]
    assert _found("the S&P MidCap 400 rose") == [("MDY", "S&P MidCap 400", True)]
    assert _found("the S&P 500 Equal Weight rose") == [("RSP", "S&P 500 Equal Weight", True)]
    # a sector of the S&P 500 is the sector's ETF, one mention
    assert _found("the S&P 500 energy sector rose 2%") == [
        ("XLE", "the S&P 500 energy sector", True)]
    assert _found("the S&P 500's tech sector rose 2%") == [
        ("XLK", "the S&P 500's tech sector", True)]


def test_the_nasdaq_100_is_not_the_nasdaq() -> None:
    assert _found("the Nasdaq 100 closed higher") == [("QQQ", "Nasdaq 100", True)]
    assert _found("the Nasdaq closed higher") == [("^IXIC", "the Nasdaq", False)]
    assert _found("the tech-heavy Nasdaq-100 closed higher") == [
        ("QQQ", "the tech-heavy Nasdaq-100", True)]


@pytest.mark.parametrize("text", [
    "S&P 500 futures were 0.3% higher", "E-mini S&P contracts slid", "Dow futures rose 120 points",
    "Nasdaq futures gained 0.5%", "futures tied to the Russell 2000 fell",
    "Dow Jones Market Data shows", "according to Dow Jones Newswires", "the Global Dow rose",
    "Nasdaq-listed shares", "the 10-year average return", "its 2-year high",
    "Nvidia (NASDAQ: NVDA) rose", "10-year note futures slipped", "VIX futures rose",
])
def test_names_that_are_not_the_held_index(text: str) -> None:
    held = ("^GSPC", "^DJI", "^IXIC", "^RUT", "^VIX", "^TNX", "DGS2", "DGS10")
    assert [m.symbol for m in MATCHER.find(text) if m.symbol in held] == []


# -------------------------------------------------------------------- unknown subjects

@pytest.mark.parametrize(("text", "expected"), [
    ("Nvidia climbed 3.2% on the day.", [("company", "Nvidia", "Nvidia")]),
    ("NVDA climbed 3.2% on the day.", [("company", "NVDA", "NVDA")]),
    ("XOM.N lost 1.5%.", [("company", "XOM.N", "XOM.N")]),
    ("Exxon Mobil (XOM) lost 1.5%.", [("company", "Exxon Mobil (XOM)", "Exxon Mobil (XOM)")]),
    ("Caterpillar added 2%.", [("company", "Caterpillar", "Caterpillar")]),
    ("Deere shares added 2%.", [("company", "Deere", "Deere")]),
    ("shares of Apple rose 1%.", [("company", "Apple", "Apple")]),
    ("shares of Zebra Widgets rose 1%.", [("company", "Zebra Widgets", "Zebra Widgets")]),
    ("Tesla Inc fell 4%.", [("company", "Tesla Inc", "Tesla Inc")]),
    ("Acme Robotics Corp. fell 4%.", [("company", "Acme Robotics Corp.", "Acme Robotics Corp.")]),
])
def test_companies_and_their_tickers(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _unknown(text) == expected


def test_companies_are_found_only_when_asked_for() -> None:
    assert _unknown("Nvidia climbed 3.2%.", companies=False) == []
    # a ticker in parentheses keeps its own name without companies (the question
    # answerer looks it up among the index members)
    assert _unknown("Exxon Mobil (XOM) lost 1.5%.", companies=False) == [
        ("ticker", "XOM", "XOM")]


@pytest.mark.parametrize("text", [
    "On Monday, stocks rose.", "In March shares rallied.", "US stocks rose 1%.",
    "Energy stocks gained 2%.", "The Nasdaq stock market opened.", "Small-cap shares rose.",
    "Investors bought shares of the S&P 500 fund.", "Friday shares slid.",
    "Chinese shares fell.", "The Russell 2000 rose 1%.", "Global stock markets rallied.",
])
def test_the_company_detector_is_conservative(text: str) -> None:
    assert [u for u in _unknown(text) if u[0] == "company"] == []


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("Oil rose 2% overnight.", "commodity", "Oil"),
    ("Brent crude settled at $82.10.", "commodity", "Brent crude"),
    ("WTI slipped 1%.", "commodity", "WTI"),
    ("gold hit a record.", "commodity", "gold"),
    ("silver jumped 3%.", "commodity", "silver"),
    ("copper prices eased.", "commodity", "copper prices"),
    ("bitcoin dropped 6%.", "commodity", "bitcoin"),
    ("S&P 500 futures were up 0.3%.", "futures", "S&P 500 futures"),
    ("the E-mini traded lower.", "futures", "E-mini"),
    ("Dow futures shed 90 points.", "futures", "Dow futures"),
    ("Nasdaq futures added 0.4%.", "futures", "Nasdaq futures"),
    ("the Nasdaq 100 E-mini futures added 0.4%.", "futures", "Nasdaq 100 E-mini futures"),
    ("the Stoxx 600 rose 0.7%.", "index", "Stoxx 600"),
    ("the FTSE 100 rose 0.7%.", "index", "FTSE 100"),
    ("the Nikkei 225 rose 0.7%.", "index", "Nikkei 225"),
    ("the DAX rose 0.7%.", "index", "DAX"),
    ("the Hang Seng rose 0.7%.", "index", "Hang Seng"),
    ("the KOSPI rose 0.7%.", "index", "KOSPI"),
    ("the Shanghai Composite rose 0.7%.", "index", "Shanghai Composite"),
    ("the TSX rose 0.7%.", "index", "TSX"),
    ("the ISM manufacturing index came in at 49.8.", "economic", "ISM manufacturing index"),
    ("nonfarm payrolls grew by 150,000.", "economic", "nonfarm payrolls"),
    ("core CPI rose 0.3%.", "economic", "core CPI"),
    ("PCE rose 0.2%.", "economic", "PCE"),
    ("jobless claims fell to 210,000.", "economic", "jobless claims"),
    ("the CME FedWatch tool shows 65%.", "economic", "CME FedWatch tool"),
])
def test_things_the_store_does_not_hold(text: str, kind: str, name: str) -> None:
    found = _unknown(text, companies=False)
    assert found == [(kind, name, name)]


def test_futures_own_the_number_not_the_index_they_track() -> None:
    text = "S&P 500 futures rose 0.4% while the S&P 500 itself ended flat."
    assert _found(text) == [("^GSPC", "the S&P 500", False)]
    unknown = find_unknown_subjects(text, [m.span for m in MATCHER.find(text)], TICKERS)
    assert [(u.name, u.span, u.kind) for u in unknown] == [("S&P 500 futures", (0, 15),
                                                            "futures")]


def test_unknown_spans_and_held_names_together() -> None:
    text = "The Dow gained 0.5%, Nvidia rose 4% and oil slid 2%; the FTSE 100 closed flat."
    assert _found(text) == [("^DJI", "The Dow", False)]
    found = find_unknown_subjects(text, [m.span for m in MATCHER.find(text)], TICKERS,
                                  companies=True)
    assert [(u.name, text[u.span[0]:u.span[1]], u.kind) for u in found] == [
        ("Nvidia", "Nvidia", "company"), ("oil", "oil", "commodity"),
        ("FTSE 100", "FTSE 100", "index")]
    assert found[0].span == (text.index("Nvidia"), text.index("Nvidia") + len("Nvidia"))


def test_oil_and_gold_stocks_are_not_the_commodity() -> None:
    assert _unknown("oil stocks and gold miners rose", companies=False) == []
    assert _unknown("a silver lining for oil-and-gas producers", companies=False) == []


def test_an_unknown_name_and_its_ticker_are_one_subject() -> None:
    assert _unknown("WTI crude oil (CL=F) settled higher", companies=False) == [
        ("commodity", "WTI crude oil (CL=F)", "WTI crude oil (CL=F)")]


def test_headline_words_do_not_extend_a_held_index() -> None:
    assert _unknown("Nasdaq Composite Today: stocks slip") == []
    assert _unknown("S&P 500 6,612.40 and Russell 2000 2,480.11") == []
    assert _unknown("the Russell Top 200 rose 1%", companies=False) == [
        ("index", "Russell Top 200", "Russell Top 200")]


@pytest.mark.parametrize(("text", "word"), [
    ("traders saw a 70% probability of a cut", "probability"),
    ("the odds of a hike fell to 20%", "odds"),
    ("about 17 billion shares changed hands", "billion"),
    ("earnings growth of 11%", "earnings"),
    ("EPS rose 9%", "EPS"),
    ("a 25% tariff on imports", "25% tariff"),
    ("the company's market value rose to $3 trillion", "market value"),
    ("the ISM index rose to 51", "ISM"),
    ("PCE inflation ran at 2.6%", "PCE"),
    ("jobless claims fell by 5,000", "jobless claims"),
])
def test_non_price_numbers_are_unverifiable_topics(text: str, word: str) -> None:
    found = unverifiable_topic(text)
    assert found is not None
    assert text[found[1][0]:found[1][1]] == word


def test_a_tariff_headline_alone_does_not_make_a_move_unverifiable() -> None:
    assert unverifiable_topic("the S&P 500 fell 1.2% on tariff worries") is None


# ----------------------------------------------------------------------------- universe

def test_proxy_aliases_are_aliases_and_must_be_unique(tmp_path: Path) -> None:
    assert UNIVERSE.alias_map()["nasdaq-100"] == "QQQ"
    text = (Path(str(UNIVERSE.path))).read_text()
    path = tmp_path / "u.toml"
    path.write_text(text.replace('"Nasdaq 100 ETF"]', '"Nasdaq 100 ETF"]\n', 1).replace(
        'proxy_aliases = ["MSCI EAFE",', 'proxy_aliases = ["Nasdaq-100", "MSCI EAFE",', 1))
    with pytest.raises(UniverseError, match=r"series\.EFA\.proxy_aliases"):
        load_universe(path)


# ------------------------------------------------------------------ property: filler

_HELD_INDICES = [s for s, meta in UNIVERSE.series.items() if meta.kind in ("index",
                                                                            "volatility")]
_INDEX_ALIASES = sorted({(a, s) for s in _HELD_INDICES
                         for a in (s, UNIVERSE.series[s].name, *UNIVERSE.series[s].aliases)})
_FILLER = ["the", "market", "moved", "quietly", "after", "lunch", "while", "traders",
           "watched", "screens", "and", "then", "it", "was", "a", "calm", "day", "for",
           "many", "people", "in", "on", "with", "slowly", "again", "session", "closed"]


@given(st.sampled_from(_INDEX_ALIASES), st.lists(st.sampled_from(_FILLER), max_size=8),
       st.lists(st.sampled_from(_FILLER), max_size=8))
@settings(max_examples=300)
def test_a_held_index_alias_in_filler_is_exactly_that_index(
        alias_symbol: tuple[str, str], before: list[str], after: list[str]) -> None:
    alias, symbol = alias_symbol
    text = " ".join([*before, alias, *after]) + "."
    found = MATCHER.find(text)
    assert [m.symbol for m in found] == [symbol], (text, found)
    start = len(" ".join(before)) + (1 if before else 0)
    assert found[0].span[0] <= start + len(alias)
    assert found[0].span[1] >= start
