"""Accessibility in every view, checked by axe-core in the browser (critical or serious fails).

axe-core comes from npm, pinned in package.json beside reveal.js (`make vendor`). Checked:
every page of the static site, a slide deck (every slide), the HTML handout, and lessons 0,
4 and 8 in presenter mode with their live controls. Also from the keyboard: Tab reaches a
slider and a button in presenter lesson 4, and the control that has focus shows it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import AXE, NO_ALT, ROOT, audit, presenting, report, serious, split_words

from lowback import teach

LESSONS = teach.lesson_paths(ROOT / "notebooks")
SITE_PAGES = ["index", *(p.stem for p in LESSONS)]
DECK = next((p for p in LESSONS if p.name.startswith("04_")), LESSONS[0] if LESSONS else None)
PRESENTED = [k for k in ("00", "04", "08") if any((ROOT / "notebooks").glob(f"{k}_*.ipynb"))]


def landmarked(violations: list[dict]) -> list[dict]:
    """axe's (moderate) findings of a page without a main landmark or content outside one."""
    return [v for v in violations if v["id"] in ("region", "landmark-one-main")]


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        reason = f"{AXE.relative_to(ROOT)} is missing: run `make vendor`"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The static site of every lesson, as `make html` builds it."""
    out = tmp_path_factory.mktemp("site")
    teach.build("html", LESSONS, out, ROOT / teach.VENDOR)
    return out


@pytest.mark.parametrize("name", SITE_PAGES)
def test_every_site_page_has_no_serious_accessibility_fault(page, site, axe_script, name):
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    violations = audit(page, axe_script)
    found = serious(violations)
    assert not found, "\n" + report(found)
    outside = landmarked(violations)
    assert not outside, "content outside a landmark:\n" + report(outside)
    no_alt = page.evaluate(NO_ALT)
    assert not no_alt, f"pictures without alt text: {no_alt}"


@pytest.mark.parametrize("name", [p.stem for p in LESSONS if p.name[:2] in ("00", "04", "08")])
def test_no_line_on_a_phone_breaks_a_word_in_half(page, site, name):
    """Printed text (the routine, the dose) wraps between words, also 390 pixels wide."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    assert page.locator("pre").count() or not name.startswith("08"), "lesson 8 prints its plan"
    split = split_words(page)
    assert not split, f"words broken across lines: {split[:10]}"


@pytest.mark.skipif(DECK is None, reason="no lesson yet")
def test_every_slide_of_a_deck_has_no_serious_accessibility_fault(page, tmp_path, axe_script):
    teach.build("slides", [DECK], tmp_path, ROOT / teach.VENDOR)
    page.goto((tmp_path / f"{DECK.stem}.slides.html").as_uri())
    page.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
    page.evaluate("() => Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    found = {}
    slides = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")
    for where in slides:
        page.evaluate("w => Reveal.slide(w.h, w.v || 0)", where)
        page.wait_for_timeout(50)
        at = f"slide {where['h']}.{where.get('v') or 0}: "
        for v in serious(audit(page, axe_script)):
            found.setdefault(v["id"], (at, v))
    problems = [report([v], at) for at, v in found.values()]
    assert not problems, "\n" + "\n".join(problems)


def test_the_html_handout_has_no_serious_accessibility_fault(page, tmp_path, axe_script):
    out = tmp_path / "plan.html"
    command = [sys.executable, "-m", "lowback", "handout", "--exercises", "4,8,11"]
    subprocess.run([*command, "--out", str(out)], cwd=ROOT, check=True, timeout=300)
    page.goto(out.as_uri())
    found = serious(audit(page, axe_script))
    assert not found, "\n" + report(found)


def ready(page) -> None:
    """Wait until a presented lesson has drawn its controls and its kernel is quiet."""
    page.locator(".jupyter-widgets").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)


@pytest.mark.parametrize("lesson", PRESENTED)
def test_presenter_lessons_have_no_serious_accessibility_fault(page, tmp_path, axe_script, lesson):
    with presenting(page, lesson, tmp_path / "voila.log"):
        ready(page)
        violations = audit(page, axe_script)
        no_alt = page.evaluate(NO_ALT)
        page.close(run_before_unload=True)
    found = serious(violations)
    assert not found, "\n" + report(found)
    outside = landmarked(violations)
    assert not outside, "content outside a landmark:\n" + report(outside)
    assert not no_alt, f"pictures without alt text: {no_alt}"


