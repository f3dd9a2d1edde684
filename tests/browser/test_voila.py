"""Presenter mode in a real browser: the controls of a lesson answer with code hidden."""

import re
import sys
import time

import nbformat
import pytest
from browsing import ROOT, free_port, serving

from lowback import teach

# Lessons whose reps slider is checked, and whether moving it also redraws a picture.
CASES = {"00": False, "04": True}
PRESENT = [k for k in CASES if any((ROOT / "notebooks").glob(f"{k}_*.ipynb"))]


@pytest.fixture(params=PRESENT)
def presented(request, page, tmp_path):
    """A lesson served by `make present`'s command, opened in the browser."""
    port = free_port()
    command = [sys.executable, "-m", "lowback.teach", "present", request.param]
    command += ["--port", str(port), "--no-browser"]
    url = f"http://127.0.0.1:{port}/"
    with serving(command, url, ROOT, tmp_path / "voila.log"):
        page.goto(url)
        yield request.param, page


def code_lines(lesson: str) -> list[str]:
    """The first line of every code cell of a lesson."""
    nb = nbformat.read(teach.find_lesson(lesson, ROOT / "notebooks"), as_version=4)
    return [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "code" and c.source]


def note_openings(lesson: str) -> list[str]:
    """The first words of every instructor note of a lesson, as a page shows them."""
    nb = nbformat.read(teach.find_lesson(lesson, ROOT / "notebooks"), as_version=4)
    notes = [c.source for c in nb.cells if teach.is_instructor(c)]
    return [" ".join(re.sub(r"[*_`#>]", "", note).split()[:8]) for note in notes]


def state(page) -> tuple[list[str], list[str]]:
    """What the learner sees change: the text of every HTML widget and every picture's source."""
    texts = page.locator(".widget-html-content").all_inner_texts()
    pictures = [img.get_attribute("src") for img in page.locator("img.widget-image").all()]
    return texts, pictures


def move(slider, page) -> None:
    """Nudge a slider one step with the keyboard, the other way if it sits at its maximum."""
    readout = slider.locator(".widget-readout")
    before = readout.inner_text()
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    if readout.inner_text() == before:
        page.keyboard.press("ArrowLeft")
    assert readout.inner_text() != before, "the slider did not move"


def wait_for_change(page, before, seconds: float = 15):
    deadline = time.monotonic() + seconds
    while (after := state(page)) == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return after


def test_moving_the_reps_slider_updates_the_summary_and_picture(presented):
    lesson, page = presented
    slider = page.locator(".widget-slider", has=page.locator("label", has_text="Reps")).first
    slider.wait_for()
    shown = " ".join(page.inner_text("body").split())
    assert not [line for line in code_lines(lesson) if line in shown], "presenter mode shows code"
    assert not [note for note in note_openings(lesson) if note in shown], (
        "notes are for instructors"
    )
    page.wait_for_timeout(500)  # let the kernel-side widgets settle
    before = state(page)
    move(slider, page)
    texts, pictures = wait_for_change(page, before)
    assert texts != before[0], "the summary did not change after moving the slider"
    if CASES[lesson]:
        assert pictures and pictures != before[1], "the picture did not change"
    assert not [p for p in page.problems if "127.0.0.1" in p], page.problems
