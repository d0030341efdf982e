"""The universe file: the shipped one is complete, bad ones name the key at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from rotoscope.exceptions import UniverseError
from rotoscope.universe import load_universe

DEFAULT = Path(__file__).resolve().parents[1] / "src" / "rotoscope" / "universe" / "default.toml"


def test_default_universe_has_the_rotation_pairs() -> None:
    u = load_universe()
    pairs = {(p.a, p.b) for p in u.pairs}
    required = {
        ("^RUT", "^GSPC"), ("IWM", "SPY"), ("IWM", "IWB"), ("MDY", "SPY"),
        ("IWD", "IWF"), ("VTV", "VUG"), ("QQQ", "SPY"), ("^IXIC", "SPY"), ("RSP", "SPY"),
        ("EFA", "SPY"), ("ACWX", "SPY"), ("VEU", "SPY"), ("VXUS", "SPY"), ("EEM", "SPY"),
        ("KRE", "SPY"), ("KRE", "XLF"),
    }
    assert required <= pairs
    sectors = {p.a for p in u.pairs if p.dimension == "sector"}
    assert sectors == {
        "XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"}
    assert set(u.sectors_in_group("defensive")) == {"XLP", "XLU", "XLV"}
    assert len(u.sectors_in_group("cyclical")) == 8


@pytest.mark.parametrize(
    ("alias", "symbol"),
    [
        ("small caps", "^RUT"), ("Russell 2000", "^RUT"), ("RUT", "^RUT"),
        ("large caps", "^GSPC"), ("the Nasdaq", "^IXIC"), ("Nasdaq Composite", "^IXIC"),
        ("the Dow", "^DJI"), ("Value ETF", "IWD"), ("Technology", "XLK"),
        ("Basic Materials", "XLB"), ("Materials", "XLB"),
        ("Consumer Cyclical", "XLY"), ("Consumer Discretionary", "XLY"),
        ("Consumer Defensive", "XLP"), ("Consumer Staples", "XLP"),
        ("Financial Services", "XLF"), ("Financials", "XLF"),
        ("Healthcare", "XLV"), ("Health Care", "XLV"),
        ("Communication Services", "XLC"), ("Real Estate", "XLRE"),
        ("Utilities", "XLU"), ("Energy", "XLE"), ("Industrials", "XLI"),
        ("regional banks", "KRE"),
    ],
)
def test_aliases(alias: str, symbol: str) -> None:
    assert load_universe().alias_map()[alias.lower()] == symbol


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT.read_text()
    assert old in text, old
    path = tmp_path / "u.toml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('a = "^RUT"\nb = "^GSPC"', 'a = "^RUTX"\nb = "^GSPC"', "pairs[0].a"),
        ('kind = "index"', 'kind = "indx"', "series.^GSPC.kind"),
        ('us_large_etf = "SPY"', 'us_large_etf = "SPX"', "benchmarks.us_large_etf"),
        ('benchmark = "SPY"', 'benchmark = "NOPE"', "sectors.benchmark"),
        ('aliases = ["XLU",', 'aliases = ["XLU", "Energy",', "series.XLU.aliases"),
        ('group = "defensive"', 'grup = "defensive"', "series.XLP.grup"),
        ('id = "size-iwm-spy"', 'id = "size-rut-gspc"', "pairs[1].id"),
        ('size = "size-rut-gspc"', 'size = "size-rut-spx"', "note.size"),
        ('international = ["intl-efa-spy", "intl-acwx-spy"]',
         'international = ["intl-efa-spy", "intl-acwx"]', "note.international[1]"),
        ('technicals = ["SPY", "IWM", "QQQ"]', 'technicals = ["SPY", "IWZZ", "QQQ"]',
         "note.technicals[1]"),
        ('rates = ["DGS10", "DGS2"]', 'rates = ["DGS10"]', "note.rates"),
    ],
)
def test_bad_universe_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(UniverseError) as info:
        load_universe(_write(tmp_path, old, new))
    assert info.value.key == key
    assert f"key '{key}'" in str(info.value)


def test_the_note_reads_its_subjects_from_the_universe_file(tmp_path: Path) -> None:
    """The ``[note]`` table names the note's pairs; a file without it gets the defaults."""
    note = load_universe(DEFAULT).note
    assert note.indices[0] == "^GSPC"
    assert load_universe(DEFAULT).pair(note.size).a == "^RUT"
    text = DEFAULT.read_text()
    start = text.index("[note]")
    end = text.index("\n[", start + 1)
    path = tmp_path / "u.toml"
    path.write_text(text[:start] + text[end:])
    assert load_universe(path).note == note
    swapped = _write(tmp_path, 'style = "style-iwd-iwf"', 'style = "style-vtv-vug"')
    assert load_universe(swapped).note.style == "style-vtv-vug"


def test_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "u.toml"
    path.write_text("[universe\nname=")
    with pytest.raises(UniverseError, match="not valid TOML"):
        load_universe(path)


def test_env_var_points_to_a_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, 'name = "default"', 'name = "mine"')
    monkeypatch.setenv("ROTOSCOPE_UNIVERSE", str(path))
    assert load_universe().name == "mine"
