"""The HTML handout printed from Chromium: the same five pages as the PDF, none spilling over."""

import pytest

from lowback.handout import placeholder_figure, to_html
from lowback.routine import example, item, routine


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_html_handout_prints_one_sheet_per_page_like_the_pdf(page, tmp_path, paper):
    from pypdf import PdfReader

    source = tmp_path / "plan.html"
    source.write_text(to_html(example(), placeholder_figure, paper=paper), encoding="utf-8")
    page.goto(source.as_uri())
    fonts = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.family.includes('LB DejaVu Sans')).map(f => f.status))"
    )
    assert fonts == ["loaded"] * 3, "the page sets its text in the PDF's own font, from inside it"
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
    pages = PdfReader(printed).pages
    assert len(pages) == 1 + len(example().items) + 1 == 5
    for n, sheet in enumerate(pages, 1):
        assert f"Page {n} of 5" in sheet.extract_text()


def test_a_long_note_runs_onto_another_printed_page_rather_than_being_cut_off(page, tmp_path):
    from pypdf import PdfReader

    note = " ".join(f"w{n}" for n in range(120))
    plan = routine([item(n) for n in (4, 5, 11)], "Tuesday class", note)
    source = tmp_path / "plan.html"
    source.write_text(to_html(plan, placeholder_figure, paper="Letter"), encoding="utf-8")
    page.goto(source.as_uri())
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(printed).pages)
    rule = "Leg symptoms move up toward the back (centralisation): A good sign"
    assert note in text and rule in text, "nothing on page 1 is cut off"
