"""The universe file's model as pydantic read it before the model was written out by hand.

The reference the universe property test holds the hand-written reader to: the
same values for a valid file, the same key and message for an invalid one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
