"""The note's sentences, checked against grammar rules at a spread of dates.

The dates cover the first weeks of the data (the S&P 500 alone in 1928, the
Russell 2000's first weeks in 1987), the 1987 crash, the 2008 crash, the 2020
low, the 1999 melt-up, the 2021 top, the April 2025 sell-off, the example date
and the store's last date, on which most dimensions have no data. Each rule is
a pattern that must not occur in any sentence; each rule is itself tested on a
sentence that breaks it, so none of them can pass vacuously.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rotoscope
from rotoscope.prose import article, plural_subject
from rotoscope.report import Note, render_markdown

DATES = ("1928-01-20", "1987-09-25", "1987-10-19", "1999-12-31", "2008-10-10", "2020-03-23",
         "2021-11-08", "2025-04-08", "2026-02-09", "2026-08-21")

_SINGULAR = (r"(?:value|growth|IWD|IWF|IWM|SPY|QQQ|EFA|RSP|VTV|VUG|ACWX|"
             r"the (?:S&P 500|Russell 2000|Nasdaq Composite|Dow)|"
             r"the (?:equal|cap)-weight S&P 500|the equal-weight index)")
_PLURAL = (r"(?:[Ss]mall caps|[Ll]arge caps|(?:US|international) stocks|"
           r"(?:cyclical|defensive) sectors)")
_NOUNS = r"(?:sessions|cases|runs|years|cycles|members|dimensions|points|Januaries|weeks|days)"

#: name -> (forbidden pattern, a sentence that breaks the rule)
RULES: dict[str, tuple[str, str]] = {
    "one with a plural noun": (rf"\b(?:1|one) {_NOUNS}\b", "It held for 1 sessions."),
    "one consecutive": (r"\bone consecutive\b", "It has won for one consecutive session."),
    "a share of one case": (r"\d+(?:\.\d+)?% of (?:1|one)\b", "They lead in 0% of 1 cases."),
    "in zero cases": (r"\bin (?:0|zero) (?:cases|cycles|years)\b", "It led in 0 cases."),
    "zero of": (r"\b(?:[Oo]nly )?zero of\b", "Only zero of six runs were as long."),
    "plural verb after a singular name": (
        rf"\b{_SINGULAR} (?:have|are|were|lead|trail|lag|point)\b",
        "So value have the wind behind them."),
    "singular verb after a plural subject": (
        rf"\b{_PLURAL} (?:has|is|was|leads|trails|lags|points)\b", "Small caps is ahead."),
    "one session as a leadership duration": (
        r"\bfor (?:one|1) (?:consecutive )?session\b",
        "Cyclical sectors lead defensive sectors (for one session)."),
    "a run as long as itself": (
        r"\bfor (\w+) sessions?[;,] the last run at least as long lasted \1\b",
        "It has led for two sessions; the last run at least as long lasted two sessions."),
    "a theme as an adjective": (r"\b[Tt]he (?:small caps|value|international) ratio\b",
                                "The small caps ratio is 3% above its average."),
    "a before a vowel sound": (r"\ba (?:8|11(?![\d,])|18(?![\d,]))", "SPY traded in a 11.72% "
                               "weekly range."),
    "a doubled word": (r"\b([a-z]+) \1\b", "It is the the largest."),
    "space before punctuation": (r" [,.;:]", "It rose , then fell."),
    "a double space": (r"\S  \S", "It rose  sharply."),
    "empty brackets": (r"\(\s*\)", "It rose ()."),
    "has with a past tense": (r"\bha(?:s|ve) (?:rose|fell|sank|ran|began)\b",
                              "It has rose."),
    "a sentence that starts in lower case": (r"[.!?] [a-z]", "It rose. then it fell."),
    "a loss that leads": (r"\b(?:leads?|leading)\b[^.]{0,60}\bwith a (?:return|gain) of -",
                          "The Dow leads the major indices with a return of -23.54%."),
    "a sign after a verb": (r"\b(?:rose|gained|climbed|advanced|added|fell|declined|lost|"
                            r"dropped|risen|fallen|moved) [+-]\d", "It rose -1.03%."),
}


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.open(store_path)


@pytest.fixture(scope="module")
def notes(audited_note: Callable[[str], Note]) -> dict[str, Note]:
    return {day: audited_note(day) for day in DATES}


def sentences(note: Note) -> list[str]:
    """Return the title, every paragraph's sentences and every table caption."""
    texts = [note.title, *(p.plain() for p in note.paragraphs()),
             *(t.caption for t in note.tables())]
    out: list[str] = []
    for text in texts:
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s]
    return out


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_catches_its_slip(rule: str) -> None:
    pattern, bad = RULES[rule]
    assert re.search(pattern, bad), rule


