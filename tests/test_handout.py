"""The printed handout: one layout in HTML and PDF, the plan on page 1, an accessible PDF."""

import base64
import html
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from lowback import files
from lowback._data import load
from lowback.handout import (
    dose_line,
    placeholder_figure,
    preview,
    render,
    to_html,
    to_pdf,
    write_handout,
)
from lowback.routine import days, example, item, routine
from lowback.safety import LEVELS, lead, stop_rules
from lowback.tracker import reach_levels

NASTY = "<script>alert(1)</script>"
MADE = date(2026, 12, 4)
SAFETY = load("safety")
WORDS = load("handout")
# The red-flag table straight from the data file: each level's words and its own flags.
LEVEL_WORDS = {lv["id"]: (lv["title"], lv["action"]) for lv in SAFETY["level"]}
FLAGS = {lv: [f["question"] for f in SAFETY["flag"] if f["level"] == lv] for lv in LEVELS}


def flat(text: str) -> str:
    return " ".join(text.split())


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_pages(pdf: bytes) -> list[str]:
    """Each PDF page's text, lines joined by single spaces."""
    return [flat(p.extract_text()) for p in reader(pdf).pages]


def text_heights(sheet) -> list[float]:
    """How high above the bottom of a PDF page each piece of its text sits, in points."""
    found: list[float] = []
    sheet.extract_text(visitor_text=lambda t, cm, tm, *_: t.strip() and found.append(tm[5]))
    return found


def html_pages(page: str) -> list[str]:
    """Each printed page of the HTML handout, as its markup."""
    return re.findall(r'<section class="page".*?</section>(?=<section class="page"|</main>)', page)


def text_of(markup: str) -> str:
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


@pytest.fixture(scope="module")
def pdf():
    return to_pdf(example(), placeholder_figure, made=MADE)


@pytest.fixture(scope="module")
def pages(pdf):
    return pdf_pages(pdf)


@pytest.fixture(scope="module")
def page():
    return to_html(example(), placeholder_figure, made=MADE)


# --- one layout, two formats -------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_three_exercises_print_on_five_pages_none_mostly_blank(paper):
    pdf = to_pdf(example(), made=MADE, paper=paper)  # the real drawings
    found = reader(pdf)
    assert len(found.pages) == 1 + len(example().items) + 1 == 5
    for n, sheet in enumerate(found.pages, 1):
        lowest = text_heights(sheet)
        height = float(sheet.mediabox.height)
        assert min(lowest) < height * 0.45, f"page {n} is mostly blank below its middle"
        assert min(lowest) > 0, f"page {n} has text off the bottom"


@pytest.mark.parametrize("numbers", [(4,), (4, 11), (1, 4, 5, 11), (4, 8, 11), (4, 5, 8, 11)])
def test_one_to_four_exercises_keep_the_plan_on_page_one_even_on_letter(numbers):
    """A plan that mixes directions carries a hint on page 1 as well (routine.advice)."""
    plan = routine([item(n) for n in numbers], "Tuesday class", "Stop if it spreads.")
    found = reader(to_pdf(plan, placeholder_figure, paper="Letter"))
    assert all(h in flat(found.pages[0].extract_text()) for h in plan.advice())
    assert len(found.pages) == len(numbers) + 2
    assert [o.title for o in found.outline][-1] == WORDS["log"]["bookmark"]


def test_the_html_has_the_same_pages_as_the_pdf_in_the_same_order(page, pdf):
    sections = html_pages(page)
    labels = [html.unescape(re.search(r'aria-label="(.*?)"', s)[1]) for s in sections]
    assert labels == [o.title for o in reader(pdf).outline]
    for section, printed in zip(sections, pdf_pages(pdf), strict=True):
        heading = text_of(re.search(r"<h[12]>(.*?)</h[12]>", section)[1])
        assert heading in printed


def test_every_page_has_the_name_and_the_date_or_lines_to_write_them_on(pages, page):
    for n, text in enumerate(pages, 1):
        assert text.startswith(f"My exercise routine · Page {n} of 5 Name: Sam Date: 4 Dec 2026")
    for section in html_pages(page):
        assert "Name: Sam" in text_of(section) and "Date: 4 Dec 2026" in text_of(section)
    blank = routine([item(4)])
    for text in pdf_pages(to_pdf(blank, placeholder_figure)):
        assert re.search(r"Name: _{10,} Date: _{10,}", text), text[:120]
    for section in html_pages(to_html(blank, placeholder_figure)):
        assert re.search(r"Name: _{10,} Date: _{10,}", text_of(section))


