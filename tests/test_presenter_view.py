"""What presenter mode projects: the lesson without code asides, raw files or instructor notes."""

from pathlib import Path

import nbformat
import pytest

from lowback.teach import CURIOUS, lesson_paths, presenter_view


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_presenter_mode_leaves_out_the_asides_on_files_and_code(path: Path):
    nb = nbformat.read(path, as_version=4)
    view = presenter_view(nb, path.parent)
    assert not [c for c in view.cells if CURIOUS in _tags(c)]
    shown = "".join(c.source for c in view.cells)
    assert "For the curious" not in shown


def test_lesson_8_has_asides_for_the_curious_that_presenter_mode_drops():
    path = next(p for p in lesson_paths() if p.name.startswith("08"))
    nb = nbformat.read(path, as_version=4)
    asides = [c for c in nb.cells if CURIOUS in _tags(c)]
    assert asides and any("dumps(plan)" in c.source for c in asides)
    kept = presenter_view(nb, path.parent).cells
    assert not any("dumps(plan)" in c.source for c in kept)
