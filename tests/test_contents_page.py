"""The site's and slides' contents page puts safety first, in the words of the data."""

import html
from pathlib import Path

import pytest

from lowback.course import lessons
from lowback.safety import levels, red_flags
from lowback.teach import write_index


@pytest.fixture
def index(tmp_path) -> str:
    pages = {s.file: tmp_path / Path(s.file).with_suffix(".html").name for s in lessons()}
    return write_index(tmp_path, pages, "lowback", "A read-only copy.").read_text()


def test_the_contents_page_opens_with_not_a_diagnosis_and_the_red_flag_check(index):
    first = index.index("Safety first")
    assert first < index.index(lessons()[0].title)  # before the list of lessons
    assert "Health education, not diagnosis." in index
    assert 'href="00_start_here.html">Lesson 0</a>' in index


def test_the_contents_page_lists_the_emergency_signs_with_their_action(index):
    urgent = levels()[0]
    assert html.escape(urgent.line) in index
    for flag in red_flags(urgent.id):
        assert f"<li>{html.escape(flag.question)}</li>" in index


def test_site_pages_show_results_not_code(tmp_path):
    import nbformat

    from lowback.teach import _exporter, learner_copy, lesson_paths

    path = lesson_paths()[0]
    body, _ = _exporter("html").from_notebook_node(learner_copy(nbformat.read(path, 4)))
    import re

    words = html.unescape(re.sub(r"<[^>]+>", "", body.split("<body", 1)[1]))
    assert "red_flag_screen()" not in words and "from lowback" not in words
    assert "red-flag check" in words
