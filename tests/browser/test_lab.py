"""The start-here lesson in JupyterLab, as a learner meets it: run everything, answer the screen."""

import pytest
from browsing import in_lab, run_all_cells

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
