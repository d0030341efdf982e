"""The one exception tree of rotoscope.

Every error the library raises on purpose derives from :class:`RotoscopeError`;
the CLI turns it into one readable line and a non-zero exit, the web app into an
HTTP status with a JSON body. Messages keep their context (file, line, column,
symbol, date, parameter name); a value quoted in a message is cut to a readable
length by :func:`shorten`::

    RotoscopeError
    ├── ConfigError                  bad configuration or environment
    │   └── UniverseError            the universe TOML is invalid (names the key)
    ├── MirrorError                  a data mirror cannot be read
    │   ├── MirrorNotFoundError      the directory or a required file is missing
    │   └── MirrorFormatError        a file is malformed (names file, line, column)
    ├── StoreError                   the DuckDB store is missing or unusable
    │   ├── StoreMissingError        no store yet: run ``rotoscope init``
    │   ├── SchemaVersionError       the store was built by another schema version
    │   └── StoreBusyError           another build of the same store is running
    ├── QueryError                   a request the data cannot answer
    │   ├── UnknownSymbolError       a symbol the store does not know
    │   ├── NotFoundError            a fact or other resource the store does not have
    │   ├── TooMuchWorkError         a request over a size or time limit
    │   ├── DateOutOfRangeError      a date outside the data
    │   └── MissingFieldError        a series lacks the field asked for
    ├── ReportAuditError             a written note failed its self-audit
    ├── InputTextError               a text to check is empty, binary, too long or mis-encoded
    ├── LLMError                     the language model was unreachable or its reply unusable
    └── ProviderError                fetching from the internet failed
        ├── ProviderNetworkError     connection failure or HTTP error
        ├── RateLimitError           the source refused because of rate limits
        └── EmptyResponseError       the source answered with no data
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigError",
    "DateOutOfRangeError",
    "EmptyResponseError",
    "InputTextError",
    "LLMError",
    "MirrorError",
    "MirrorFormatError",
    "MirrorNotFoundError",
    "MissingFieldError",
    "NotFoundError",
    "ProviderError",
    "ProviderNetworkError",
    "QueryError",
    "RateLimitError",
    "ReportAuditError",
    "RotoscopeError",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreError",
    "StoreMissingError",
    "TooMuchWorkError",
    "UniverseError",
    "UnknownSymbolError",
]

#: The longest quoted value a message shows (longer ones are cut in the middle).
MAX_SHOWN_CHARS = 80


def shorten(value: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """Return ``repr(value)``, cut in the middle to at most about ``limit`` characters.

    A malformed value can be megabytes long; a message quotes its beginning and
    end and says how long it was, so that it stays one readable line.

    Examples
    --------
    >>> shorten("x" * 1000, 20)
    "'xxxxxxxx…xxxxxxxx' (1,000 characters)"
    """
    text = str(value)
    if len(text) <= limit:
        return repr(text) if isinstance(value, str) else text
    half = max(1, (limit - 4) // 2)
    head, tail = text[:half], text[-half:]
    cut = f"{head}…{tail}"
    shown = repr(cut) if isinstance(value, str) else cut
    return f"{shown} ({len(text):,} characters)"


class RotoscopeError(Exception):
    """Base class of every error rotoscope raises on purpose."""


class ConfigError(RotoscopeError):
    """Configuration or environment is invalid."""


class UniverseError(ConfigError):
    """The universe file is invalid.

    Parameters
    ----------
    path
        The universe file.
    key
        Dotted path of the key at fault, e.g. ``pairs[3].b``.
    reason
        What is wrong with it.
    """

    def __init__(self, path: str | Path, key: str, reason: str) -> None:
        self.path = str(path)
        self.key = key
        self.reason = reason
        super().__init__(f"{self.path}: key '{key}': {reason}")


class MirrorError(RotoscopeError):
    """A data mirror cannot be read."""


class MirrorNotFoundError(MirrorError):
    """The mirror directory, or a file it must hold, does not exist."""


class MirrorFormatError(MirrorError):
    """A mirror file is malformed.

    Parameters
    ----------
    file
        The file, as a path.
    line
        1-based line number in the file (the header is line 1), or ``None``
        when the problem is not tied to a line.
    column
        Column name at fault, or ``None``.
    reason
        What is wrong.
    """

    def __init__(
        self, file: str | Path, line: int | None, column: str | None, reason: str
    ) -> None:
        self.file = str(file)
        self.line = line
        self.column = column
        self.reason = reason
        where = self.file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {shorten(column)}" if len(column) > MAX_SHOWN_CHARS \
                else f", column '{column}'"
        super().__init__(f"{where}: {reason}")


class StoreError(RotoscopeError):
    """The store is missing or unusable."""


class StoreMissingError(StoreError):
    """No store exists at the configured location."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(
            f"no store at {self.path}: run 'rotoscope init --data-dir DIR' to build it"
        )


