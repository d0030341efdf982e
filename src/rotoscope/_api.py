"""The one library object behind the CLI and the web app."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from rotoscope.config import default_data_dir, store_path
from rotoscope.exceptions import (
    MirrorFormatError,
    QueryError,
    ReportAuditError,
)
from rotoscope.store import PRICE_FIELDS, Store
from rotoscope.universe import Universe, load_universe

__all__ = ["CheckReport", "DataCheckReport", "Rotoscope", "init_store", "open_store"]

if TYPE_CHECKING:
    # Imported where used: a command loads only the modules it runs.
    import polars as pl

    from rotoscope.analytics.engine import FactSet
    from rotoscope.analytics.panel import Engine, PanelResult
    from rotoscope.ask import Answer, Asker, LLMBackend
    from rotoscope.check import CheckResult
    from rotoscope.report import AuditResult, Note
    from rotoscope.store import BuildResult, CheckThresholds, CoverageRow, Finding, Progress


@dataclass
class DataCheckReport:
    """Result of a data-quality check (``rotoscope data check``): what was checked and found.

    Returned by :meth:`Rotoscope.check_data`; the check of a text's claims is
    :meth:`Rotoscope.check_claims` and returns a :class:`~rotoscope.check.CheckResult`.
    """

    target: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """Number of warning findings."""
        return sum(f.severity == "warning" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "target": self.target,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
        }


def init_store(
    data_dir: str | Path | None = None,
    *,
    store: str | Path | None = None,
    universe: Universe | str | Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build or refresh the store from a data mirror (a no-op when nothing changed).

    Parameters
    ----------
    data_dir
        The mirror; default ``ROTOSCOPE_DATA_DIR`` or ``../shared/data``.
    store
        The store file; default ``$ROTOSCOPE_HOME/rotoscope.duckdb``.
    universe
        A loaded universe or a path to a universe file; default the shipped one.
    force
        Rebuild even when the mirror, universe and schema are unchanged.
    progress
        Callback ``(description, done, total)``.
    """
    from rotoscope.store import build_store

    root = default_data_dir(data_dir)
    uni = universe if isinstance(universe, Universe) else load_universe(universe)
    target = Path(store) if store is not None else store_path()
    return build_store(root, target, uni, force=force, progress=progress)


def check_mirror(
    data_dir: Path, universe: Universe, thresholds: CheckThresholds | None = None
) -> DataCheckReport:
    """Check a mirror's files: structure (with line and column) and content."""
    import polars as pl

    from rotoscope.store import Finding, check_prices, discover, parse_file

    report = DataCheckReport(target=str(data_dir))
    frames: list[pl.DataFrame] = []
    for mf in discover(data_dir):
        try:
            parsed = parse_file(mf)
        except MirrorFormatError as exc:
            report.findings.append(
                Finding("error", "structure", mf.rel, 1, None, None, str(exc))
            )
            continue
        if parsed.duplicates_collapsed:
            report.findings.append(Finding(
                "warning", "duplicate_date", mf.rel, parsed.duplicates_collapsed, None, None,
                f"{parsed.duplicates_collapsed} exact duplicate row(s) collapsed on loading",
            ))
        if parsed.table == "prices":
            frames.append(parsed.frame)
    if frames:
        kinds = {s: m.kind for s, m in universe.series.items()}
        report.findings += check_prices(pl.concat(frames), thresholds, kinds)
    report.findings.sort(key=lambda f: (f.severity != "error", f.symbol, f.check))
    return report


