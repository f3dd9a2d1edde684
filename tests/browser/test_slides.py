"""A slide deck opened from disk, as on a classroom laptop with no internet."""

import pytest
from browsing import ROOT

from lowback import teach

LESSON = "00_start_here.ipynb"
MAX_STEPS = 200


@pytest.fixture
def deck(tmp_path):
    """The start-here deck, built as `make slides` builds it."""
    teach.build("slides", [ROOT / "notebooks" / LESSON], tmp_path, ROOT / teach.VENDOR)
    return tmp_path / LESSON.replace(".ipynb", ".slides.html")


def test_stepping_through_the_deck_needs_no_network_and_shows_the_controls(page, deck):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
    slider = page.locator("section.present .widget-slider")
    seen_slider, steps = False, 0
    while not page.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(50)
        seen_slider = seen_slider or slider.first.is_visible()
        steps += 1
        assert steps < MAX_STEPS, "the deck never reaches its end"
    assert steps >= 5, "the lesson's sections are slides"
    assert seen_slider, "a slider widget rendered on one of the slides"
    assert page.locator("input[type=checkbox]").count() >= 1, "the red-flag checkboxes rendered"
    assert not page.problems, page.problems
    remote = [u for u in requested if not u.startswith(("file:", "data:", "blob:"))]
    assert not remote, remote
