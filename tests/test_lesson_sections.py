"""Numbered sections run on without a gap in every view: JupyterLab and the learner's copy.

Lessons 4-7 number their sections by exercise (4, 5, 6, 7), so a run may start above 1.
"""

import re

import nbformat
import pytest

from lowback.teach import learner_copy, lesson_paths

SECTION = re.compile(r"^## (\d+)\. ", re.M)


def _numbers(nb) -> list[int]:
    return [
        int(n) for c in nb.cells if c.cell_type == "markdown" for n in SECTION.findall(c.source)
    ]


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
@pytest.mark.parametrize("view", ["lab", "learner"])
def test_numbered_sections_run_without_a_gap(path, view):
    nb = nbformat.read(path, as_version=4)
    numbers = _numbers(learner_copy(nb) if view == "learner" else nb)
    start = numbers[0] if numbers else 1
    assert numbers == list(range(start, start + len(numbers))), f"{path.name} ({view}): {numbers}"
