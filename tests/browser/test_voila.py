"""Presenter mode in a real browser: controls answer, no code shows, nothing needs the internet."""

import re
import time
from typing import NamedTuple

import nbformat
import pytest
from browsing import ROOT, presenting, remote

from lowback import teach


class Case(NamedTuple):
    """What a presented lesson must show besides its reps slider."""

    redraws_picture: bool  # moving the slider redraws a picture
    has_play: bool  # an animation with a Play widget, whose buttons are icons


CASES = {"00": Case(False, False), "04": Case(True, True)}
PRESENT = [k for k in CASES if any((ROOT / "notebooks").glob(f"{k}_*.ipynb"))]
# The Play button's icon: the font its ::before glyph asks for, and whether that font loaded.
ICON = """async i => {
    await document.fonts.ready;
    const glyph = getComputedStyle(i, '::before');
    const family = glyph.fontFamily.replace(/"/g, '');
    const loaded = [...document.fonts].some(f => f.status === 'loaded'
        && f.family.replace(/"/g, '') === family && String(f.weight) === glyph.fontWeight);
    return {family, loaded, glyph: glyph.content, width: i.getBoundingClientRect().width};
}"""


@pytest.fixture(params=PRESENT)
def presented(request, page, tmp_path):
    """A lesson served by `make present`'s command, opened in the browser."""
    with presenting(page, request.param, tmp_path / "voila.log"):
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


def test_moving_the_reps_slider_updates_the_summary_and_picture_with_no_internet(presented):
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
    if CASES[lesson].redraws_picture:
        assert pictures and pictures != before[1], "the picture did not change"
    if CASES[lesson].has_play:
        icon = play_icon(page)
        assert "Font Awesome" in icon["family"] and icon["glyph"] not in ("none", "normal"), icon
        assert icon["loaded"] and icon["width"] > 0, f"the Play icon's font did not load: {icon}"
    assert not remote(page.requested), (
        f"presenter mode needs the internet: {remote(page.requested)}"
    )
    assert not page.problems, page.problems


def play_icon(page) -> dict:
    """How the first Play button's icon is drawn, once the page's fonts have loaded."""
    icon = page.locator(".widget-play button .fa-play").first
    icon.wait_for()
    return icon.evaluate(ICON)
