"""A slide deck opened from disk, as on a classroom laptop with no internet."""

import nbformat
import pytest
from browsing import ROOT

from lowback import teach

# The start-here deck, and lesson 4's (icons, pictures, many controls) once it exists.
LESSONS = [p for key in ("00", "04") for p in (ROOT / "notebooks").glob(f"{key}_*.ipynb")]
MAX_STEPS = 300
CONTROL_SHOWN = """() => [...Reveal.getCurrentSlide().querySelectorAll('.lowback-offline')]
    .some(e => getComputedStyle(e).visibility === 'visible')"""
LIVE_CONTROL = ".widget-slider, .widget-checkbox, .jupyter-button"


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
    seen_control, steps = False, 0
    while not page.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
        page.keyboard.press("Space")  # next fragment, subslide or slide, as a presenter clicks
        page.wait_for_timeout(50)
        seen_control = seen_control or page.evaluate(CONTROL_SHOWN)
        steps += 1
        assert steps < MAX_STEPS, "the deck never reaches its end"
    assert steps >= 5, "the lesson's sections are slides"
    assert seen_control, "a control's kernel-free picture and words showed on one of the slides"
    assert not page.locator(LIVE_CONTROL).count(), "no control looks live in a deck"
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


# Every slide of a deck, as reveal.js lays it out: what is taller than the slide, wider than
# it, or cut short inside it (an ellipsis, or text hidden past an element's edge). Answers
# behind "Show the answer" are opened first: a presenter may open them in class.
OVERFLOWS = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const {width, height} = Reveal.getConfig();
    const found = [];
    for (const slide of Reveal.getSlides()) {
        const {h, v} = Reveal.getIndices(slide);
        Reveal.slide(h, v);
        const title = (slide.querySelector('h1, h2') || slide).textContent
            .replace(/[\\s\u00b6]+/g, ' ').trim().slice(0, 50);
        const where = `slide ${h}.${v} (${title})`;
        if (slide.scrollHeight > height + 1)
            found.push(`${where}: ${slide.scrollHeight}px tall, the slide is ${height}px`);
        if (slide.scrollWidth > width + 1)
            found.push(`${where}: ${slide.scrollWidth}px wide, the slide is ${width}px`);
        for (const e of slide.querySelectorAll('*')) {
            if (!e.clientWidth || e.closest('aside.notes')) continue;
            const style = getComputedStyle(e);
            const clips = style.textOverflow === 'ellipsis' || style.overflowX !== 'visible';
            const cut = e.scrollWidth > e.clientWidth + 1
                || (style.overflowY === 'hidden' && e.scrollHeight > e.clientHeight + 1);
            if (clips && cut)
                found.push(`${where}: "${e.textContent.trim().slice(0, 40)}" is cut short`);
        }
    }
    return found;
}"""
READY = """() => window.Reveal && Reveal.isReady() && [...document.images].every(i => i.complete)
    && document.querySelectorAll('.jupyter-widgets').length >= document.querySelectorAll(
        'script[type="application/vnd.jupyter.widget-view+json"]').length"""


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> list:
    """Every lesson's deck, built as `make slides` builds them."""
    out = tmp_path_factory.mktemp("slides")
    return teach.build("slides", teach.lesson_paths(ROOT / "notebooks"), out, ROOT / teach.VENDOR)


def test_every_slide_of_every_deck_fits_a_1280x720_screen(page, decks):
    page.set_viewport_size({"width": 1280, "height": 720})
    problems, slides = [], 0
    for deck in decks:
        page.goto(deck.as_uri())
        page.wait_for_function(READY)
        page.evaluate("() => Reveal.configure({transition: 'none'})")
        slides += page.evaluate("() => Reveal.getTotalSlides()")
        problems += [f"{deck.name}, {found}" for found in page.evaluate(OVERFLOWS)]
    assert slides > len(decks) * 5, "each lesson's sections are slides"
    assert not problems, "\n".join(problems)
    assert not page.problems, page.problems
