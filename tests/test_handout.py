"""The printed handout: safe with any name, pictures inside, a tick-off table, real PDF pages."""

import base64
import html
import io
import re

import pytest

from lowback import files
from lowback._data import load
from lowback.handout import (
    WEEKS,
    dose_line,
    placeholder_figure,
    preview,
    render,
    to_html,
    to_pdf,
    write_handout,
)
from lowback.routine import days, example, item, routine
from lowback.safety import LEVELS, lead

NASTY = "<script>alert(1)</script>"
SAFETY = load("safety")
# The red-flag table straight from the data file: each level's words and its own flags.
LEVEL_WORDS = {lv["id"]: (lv["title"], lv["action"]) for lv in SAFETY["level"]}
FLAGS = {lv: [f["question"] for f in SAFETY["flag"] if f["level"] == lv] for lv in LEVELS}


def li(fragment: str) -> list[str]:
    """The text of each list item in an HTML fragment."""
    return [html.unescape(x) for x in re.findall(r"<li>(.*?)</li>", fragment)]


def pdf_text(pdf: bytes) -> list[str]:
    """Each PDF page's text, lines joined by single spaces, the page footer left off."""
    from pypdf import PdfReader

    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    for n, text in enumerate(pages, 1):
        footer = f" My exercise routine · page {n}"
        assert text.endswith(footer), text[-60:]
    return [
        text.removesuffix(f" My exercise routine · page {n}") for n, text in enumerate(pages, 1)
    ]


@pytest.fixture(scope="module")
def pdf_pages():
    return pdf_text(to_pdf(example(), make=placeholder_figure))


def test_the_red_flag_table_has_every_level_and_each_flag_once():
    assert list(LEVEL_WORDS) == list(LEVELS)
    assert all(FLAGS[lv] for lv in LEVELS), "each level has warning signs"
    every = [q for lv in LEVELS for q in FLAGS[lv]]
    assert len(every) == len(set(every)) == len(SAFETY["flag"])


@pytest.fixture(scope="module")
def page():
    return to_html(example())


def test_a_name_or_note_with_html_is_shown_as_text_not_run():
    text = to_html(routine([item(4)], name=NASTY, note='"><img src=x onerror=alert(2)>'))
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img src=x" not in text and "&quot;&gt;&lt;img src=x" in text


def test_every_exercise_picture_is_embedded_with_alt_text(page):
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', page)
    assert len(images) == len(example().items)
    for data, alt in images:
        assert base64.b64decode(data).startswith(b"\x89PNG") and len(alt) > 20
    assert 'src="http' not in page and "<link" not in page, "nothing fetched from elsewhere"


def test_each_exercise_card_lists_every_step_in_order_and_every_caution(page):
    cards = re.findall(r'<section class="exercise">(.*?)</section>', page)
    assert len(cards) == len(example().items)
    for card, it in zip(cards, example().items, strict=True):
        ex = it.exercise
        assert re.search(r"<h2>(.*?)</h2>", card).group(1) == html.escape(str(ex))
        steps = card.split("<h3>How to do it</h3><ol>", 1)[1].split("</ol>", 1)[0]
        assert li(steps) == list(ex.steps) and len(ex.steps) >= 3
        care = card.split("<h3>Take care</h3><ul>", 1)[1].split("</ul>", 1)[0]
        assert li(care) == list(ex.cautions)
        assert f"<p><b>Dose:</b> {html.escape(dose_line(it))}</p>" in card


def test_the_html_plan_lists_each_exercise_with_its_dose_and_times_a_week(page):
    plan = example()
    table = page.split("<h2>The plan</h2><table>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td><td>(.*?)</td><td>(\d+)</td></tr>", table)
    assert rows == [
        (
            str(it.exercise.number),
            it.exercise.name,
            html.escape(it.dosage.amount()),
            str(it.per_week),
        )
        for it in plan.items
    ]
    assert [int(n) for n, *_ in rows] == [4, 5, 11]


@pytest.mark.parametrize("level", LEVELS)
def test_each_red_flag_level_in_the_html_heads_exactly_its_own_flags(page, level):
    found = re.search(
        rf'<div class="level {level}"><h3>(.*?)</h3><p>(.*?)</p><ul>(.*?)</ul></div>', page
    )
    assert found, f"no {level} section in the handout"
    heading, lead_words, flags = found.groups()
    assert html.unescape(heading) == f"{LEVEL_WORDS[level][0]}: {LEVEL_WORDS[level][1]}"
    assert html.unescape(lead_words) == f"{lead()}:"
    assert li(flags) == FLAGS[level]


@pytest.mark.parametrize("level", LEVELS)
def test_each_red_flag_level_in_the_pdf_heads_exactly_its_own_flags(pdf_pages, level):
    cover = pdf_pages[0]
    title, action = LEVEL_WORDS[level]
    heading = f"{title}: {action} {lead()}:"
    assert cover.count(heading) == 1, f"{level} heading missing from the PDF"
    after = cover.split(heading, 1)[1]
    ends = [f"{LEVEL_WORDS[lv][0]}: {LEVEL_WORDS[lv][1]} {lead()}:" for lv in LEVELS]
    ends.append("While you exercise")
    section = after[: min(after.index(e) for e in ends if e in after)]
    assert [f.strip() for f in section.split("•")[1:]] == FLAGS[level]
    assert section.split("•")[0].strip() == ""


