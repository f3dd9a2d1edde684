"""A lesson describes each picture with the alt text written beside the drawing itself."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALT = json.loads((ROOT / "images" / "alt-text.json").read_text(encoding="utf-8"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
IMAGE = re.compile(r"!\[([^\]]*)\]\(\.\./images/([^)\s]+)\.png\)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_picture_carries_the_drawing_s_own_alt_text(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        for alt, key in IMAGE.findall("".join(cell["source"])):
            assert key in ALT, f"{path.stem}: no drawing {key}.png in images/alt-text.json"
            assert alt == ALT[key], f"{path.stem}: {key} is described differently from its drawing"


def test_every_not_like_this_picture_is_shown_in_a_lesson_and_marked_as_wrong():
    shown = " ".join(p.read_text(encoding="utf-8") for p in NOTEBOOKS)
    mistakes = [k for k in ALT if k.startswith("mistake_")]
    assert len(mistakes) >= 4
    for key in mistakes:
        assert f"../images/{key}.png" in shown, key
        assert ALT[key].startswith("Not like this"), key


def test_make_images_brings_lesson_picture_descriptions_in_line(tmp_path):
    import nbformat

    from lowback.images import sync_lessons

    md = nbformat.v4.new_markdown_cell
    cells = [md("Look:\n\n![old words](../images/spine_side.png)\n\n![x](https://a/b.png)")]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    assert sync_lessons(tmp_path, {"spine_side": "New words"}) == [path]
    text = nbformat.read(path, as_version=4).cells[0].source
    assert "![New words](../images/spine_side.png)" in text and "![x](https://a/b.png)" in text
    assert sync_lessons(tmp_path, {"spine_side": "New words"}) == []
