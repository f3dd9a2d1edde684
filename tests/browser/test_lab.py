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
