"""The panel on a Spark session: the Ibis expressions over rows staged as Parquet.

Ibis and pyspark are imported inside the functions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rotoscope.analytics.panel._expressions import as_of, quiet_engines, read_parquet
from rotoscope.exceptions import RotoscopeError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["spark_backend", "spark_tables"]


def spark_backend(master: str = "local[*]", conf: dict[str, str] | None = None) -> Any:
    """Return an Ibis backend on a Spark session (``pip install 'rotoscope[spark]'``).

    ``master`` is any Spark master URL: ``local[*]`` runs in this process on
    every core; ``spark://host:7077``, ``yarn`` or ``k8s://...`` reach a
    cluster. Sessions use UTC, so dates never shift; ``conf`` adds or
    overrides Spark settings.

    Raises
    ------
    RotoscopeError
        When pyspark is not installed.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise RotoscopeError(
            "the Spark engine needs pyspark: pip install 'rotoscope[spark]' "
            "(and Java 17 or later on the PATH)") from exc
    import ibis

    builder = SparkSession.builder.master(master).appName("rotoscope")
    settings = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                "spark.sql.session.timeZone": "UTC",
                "spark.sql.shuffle.partitions": "8"} | (conf or {})
    for key, val in settings.items():
        builder = builder.config(key, val)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)


@contextlib.contextmanager
def spark_tables(members: ir.Table, benchmark: ir.Table, day: dt.date, master: str,
                 stage: Path | None) -> Iterator[tuple[ir.Table, ir.Table]]:
    """Yield ``members`` and ``benchmark`` up to ``day`` as tables of a Spark session.

    Their rows (tables of another backend) are written to Parquet under
    ``stage`` (a temporary directory by default, removed on exit; on a cluster
    a path every executor reads) and read by a session at ``master``.
    """
    spark = spark_backend(master)
    with contextlib.ExitStack() as stack:
        folder = stage or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        folder.mkdir(parents=True, exist_ok=True)
        staged = []
        for name, expr in (("members", members), ("benchmark", benchmark)):
            path = folder / f"{name}.parquet"
            with quiet_engines():
                as_of(expr, day).to_parquet(path)
            staged.append(read_parquet(spark, path))
        yield staged[0], staged[1]
