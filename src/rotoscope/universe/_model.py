"""Validated model of the universe TOML file.

The file ships in the package (``default.toml``); a user can point to their own
with ``--universe PATH`` or ``ROTOSCOPE_UNIVERSE``. Every key is validated on load
and an error names the key at fault.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rotoscope.exceptions import UniverseError

__all__ = ["NoteSubjects", "Pair", "SeriesMeta", "Universe", "load_universe"]

Kind = Literal["index", "etf", "rate", "fx", "volatility", "breadth", "stock"]
Category = Literal[
    "size", "style", "sector", "region", "rates", "dollar", "volatility", "broad", "breadth"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeriesMeta(_Strict):
    """Metadata of one series: what it is and what people call it."""

    name: str = Field(min_length=1)
    #: How prose names the series in passing ("Dow"); ``name`` when not given.
    prose_name: str | None = Field(None, min_length=1)
    kind: Kind
    category: Category
    size: Literal["small", "mid", "large"] | None = None
    style: Literal["value", "growth"] | None = None
    sector: str | None = None
    group: Literal["cyclical", "defensive"] | None = None
    region: str | None = None
    tracks: str | None = None
    unit: Literal["percent", "level"] = "level"
    currency: str = "USD"
    aliases: tuple[str, ...] = ()
    #: Names of something the series only stands in for: the index an ETF tracks when
    #: the universe holds no series of that index ("Nasdaq-100" for QQQ). A figure
    #: named this way is measured on the series as a proxy.
    proxy_aliases: tuple[str, ...] = ()

    @field_validator("aliases", "proxy_aliases")
    @classmethod
    def _aliases_not_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for alias in value:
            if not alias.strip():
                raise ValueError("an alias is blank")
        return value


class Pair(_Strict):
    """A rotation pair: ``a`` minus ``b``; positive means ``a`` led."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    dimension: str = Field(min_length=1)
    a: str
    b: str
    label: str
    primary: bool = False


class _Sectors(_Strict):
    benchmark: str
    members: tuple[str, ...] = Field(min_length=1)


class RegimeDimension(_Strict):
    """One rotation dimension of the regime: a pair (or the sector groups) and its sides."""

    pair: str = Field(min_length=1, description="a pair id, or 'sectors' for cyclical "
                      "minus defensive")
    a_name: str = Field(min_length=1)
    b_name: str = Field(min_length=1)


class RegimeConfig(_Strict):
    """Regime rules' thresholds (see :mod:`rotoscope.analytics.regime`)."""

    dimensions: dict[str, RegimeDimension] = Field(min_length=1)
    broad_min_agree: int = Field(3, ge=1)
    structural_min_sessions: int = Field(63, ge=1)
    strong_z: float = Field(1.0, gt=0)
    breadth_confirm_pct_above_200: float = Field(50.0, ge=0, le=100)


class NoteSubjects(_Strict):
    """What the research note writes about, by symbol or pair id (the ``[note]`` table).

    A universe file without the table gets the default universe's subjects.
    """

    indices: tuple[str, ...] = Field(("^GSPC", "^IXIC", "^DJI", "^RUT"), min_length=1,
                                     description="the index table, first the headline index")
    size: str = Field("size-rut-gspc", description="the small-versus-large pair")
    style: str = Field("style-iwd-iwf", description="the value-versus-growth pair")
    style_alt: str = Field("style-vtv-vug", description="a second value-versus-growth pair")
    international: tuple[str, ...] = Field(
        ("intl-efa-spy", "intl-acwx-spy"), min_length=2, max_length=2,
        description="international-versus-US pairs: developed markets, then the broader one")
    equal_weight: str = Field("breadth-rsp-spy",
                              description="the equal-weight versus cap-weight pair")
    technicals: tuple[str, ...] = Field(("SPY", "IWM", "QQQ"), min_length=1,
                                        description="the funds of the technical section")
    tickers: tuple[str, ...] = Field(("SPY", "IWM", "QQQ", "IWD", "IWF", "EFA"),
                                     description="the related tickers listed with the note")
    monitor: tuple[str, ...] = Field(("size-iwm-spy", "style-iwd-iwf", "intl-efa-spy"),
                                     description="the pairs whose ratio the monitoring list "
                                     "watches against its 50-session average")
    rates: tuple[str, ...] = Field(("DGS10", "DGS2"), min_length=2, max_length=2,
                                   description="the ten-year and the two-year yield")


