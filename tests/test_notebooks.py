"""The notebooks are the product: committed outputs must be clean, complete and accessible.

nbval (run by `make test`) re-executes each notebook and compares outputs; these tests check
what nbval does not: the stored outputs, the lesson skeleton and the alt text.
"""

import json
import re
from pathlib import Path

import pytest

from lowback.course import lessons

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
MOVING_LESSONS = {"04", "05", "06", "07", "08"}  # lessons that ask the learner to exercise


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def ids(paths):
    return [p.stem for p in paths]


@pytest.fixture(params=NOTEBOOKS, ids=ids(NOTEBOOKS))
def nb(request):
    return request.param, load(request.param)


def test_every_notebook_is_on_the_course_map_and_every_lesson_has_its_notebook():
    assert NOTEBOOKS, "no lesson notebooks found: every test below would be skipped"
    assert {p.name for p in NOTEBOOKS} == {lesson.file for lesson in lessons()}


def test_kernel_is_python3(nb):
    _, data = nb
    assert data["metadata"]["kernelspec"]["name"] == "python3"


def test_committed_outputs_ran_top_to_bottom_once(nb):
    _, data = nb
    counts = [c["execution_count"] for c in data["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), "re-run with `make notebooks`"


def test_committed_outputs_have_no_errors_warnings_or_stderr(nb):
    _, data = nb
    for cell in data["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", source(cell)
            assert out.get("name") != "stderr", source(cell)
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert not re.search(r"Warning|Traceback", text), text


def test_every_code_cell_has_output_or_is_setup(nb):
    import ast

    _, data = nb
    code = [cell for cell in data["cells"] if cell["cell_type"] == "code"]
    assert code, "a lesson has code cells"
    for cell in code:
        lines = source(cell).splitlines()
        assert len(lines) <= 12, f"code cells stay short; move logic into lowback:\n{lines}"
        shown = [out for out in cell.get("outputs", []) if out.get("data") or out.get("text")]
        if shown:
            continue
        statements = ast.parse(source(cell)).body
        setup = statements and all(isinstance(s, ast.Import | ast.ImportFrom) for s in statements)
        assert setup, f"a code cell shows nothing and is not setup (imports only):\n{lines}"


def test_every_image_has_alt_text(nb):
    path, data = nb
    for cell in data["cells"]:
        if cell["cell_type"] == "markdown":
            for alt, src in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", source(cell)):
                assert alt.strip(), f"image {src} needs alt text"
                assert (path.parent / src).is_file(), f"missing image {src}"
            for tag in re.findall(r"<img\b[^>]*>", source(cell)):
                alt = re.search(r"\balt=\"([^\"]*)\"", tag)
                assert alt and alt[1].strip(), f"picture needs alt text: {tag[:80]}"
                src = re.search(r"\bsrc=\"([^\"]+)\"", tag)
                assert src, f"picture without src: {tag[:80]}"
                if "://" not in src[1] and not src[1].startswith("data:"):
                    assert (path.parent / src[1]).is_file(), f"missing image {src[1]}"
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                assert out.get("metadata", {}).get("image/png", {}).get("alt"), source(cell)


def test_lesson_follows_the_skeleton(nb):
    path, data = nb
    text = "\n".join(source(c) for c in data["cells"] if c["cell_type"] == "markdown")
    assert source(data["cells"][0]).startswith("# Lesson"), "title first"
    assert "minutes" in source(data["cells"][0]), "an estimated time"
    for part in (
        "By the end you will be able to",
        "## Check yourself",
        "## Summary",
        "## References",
    ):
        assert part in text, f"{path.name} lacks {part!r}"


def test_lessons_that_ask_you_to_move_say_when_to_stop(nb):
    path, data = nb
    if path.name[:2] in MOVING_LESSONS:
        text = "\n".join(source(c) for c in data["cells"])
        assert "stop_rules_markdown()" in text and "When to stop" in text
        overview = source(data["cells"][0])
        assert "red-flag check" in overview and "(00_start_here.ipynb)" in overview, (
            "remind the learner to answer the red-flag screen before moving"
        )


def test_instructor_notes_are_labelled_for_learners_who_see_them(nb):
    path, data = nb
    notes = [c for c in data["cells"] if "instructor" in c["metadata"].get("tags", [])]
    # Lessons 1 to 10 carry notes for whoever teaches them; the welcome lesson has none.
    assert notes or path.name.startswith("00_"), f"{path.name} has no cell tagged instructor"
    for cell in notes:
        assert source(cell).startswith("**Instructor notes.** "), source(cell)[:60]


def learner_code_cells(data):
    """Code cells a learner meets in the lesson itself (not instructor notes or appendices)."""
    aside = False
    for cell in data["cells"]:
        text = source(cell)
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            aside = text.startswith("## For the curious")
        if (
            cell["cell_type"] == "code"
            and not aside
            and "instructor" not in cell["metadata"].get("tags", [])
        ):
            yield text


def test_learner_code_cells_are_one_call_long(nb):
    """One call (after its imports), at most after naming one result: no loops or blocks."""
    import ast

    path, data = nb
    cells = list(learner_code_cells(data))
    assert cells, f"{path.name} has code cells"
    for text in cells:
        tree = ast.parse(text)
        body = [n for n in tree.body if not isinstance(n, ast.Import | ast.ImportFrom)]
        blocks = (ast.For, ast.While, ast.Try, ast.With, ast.If, ast.comprehension, ast.FunctionDef)
        assert not [n for n in ast.walk(tree) if isinstance(n, blocks)], f"{path.name}: {text!r}"
        assert len(body) <= 1 or (len(body) == 2 and isinstance(body[0], ast.Assign)), text


def test_no_lesson_asks_the_learner_to_edit_code(nb):
    path, data = nb
    prose = "\n".join(source(c) for c in data["cells"] if c["cell_type"] == "markdown")
    for ask in ("run the cell again", "change the numbers", "change `"):
        assert ask not in prose.lower(), f"{path.name} asks: {ask!r}"


def test_no_empty_cell(nb):
    """An empty cell shows as a blank slide or a gap in every view."""
    path, data = nb
    assert not [i for i, c in enumerate(data["cells"]) if not source(c).strip()], path.name