class SchemaVersionError(StoreError):
    """The store file has a schema version this code does not read."""

    def __init__(self, path: str | Path, found: int | None, expected: int) -> None:
        self.path = str(path)
        self.found = found
        self.expected = expected
        super().__init__(
            f"store {self.path} has schema version {found}, this rotoscope reads "
            f"version {expected}: rebuild it with 'rotoscope init --force'"
        )


class QueryError(RotoscopeError):
    """A request the data cannot answer."""


class TooMuchWorkError(QueryError):
    """A request over one of the limits that keep one request from stalling the rest.

    Parameters
    ----------
    what
        What was over the limit, in words (e.g. ``"the text holds 2,400 claims"``).
    limit
        The limit, in words (e.g. ``"at most 400 claims per request"``).
    """

    def __init__(self, what: str, limit: str) -> None:
        self.what = what
        self.limit = limit
        super().__init__(f"{what}; the limit is {limit}. Split the request into smaller ones.")


class UnknownSymbolError(QueryError):
    """A symbol the store does not know."""

    def __init__(self, symbol: str, known: list[str] | None = None) -> None:
        self.symbol = symbol
        msg = f"unknown symbol '{symbol}'"
        if known:
            import difflib

            close = difflib.get_close_matches(symbol.upper(), known, n=3, cutoff=0.6)
            if close:
                msg += f" (did you mean {', '.join(close)}?)"
        super().__init__(msg)


class NotFoundError(QueryError):
    """A fact or other resource the store does not have (the web app's 404)."""


class DateOutOfRangeError(QueryError):
    """A date outside the range the data covers."""

    def __init__(self, param: str, value: object, first: object, last: object) -> None:
        self.param = param
        self.value = value
        self.first = first
        self.last = last
        super().__init__(f"{param}={value} is outside the data, which runs {first}..{last}")


class MissingFieldError(QueryError):
    """A series lacks the field asked for (for example no raw close on a date)."""

    def __init__(self, symbol: str, field: str, detail: str = "") -> None:
        self.symbol = symbol
        self.field = field
        msg = f"{symbol} has no '{field}'"
        if detail:
            msg += f" {detail}"
        super().__init__(msg)


class StoreBusyError(StoreError):
    """Another process is building the same store; a second build would race it."""

    def __init__(self, path: str | Path, holder: str) -> None:
        self.path = str(path)
        self.holder = holder
        super().__init__(f"another build of {self.path} is running ({holder}); wait for it "
                         "to finish, then run 'rotoscope init' again")


class ReportAuditError(RotoscopeError):
    """A note failed its self-audit: a number is not a fact or the checker disagrees.

    The note is not written. ``failures`` lists every problem found.
    """

    def __init__(self, as_of: object, failures: list[str]) -> None:
        self.failures = failures
        shown = "\n  ".join(failures[:20])
        more = f"\n  ... and {len(failures) - 20} more" if len(failures) > 20 else ""
        super().__init__(f"the note for {as_of} failed its self-audit ({len(failures)} "
                         f"problem(s)); nothing was written:\n  {shown}{more}")


class InputTextError(RotoscopeError):
    """The input is not text the checker can read (empty, binary, too long, wrong encoding)."""


class LLMError(RotoscopeError):
    """The language model could not be reached or gave an unusable reply."""


class ProviderError(RotoscopeError):
    """Fetching from an internet provider failed."""


class ProviderNetworkError(ProviderError):
    """The source could not be reached or answered with an HTTP error."""


class RateLimitError(ProviderError):
    """The source refused the request because of rate limits."""


class EmptyResponseError(ProviderError):
    """The source answered, but with no data for the request."""