def test_the_pdf_plan_lists_each_exercise_with_its_dose_in_order(pdf_pages):
    plan = example()
    cover = pdf_pages[0]
    listed = cover.split("The plan ", 1)[1].split(" All exercises in one session", 1)[0]
    assert listed == " ".join(f"{n}. {dose_line(it)}" for n, it in enumerate(plan.items, 1))


def test_each_pdf_exercise_page_has_its_steps_in_order(pdf_pages):
    plan = example()
    assert len(pdf_pages) == 1 + len(plan.items) + 1
    for text, it in zip(pdf_pages[1:-1], plan.items, strict=True):
        ex = it.exercise
        assert text.startswith(f"{ex} ")
        steps = text.split(" How to do it ", 1)[1].split(" Dose ", 1)[0]
        assert steps == " ".join(f"{n}. {step}" for n, step in enumerate(ex.steps, 1))
        care = text.split(" Take care ", 1)[1]
        assert all(f"• {c}" in care for c in ex.cautions)
    assert pdf_pages[-1].startswith("Tick off your sessions")


def test_tick_table_has_a_box_for_each_planned_session_over_two_weeks(page):
    table = page[page.index('<table class="tick">') :]
    assert table.count('<td class="on">') == WEEKS * sum(it.per_week for it in example().items)
    assert table.count("<th>Mon</th>") == WEEKS and len(days()) == 7


def test_html_prints_with_page_breaks(page):
    assert "@page" in page and "break-before: page" in page


def test_pdf_has_a_cover_page_a_page_per_exercise_and_a_tick_sheet():
    pdf = to_pdf(example())
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1 + len(example().items) + 1


def test_long_routine_runs_onto_more_pages_rather_than_off_the_page():
    note = " ".join(f"w{n}" for n in range(120))  # 489 characters
    big = routine([item(n) for n in range(1, 13)], note=note)
    pages = pdf_text(to_pdf(big, make=placeholder_figure))
    assert len(pages) >= 14
    whole = " ".join(pages)
    assert note in whole, "the whole note is printed, none of it cut off"
    starts = [n for n, text in enumerate(pages) if re.match(r"\d+\. ", text)]
    headed = [pages[n].split(" ", 1)[0] for n in starts]
    assert headed[-12:] == [f"{n}." for n in range(1, 13)], "every exercise starts a page"
    for it in big.items:
        assert " ".join(f"{n}. {s}" for n, s in enumerate(it.exercise.steps, 1)) in whole
    assert pages[-1].startswith("Tick off your sessions")


def test_only_html_or_pdf_is_written():
    with pytest.raises(ValueError, match=r"\.html or \.pdf"):
        render(example(), ".docx")


def test_failed_write_keeps_the_old_handout(tmp_path, monkeypatch):
    path = write_handout(example(), tmp_path / "plan.html")
    before = path.read_bytes()

    def crash(fd):
        raise OSError("power cut")

    monkeypatch.setattr(files.os, "fsync", crash)
    with pytest.raises(OSError):
        write_handout(routine([item(2)], name="Other"), path)
    assert path.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_preview_pages_say_what_they_show():
    plan = example()
    said = [preview(plan, n, make=placeholder_figure)[1] for n in range(1, 6)]
    assert said[0] == (
        "Page 1 of the handout: the plan, the weekly schedule and the safety reminders"
    )
    for n, it in enumerate(plan.items, 2):
        assert said[n - 1] == (
            f"Page {n} of the handout: {it.exercise.name}, with its drawing, steps, dose,"
            " what to feel and cautions"
        )
    assert said[4].startswith("Page 5 of the handout: a table to tick off each planned session")


@pytest.mark.parametrize("page", [0, 99, "1"])
def test_a_preview_page_that_does_not_exist_is_a_clear_error(page):
    with pytest.raises(ValueError, match="page must be a number from 1 to"):
        preview(example(), page, make=placeholder_figure)


def test_printed_page_uses_only_the_course_palette(page):
    from lowback.draw.style import PALETTE
    from lowback.widgets.builder import TABLE_STYLE

    style = page[page.index("<style>") : page.index("</style>")] + TABLE_STYLE
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{3,8}\b", style)}
    assert used and used <= {c.upper() for c in PALETTE.values()}


def test_no_printed_line_runs_off_the_pdf_page():
    """Bold red-flag actions are wider than plain text: every line must stay on the page."""
    from lowback.handout import MARGIN, preview
    from lowback.routine import item, routine

    plan = routine([item(n) for n in (4, 8, 11)], "Tuesday class", "x" * 200)
    page, count = 1, None
    while True:
        try:
            fig, _about = preview(plan, page)
        except ValueError:
            break
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        renderer = FigureCanvasAgg(fig).get_renderer()
        right = fig.bbox.width - MARGIN * fig.dpi * 0.5
        for text in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text().strip()):
            box = text.get_window_extent(renderer)
            assert box.x1 <= right, f"page {page}: {text.get_text()!r} runs off the page"
        page += 1
        count = page
    assert count and count > 2
