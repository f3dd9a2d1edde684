"""The teaching views: slides with speaker notes, a learner site, presenter mode, all offline."""

import base64
import copy
import re
from pathlib import Path

import nbformat
import pytest

from lowback import slides, teach
from lowback.course import lessons

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = teach.lesson_paths(ROOT / "notebooks")
VENDOR = ROOT / teach.VENDOR
SECRET = "Instructor only: ask who has tried this before."
# a script, style sheet or picture the page loads, or a path it asks require.js for
ASSET_REF = re.compile(
    r"""<(?:script|link|img)\b[^>]*?(?:src|href)="([^"]+)"|["'](vendor/[^"']+)["']"""
)


def sample_lesson(folder: Path) -> Path:
    """A two-section lesson with one instructor note, written like the real ones."""
    md = nbformat.v4.new_markdown_cell
    slide = {"slideshow": {"slide_type": "slide"}}
    cells = [
        md("# Lesson 0 · Sample\n\nAbout 5 minutes.", metadata=slide),
        md("## 1. First idea\n\nSee [the next one](01_spine_anatomy.ipynb).", metadata=slide),
        md(SECRET, metadata={"tags": ["instructor"]}),
        nbformat.v4.new_code_cell("print('hello')"),
    ]
    path = folder / "00_sample.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Slides and site for the sample lesson and every real one, built once."""
    src = tmp_path_factory.mktemp("src")
    paths = [sample_lesson(src), *NOTEBOOKS]
    out = {}
    for kind in ("slides", "html"):
        out[kind] = tmp_path_factory.mktemp(kind)
        teach.build(kind, paths, out[kind], VENDOR)
    return out