def test_page_one_holds_the_whole_plan_with_pictures_doses_and_a_box_per_session(pages, page):
    plan = example()
    first = pages[0]
    for it in plan.items:
        assert f"{it.exercise} {it.dosage.amount()}" in first
    assert " ".join(days()) in first
    one = html_pages(page)[0]
    assert one.count('<span class="tick"') == sum(it.per_week for it in plan.items)
    assert one.count('<td class="off">') == sum(7 - it.per_week for it in plan.items)
    assert len(re.findall(r'<td class="pic"><img src="data:image/png;base64,', one)) == 3


def test_page_one_says_health_education_not_diagnosis_and_who_should_check_first(pages):
    said = f"{WORDS['not_diagnosis']} Check with a clinician first if you have: spinal stenosis,"
    assert pages[0].split("My exercise routine ", 2)[2].startswith(said)
    assert "or if you are unsure whether these exercises suit you." in pages[0]


@pytest.mark.parametrize("level", LEVELS)
def test_the_red_flag_box_on_page_one_heads_each_level_with_its_action_and_own_signs(
    pages, page, level
):
    title, action = LEVEL_WORDS[level]
    heading = f"{title}: {action} {lead()}:"
    cover = pages[0]
    assert cover.count(heading) == 1, f"{level} heading missing from the PDF"
    after = cover.split(heading, 1)[1]
    ends = [f"{LEVEL_WORDS[lv][0]}: " for lv in LEVELS] + [WORDS["stop"]["heading"]]
    section = after[: min(after.index(e) for e in ends if e in after)]
    found = sorted(f.strip() for f in section.split("•")[1:])
    assert found == sorted(FLAGS[level]), "each sign once, none from another level"
    box = re.search(r'<section class="flags">.*?</section>', html_pages(page)[0])[0]
    group = box.split(html.escape(heading), 1)[1].split("</div>", 1)[0]
    assert [html.unescape(x) for x in re.findall(r"<li>(.*?)</li>", group)] == FLAGS[level]


def test_page_one_has_every_stop_rule_after_the_red_flags(pages):
    cover = pages[0]
    rules = cover.split(WORDS["stop"]["heading"], 1)[1]
    for rule in stop_rules():
        assert flat(f"{rule.sign}: {rule.action}") in rules


def test_each_exercise_page_has_its_title_once_and_every_step_in_order(pages):
    for text, it in zip(pages[1:-1], example().items, strict=True):
        ex = it.exercise
        body = text.split("4 Dec 2026 ", 1)[1]
        assert body.startswith(f"{ex} ") and text.count(str(ex)) == 1
        steps = body.split(" How to do it ", 1)[1].split(" Dose ", 1)[0]
        assert steps == " ".join(f"{n}. {step}" for n, step in enumerate(ex.steps, 1))
        assert all(f"• {c}" in text for c in ex.cautions)
        assert dose_line(it) in text


def test_the_log_has_fourteen_days_pain_and_how_far_down_the_leg(pages, page):
    log = pages[-1]
    assert log.count("__ /__") == 14 and "Back pain 0-10 Leg pain 0-10" in log
    assert log.count(" ".join(reach_levels())) == 14
    rows = re.findall(r'<tr(?: class="endweek")? style="height:([\d.]+)mm">', html_pages(page)[-1])
    assert len(rows) == 14 and all(float(h) >= 13 for h in rows), "large boxes filling the page"
    planned = sum(it.per_week for it in example().items)
    assert html_pages(page)[-1].count('<span class="tick"') == 2 * planned + 14 * 5


# --- an accessible PDF -------------------------------------------------------------------


def test_the_pdf_has_a_title_a_language_bookmarks_and_alt_text_for_every_picture(pdf):
    found = reader(pdf)
    root = found.trailer["/Root"]
    assert found.metadata.title == "My exercise routine: Sam"
    assert root["/Lang"] == WORDS["language"] and root["/MarkInfo"]["/Marked"]
    names = [str(it.exercise) for it in example().items]
    assert [o.title for o in found.outline] == ["Your plan", *names, "Two-week log"]
    alts: list[str] = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            if kids is not None:
                walk(kids if isinstance(kids, list) else [kids])

    walk(root["/StructTreeRoot"])
    images = sum(len(p.images) for p in found.pages)
    assert len(alts) == images == 2 * len(names) and all(len(a) > 40 for a in alts)


