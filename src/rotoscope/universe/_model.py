"""Validated model of the universe TOML file.

The file ships in the package (``default.toml``); a user can point to their own
with ``--universe PATH`` or ``ROTOSCOPE_UNIVERSE``. Every key is validated on load
and an error names the key at fault.

The model is frozen dataclasses, each read from its table by hand
(:mod:`._fields`), with the values and error messages of the pydantic model it
replaces (a property test holds the two together): every command loads the
universe, and building pydantic's validators cost more than reading the file.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from rotoscope.exceptions import UniverseError
from rotoscope.universe._fields import (
    Invalid,
    Loc,
    choice,
    flag,
    integer,
    location,
    mapping,
    model,
    no_extras,
    number,
    required,
    string,
    strings,
)

__all__ = ["NoteSubjects", "Pair", "SeriesMeta", "Universe", "load_universe"]

Kind = Literal["index", "etf", "rate", "fx", "volatility", "breadth", "stock"]
Category = Literal[
    "size", "style", "sector", "region", "rates", "dollar", "volatility", "broad", "breadth"
]
_KINDS: tuple[Kind, ...] = ("index", "etf", "rate", "fx", "volatility", "breadth", "stock")
_CATEGORIES: tuple[Category, ...] = ("size", "style", "sector", "region", "rates", "dollar",
                                     "volatility", "broad", "breadth")
_SIZES: tuple[Literal["small", "mid", "large"], ...] = ("small", "mid", "large")
_STYLES: tuple[Literal["value", "growth"], ...] = ("value", "growth")
_GROUPS: tuple[Literal["cyclical", "defensive"], ...] = ("cyclical", "defensive")
_UNITS: tuple[Literal["percent", "level"], ...] = ("percent", "level")


def _text(raw: Mapping[str, Any], key: str, loc: Loc, *, min_length: int = 0) -> str | None:
    """Return the string ``raw[key]``, or ``None`` when the key is absent."""
    return string(raw[key], (*loc, key), min_length=min_length) if key in raw else None


@dataclass(frozen=True)
class SeriesMeta:
    """Metadata of one series: what it is and what people call it."""

    name: str
    kind: Kind
    category: Category
    #: How prose names the series in passing ("Dow"); ``name`` when not given.
    prose_name: str | None = None
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

    @classmethod
    def read(cls, value: object, loc: Loc) -> SeriesMeta:
        """Return the series a ``[series.SYMBOL]`` table describes.

        Raises
        ------
        Invalid
            At the first key, in the order of the fields, that is missing or
            wrong, else at the first unknown key.
        """
        raw = model(value, loc, "SeriesMeta")
        name = string(required(raw, "name", loc), (*loc, "name"), min_length=1)
        prose_name = _text(raw, "prose_name", loc, min_length=1)
        kind = choice(required(raw, "kind", loc), (*loc, "kind"), _KINDS)
        category = choice(required(raw, "category", loc), (*loc, "category"), _CATEGORIES)
        size = choice(raw["size"], (*loc, "size"), _SIZES) if "size" in raw else None
        style = choice(raw["style"], (*loc, "style"), _STYLES) if "style" in raw else None
        sector = _text(raw, "sector", loc)
        group = choice(raw["group"], (*loc, "group"), _GROUPS) if "group" in raw else None
        region, tracks = _text(raw, "region", loc), _text(raw, "tracks", loc)
        unit = choice(raw.get("unit", "level"), (*loc, "unit"), _UNITS)
        currency = string(raw.get("currency", "USD"), (*loc, "currency"))
        names = []
        for key in ("aliases", "proxy_aliases"):
            names.append(strings(raw.get(key, ()), (*loc, key)))
            if any(not a.strip() for a in names[-1]):
                raise Invalid((*loc, key), "Value error, an alias is blank")
        no_extras(raw, loc, _SERIES_KEYS)
        return cls(name=name, prose_name=prose_name, kind=kind, category=category, size=size,
                   style=style, sector=sector, group=group, region=region, tracks=tracks,
                   unit=unit, currency=currency, aliases=names[0], proxy_aliases=names[1])


_SERIES_KEYS = ("name", "prose_name", "kind", "category", "size", "style", "sector", "group",
                "region", "tracks", "unit", "currency", "aliases", "proxy_aliases")


@dataclass(frozen=True)
class Pair:
    """A rotation pair: ``a`` minus ``b``; positive means ``a`` led."""

    id: str
    dimension: str
    a: str
    b: str
    label: str
    primary: bool = False

    @classmethod
    def read(cls, value: object, loc: Loc) -> Pair:
        """Return the pair a ``[[pairs]]`` table describes (see :meth:`SeriesMeta.read`)."""
        raw = model(value, loc, "Pair")
        pair = cls(id=string(required(raw, "id", loc), (*loc, "id"),
                             pattern=r"^[a-z0-9][a-z0-9_-]*$"),
                   dimension=string(required(raw, "dimension", loc), (*loc, "dimension"),
                                    min_length=1),
                   a=string(required(raw, "a", loc), (*loc, "a")),
                   b=string(required(raw, "b", loc), (*loc, "b")),
                   label=string(required(raw, "label", loc), (*loc, "label")),
                   primary=flag(raw.get("primary", False), (*loc, "primary")))
        no_extras(raw, loc, ("id", "dimension", "a", "b", "label", "primary"))
        return pair


@dataclass(frozen=True)
class _Sectors:
    benchmark: str
    members: tuple[str, ...]

    @classmethod
    def read(cls, value: object, loc: Loc) -> _Sectors:
        raw = model(value, loc, "_Sectors")
        sectors = cls(string(required(raw, "benchmark", loc), (*loc, "benchmark")),
                      strings(required(raw, "members", loc), (*loc, "members"), min_items=1))
        no_extras(raw, loc, ("benchmark", "members"))
        return sectors


@dataclass(frozen=True)
class RegimeDimension:
    """One rotation dimension of the regime: a pair (or the sector groups) and its sides.

    ``pair`` is a pair id, or ``sectors`` for cyclical minus defensive.
    """

    pair: str
    a_name: str
    b_name: str

    @classmethod
    def read(cls, value: object, loc: Loc) -> RegimeDimension:
        """Return the dimension a ``[regime.dimensions.NAME]`` table describes."""
        raw = model(value, loc, "RegimeDimension")
        keys = ("pair", "a_name", "b_name")
        dim = cls(*(string(required(raw, k, loc), (*loc, k), min_length=1) for k in keys))
        no_extras(raw, loc, keys)
        return dim


@dataclass(frozen=True)
class RegimeConfig:
    """Regime rules' thresholds (see :mod:`rotoscope.analytics.regime`)."""

    dimensions: dict[str, RegimeDimension]
    broad_min_agree: int = 3
    structural_min_sessions: int = 63
    strong_z: float = 1.0
    breadth_confirm_pct_above_200: float = 50.0

    @classmethod
    def read(cls, value: object, loc: Loc) -> RegimeConfig:
        """Return the thresholds of the ``[regime]`` table."""
        raw = model(value, loc, "RegimeConfig")
        at = (*loc, "dimensions")
        dims = {name: RegimeDimension.read(d, (*at, name))
                for name, d in mapping(required(raw, "dimensions", loc), at).items()}
        mapping(dims, at, min_items=1)
        config = cls(
            dimensions=dims,
            broad_min_agree=integer(raw.get("broad_min_agree", 3),
                                    (*loc, "broad_min_agree"), ge=1),
            structural_min_sessions=integer(raw.get("structural_min_sessions", 63),
                                            (*loc, "structural_min_sessions"), ge=1),
            strong_z=number(raw.get("strong_z", 1.0), (*loc, "strong_z"), gt=0),
            breadth_confirm_pct_above_200=number(
                raw.get("breadth_confirm_pct_above_200", 50.0),
                (*loc, "breadth_confirm_pct_above_200"), ge=0, le=100),
        )
        no_extras(raw, loc, ("dimensions", "broad_min_agree", "structural_min_sessions",
                             "strong_z", "breadth_confirm_pct_above_200"))
        return config