def notes(page: str) -> str:
    return " ".join(re.findall(r'<aside class="notes">(.*?)</aside>', page, re.S))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_section_starts_a_slide(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        text = cell.source.lstrip()
        if cell.cell_type == "markdown" and re.match(r"#{1,2} ", text):
            kind = cell.metadata.get("slideshow", {}).get("slide_type")
            assert kind == "slide", f"{path.name}: {text.splitlines()[0]!r} is not a slide"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_instructor_cells_are_speaker_notes_and_hidden_from_learners(path):
    nb = nbformat.read(path, as_version=4)
    deck, learner = teach.slides_copy(nb), teach.learner_copy(nb)
    marked = [c for c in deck.cells if teach.is_instructor(c)]
    assert all(c.cell_type == "markdown" for c in marked), "notes are text: code would run"
    assert all(c.metadata["slideshow"]["slide_type"] == "notes" for c in marked)
    assert not any(teach.is_instructor(c) for c in learner.cells)
    lab_only = [c for c in nb.cells if teach.is_lab_only(c)]
    assert len(learner.cells) == len(nb.cells) - len(marked) - len(lab_only)


def test_instructor_note_is_a_speaker_note_in_the_deck(built):
    deck = (built["slides"] / "00_sample.slides.html").read_text()
    assert SECRET in notes(deck)
    assert deck.count(SECRET) == 1


def test_instructor_note_never_reaches_the_learner_site(built):
    assert SECRET not in (built["html"] / "00_sample.html").read_text()


def plain_words(html_or_markdown: str) -> str:
    """Text without tags, markdown marks or line breaks, to compare a source with a page."""
    return " ".join(re.sub(r"<[^>]+>|[*_`#>]", " ", html_or_markdown).split())


# Lessons with instructor notes (all but lesson 0, as test_notebooks.py checks), so the test
# below never passes on a lesson with nothing to check.
NOTED = [p for p in NOTEBOOKS if any(map(teach.is_instructor, nbformat.read(p, 4).cells))]


def test_every_lesson_but_the_first_has_instructor_notes_to_check():
    assert [p.name for p in NOTED] == [p.name for p in NOTEBOOKS if not p.name.startswith("00")]


@pytest.mark.parametrize("path", NOTED, ids=[p.stem for p in NOTED])
def test_each_lessons_notes_reach_the_deck_only(built, path):
    nb = nbformat.read(path, as_version=4)
    for cell in filter(teach.is_instructor, nb.cells):
        opening = " ".join(plain_words(cell.source).split()[:6])
        assert opening in plain_words(
            notes((built["slides"] / f"{path.stem}.slides.html").read_text())
        )
        assert opening not in plain_words((built["html"] / f"{path.stem}.html").read_text())


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_script_and_style_sheet_is_local(built, kind):
    for page in built[kind].glob("*.html"):
        for ref in (a or b for a, b in ASSET_REF.findall(page.read_text())):
            if ref.startswith("data:"):
                continue
            assert "//" not in ref, f"{page.name} loads {ref} from the network"
            assert (built[kind] / ref).is_file(), f"{page.name} needs {ref}"


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_contents_page_lists_built_lessons_in_course_order(built, kind):
    index = (built[kind] / "index.html").read_text()
    shown = [s for s in lessons() if (ROOT / "notebooks" / s.file).exists()]
    positions = [index.index(s.title) for s in shown]
    assert positions == sorted(positions) and len(positions) == len(NOTEBOOKS)
    for href in re.findall(r'href="([^"]+)"', index):
        assert (built[kind] / href).is_file(), href


def test_links_between_lessons_point_at_built_pages(built):
    page = (built["html"] / "00_sample.html").read_text()
    assert 'href="01_spine_anatomy.html"' in page and ".ipynb" not in page


def test_no_page_carries_a_widget_that_would_look_live_but_do_nothing(built):
    with_widgets = [p for p in NOTEBOOKS if "widgets" in nbformat.read(p, 4).metadata]
    assert with_widgets, "the lessons were saved with their controls"
    for path in with_widgets:
        for page in (
            built["slides"] / f"{path.stem}.slides.html",
            built["html"] / f"{path.stem}.html",
        ):
            text = page.read_text()
            assert "application/vnd.jupyter.widget-state+json" not in text, page.name
            assert "application/vnd.jupyter.widget-view+json" not in text, page.name
            assert 'type="checkbox"' not in text and "lowback-offline" in text, page.name


def test_presenter_view_hides_instructor_cells_and_adds_the_classroom_style(tmp_path):
    nb = nbformat.read(sample_lesson(tmp_path), as_version=4)
    view = teach.presenter_view(nb, tmp_path)
    text = "\n".join(c.source for c in view.cells)
    assert SECRET not in text and "--jp-widgets-font-size" in text
    assert SECRET in "\n".join(c.source for c in nb.cells), "the source notebook is untouched"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_presenter_view_carries_its_pictures_inside_the_page(path):
    """Voila cannot serve ../images: every picture, markdown or <img>, travels as data."""
    view = teach.presenter_view(nbformat.read(path, as_version=4), path.parent)
    pictures = 0
    for cell in view.cells:
        if cell.cell_type == "markdown":
            sources = re.findall(r"<img\b[^>]*\bsrc=\"([^\"]+)\"", cell.source)
            sources += [src for _, src in teach.MARKDOWN_IMAGE.findall(cell.source)]
            pictures += len(sources)
            assert all(src.startswith("data:") for src in sources), path.name
    shown = nbformat.read(path, as_version=4).cells
    assert pictures >= sum(c.source.count("../images/") for c in shown if c.cell_type == "markdown")


@pytest.mark.parametrize("key", ["0", "00"])
def test_a_lesson_is_found_by_its_number(key):
    assert teach.find_lesson(key, ROOT / "notebooks").name.startswith("00_")


def test_an_unknown_lesson_number_is_an_error():
    with pytest.raises(SystemExit, match="no lesson 99"):
        teach.find_lesson("99", ROOT / "notebooks")


# --- slides that fit (lowback/slides.py) ---------------------------------------------------

md = nbformat.v4.new_markdown_cell


def deck(*cells) -> nbformat.NotebookNode:
    return teach.slides_copy(nbformat.v4.new_notebook(cells=list(cells)))


def kinds(nb) -> list[str]:
    return [slides.slide_type(c) for c in nb.cells]


def words(nb) -> str:
    return " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())


def test_a_long_section_becomes_several_subslides_cut_between_paragraphs():
    paragraphs = [f"Paragraph {n}: " + "words that fill a line " * 12 for n in range(30)]
    source = "## 1. A long section\n\n" + "\n\n".join(paragraphs)
    nb = deck(md(source, metadata={"slideshow": {"slide_type": "slide"}}))
    assert kinds(nb)[0] == "slide" and kinds(nb)[1:] == ["subslide"] * (len(nb.cells) - 1)
    assert len(nb.cells) >= 4
    assert words(nb) == " ".join(source.split()), "every word kept, in order"
    for cell in nb.cells:  # no paragraph is cut in two
        assert all(p.startswith(("Paragraph", "## 1.")) for p in cell.source.split("\n\n"))


def test_a_short_section_is_left_as_it_is():
    cells = [md("## 1. Short\n\nOne line.", metadata={"slideshow": {"slide_type": "slide"}})]
    assert deck(*cells).cells == nbformat.v4.new_notebook(cells=cells).cells


def test_lists_are_cut_between_items_and_a_heading_stays_with_what_follows():
    items = "\n".join(f"{n}. item {n}, " + "long enough to wrap a line " * 5 for n in range(1, 25))
    source = "## 2. A list\n\nSome words.\n\n### Steps\n" + items
    nb = deck(md(source, metadata={"slideshow": {"slide_type": "slide"}}))
    assert len(nb.cells) > 1
    for cell in nb.cells:
        lines = cell.source.splitlines()
        assert not lines[-1].startswith("#"), "a heading never ends a subslide"
        assert all(re.match(r"\d+\. item|#|Some", line) for line in lines if line)


def test_each_section_still_starts_a_slide_and_notes_stay_notes():
    slide = {"slideshow": {"slide_type": "slide"}}
    long = "\n\n".join(["Text " * 80] * 12)
    note = md(SECRET, metadata={"tags": ["instructor"]})
    nb = deck(md(f"## 1. One\n\n{long}", metadata=slide), note, md(f"## 2. Two\n\n{long}",
              metadata=slide))  # fmt: skip
    starts = [c.source.splitlines()[0] for c in nb.cells if slides.slide_type(c) == "slide"]
    assert starts == ["## 1. One", "## 2. Two"]
    notes = [c for c in nb.cells if slides.slide_type(c) == "notes"]
    assert [c.source for c in notes] == [SECRET]
    assert "subslide" in kinds(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_fitting_a_lesson_keeps_its_sections_notes_words_and_outputs(path):
    nb = nbformat.read(path, as_version=4)
    fitted = teach.slides_copy(nb)

    def openings(notebook, kind):
        return [c.source.split("\n\n")[0] for c in notebook.cells if slides.slide_type(c) == kind]

    assert openings(fitted, "slide") == openings(nb, "slide"), "each section starts one slide"
    notes = [c.source for c in nb.cells if teach.is_instructor(c)]
    assert [c.source for c in fitted.cells if slides.slide_type(c) == "notes"] == notes
    assert words(fitted) == words(nb)
    again = slides.unfit(copy.deepcopy(fitted))  # what fit records lets it undo itself
    assert kinds(again) == ["notes" if teach.is_instructor(c) else slides.slide_type(c)
                            for c in nb.cells]  # fmt: skip
    assert [" ".join(c.source.split()) for c in again.cells] == [
        " ".join(c.source.split()) for c in nb.cells
    ]
    assert [c.get("outputs") for c in again.cells] == [c.get("outputs") for c in nb.cells]


def test_an_html_output_too_tall_for_a_slide_is_cut_between_its_parts_and_made_whole_again():
    boxes = "".join(f"<div><p>Box {n}</p><ul>{'<li>sign</li>' * 6}</ul></div>" for n in range(9))
    html_out = f'<div class="lowback-offline">{boxes}</div>'
    code = nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("display_data", data={"text/html": html_out})]
    )
    nb = deck(md("## 1. Boxes", metadata={"slideshow": {"slide_type": "slide"}}), code)
    parts = [c.outputs[0].data["text/html"] for c in nb.cells if c.cell_type == "code"]
    assert len(parts) > 1
    assert all(p.startswith('<div class="lowback-offline"><div><p>Box') for p in parts)
    assert "".join(re.findall(r"Box \d", "".join(parts))) == "".join(f"Box {n}" for n in range(9))
    whole = slides.unfit(nb)
    assert [c.outputs[0].data["text/html"] for c in whole.cells if c.cell_type == "code"] == [
        html_out
    ]