@pytest.mark.parametrize("day", DATES)
def test_every_sentence_follows_the_rules(notes: dict[str, Note], day: str) -> None:
    broken = [(name, s) for s in sentences(notes[day]) for name, (pattern, _) in RULES.items()
              if re.search(pattern, s)]
    assert not broken, broken


@pytest.mark.parametrize("day", DATES)
def test_no_empty_heading(notes: dict[str, Note], day: str) -> None:
    """Every analysis sub-section says something, if only why it has no reading."""
    for sec in notes[day].sections:
        assert sec.blocks, (day, sec.key)
        for sub in sec.blocks:
            if hasattr(sub, "blocks"):
                assert sub.blocks, (day, sub.key)


def test_the_early_dates_say_why_sections_are_empty(notes: dict[str, Note]) -> None:
    """In 1928 the data hold the S&P 500 only: ^RUT begins 1987-09-10, IWD 2000-05-26."""
    text = "\n".join(sentences(notes["1928-01-20"]))
    assert "There is no value-versus-growth reading as of this date: the data for IWD and " \
        "IWF begin after it." in text
    assert notes["1928-01-20"].title == "Market rotation as of January 20, 1928"


def test_a_one_session_streak_is_not_a_duration(notes: dict[str, Note]) -> None:
    """On 2026-08-21 the Russell 2000 beat the S&P 500 for one session, after a loss.

    _RUT.csv closes: 3032.94 (08-19), 2992.43 (08-20), 3017.87 (08-21);
    _GSPC.csv: 7707.97998, 7641.160156, 7674.370117. On 08-20 ^RUT -1.34% against
    ^GSPC -0.87% (the S&P 500 won); on 08-21 ^RUT +0.85% against +0.43%: a run of
    one. The text says so without "one session" as a length, and the monitoring
    list leaves the one-session streak out.
    """
    rut = (3032.94, 2992.43, 3017.87)
    spx = (7707.97998, 7641.160156, 7674.370117)
    assert rut[1] / rut[0] < spx[1] / spx[0]
    assert rut[2] / rut[1] > spx[2] / spx[1]
    text = "\n".join(sentences(notes["2026-08-21"]))
    assert "On a total-return basis the Russell 2000 beat the S&P 500 in the latest " \
        "session, the first session of a new run." in text
    assert "The streak:" not in text


@pytest.mark.parametrize("day", ["2020-03-23", "2025-04-08", "2026-08-21"])
def test_the_checker_contradicts_nothing_in_the_markdown(rs: rotoscope.Rotoscope,
                                                        notes: dict[str, Note],
                                                        day: str) -> None:
    """The whole Markdown file, methods included, as the claim checker reads it."""
    result = rs.check_claims(render_markdown(notes[day]), as_of=day)
    wrong = [c.explanation for c in result.claims if c.verdict == "contradicted"]
    assert not wrong, wrong
    assert any(c.verdict == "confirmed" for c in result.claims)


@given(st.integers(0, 10**7), st.integers(0, 99))
def test_article_by_sound(whole: int, cents: int) -> None:
    text = f"{whole:,}.{cents:02d}%"
    spoken_with_vowel = str(whole).startswith("8") or \
        f"{whole:,}".split(",")[0] in ("11", "18")
    assert article(text) == ("an" if spoken_with_vowel else "a")


def test_plural_subjects() -> None:
    assert plural_subject("small caps")
    assert plural_subject("US stocks")
    assert plural_subject("defensive sectors")
    assert not plural_subject("value")
    assert not plural_subject("the S&P 500")
    assert not plural_subject("IWD")
    assert not plural_subject("the equal-weight S&P 500")