@dataclass(frozen=True)
class NoteSubjects:
    """What the research note writes about, by symbol or pair id (the ``[note]`` table).

    A universe file without the table gets the default universe's subjects.

    Attributes
    ----------
    indices
        The index table, first the headline index.
    size, style, style_alt
        The small-versus-large pair and two value-versus-growth pairs.
    international
        International-versus-US pairs: developed markets, then the broader one.
    equal_weight
        The equal-weight versus cap-weight pair.
    technicals
        The funds of the technical section.
    tickers
        The related tickers listed with the note.
    monitor
        The pairs whose ratio the monitoring list watches against its 50-session
        average.
    rates
        The ten-year and the two-year yield.
    """

    indices: tuple[str, ...] = ("^GSPC", "^IXIC", "^DJI", "^RUT")
    size: str = "size-rut-gspc"
    style: str = "style-iwd-iwf"
    style_alt: str = "style-vtv-vug"
    international: tuple[str, ...] = ("intl-efa-spy", "intl-acwx-spy")
    equal_weight: str = "breadth-rsp-spy"
    technicals: tuple[str, ...] = ("SPY", "IWM", "QQQ")
    tickers: tuple[str, ...] = ("SPY", "IWM", "QQQ", "IWD", "IWF", "EFA")
    monitor: tuple[str, ...] = ("size-iwm-spy", "style-iwd-iwf", "intl-efa-spy")
    rates: tuple[str, ...] = ("DGS10", "DGS2")

    @classmethod
    def read(cls, value: object, loc: Loc) -> NoteSubjects:
        """Return the subjects of the ``[note]`` table, the defaults for keys it leaves out."""
        raw = model(value, loc, "NoteSubjects")
        got: dict[str, Any] = {}
        for key, bounds in _NOTE_BOUNDS.items():
            if key not in raw:
                continue
            if bounds is None:
                got[key] = string(raw[key], (*loc, key))
            else:
                got[key] = strings(raw[key], (*loc, key), min_items=bounds[0],
                                   max_items=bounds[1])
        no_extras(raw, loc, tuple(_NOTE_BOUNDS))
        return cls(**got)


