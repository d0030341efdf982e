"""Benchmark: how many questions of ``ask_questions.toml`` ``ask`` answers as asked.

Every question is asked through the library (``Rotoscope.ask``), as of the
store's last date unless the entry gives ``as_of``. An answered question is
**correct** when its lead fact (the first number of the answer) is the first
expected part: the same measure, subjects and period (first and last date
read) and a value within the part's tolerance, and every further part is one
of the answer's facts; an entry with ``unanswered`` must also name the part
it cannot answer. A question that must be declined is correct only when
declined. An answer is **substituted** when it is about a measure or period
other than the one asked (or answers a question that must be declined).

The expected values come from ``benchmarks/_ask_expected.py``, which reads the
mirror's CSV files without rotoscope.

The last line is ``ask_accuracy correct=K/N substituted=S``.

Usage: python benchmarks/ask_accuracy.py [--questions FILE] [--only q001,q002] [--verbose]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from pathlib import Path
from typing import Any

import rotoscope

HERE = Path(__file__).resolve().parent


def measure_of(fact: dict[str, Any]) -> str:
    """Return the benchmark's name for what a fact measures."""
    kind, method = str(fact.get("kind", "")), str(fact.get("method", ""))
    params = fact.get("params") or {}
    if kind == "return":
        return {"price_return": "price_change", "total_return": "total_return"}.get(
            method, method)
    if kind == "spread":
        return "spread"
    if kind in ("level", "macro.level"):
        return "level"
    if method == "period_extreme":
        return f"{params.get('side')}est_close"
    if kind == "tech.drawdown_record":
        return "record_distance"
    if method == "sma_cross":
        return f"cross_{params.get('direction')}_sma{params.get('sessions')}"
    if method == "yield_change":
        return "yield_change"
    if method == "yield_spread":
        return "curve"
    if method == "yield_spread_change":
        return "curve_change"
    if method == "rolling_window_share" and kind.endswith(".share"):
        return "rolling_share"
    return f"{kind}/{method}"


def period_of(fact: dict[str, Any]) -> tuple[str | None, str | None]:
    """Return the first and last date a fact read."""
    inputs = fact.get("inputs") or []
    if not inputs:
        return None, None
    return min(i["first"] for i in inputs), max(i["last"] for i in inputs)


def _value(fact: dict[str, Any], unit: str) -> float | str:
    value = fact.get("value")
    if unit == "date" or isinstance(value, str):
        return str(value)
    assert isinstance(value, int | float)
    if unit == "bp" and fact.get("unit") == "pp":
        return float(value) * 100.0
    return float(value)


def matches(fact: dict[str, Any], part: dict[str, Any]) -> tuple[bool, bool, str]:
    """Return (correct, substituted, why) for one fact against one expected part."""
    got = measure_of(fact)
    if got != part["measure"]:
        return False, True, f"measure {got}, expected {part['measure']}"
    first, last = period_of(fact)
    if "start" in part and first != str(part["start"]):
        return False, True, f"period starts {first}, expected {part['start']}"
    if "end" in part and last != str(part["end"]):
        return False, True, f"period ends {last}, expected {part['end']}"
    subjects = list(fact.get("subjects") or [])
    if subjects != list(part["subjects"]):
        return False, False, f"subjects {subjects}, expected {part['subjects']}"
    value = _value(fact, part["unit"])
    want = part["value"]
    if part["unit"] == "date":
        ok = value == str(want)
    else:
        ok = isinstance(value, float) and abs(value - float(want)) <= float(part["tolerance"])
    if not ok:
        return False, False, f"value {value}, expected {want}"
    return True, False, "ok"


def score(entry: dict[str, Any], answer: Any) -> tuple[bool, bool, str]:
    """Return (correct, substituted, why) for one question."""
    if entry.get("decline"):
        if answer.answerable:
            return False, True, "answered a question that must be declined"
        return True, False, "declined"
    if not answer.answerable:
        return False, False, "declined: " + answer.answer[:160]
    if not answer.facts:
        return False, False, "no facts"
    parts = entry["part"]
    ok, sub, why = matches(answer.facts[0], parts[0])
    if not ok:
        return ok, sub, "lead: " + why
    for p in parts[1:]:
        hits = [matches(f, p) for f in answer.facts]
        if not any(h[0] for h in hits):
            return False, False, f"part {p['measure']} {p['subjects']} missing"
    if entry.get("unanswered"):
        said = " ".join([answer.answer, *answer.notes]).lower()
        if str(entry["unanswered"]).lower() not in said:
            return False, False, f"does not say it cannot answer “{entry['unanswered']}”"
    if not answer.verification.get("ok", False):
        return False, False, "the answer fails its own audit: " + str(
            answer.verification.get("failures"))[:200]
    return True, False, "ok"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=HERE / "ask_questions.toml")
    ap.add_argument("--only", default="")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    entries = tomllib.loads(args.questions.read_text())["question"]
    if args.only:
        keep = set(args.only.split(","))
        entries = [e for e in entries if e["id"] in keep]
    rs = rotoscope.open()
    correct = substituted = 0
    for entry in entries:
        as_of = entry.get("as_of")
        try:
            answer = rs.ask(entry["text"], as_of=as_of if isinstance(as_of, dt.date) else None,
                            llm=None)
        except Exception as exc:  # a crash is a wrong answer, and the run goes on
            print(f"{entry['id']} ERROR {entry['text']!r}: {type(exc).__name__}: {exc}"[:300])
            continue
        ok, sub, why = score(entry, answer)
        correct += ok
        substituted += sub
        mark = "ok   " if ok else ("SUBST" if sub else "WRONG")
        print(f"{entry['id']} {mark} {entry['text']!r}: {why}")
        if args.verbose and not ok:
            print("      " + answer.answer.replace("\n", " ")[:400])
    print(f"ask_accuracy correct={correct}/{len(entries)} substituted={substituted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