def test_the_same_plan_and_date_give_the_same_pdf_bytes():
    assert to_pdf(example(), placeholder_figure, made=MADE) == to_pdf(
        example(), placeholder_figure, made=MADE
    )


# --- the HTML ----------------------------------------------------------------------------


def test_a_name_or_note_with_html_is_shown_as_text_not_run():
    text = to_html(routine([item(4)], name=NASTY, note='"><img src=x onerror=alert(2)>'))
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img src=x" not in text and "&quot;&gt;&lt;img src=x" in text


def test_every_exercise_picture_is_embedded_with_alt_text(page):
    found = r'<img (?:class="picture" )?src="data:image/png;base64,([^"]+)" alt="([^"]+)"'
    images = re.findall(found, page)
    assert len(images) == 2 * len(example().items)
    for data, alt in images:
        assert base64.b64decode(data).startswith(b"\x89PNG") and len(alt) > 40
    assert 'src="http' not in page and "<link" not in page, "nothing fetched from elsewhere"


def test_html_prints_a_page_per_section(page):
    assert "@page { size: A4" in page and "break-after: page" in page
    assert "@page { size: Letter" in to_html(example(), placeholder_figure, paper="Letter")


def test_printed_page_uses_only_the_course_palette(page):
    from lowback.draw.style import PALETTE

    style = page[page.index("<style>") : page.index("</style>")]
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{3,8}\b", style)}
    assert used and used <= {c.upper() for c in PALETTE.values()}


# --- long routines, files, errors --------------------------------------------------------


def test_long_routine_runs_onto_more_pages_rather_than_off_the_page():
    note = " ".join(f"w{n}" for n in range(120))  # 489 characters
    big = routine([item(n) for n in range(1, 13)], note=note)
    found = reader(to_pdf(big, placeholder_figure))
    pages = [flat(p.extract_text()) for p in found.pages]
    whole = " ".join(pages)
    assert note in whole, "the whole note is printed, none of it cut off"
    assert [o.title for o in found.outline][1:-1] == [str(it.exercise) for it in big.items]
    for it in big.items:
        assert " ".join(f"{n}. {s}" for n, s in enumerate(it.exercise.steps, 1)) in whole
    for sheet in found.pages:
        assert min(text_heights(sheet)) > 0, "no text off the bottom of a page"
    assert WORDS["log"]["heading"] in pages[-1]


def test_only_html_or_pdf_is_written():
    with pytest.raises(ValueError, match=r"\.html or \.pdf"):
        render(example(), ".docx")
    with pytest.raises(ValueError, match="paper must be A4 or Letter"):
        render(example(), ".pdf", placeholder_figure, paper="A5")


def test_failed_write_keeps_the_old_handout(tmp_path, monkeypatch):
    path = write_handout(example(), tmp_path / "plan.html", placeholder_figure)
    before = path.read_bytes()

    def crash(fd):
        raise OSError("power cut")

    monkeypatch.setattr(files.os, "fsync", crash)
    with pytest.raises(OSError):
        write_handout(routine([item(2)], name="Other"), path, placeholder_figure)
    assert path.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_preview_pages_say_what_they_show():
    plan = example()
    said = [repr(preview(plan, n, placeholder_figure)) for n in range(1, 6)]
    assert said[0].startswith("Page 1 of the handout: the plan")
    for n, it in enumerate(plan.items, 2):
        assert said[n - 1].startswith(f"Page {n} of the handout: {it.exercise.name}")
    assert said[4].startswith("Page 5 of the handout: a two-week log")
    shown = preview(plan, 2, placeholder_figure)._repr_html_()
    assert 'class="lb-handout"' in shown and "<h2>4. Lying down pelvic tilt</h2>" in shown


@pytest.mark.parametrize("page", [0, 99, "1"])
def test_a_preview_page_that_does_not_exist_is_a_clear_error(page):
    with pytest.raises(ValueError, match="page must be a number from 1 to"):
        preview(example(), page, make=placeholder_figure)


def test_text_with_dollars_or_a_byte_order_mark_prints_as_given(tmp_path):
    plan = routine([item(4)], "costs $5 or $6", "Sam $\\foo$ and $x^2$\ufeff")
    text = " ".join(pdf_pages(to_pdf(plan, placeholder_figure)))
    assert "costs $5 or $6" in text and "Sam $\\foo$ and $x^2$" in text