class _Header(_Strict):
    name: str
    description: str = ""


class _File(_Strict):
    universe: _Header
    benchmarks: dict[str, str]
    series: dict[str, SeriesMeta]
    pairs: tuple[Pair, ...] = ()
    sectors: _Sectors
    regime: RegimeConfig
    note: NoteSubjects | None = None


class Universe:
    """The loaded universe.

    Attributes
    ----------
    name
        Name given in the file's ``[universe]`` table.
    path
        Where it was read from.
    checksum
        SHA-256 of the file's bytes, recorded in the store.
    series
        Symbol to :class:`SeriesMeta`.
    benchmarks
        Role (e.g. ``us_large_index``) to symbol.
    pairs
        Every rotation pair, the sector pairs included (dimension ``sector``).
    sectors
        The sector symbols, in file order.
    sector_benchmark
        The symbol sectors are measured against.
    note
        What the research note writes about (:class:`NoteSubjects`).
    """

    def __init__(self, data: _File, path: Path, checksum: str) -> None:
        self.name = data.universe.name
        self.description = data.universe.description
        self.path = path
        self.checksum = checksum
        self.series: dict[str, SeriesMeta] = dict(data.series)
        self.benchmarks: dict[str, str] = dict(data.benchmarks)
        self.sectors: tuple[str, ...] = data.sectors.members
        self.sector_benchmark = data.sectors.benchmark
        sector_pairs = tuple(
            Pair(
                id=f"sector-{sym.lower()}-{self.sector_benchmark.lower()}".replace("^", ""),
                dimension="sector",
                a=sym,
                b=self.sector_benchmark,
                label=f"{data.series[sym].sector or sym} vs {self.sector_benchmark}",
            )
            for sym in self.sectors
        )
        self.pairs: tuple[Pair, ...] = data.pairs + sector_pairs
        self.regime: RegimeConfig = data.regime
        self.note: NoteSubjects = data.note or NoteSubjects()

    def pair(self, pair_id: str) -> Pair:
        """Return the pair with id ``pair_id``."""
        for p in self.pairs:
            if p.id == pair_id:
                return p
        raise KeyError(pair_id)

    def meta(self, symbol: str) -> SeriesMeta | None:
        """Return the metadata of ``symbol``, or ``None`` when the universe does not name it."""
        return self.series.get(symbol)

    def sectors_in_group(self, group: str) -> list[str]:
        """Return the sector symbols of a group (``cyclical`` or ``defensive``)."""
        return [s for s in self.sectors if self.series[s].group == group]

    def alias_map(self) -> dict[str, str]:
        """Return lower-cased alias (symbols, names and proxy aliases included) to symbol."""
        out: dict[str, str] = {}
        for symbol, meta in self.series.items():
            for text in (symbol, meta.name, *meta.aliases, *meta.proxy_aliases):
                out.setdefault(text.lower(), symbol)
        return out

    def is_proxy_alias(self, symbol: str, alias: str) -> bool:
        """Whether ``alias`` names something ``symbol`` only stands in for.

        True for the series' ``proxy_aliases`` (an index name given to the ETF that
        tracks it) and for any name of a sector ETF other than its ticker and fund
        name ("Energy" for XLE); false for the ticker and for unknown symbols.
        """
        meta = self.series.get(symbol)
        if meta is None:
            return False
        key = alias.strip().lower()
        if key in {a.lower() for a in meta.proxy_aliases}:
            return True
        return (meta.category == "sector" and meta.kind == "etf"
                and key not in (symbol.lower(), meta.name.lower()))


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "<root>"


