"""The Kenneth R. French data library: zipped CSV text files.

Query: one request per dataset, ``ftp/<DATASET>_CSV.zip`` (for example
``F-F_Research_Data_Factors_daily``). Payload: a zip holding one ``.CSV`` file in
the library's text format (preamble, header, daily rows, copyright). Output:
that text, unchanged, as ``french/<DATASET>.csv``, after checking that it parses.
The date range is not applied: the library publishes whole histories.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from rotoscope.exceptions import MirrorFormatError, ProviderError
from rotoscope.providers._base import FetchQuery, MirrorPiece, Provider, Request
from rotoscope.store import parse_french

__all__ = ["FrenchProvider"]

FRENCH_FTP = "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp/"


class FrenchProvider(Provider):
    """Daily factor and portfolio files from the Kenneth French data library."""

    name = "french"
    aliases = ("ken-french", "kenneth-french", "ff")
    description = "Kenneth R. French Data Library, Tuck School of Business at Dartmouth"

    def transform_query(self, query: FetchQuery) -> list[Request]:
        """Build one zip request per dataset name."""
        out = []
        for dataset in query.symbols:
            name = dataset.removesuffix(".zip").removesuffix("_CSV")
            out.append(Request(symbol=name, url=f"{FRENCH_FTP}{name}_CSV.zip"))
        return out

    def transform_data(self, request: Request, payload: bytes, query: FetchQuery) -> MirrorPiece:
        """Unzip, check the text parses as a daily French file, keep it as published."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(payload))
        except zipfile.BadZipFile as exc:
            raise ProviderError(
                f"french: answer for {request.symbol} is not a zip file ({len(payload)} bytes)"
            ) from exc
        members = [m for m in archive.namelist() if m.lower().endswith((".csv", ".txt"))]
        if len(members) != 1:
            raise ProviderError(
                f"french: {request.symbol} zip holds {archive.namelist()}, expected one CSV"
            )
        text = archive.read(members[0])
        rel = f"french/{request.symbol}.csv"
        try:
            section = parse_french(Path(rel), text)
        except MirrorFormatError as exc:
            raise ProviderError(f"french: {request.symbol}: {exc}") from exc
        return MirrorPiece(
            rel=rel, content=text, kind="factors", symbol=request.symbol,
            source=f"{self.description}; {members[0]}",
            url=request.url, rows=len(section.dates),
            first_date=section.dates[0], last_date=section.dates[-1],
        )
