"""The README's make verbs take the settings an instructor on a shared machine needs."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_make_lab_opens_on_the_port_asked_for(make_dry_run):
    assert "--ServerApp.port=8890" in make_dry_run("lab", "LAB_PORT=8890")[-1].split()


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_help_texts_give_the_default_lesson_make_present_opens(make_dry_run):
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    default = next(
        line.split("?=")[1].strip() for line in text.splitlines() if line.startswith("LESSON ?=")
    )
    present = next(line for line in text.splitlines() if line.startswith("present:"))
    assert f"(={default})" in present
    command = make_dry_run("present")[-1]
    assert f"'{default}'" in command or f" {default} " in command