def test_a_table_cut_in_two_repeats_its_header():
    rows = "".join(f"| {n} | " + "a cell with words " * 6 + "|\n" for n in range(30))
    table = "| # | what |\n|---|---|\n" + rows
    nb = deck(md("## 1. A table\n\n" + table, metadata={"slideshow": {"slide_type": "slide"}}))
    assert len(nb.cells) > 1
    assert all("| # | what |" in c.source for c in nb.cells)


def test_pictures_are_estimated_no_taller_than_the_deck_shows_them():
    tall = slides.picture_height((400, 4000))
    assert tall == slides.PICTURE_MAX
    assert slides.picture_height((3000, 1000)) == pytest.approx(slides.TEXT_WIDTH / 3)
    css = (teach.TEMPLATES / "lowback_reveal" / "index.html.j2").read_text()
    assert f"max-height: {slides.PICTURE_MAX}px" in css


def test_a_picture_that_does_not_fit_after_the_text_starts_a_subslide_with_its_caption():
    png = base64.b64encode(_png(800, 800)).decode()
    text = "\n\n".join(["Some words about the exercise " * 8] * 5)
    picture = f"![a figure](data:image/png;base64,{png})"
    source = f"## 1. Lie down\n\n{text}\n\nThe start position:\n\n{picture}"
    nb = deck(md(source, metadata={"slideshow": {"slide_type": "slide"}}))
    assert len(nb.cells) == 2
    assert nb.cells[1].source.startswith("The start position:\n\n![a figure]")


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, format="PNG")
    return buf.getvalue()
