"""Benchmark: accuracy of the claim checker on the corpus, our own notes and the examples.

For every ``NNN.txt`` of the corpus (``<repo>/../shared/corpus``) runs
``check_text`` as of the date in ``NNN.expected.json`` and scores it with the
rules of the corpus's ``score_check.py`` (re-implemented in :func:`score`): a
claim matches an expected entry when it starts on that line and its claimed
value equals ``number``, or else its span contains ``find``. Beyond correct,
missed and wrong it counts ``false_contradictions`` (expected ``true``, got
contradicted) and ``unverifiable_contradicted`` (expected ``unverifiable``, got
contradicted).

Then it checks our own research note, rendered as Markdown, for each of
``--own-dates`` (any contradicted claim there is a bug of ours), and prints the
verdicts of the example notes in ``../shared/example-reports`` (third-party
notes with real errors: contradictions there are expected).

The last line is ``check_accuracy correct=K/N false_contradictions=F
unverifiable_contradicted=U own_note_contradicted=C``. Exit status 0, or 2 when
the corpus is missing.

Usage: python benchmarks/check_accuracy.py [--corpus DIR] [--files 101,103]
       [--own-dates D1,D2] [--verbose] [--json OUT]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import rotoscope
from rotoscope.exceptions import ReportAuditError
from rotoscope.report import build_note, render_markdown

REPO = Path(__file__).resolve().parent.parent
OK_FOR = {"true": {"confirmed", "approximate"}, "false": {"contradicted"},
          "flag": {"approximate", "contradicted"}, "unverifiable": {"unverifiable"}}


def _num(v: Any) -> float | None:
    """Read a claimed value the way score_check.py does (``1,234.5%`` -> 1234.5)."""
    if isinstance(v, dict):
        v = v.get("value")
    try:
        return float(str(v).replace(",", "").rstrip("%"))
    except (TypeError, ValueError):
        return None


def score(text: str, claims: list[dict[str, Any]],
          expected: list[dict[str, Any]]) -> dict[str, Any]:
    """Score checked claims (``to_dict()["claims"]``) against expected entries.

    The matching rules are those of ``score_check.py``: entries are taken in order
    and each claim matches at most one entry.
    """
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_of(pos: int) -> int:
        return max(bisect.bisect_right(starts, pos), 1)

    def span(c: dict[str, Any]) -> list[int]:
        return list(c.get("span") or [0, 0])

    counts = dict.fromkeys(("correct", "missed", "wrong", "false_contradictions",
                            "unverifiable_contradicted"), 0)
    rows: list[dict[str, Any]] = []
    used: set[int] = set()
    for e in expected:
        cands = [(i, c) for i, c in enumerate(claims)
                 if i not in used and line_of(span(c)[0]) == e["line"]]
        found: tuple[int, dict[str, Any]] | None = None
        if "number" in e:
            target = abs(float(e["number"]))
            found = next(((i, c) for i, c in cands
                          if (v := _num(c.get("claimed"))) is not None
                          and abs(abs(v) - target) < 1e-6), None)
        if found is None and "find" in e:
            needle = e["find"].lower()
            found = next(((i, c) for i, c in cands
                          if needle in text[span(c)[0]:span(c)[1]].lower()), None)
        row = {"line": e["line"], "label": e.get("find", e.get("number")),
               "expected": e["expect"], "got": None, "explanation": None, "claim": None}
        if found is None:
            row["status"] = "missed"
        else:
            used.add(found[0])
            c = found[1]
            got = c.get("verdict")
            row.update(got=got, explanation=str(c.get("explanation", "")), claim=c.get("text"),
                       status="correct" if got in OK_FOR[e["expect"]] else "wrong")
            if got == "contradicted" and e["expect"] in ("true", "unverifiable"):
                key = "false_contradictions" if e["expect"] == "true" else \
                    "unverifiable_contradicted"
                counts[key] += 1
        counts[row["status"]] += 1
        rows.append(row)
    return {**counts, "total": len(expected), "claims": rows}


def _print_rows(rows: list[dict[str, Any]]) -> None:
    """Print misses and wrong verdicts in the format of ``score_check.py``."""
    for r in rows:
        if r["status"] == "missed":
            print(f"  missed  line {r['line']} {r['label']!r} (expect {r['expected']})")
        elif r["status"] == "wrong":
            print(f"  wrong   line {r['line']} {r['label']!r}: got {r['got']}, "
                  f"expect {r['expected']} | {r['explanation'][:140]}")


def _summary_text(summary: dict[str, int]) -> str:
    return "  ".join(f"{k} {v}" for k, v in summary.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus",
                        metavar="DIR", help="corpus directory (default: <repo>/../shared/corpus)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        default=os.environ.get("ROTOSCOPE_DATA_DIR") or REPO.parent / "shared"
                        / "data", help="data mirror; its sibling example-reports/ holds the "
                        "example notes (default: ROTOSCOPE_DATA_DIR, else <repo>/../shared/data)")
    parser.add_argument("--files", default=None, metavar="NNN,...",
                        help="comma-separated corpus files to run, e.g. 101,103 (default: all)")
    parser.add_argument("--own-dates", default="2026-02-09,2026-07-31", metavar="DATE,...",
                        help="comma-separated dates of our own notes to check "
                        "(default: 2026-02-09,2026-07-31)")
    parser.add_argument("--verbose", action="store_true",
                        help="print each missed claim and wrong verdict, and each "
                        "contradicted claim of our own notes")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT",
                        help="write every per-file result, with each scored claim, to OUT")
    args = parser.parse_args()

    texts = sorted(args.corpus.glob("[0-9][0-9][0-9].txt"))
    if args.files:
        wanted = [w.strip() for w in args.files.split(",") if w.strip()]
        texts = [args.corpus / f"{w}.txt" for w in wanted]
    missing = [p for p in texts if not p.is_file() or not p.with_suffix(".expected.json").is_file()]
    if not texts or missing:
        what = f"{missing[0].stem}.txt or its .expected.json" if missing else "NNN.txt files"
        print(f"check_accuracy: corpus missing: no {what} in {args.corpus}", file=sys.stderr)
        sys.exit(2)
    own_dates = [dt.date.fromisoformat(d.strip()) for d in args.own_dates.split(",") if d.strip()]
    reports_dir = Path(args.data_dir).parent / "example-reports"

    start = time.perf_counter()
    out: dict[str, Any] = {"files": {}, "own_notes": {}, "examples": {}}
    totals = dict.fromkeys(("correct", "total", "false_contradictions",
                            "unverifiable_contradicted"), 0)
    own_contradicted = 0
    with rotoscope.open() as rs:
        for path in texts:
            text = path.read_text(encoding="utf-8")
            exp = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
            as_of = exp["as_of"] if isinstance(exp, dict) else None
            expected = exp["claims"] if isinstance(exp, dict) else exp
            result = rs.check_claims(text, as_of=as_of)
            s = score(text, result.to_dict()["claims"], expected)
            out["files"][path.stem] = {"as_of": as_of, **s}
            for k in totals:
                totals[k] += s[k]
            print(f"{path.stem}  correct {s['correct']}/{s['total']}  missed {s['missed']}  "
                  f"wrong {s['wrong']}  false_contra {s['false_contradictions']}  "
                  f"unverif_contra {s['unverifiable_contradicted']}")
            if args.verbose:
                _print_rows(s["claims"])

        for day in own_dates:
            try:
                note = rs.report(day)[0]
                audit = "passed"
            except ReportAuditError as exc:  # still check the note it would have written
                note = build_note(rs.store, rs.universe, day)
                audit = f"FAILED ({len(exc.failures)} problem(s))"
            result = rs.check_claims(render_markdown(note), as_of=day)
            summary = result.summary()
            own_contradicted += summary["contradicted"]
            out["own_notes"][day.isoformat()] = {"audit": audit, "summary": summary,
                                                 "claims": result.to_dict()["claims"]}
            print(f"own note {day}  audit {audit}  claims {len(result.claims)}  "
                  f"{_summary_text(summary)}")
            if args.verbose:
                for c in result.claims:
                    if c.verdict == "contradicted":
                        print(f"  contradicted {c.claim.text(result.text)!r} | "
                              f"{c.explanation[:140]}")

        examples = sorted(reports_dir.glob("*.txt"))
        if not examples:
            print(f"no example notes in {reports_dir}")
        for path in examples:
            result = rs.check_claims(path.read_text(encoding="utf-8"))
            out["examples"][path.name] = {"as_of": result.as_of.isoformat(),
                                          "summary": result.summary()}
            print(f"example {path.name}  as of {result.as_of} ({result.date_source})  "
                  f"claims {len(result.claims)}  {_summary_text(result.summary())}")

    if args.json is not None:
        args.json.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    print(f"elapsed {time.perf_counter() - start:.1f} s")
    print(f"check_accuracy correct={totals['correct']}/{totals['total']} "
          f"false_contradictions={totals['false_contradictions']} "
          f"unverifiable_contradicted={totals['unverifiable_contradicted']} "
          f"own_note_contradicted={own_contradicted}")


if __name__ == "__main__":
    main()
