"""Views without a kernel (site, slides) never show a control that looks live but is dead."""

import base64
import html
import re
from pathlib import Path

import nbformat
import pytest

from lowback import teach
from lowback.draw.exercise import alt_text
from lowback.quiz import questions
from lowback.safety import levels, red_flags, screen
from lowback.widgets.offline import MIME, render

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = teach.lesson_paths(ROOT / "notebooks")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def outputs(nb):
    for cell in nb.cells:
        yield from cell.get("outputs", [])


def is_control(output) -> bool:
    """A live control's output: a widget that is not a still picture (lowback.widgets.show
    shows a still through a picture widget, its PNG beside it for the kernel-free views)."""
    data = output.get("data", {})
    return WIDGET_VIEW in data and "image/png" not in data


def text(page: str) -> str:
    """The words of an HTML fragment, tags removed and spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_saved_control_carries_its_kernel_free_face(path):
    nb = nbformat.read(path, as_version=4)
    widgets = [o for o in outputs(nb) if is_control(o)]
    missing = [o["data"].get("text/plain", "") for o in widgets if MIME not in o["data"]]
    assert not missing, f"{path.name}: controls without an offline face: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_offline_copy_has_no_widget_left(path):
    nb = nbformat.read(path, as_version=4)
    had = sum(is_control(o) for o in outputs(nb))
    view = teach.offline_copy(teach.learner_copy(nb))
    assert "widgets" not in view.metadata
    assert not [o for o in outputs(view) if WIDGET_VIEW in o.get("data", {})]
    shown = [
        o for o in outputs(view) if "lowback-offline" in o.get("data", {}).get("text/html", "")
    ]
    assert len(shown) == had - sum(
        is_control(o)
        for c in nb.cells
        if teach.is_lab_only(c) or teach.is_instructor(c)
        for o in c.get("outputs", [])
    )
    assert teach.BANNER in view.cells[1].source, "the banner sits under the title"
    assert view.cells[1].metadata["slideshow"]["slide_type"] == "-"


def test_lessons_with_controls_exist():
    counted = sum(
        WIDGET_VIEW in o.get("data", {})
        for p in NOTEBOOKS
        for o in outputs(nbformat.read(p, as_version=4))
    )
    assert counted >= 40, "the lessons' controls were saved with their outputs"


def test_offline_red_flag_check_gives_every_level_its_signs_and_action():
    words = text(render({"control": "red_flag_screen", "args": {}}))
    for lv in levels():
        assert lv.line in words
        start = words.index(lv.line)
        for flag in red_flags(lv.id):
            assert flag.question in words[start:], flag.id
    assert "checkbox" not in words.lower()
    clear = screen()
    # the reassurance comes once, after every level, and is itself the condition
    assert words.count(clear.action) == 1 and clear.action.startswith("If none of these signs")
    assert words.index(clear.action) > max(words.index(lv.line) for lv in levels())
    assert "ticked" not in words  # nothing can be ticked here: no verdict of ticks


@pytest.mark.parametrize("lesson", range(11))
def test_offline_self_check_hides_each_answer_and_explanation_in_a_disclosure(lesson):
    page = render({"control": "self_check", "args": {"lesson": lesson}})
    hidden = re.findall(r"<details>(.*?)</details>", page, re.S)
    asked = questions(lesson)
    assert len(hidden) == len(asked)
    for q, answer in zip(asked, hidden, strict=True):
        assert html.escape(q.options[q.answer]) in answer and html.escape(q.explain) in answer
        assert html.escape(q.prompt) in page


def apng_frames(page: str) -> tuple[int, str]:
    """Frames in the page's one animated PNG, and its alt text."""
    src, alt = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)"', page).groups()
    data = base64.b64decode(src)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at = data.index(b"acTL")
    return int.from_bytes(data[at + 4 : at + 8], "big"), html.unescape(alt)


@pytest.mark.parametrize("which,variation", [(11, None), (8, "both knees")])
def test_offline_animation_plays_by_itself_with_its_alt_text(which, variation):
    page = render(
        {"control": "exercise_animation", "args": {"which": which, "variation": variation}}
    )
    frames, alt = apng_frames(page)
    assert frames > 10
    assert alt.startswith(alt_text(which, variation))


def test_offline_dose_shows_the_starting_dose_and_a_crisp_timeline():
    from lowback.dosage import dosage

    page = render({"control": "exercise_controls", "args": {"which": 4, "fields": ["reps"]}})
    assert html.escape(dosage(4).summary()) in page
    assert "hold 30 s to 10 min" in render(
        {"control": "exercise_controls", "args": {"which": 1, "timeline": False}}
    ), "a range of seconds says its unit"
    width = int(re.search(r"width:(\d+)px", page)[1])
    png = base64.b64decode(re.search(r"base64,([^\"]+)", page)[1])
    assert int.from_bytes(png[16:20], "big") == 2 * width, "drawn at twice the size shown"


def shown_and_drawn(page: str) -> tuple[int, int]:
    """The first picture's width as the page shows it, and its width in pixels."""
    width = int(re.search(r'width="(\d+)"', page)[1])
    png = base64.b64decode(re.search(r"base64,([^\"]+)", page)[1])
    return width, int.from_bytes(png[16:20], "big")


@pytest.mark.parametrize(
    "record",
    [
        {"control": "exercise_animation", "args": {"which": 9}},
        {"control": "picture", "args": {"control": "disc_load"}},
    ],
    ids=["animation", "picture"],
)
def test_offline_pictures_are_drawn_at_twice_the_size_they_are_shown(record):
    shown, drawn = shown_and_drawn(render(record))
    assert 300 < shown < 1000 and drawn == 2 * shown


def test_a_still_picture_keeps_its_alt_text_and_size_in_the_offline_copy():
    from lowback.draw import new_figure
    from lowback.draw.style import png

    data = base64.b64encode(png(new_figure(3, 2))).decode("ascii")
    meta = {"image/png": {"alt": "A blank page.", "width": 300, "height": 200}}
    out = nbformat.v4.new_output("display_data", {"image/png": data}, metadata=meta)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[out])])
    (page,) = [o["data"]["text/html"] for o in outputs(teach.offline_copy(nb))]
    assert 'alt="A blank page."' in page and shown_and_drawn(page) == (300, 600)


def test_an_unknown_control_says_it_needs_the_live_lesson():
    assert "JupyterLab" in render({"control": "no such control", "args": {}})


def test_notebook_only_instructions_are_left_out_of_every_other_view():
    lab_only = [
        (p, c)
        for p in NOTEBOOKS
        for c in nbformat.read(p, as_version=4).cells
        if teach.is_lab_only(c)
    ]
    assert any("Shift + Enter" in c.source for _, c in lab_only), "run-the-cell notes are tagged"
    for path, cell in lab_only:
        nb = nbformat.read(path, as_version=4)
        for view in (teach.learner_copy(nb), teach.offline_copy(nb)):
            assert cell.source not in [c.source for c in view.cells]
        assert cell.source not in [c.source for c in teach.presenter_view(nb, path.parent).cells], (
            path.name
        )