#: Each key of ``[note]``, in order: ``None`` for a string, else an array's least and
#: most items.
_NOTE_BOUNDS: dict[str, tuple[int, int | None] | None] = {
    "indices": (1, None), "size": None, "style": None, "style_alt": None,
    "international": (2, 2), "equal_weight": None, "technicals": (1, None),
    "tickers": (0, None), "monitor": (0, None), "rates": (2, 2)}


@dataclass(frozen=True)
class _Header:
    name: str
    description: str = ""


@dataclass(frozen=True)
class _File:
    universe: _Header
    benchmarks: dict[str, str]
    series: dict[str, SeriesMeta]
    sectors: _Sectors
    regime: RegimeConfig
    pairs: tuple[Pair, ...] = ()
    note: NoteSubjects | None = None

    @classmethod
    def read(cls, doc: Mapping[str, Any]) -> _File:
        """Return the whole file's model.

        Raises
        ------
        Invalid
            At the first key, in the order of the model's fields, that is missing
            or wrong, else at the first unknown key.
        """
        head = model(required(doc, "universe", ()), ("universe",), "_Header")
        header = _Header(string(required(head, "name", ("universe",)), ("universe", "name")),
                         string(head.get("description", ""), ("universe", "description")))
        no_extras(head, ("universe",), ("name", "description"))
        benchmarks = {role: string(sym, ("benchmarks", role)) for role, sym in
                      mapping(required(doc, "benchmarks", ()), ("benchmarks",)).items()}
        series = {sym: SeriesMeta.read(meta, ("series", sym)) for sym, meta in
                  mapping(required(doc, "series", ()), ("series",)).items()}
        pairs = doc.get("pairs", ())
        if not isinstance(pairs, (list, tuple)):
            raise Invalid(("pairs",), "Input should be a valid tuple")
        file = cls(universe=header, benchmarks=benchmarks, series=series,
                   pairs=tuple(Pair.read(p, ("pairs", i)) for i, p in enumerate(pairs)),
                   sectors=_Sectors.read(required(doc, "sectors", ()), ("sectors",)),
                   regime=RegimeConfig.read(required(doc, "regime", ()), ("regime",)),
                   note=NoteSubjects.read(doc["note"], ("note",)) if "note" in doc else None)
        no_extras(doc, (), ("universe", "benchmarks", "series", "pairs", "sectors", "regime",
                            "note"))
        return file


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
        data = _File.read(doc)
    except Invalid as exc:
        raise UniverseError(where, location(exc.loc), exc.reason) from exc
    _cross_check(data, where)
    return Universe(data, where, hashlib.sha256(raw).hexdigest())
