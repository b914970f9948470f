"""Shared by the pytest suite: where the command line and the repository are (CTest sets TRADESHOCK_CLI and
TRADESHOCK_SOURCE_DIR; run by hand, they default to build/release/tradeshock and the working directory), and
how to run the command line for the JSON each test compares with."""
import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("TRADESHOCK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("TRADESHOCK_CLI", SOURCE_DIR / "build" / "release" / "tradeshock"))
XINJIANG = SOURCE_DIR / "data" / "cases" / "xinjiang-2021"


def run_cli(*args) -> dict:
    """`tradeshock ARGS --format json`, parsed."""
    completed = subprocess.run([str(CLI), *map(str, args), "--format", "json"], capture_output=True, text=True,
                               check=False)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture
def cli():
    return run_cli
