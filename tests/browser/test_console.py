"""The browser console in presenter mode and JupyterLab: no version mismatch, no error.

Voila's page is built on one JupyterLab version; a widget extension built for a newer one
logs "Unsatisfied version 4.2.5 ... required ^4.6.2" for each package it shares, and may
then draw controls with code it was not built for. The pins in pyproject.toml prevent that.
"""

import re

from browsing import in_lab, presenting, run_all_cells

MISMATCH = re.compile(r"Unsatisfied version|No satisfying version|required \^")


def listen(page) -> list[str]:
    """Every console message of the tab from now on, as 'type: text'."""
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    return messages


def troubles(messages: list[str]) -> list[str]:
    return [m for m in messages if MISMATCH.search(m) or m.startswith("error:")]


def test_presenter_mode_logs_no_version_mismatch_or_error(page, tmp_path):
    messages = listen(page)
    with presenting(page, "04", tmp_path / "voila.log"):
        page.locator(".widget-slider .noUi-handle").first.wait_for()
        page.wait_for_load_state("networkidle")
    assert any("WebSocket" in m for m in messages), "the console was not heard"
    assert troubles(messages) == []


def test_jupyterlab_logs_no_version_mismatch_or_error(page, tmp_path):
    messages = listen(page)
    with in_lab(page, tmp_path, "04_resting_positions_and_core.ipynb"):
        run_all_cells(page)
        page.locator(".widget-slider .noUi-handle").first.wait_for()
        page.wait_for_load_state("networkidle")
    assert messages, "the console was not heard"
    assert troubles(messages) == []
