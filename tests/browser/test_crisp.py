"""Lesson illustrations (images/) are sharp on a 2x screen in every view, each with alt text.

On a screen of two device pixels per CSS pixel (most laptops and phones), a picture with no
more pixels than the CSS pixels it covers is stretched, and its small labels blur. Lesson
4's illustrations are measured in a site page, its slide deck, presenter mode and, on first
open, JupyterLab: each must have at least 1.9 image pixels per CSS pixel it is shown at.
"""

import re
from pathlib import Path

import pytest
from browsing import ROOT, in_lab, presenting

from lowback import teach

LESSON = next((ROOT / "notebooks").glob("04_*.ipynb"), None)
pytestmark = pytest.mark.skipif(LESSON is None, reason="no lesson 4 yet")
SHARP = 1.9
# Every lesson illustration in the page (markdown pictures), each scrolled into view and
# decoded first, as shown: its own pixel width, its width on screen in CSS pixels, its alt.
PICTURES = """async () => {
    const found = [];
    for (const img of document.querySelectorAll('.jp-RenderedMarkdown img')) {
        img.scrollIntoView({block: 'center'});
        await img.decode().catch(() => null);
        found.push({natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
                    alt: (img.alt || '').trim(), src: img.getAttribute('src').slice(0, 60)});
    }
    return found;
}"""
# In a deck, the pictures of each slide in turn, as that slide is shown.
DECK_PICTURES = """async () => {
    const found = [];
    for (const slide of Reveal.getSlides()) {
        const {h, v} = Reveal.getIndices(slide);
        Reveal.slide(h, v);
        for (const img of slide.querySelectorAll('.jp-RenderedMarkdown img')) {
            await img.decode().catch(() => null);
            found.push({natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
                        alt: (img.alt || '').trim(), src: img.getAttribute('src').slice(0, 60)});
        }
    }
    return found;
}"""


def illustrations(path: Path) -> int:
    """How many pictures from images/ the lesson's text shows."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return len(re.findall(r"\.\./images/[^\s\"')]+\.png", text))


def blurred(found: list[dict]) -> list[str]:
    """The pictures shown wider than their pixels allow on a 2x screen, or without alt."""
    return [
        f"{p['src']}: {p['natural']} px shown {p['shown']:.0f} CSS px wide, alt {p['alt'][:30]!r}"
        for p in found
        if not p["alt"] or p["natural"] < SHARP * p["shown"] or not p["shown"]
    ]


@pytest.fixture
def sharp_page(browser):
    """A tab on a 2x screen (device_scale_factor 2), 1280x720 CSS pixels."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, device_scale_factor=2)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def check(found: list[dict]) -> None:
    assert len(found) == illustrations(LESSON), found
    bad = blurred(found)
    assert not bad, "\n".join(bad)


def test_site_page_pictures_are_sharp_on_a_2x_screen(sharp_page, tmp_path):
    teach.build("html", [LESSON], tmp_path, ROOT / teach.VENDOR)
    sharp_page.goto((tmp_path / f"{LESSON.stem}.html").as_uri())
    sharp_page.wait_for_load_state("load")
    check(sharp_page.evaluate(PICTURES))


def test_slide_pictures_are_sharp_on_a_2x_screen(sharp_page, tmp_path):
    teach.build("slides", [LESSON], tmp_path, ROOT / teach.VENDOR)
    sharp_page.goto((tmp_path / f"{LESSON.stem}.slides.html").as_uri())
    sharp_page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    sharp_page.evaluate("() => Reveal.configure({transition: 'none'})")
    check(sharp_page.evaluate(DECK_PICTURES))


def test_presenter_mode_pictures_are_sharp_on_a_2x_screen(sharp_page, tmp_path):
    with presenting(sharp_page, LESSON.name[:2], tmp_path / "voila.log"):
        sharp_page.locator(".jp-RenderedMarkdown img").first.wait_for()
        sharp_page.wait_for_load_state("networkidle")
        found = sharp_page.evaluate(PICTURES)
        sharp_page.close(run_before_unload=True)
    check(found)


def test_jupyterlab_pictures_are_sharp_on_a_2x_screen_on_first_open(sharp_page, tmp_path):
    with in_lab(sharp_page, tmp_path, LESSON.name):
        sharp_page.locator(".jp-RenderedMarkdown img").first.wait_for()
        sharp_page.wait_for_timeout(2000)  # every markdown cell rendered
        found = sharp_page.evaluate(PICTURES)
    check(found)


# A site page on a phone: each picture's width on screen, the width it is drawn for (half
# its pixels), and whether the page or the picture's own box scrolls sideways.
ON_PHONE = """() => [...document.querySelectorAll('.jp-RenderedHTMLCommon img')]
    .filter(i => i.naturalWidth).map(i => ({
        shown: i.getBoundingClientRect().width, full: i.naturalWidth / 2,
        alt: (i.alt || '').trim().slice(0, 40),
        box: i.parentElement.scrollWidth > i.parentElement.clientWidth + 1
            && ['auto', 'scroll'].includes(getComputedStyle(i.parentElement).overflowX)
            && i.parentElement.children.length === 1 && !i.parentElement.textContent.trim(),
        page: document.documentElement.scrollWidth}))"""


def test_on_a_phone_a_tap_shows_a_picture_at_full_size_in_its_own_sideways_box(browser, tmp_path):
    """At 390 px a picture is shrunk to fit, its smallest labels to about 6 px: a tap shows
    it at the size it is drawn for, scrolling sideways in its own box (the page does not);
    a second tap fits it again. Lesson pictures and the dose timeline alike."""
    teach.build("html", [LESSON], tmp_path, ROOT / teach.VENDOR)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True,
        has_touch=True,
    )  # fmt: skip
    page = context.new_page()
    page.goto((tmp_path / f"{LESSON.stem}.html").as_uri())
    page.wait_for_load_state("load")
    before = page.evaluate(ON_PHONE)
    kinds = {"a lesson picture": ".jp-RenderedMarkdown img",
             "the dose timeline": ".jp-OutputArea-output img[alt^='Timeline']"}  # fmt: skip
    try:
        for kind, selector in kinds.items():
            picture = page.locator(selector).first
            index = page.evaluate(
                "s => [...document.querySelectorAll('.jp-RenderedHTMLCommon img')]"
                ".filter(i => i.naturalWidth).indexOf(document.querySelector(s))",
                selector,
            )
            assert before[index]["shown"] < 0.75 * before[index]["full"], (kind, before[index])
            picture.scroll_into_view_if_needed()
            picture.tap()
            tapped = page.evaluate(ON_PHONE)[index]
            assert abs(tapped["shown"] - tapped["full"]) <= 1, (kind, tapped)
            assert tapped["box"], f"{kind} scrolls sideways in its own box: {tapped}"
            assert tapped["page"] <= 390, f"the page itself scrolls sideways: {tapped}"
            picture.tap()
            again = page.evaluate(ON_PHONE)[index]
            assert abs(again["shown"] - before[index]["shown"]) <= 1, (kind, again)
    finally:
        context.close()