# What has the keyboard's focus: a slider handle, a control's button or something else, its
# name and how its focus ring is drawn.
FOCUSED = """() => {
    const e = document.activeElement;
    const ring = getComputedStyle(e);
    const kind = e.classList.contains('noUi-handle') ? 'slider'
        : e.matches('.jupyter-widgets button') ? 'button' : e.tagName.toLowerCase();
    return {kind, name: e.getAttribute('aria-label') || e.textContent.trim()
                || (document.getElementById(e.getAttribute('aria-labelledby')) || {}).textContent,
            outline: ring.outlineStyle, width: parseFloat(ring.outlineWidth),
            value: e.getAttribute('aria-valuenow')};
}"""


@pytest.mark.skipif("04" not in PRESENTED, reason="no lesson 4 yet")
def test_tab_reaches_a_slider_and_a_button_in_presenter_mode_with_a_visible_focus(page, tmp_path):
    reached = {}
    with presenting(page, "04", tmp_path / "voila.log"):
        ready(page)
        page.locator("body").click(position={"x": 1, "y": 1})
        for _ in range(150):
            page.keyboard.press("Tab")
            now = page.evaluate(FOCUSED)
            if now["kind"] == "slider" and "slider" not in reached:  # usable: arrows move it
                for key in ("ArrowRight", "ArrowLeft"):  # left if it sits at its maximum
                    page.keyboard.press(key)
                    page.wait_for_timeout(200)
                    now["moved"] = page.evaluate(FOCUSED)["value"] != now["value"]
                    if now["moved"]:
                        break
            if now["kind"] in ("slider", "button"):
                reached.setdefault(now["kind"], now)
            if len(reached) == 2:
                break
        page.close(run_before_unload=True)
    assert set(reached) == {"slider", "button"}, f"Tab reached only {reached}"
    for kind, now in reached.items():
        assert now["name"], f"the focused {kind} has no name: {now}"
        assert now["outline"] != "none" and now["width"] >= 2, f"no visible focus: {now}"
    assert reached["slider"]["moved"], "the arrow key did not move the slider Tab reached"


# Sizes a projector shows (CSS pixels, zoom included): text of each kind, tick boxes,
# pictures, the Speed choice.
CLASSROOM = """() => {
    const px = (sel, what = 'fontSize') => [...document.querySelectorAll(sel)]
        .filter(e => e.getClientRects().length)
        .map(e => Math.round(parseFloat(getComputedStyle(e)[what]) * (e.currentCSSZoom || 1)));
    const widths = sel => [...document.querySelectorAll(sel)]
        .map(e => Math.round(e.getBoundingClientRect().width));
    return {
        text: px('.jp-RenderedMarkdown p, .jp-RenderedMarkdown li'),
        quiz: px('.widget-radio-box label'),
        labels: px('.widget-label'),
        ticks: px('.jupyter-widgets input[type=radio], .jupyter-widgets input[type=checkbox]',
                  'width'),
        stills: widths('.jp-RenderedMarkdown img'),
        animations: widths('.widget-play ~ * img, .widget-vbox > .widget-hbox + * img'),
        handout: px('.lb-handout td, .lb-handout th, .lb-handout p'),
        dropdowns: widths('.widget-dropdown'),
    };
}"""


@pytest.mark.parametrize("lesson", [k for k in ("04", "08") if k in PRESENTED])
def test_classroom_style_scales_text_pictures_and_controls_alike(page, tmp_path, lesson):
    """Presenter mode at 1280x720: every kind of text at least 20 px (printed plans 13),
    tick boxes as big as their words, still pictures as big as the animations, and the
    Speed choice no wider than its words."""
    page.set_viewport_size({"width": 1280, "height": 720})
    with presenting(page, lesson, tmp_path / "voila.log"):
        ready(page)
        size = page.evaluate(CLASSROOM)
        page.close(run_before_unload=True)
    assert min(size["text"] + size["quiz"] + size["labels"]) >= 20, size
    assert size["ticks"] and min(size["ticks"]) >= 20, size["ticks"]
    if lesson == "04":
        assert size["quiz"] and size["stills"] and size["animations"], size
        assert min(size["stills"]) >= 0.9 * max(size["animations"]), size
    else:
        assert size["handout"] and min(size["handout"]) >= 13, size["handout"]
        assert size["dropdowns"] and max(size["dropdowns"]) <= 320, size["dropdowns"]
