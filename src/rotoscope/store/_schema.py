"""The store's schema. Bump :data:`SCHEMA_VERSION` with every change to the DDL."""

from __future__ import annotations

__all__ = ["DDL", "SCHEMA_VERSION"]

SCHEMA_VERSION = 2

DDL = """
CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
-- One row per series: price series, macro series and precomputed indicators.
CREATE TABLE series (
    symbol VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,          -- index | etf | rate | fx | volatility | breadth | unknown
    asset_class VARCHAR NOT NULL,   -- equity | rates | fx | volatility | breadth
    category VARCHAR,               -- size | style | sector | region | rates | dollar | ...
    sector VARCHAR,
    "group" VARCHAR,                -- cyclical | defensive, for sectors
    currency VARCHAR,
    table_name VARCHAR NOT NULL,    -- prices | macro
    file VARCHAR NOT NULL,          -- mirror file it was loaded from (relative path)
    source VARCHAR NOT NULL
);
-- Daily prices. close/open/high/low are raw traded prices; adj_close is the
-- dividend- and split-adjusted close. NULL means the mirror had no value.
CREATE TABLE prices (
    symbol VARCHAR NOT NULL,
    date DATE NOT NULL,
    open DOUBLE,
    high DOUBLE,
    low DOUBLE,
    close DOUBLE,
    adj_close DOUBLE,
    volume DOUBLE,
    PRIMARY KEY (symbol, date)
);
-- Macro and indicator series in long form; a missing observation has no row.
CREATE TABLE macro (
    series_id VARCHAR NOT NULL,
    date DATE NOT NULL,
    value DOUBLE NOT NULL,
    PRIMARY KEY (series_id, date)
);
-- Kenneth French library: daily returns in percent, as published.
CREATE TABLE factors (
    dataset VARCHAR NOT NULL,
    date DATE NOT NULL,
    "column" VARCHAR NOT NULL,
    value_pct DOUBLE NOT NULL,      -- -99.99 / -999 (missing) rows are not stored
    PRIMARY KEY (dataset, "column", date)
);
-- Index members (current membership) and their adjusted closes.
CREATE TABLE members (
    symbol VARCHAR PRIMARY KEY,
    company VARCHAR,
    sector VARCHAR,
    file VARCHAR NOT NULL
);
CREATE TABLE member_prices (
    symbol VARCHAR NOT NULL,
    sid INTEGER NOT NULL,           -- the symbol's key in member_symbols
    date DATE NOT NULL,
    adj_close DOUBLE NOT NULL
);
-- The member symbols numbered 0, 1, ... in sort order: the panel reads its rows
-- by these integer keys, which DuckDB hands over far faster than text.
CREATE TABLE member_symbols (
    sid INTEGER PRIMARY KEY,
    symbol VARCHAR NOT NULL UNIQUE
);
CREATE TABLE provenance (
    file VARCHAR PRIMARY KEY,       -- path relative to the mirror root
    kind VARCHAR NOT NULL,          -- prices | macro | factors | members | member_prices
    checksum VARCHAR NOT NULL,      -- sha256 of the file's bytes
    source VARCHAR NOT NULL,
    rows BIGINT NOT NULL,
    first_date DATE,
    last_date DATE,
    loaded_at TIMESTAMP NOT NULL
);
"""