class Rotoscope:
    """An open store plus its universe: the object every interface talks to.

    Use :func:`rotoscope.open_store` to get one. It is a context manager.

    Parameters
    ----------
    store
        Path of the DuckDB store.
    universe
        The universe, or a path to a universe file.
    """

    def __init__(self, store: Path, universe: Universe | str | Path | None = None) -> None:
        self.universe = universe if isinstance(universe, Universe) else load_universe(universe)
        self.store = Store(store)
        self._asker: Asker | None = None

    def __enter__(self) -> Rotoscope:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the store connection."""
        self.store.close()

    @property
    def last_date(self) -> dt.date:
        """The newest date of any price series in the store."""
        return self.store.price_range()[1]

    def prices(
        self,
        symbol: str | Sequence[str],
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        fields: tuple[str, ...] = PRICE_FIELDS,
    ) -> pl.DataFrame:
        """Return daily prices as a Polars frame (``.to_pandas()`` for pandas).

        Parameters
        ----------
        symbol
            A series symbol (``^RUT``, ``SPY``, ``DGS10``), case-insensitive, or a
            list of them: then one long frame with a leading ``symbol`` column
            (the stored spelling), in the order given. Macro series bring a
            ``value`` column, null on the price series' rows.
        start, end
            Inclusive bounds, as dates or ISO strings.
        fields
            Price columns to return; ``close`` is the raw traded close and
            ``adj_close`` the dividend-adjusted one. They are never substituted.

        Raises
        ------
        UnknownSymbolError
            For a symbol the store does not hold; the message names it. Nothing
            is returned for the others.
        QueryError
            For an empty list or an entry that is not a string.
        """
        first, last = _as_date(start), _as_date(end)
        if isinstance(symbol, str):
            return self.store.prices(symbol, first, last, fields)
        names = list(symbol)
        if not names:
            raise QueryError("prices() was given no symbols")
        bad = [repr(n) for n in names if not isinstance(n, str)]
        if bad:
            raise QueryError(f"prices() takes symbols as strings; got {', '.join(bad)}")
        resolved = [self.store.resolve(n) for n in names]  # every name checked first
        import polars as pl

        frames = [
            self.store.prices(s, first, last, fields).select(pl.lit(s).alias("symbol"), pl.all())
            for s in dict.fromkeys(resolved)
        ]
        return pl.concat(frames, how="diagonal_relaxed")

    def facts(
        self,
        as_of: dt.date | str | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> FactSet:
        """Compute every fact of the universe as of a date (default: the last in the store).

        Raises
        ------
        DateOutOfRangeError
            For a date before the store's first or after its last date.
        """
        from rotoscope.analytics.engine import compute_facts

        day = _as_date(as_of) or self.last_date
        return compute_facts(self.store, self.universe, day, progress)

    def dashboard(self, as_of: dt.date | str | None = None,
                  facts: FactSet | None = None) -> dict[str, Any]:
        """Return what the web app's dashboard draws for a date, ready for JSON.

        The headline table and the heat map are facts of the date, each with its
        id and a description of its inputs; the chart series (closes, pair
        ratios, weekly RRG coordinates, outperformance runs, breadth) run up to
        the date and never past it. ``facts`` are the date's facts when already
        computed (default: the date is ``facts.as_of``).

        Raises
        ------
        DateOutOfRangeError
            For a date before the store's first or after its last date.
        """
        from rotoscope._dashboard import dashboard
        from rotoscope.analytics import PointInTime

        day = _as_date(as_of) or (facts.as_of if facts is not None else self.last_date)
        if facts is None or facts.as_of != day:
            facts = self.facts(day)
        return dashboard(PointInTime(self.store, day), self.universe, facts)

    def check_claims(self, text: str, as_of: dt.date | str | None = None, *,
                     max_claims: int | None = None,
                     seconds: float | None = None) -> CheckResult:
        """Check every numeric claim in a text against the data (``rotoscope check``).

        The as-of date is ``as_of`` when given, else the text's dateline, else
        the store's last date. ``max_claims`` and ``seconds`` bound the work
        (``TooMuchWorkError`` past them; the web app's limits per request). See
        :func:`rotoscope.check.check_text`.
        """
        from rotoscope.check import check_text

        return check_text(self.store, self.universe, text, _as_date(as_of),
                          max_claims=max_claims, seconds=seconds)

    def check_text(self, text: str, as_of: dt.date | str | None = None) -> CheckResult:
        """Check a text's claims: the former name of :meth:`check_claims`, kept for one release.

        .. deprecated:: 0.2.0
           Use :meth:`check_claims`.
        """
        warnings.warn("Rotoscope.check_text() is deprecated; use Rotoscope.check_claims()",
                      DeprecationWarning, stacklevel=2)
        return self.check_claims(text, as_of)

    def ask(self, question: str, as_of: dt.date | str | None = None,
            llm: LLMBackend | Literal["env"] | None = "env") -> Answer:
        """Answer a question about the data in cited sentences, or decline it.

        Parameters
        ----------
        question
            The question, as a person would write it.
        as_of
            The date to answer as of (default: the store's last date). A date in
            the question is a period or the session asked about, never the as-of
            date.
        llm
            A language model backend; ``"env"`` (the default) uses the one
            ``ROTOSCOPE_LLM_URL`` and ``ROTOSCOPE_LLM_MODEL`` configure, if any;
            ``None`` turns it off.
        """
        from rotoscope.ask import Asker, LLMBackend

        backend = LLMBackend.from_env() if llm == "env" else llm
        if self._asker is None or self._asker.llm != backend:
            self._asker = Asker(self.store, self.universe, backend)
        return self._asker.ask(question, _as_date(as_of))

    def report(self, as_of: dt.date | str | None = None,
               generated_at: str | None = None,
               facts: FactSet | None = None) -> tuple[Note, AuditResult]:
        """Write the research note for a date and audit it against the store.

        Parameters
        ----------
        as_of
            The note's date (default: the store's last date).
        generated_at
            The generation stamp printed in the note (default: the as-of date),
            so the same store and date always give the same file.
        facts
            The date's facts when already computed (:meth:`facts`); computed
            otherwise.

        Raises
        ------
        ReportAuditError
            When a number in the note is not a fact or the claim checker does not
            confirm it. Nothing should be published then.
        DateOutOfRangeError
            For a date outside the data.
        """
        from rotoscope.report import audit_note, build_note

        day = _as_date(as_of) or self.last_date
        note = build_note(self.store, self.universe, day, generated_at, facts)
        audit = audit_note(note, self.store, self.universe)
        if not audit.ok:
            raise ReportAuditError(day, audit.failures)
        return note, audit

    def panel(self, as_of: dt.date | str | None = None, benchmark: str = "SPY",
              engine: Engine = "duckdb", master: str = "local[*]") -> PanelResult:
        """Compute the S&P 500 member panel: a snapshot per member and daily breadth.

        See :func:`rotoscope.analytics.panel.member_panel`. ``engine="spark"``
        runs the same expressions on Spark (``pip install 'rotoscope[spark]'``).
        """
        from rotoscope.analytics.panel import member_panel

        day = _as_date(as_of)
        return member_panel(self.store, day, self.store.resolve(benchmark), engine, master)

    def status(self, include_members: bool = False) -> list[CoverageRow]:
        """Return one coverage row per series of the store."""
        return self.store.coverage(include_members=include_members)

    def check_data(
        self, data_dir: str | Path | None = None, thresholds: CheckThresholds | None = None
    ) -> DataCheckReport:
        """Check data quality (``rotoscope data check``).

        The mirror's files at ``data_dir`` when given (structure, with line and
        column, and content), else the store's contents.
        """
        from rotoscope.store import check_prices

        if data_dir is not None:
            return check_mirror(Path(data_dir), self.universe, thresholds)
        kinds = self.store.series_kinds()
        findings = check_prices(self.store.all_prices(), thresholds, kinds)
        return DataCheckReport(target=str(self.store.path), findings=findings)

    def check(
        self, data_dir: str | Path | None = None, thresholds: CheckThresholds | None = None
    ) -> DataCheckReport:
        """Check data quality: the former name of :meth:`check_data`, kept for one release.

        .. deprecated:: 0.2.0
           Use :meth:`check_data` (and :meth:`check_claims` to check a text).
        """
        warnings.warn("Rotoscope.check() is deprecated; use Rotoscope.check_data() for data "
                      "quality or Rotoscope.check_claims() for a text's claims",
                      DeprecationWarning, stacklevel=2)
        return self.check_data(data_dir, thresholds)


#: The former name of :class:`DataCheckReport`, kept for one release.
CheckReport = DataCheckReport


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise QueryError(f"'{value}' is not an ISO date (YYYY-MM-DD)") from exc


def open_store(
    store: str | Path | None = None, universe: Universe | str | Path | None = None
) -> Rotoscope:
    """Open the store (default ``$ROTOSCOPE_HOME/rotoscope.duckdb``) for reading.

    Raises
    ------
    StoreMissingError
        When no store has been built yet.
    """
    return Rotoscope(Path(store) if store is not None else store_path(), universe)
