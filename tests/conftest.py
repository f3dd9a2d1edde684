"""Fixtures shared by the test files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture
def make_dry_run():
    """``make_dry_run(*args)``: the commands ``make -n`` would run, one per line (a command
    continued over lines joined), with this test run's Python as the venv's."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")

    def plan(*args: str) -> list[str]:
        done = subprocess.run(
            ["make", "-n", "--no-print-directory", *args, f"BIN={Path(sys.executable).parent}"],
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS")},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout.replace("\\\n", " ").strip().splitlines()

    return plan
