"""``make report`` on a machine without the data mirror and without a network.

The Makefile runs in a scratch checkout whose ``.venv/bin`` is this Python's
``bin`` directory (so nothing is installed) and with no ``../shared/data``. The
network is cut by pointing the proxies at a closed local port: nothing reaches
the internet.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_report_without_mirror_or_network_fails_in_one_line(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / ".venv").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, checkout / name)
    (checkout / ".venv" / "bin").symlink_to(Path(sys.executable).parent)
    (checkout / ".venv" / ".installed").touch()  # newer than pyproject.toml: no install
    closed = "http://127.0.0.1:9"  # the discard port: connections are refused
    # a user's own `make report`: not a sub-make of the `make test` that may run this test
    env = {k: v for k, v in os.environ.items()
           if k not in ("ROTOSCOPE_DATA_DIR", "NO_PROXY", "no_proxy", "MAKELEVEL", "MAKEFLAGS",
                        "MFLAGS")}
    env.update(ROTOSCOPE_HOME=str(tmp_path / "home"), HTTPS_PROXY=closed, HTTP_PROXY=closed,
               https_proxy=closed, http_proxy=closed, ALL_PROXY=closed)
    proc = subprocess.run(["make", "--no-print-directory", "report"], cwd=checkout, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode != 0
    assert proc.stdout.splitlines() == [
        "No data mirror at ../shared/data: running 'rotoscope update' to download the data."]
    # make's own "make: *** [...] Error 2" (or "make[1]: ***" under another make) follows
    ours = [line for line in proc.stderr.splitlines()
            if not re.match(r"make(?:\[\d+\])?: \*\*\*", line)]
    assert len(ours) == 1
    line = ours[0]
    assert line.startswith("error: no data: there is no mirror at ../shared/data")
    # Both ways to get data are named.
    for way in ("DATA=DIR", "--data-dir DIR", "ROTOSCOPE_DATA_DIR",
                "'rotoscope update' with network access"):
        assert way in line
    # The update's own reason is kept in the log, and nothing was left behind.
    log = (checkout / ".venv" / "update.log").read_text()
    assert "no provider could supply it" in log
    assert "the mirror and the store were left as they were" in log
    assert not (checkout / "reports").exists()
    assert not (tmp_path / "home" / "data").exists()
    assert not (tmp_path / "home" / "rotoscope.duckdb").exists()
