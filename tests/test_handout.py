"""The printed handout: safe with any name, pictures inside, a tick-off table, real PDF pages."""

import base64
import re

import pytest

from lowback import files
from lowback.handout import (
    WEEKS,
    placeholder_figure,
    preview,
    render,
    to_html,
    to_pdf,
    write_handout,
)
from lowback.routine import days, example, item, routine
from lowback.safety import red_flags

NASTY = "<script>alert(1)</script>"


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


def test_handout_has_steps_cautions_and_the_red_flag_reminder(page):
    for it in example().items:
        assert it.exercise.steps[0] in page and it.exercise.cautions[0] in page
    assert all(f.question in page for f in red_flags())


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
    big = routine([item(n) for n in range(1, 13)], note="x " * 240)
    pdf = to_pdf(big, make=placeholder_figure)
    assert len(re.findall(rb"/Type /Page\b", pdf)) >= 14


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
    _, cover = preview(plan, 1)
    assert "plan" in cover and "safety" in cover
    _, first = preview(plan, 2)
    assert plan.items[0].exercise.name in first


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
