"""The start-here lesson in JupyterLab, as a learner meets it: run everything, answer the screen."""

import os
import re
import secrets
import sys

import pytest
from browsing import free_port, lesson_copy, serving

from lowback.safety import red_flags, screen

LESSON = "00_start_here.ipynb"
# Keep the test's JupyterLab state (workspaces, settings, runtime files) out of the user's.
PRIVATE_DIRS = (
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_CONFIG_DIR",
    "JUPYTERLAB_WORKSPACES_DIR",
    "JUPYTERLAB_SETTINGS_DIR",
)


@pytest.fixture
def lab(page, tmp_path):
    """JupyterLab on a copy of the lesson, behind a token, opened at the lesson."""
    notebooks = lesson_copy(tmp_path, LESSON)
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
    command += [f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={tmp_path}"]
    command += ["--allow-root"] if os.geteuid() == 0 else []
    env = {name: str(tmp_path / name.lower()) for name in PRIVATE_DIRS}
    base = f"http://127.0.0.1:{port}"
    with serving(command, f"{base}/api/status?token={token}", tmp_path, tmp_path / "lab.log", env):
        page.goto(f"{base}/lab/tree/{notebooks.name}/{LESSON}?token={token}")
        yield page


def run_all_cells(page) -> None:
    page.locator(".jp-Notebook").first.wait_for()
    page.get_by_text(re.compile(r"\| Idle$")).first.wait_for()  # the kernel is connected
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def test_ticking_an_urgent_red_flag_makes_the_outcome_urgent(lab):
    page = lab
    run_all_cells(page)
    urgent = next(f for f in red_flags() if f.level == "urgent")
    box = page.get_by_role("checkbox", name=urgent.question)
    box.wait_for(timeout=120_000)
    outcome = page.locator(".widget-html-content div[style*='border-left']")
    assert screen(set()).title in outcome.inner_text()
    box.check()
    expected = screen({urgent.id}).title
    page.wait_for_function(
        "t => document.querySelector(\".widget-html-content div[style*='border-left']\")"
        ".innerText.includes(t)",
        arg=expected,
        timeout=15_000,
    )
    assert expected in outcome.inner_text() and expected != screen(set()).title
