"""The start-here lesson in JupyterLab, as a learner meets it: run everything, answer the screen."""

import re

import nbformat
import pytest
from browsing import AXE, NO_ALT, audit, in_lab, report, run_all_cells, serious

from lowback.safety import red_flags, screen

LESSON = "00_start_here.ipynb"


@pytest.fixture
def lab(page, tmp_path):
    """JupyterLab on a copy of the lesson, behind a token, opened at the lesson."""
    with in_lab(page, tmp_path, LESSON):
        yield page


def test_ticking_an_emergency_sign_shows_the_emergency_action(lab):
    page = lab
    run_all_cells(page)
    urgent = red_flags("emergency")[0]
    box = page.get_by_role("checkbox", name=urgent.question)
    box.wait_for(timeout=120_000)
    page.get_by_text(screen(set()).title).first.wait_for(timeout=30_000)
    boxes = page.locator(".widget-html-content div[style*='border-left']")
    texts = boxes.all_text_contents()  # off-screen cells have no innerText
    verdict = next(i for i, t in enumerate(texts) if screen(set()).title in t)
    outcome = boxes.nth(verdict)  # the verdict box, below the level headings
    box.check()
    expected = screen({urgent.id}).action
    page.wait_for_function(
        "([t, i]) => document.querySelectorAll(\".widget-html-content div[style*='border-left']\")"
        "[i].textContent.includes(t)",
        arg=[expected, verdict],
        timeout=15_000,
    )
    assert expected in outcome.text_content() and screen(set()).title not in outcome.text_content()


SAVED = [("00_start_here.ipynb", "checkbox"), ("04_resting_positions_and_core.ipynb", "slider")]


@pytest.mark.parametrize("lesson,role", SAVED, ids=[s[0][:2] for s in SAVED])
def test_first_open_shows_the_saved_controls_before_anything_runs(page, tmp_path, lesson, role):
    """A learner who opens a lesson and runs nothing sees controls, not lines of text."""
    with in_lab(page, tmp_path, lesson):
        for _ in range(2):  # as first opened, and again after the browser reloads the page
            control = page.locator(".jp-OutputArea-output .jupyter-widgets").first
            control.wait_for(timeout=60_000)
            page.get_by_role(role).first.wait_for(timeout=30_000)
            shown = page.locator(".jp-OutputArea-output").all_text_contents()
            assert not [t for t in shown if t.lstrip().startswith(("VBox(", "[Red-flag", "[Do"))]
            assert page.locator(".jp-mod-trusted, .jp-Notebook").count()
            page.reload()


LESSON_4 = "04_resting_positions_and_core.ipynb"
# What the lesson itself puts in the page: its text and its outputs (JupyterLab's own editor
# and toolbars are JupyterLab's to fix).
LESSON_PARTS = [".jp-MarkdownOutput", ".jp-OutputArea-output"]
# Every slider handle and Play-widget button in the lesson, with the name a screen reader
# reads for it (aria-label, or the text of the element aria-labelledby points at).
CONTROL_NAMES = """() => [...document.querySelectorAll('.noUi-handle, .widget-play button')]
    .map(e => ({kind: e.matches('button') ? 'button' : 'slider',
                name: (e.getAttribute('aria-label')
                       || (document.getElementById(e.getAttribute('aria-labelledby')) || {})
                          .textContent || '').trim()}))"""
FOCUSED = """() => {
    const e = document.activeElement, ring = getComputedStyle(e);
    return {slider: e.classList.contains('noUi-handle'), value: e.getAttribute('aria-valuenow'),
            outline: ring.outlineStyle, width: parseFloat(ring.outlineWidth)};
}"""


def animations(lesson: str) -> int:
    """How many animations (each with a Play widget) a lesson shows."""
    from browsing import ROOT

    nb = nbformat.read(ROOT / "notebooks" / lesson, as_version=4)
    return sum("exercise_animation(" in c.source for c in nb.cells if c.cell_type == "code")


def test_lesson_4_in_jupyterlab_names_every_control_and_passes_axe(page, tmp_path):
    """After Run All: every slider handle and Play/Stop/Repeat button has a name, every
    picture its alt text, axe finds nothing serious in what the lesson shows, and a slider
    is reached with Tab, shows its focus and moves with the arrow keys."""
    plays = animations(LESSON_4)
    with in_lab(page, tmp_path, LESSON_4):
        run_all_cells(page)
        page.wait_for_function(
            "n => document.querySelectorAll('.widget-play').length >= n", arg=plays
        )
        page.get_by_text(re.compile(r"\| Idle$")).first.wait_for()
        page.wait_for_timeout(2000)  # the names are given on the next animation frame
        names = page.evaluate(CONTROL_NAMES)
        found = serious(audit(page, AXE, {"include": LESSON_PARTS}))
        no_alt = page.evaluate(NO_ALT)
        pictures = page.locator(".jp-OutputArea-output img").count()
        # the keyboard: Tab from an animation's last button reaches its slider
        page.locator(".widget-play button").nth(2).focus()
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        page.keyboard.press("ArrowRight")
        moved = page.evaluate(FOCUSED)["value"] != focused["value"]
    assert len([n for n in names if n["kind"] == "button"]) == 3 * plays
    assert all(n["name"] for n in names), [n for n in names if not n["name"]]
    assert not found, "\n" + report(found)
    assert pictures >= plays and not no_alt, f"pictures without alt text: {no_alt}"
    assert focused["slider"], "Tab after Repeat reaches the animation's slider"
    assert focused["outline"] != "none" and focused["width"] >= 2, f"no visible focus: {focused}"
    assert moved, "the arrow key moves the slider"


def test_every_picture_in_jupyterlab_has_its_alt_text_on_first_open(page, tmp_path):
    """Lesson 9's still charts (lowback.widgets.show) and its live chart, as saved: JupyterLab
    would draw an image/png output without alt text, so each is an <img alt> in the page."""
    lesson = "09_everyday_habits_and_recovery.ipynb"
    with in_lab(page, tmp_path, lesson):
        page.locator(".jp-OutputArea-output img").first.wait_for()
        page.wait_for_timeout(3000)  # every saved picture drawn
        pictures = page.evaluate(
            "() => [...document.querySelectorAll('.jp-OutputArea-output img')]"
            ".map(i => (i.alt || '').trim())"
        )
    assert len(pictures) >= 3, "two still charts and the live one"
    assert all(pictures), f"pictures without alt text: {pictures}"
    assert sum(a.startswith("Two charts from") for a in pictures) >= 3
