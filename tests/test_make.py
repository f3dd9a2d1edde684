"""The README's make verbs take the settings an instructor on a shared machine needs."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _plan(*args: str) -> str:
    """The last command `make -n` would run (the verb itself, after any set-up)."""
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", *args, f"BIN={Path(sys.executable).parent}"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS")},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.replace("\\\n", " ").strip().splitlines()[-1]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_lab_opens_on_the_port_asked_for():
    assert "--ServerApp.port=8890" in _plan("lab", "LAB_PORT=8890").split()


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_help_texts_give_the_default_lesson_make_present_opens():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    default = next(
        line.split("?=")[1].strip() for line in text.splitlines() if line.startswith("LESSON ?=")
    )
    present = next(line for line in text.splitlines() if line.startswith("present:"))
    assert f"(={default})" in present
    assert f"'{default}'" in _plan("present") or f" {default} " in _plan("present")
