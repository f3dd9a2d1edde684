"""A slide deck opened from disk, as on a classroom laptop with no internet."""

import nbformat
import pytest
from browsing import ROOT

from lowback import teach

# The start-here deck, and lesson 4's (icons, pictures, many controls) once it exists.
LESSONS = [p for key in ("00", "04") for p in (ROOT / "notebooks").glob(f"{key}_*.ipynb")]
MAX_STEPS = 300
SLIDER_SHOWN = """() => [...Reveal.getCurrentSlide().querySelectorAll('.widget-slider')]
    .some(e => getComputedStyle(e).visibility === 'visible')"""


@pytest.fixture(params=LESSONS, ids=[p.stem for p in LESSONS])
def deck(request, tmp_path):
    """A lesson's deck, built as `make slides` builds it."""
    teach.build("slides", [request.param], tmp_path, ROOT / teach.VENDOR)
    return tmp_path / f"{request.param.stem}.slides.html"


def test_stepping_through_the_deck_needs_no_network_and_shows_the_controls(page, deck):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
    seen_slider, steps = False, 0
    while not page.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
        page.keyboard.press("Space")  # next fragment, subslide or slide, as a presenter clicks
        page.wait_for_timeout(50)
        seen_slider = seen_slider or page.evaluate(SLIDER_SHOWN)
        steps += 1
        assert steps < MAX_STEPS, "the deck never reaches its end"
    assert steps >= 5, "the lesson's sections are slides"
    assert seen_slider, "a slider widget rendered on one of the slides"
    assert not page.problems, page.problems
    remote = [u for u in requested if not u.startswith(("file:", "data:", "blob:"))]
    assert not remote, remote


GO_TO_NOTE = """words => {
    const note = [...document.querySelectorAll('aside.notes')]
        .find(a => a.textContent.replace(/\\s+/g, ' ').includes(words));
    const where = Reveal.getIndices(note.closest('section'));
    Reveal.slide(where.h, where.v);
}"""


def first_note(path) -> str:
    """The opening words of a lesson's first instructor note, or '' if it has none."""
    nb = nbformat.read(path, as_version=4)
    notes = [c.source for c in nb.cells if teach.is_instructor(c)]
    return " ".join(notes[0].split()[:6]) if notes else ""


def test_speaker_view_shows_the_instructor_notes(page, tmp_path):
    path = next((p for p in teach.lesson_paths(ROOT / "notebooks") if first_note(p)), None)
    if path is None:
        pytest.skip("no lesson has instructor notes yet")
    teach.build("slides", [path], tmp_path, ROOT / teach.VENDOR)
    page.goto((tmp_path / f"{path.stem}.slides.html").as_uri())
    page.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    words = first_note(path).replace("*", "").replace("`", "")
    page.evaluate(GO_TO_NOTE, words)
    speaker.wait_for_function(
        "w => document.querySelector('.speaker-controls-notes').innerText"
        ".replace(/\\s+/g, ' ').includes(w)",
        arg=words,
        timeout=10_000,
    )
    assert not page.problems, page.problems