def _cross_check(data: _File, path: Path) -> None:
    known = set(data.series)
    for role, symbol in data.benchmarks.items():
        if symbol not in known:
            raise UniverseError(path, f"benchmarks.{role}", f"'{symbol}' is not in [series]")
    seen_ids: set[str] = set()
    for i, pair in enumerate(data.pairs):
        for side in ("a", "b"):
            symbol = getattr(pair, side)
            if symbol not in known:
                raise UniverseError(path, f"pairs[{i}].{side}", f"'{symbol}' is not in [series]")
        if pair.a == pair.b:
            raise UniverseError(path, f"pairs[{i}]", "a and b are the same series")
        if pair.id in seen_ids:
            raise UniverseError(path, f"pairs[{i}].id", f"duplicate pair id '{pair.id}'")
        seen_ids.add(pair.id)
    pair_ids = {p.id for p in data.pairs}
    for name, dim in data.regime.dimensions.items():
        if dim.pair != "sectors" and dim.pair not in pair_ids:
            raise UniverseError(path, f"regime.dimensions.{name}.pair",
                                f"'{dim.pair}' is not a pair id (or 'sectors')")
    if data.note is not None:
        _check_note(data.note, known, pair_ids, path)
    if data.sectors.benchmark not in known:
        raise UniverseError(
            path, "sectors.benchmark", f"'{data.sectors.benchmark}' is not in [series]"
        )
    for i, symbol in enumerate(data.sectors.members):
        meta = data.series.get(symbol)
        if meta is None:
            raise UniverseError(path, f"sectors.members[{i}]", f"'{symbol}' is not in [series]")
        if meta.category != "sector" or meta.group is None:
            raise UniverseError(
                path,
                f"series.{symbol}",
                "a sector member needs category = \"sector\" and a group",
            )
    owner: dict[str, str] = {}
    for symbol, meta in data.series.items():
        for field, alias in [("aliases", a) for a in meta.aliases] + [
                ("proxy_aliases", a) for a in meta.proxy_aliases]:
            key = alias.lower()
            if key in owner and owner[key] != symbol:
                raise UniverseError(
                    path,
                    f"series.{symbol}.{field}",
                    f"alias '{alias}' is already used by {owner[key]}",
                )
            owner[key] = symbol
        if meta.tracks is not None and meta.tracks not in known:
            raise UniverseError(path, f"series.{symbol}.tracks", f"'{meta.tracks}' is unknown")


def _check_note(note: NoteSubjects, known: set[str], pair_ids: set[str], path: Path) -> None:
    """Raise :class:`UniverseError` naming the ``[note]`` key whose series or pair is unknown."""
    for key in ("size", "style", "style_alt", "equal_weight"):
        if getattr(note, key) not in pair_ids:
            raise UniverseError(path, f"note.{key}", f"'{getattr(note, key)}' is not a pair id")
    for key in ("international", "monitor"):
        for i, pair_id in enumerate(getattr(note, key)):
            if pair_id not in pair_ids:
                raise UniverseError(path, f"note.{key}[{i}]", f"'{pair_id}' is not a pair id")
    for key in ("indices", "technicals", "tickers", "rates"):
        for i, symbol in enumerate(getattr(note, key)):
            if symbol not in known:
                raise UniverseError(path, f"note.{key}[{i}]", f"'{symbol}' is not in [series]")


def load_universe(path: str | Path | None = None) -> Universe:
    """Load and validate a universe file.

    Parameters
    ----------
    path
        A TOML file; ``None`` means ``ROTOSCOPE_UNIVERSE`` when set, else the
        default universe shipped in the package.

    Returns
    -------
    Universe

    Raises
    ------
    UniverseError
        When the file cannot be read or parsed, or a key is invalid; the message
        names the key.
    """
    if path is None and os.environ.get("ROTOSCOPE_UNIVERSE"):
        path = os.environ["ROTOSCOPE_UNIVERSE"]
    if path is None:
        resource = resources.files("rotoscope.universe").joinpath("default.toml")
        raw = resource.read_bytes()
        where = Path(str(resource))
    else:
        where = Path(path)
        try:
            raw = where.read_bytes()
        except OSError as exc:
            raise UniverseError(where, "<file>", f"cannot read: {exc.strerror}") from exc
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UniverseError(where, "<file>", f"not valid TOML: {exc}") from exc
    try:
        data = _File.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UniverseError(where, _loc(tuple(first["loc"])), first["msg"]) from exc
    _cross_check(data, where)
    return Universe(data, where, hashlib.sha256(raw).hexdigest())
