"""A lesson describes each picture with the alt text written beside the drawing itself, and
shows it at half its pixel size in CSS pixels, so that it is crisp on a 2x screen."""

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
ALT = json.loads((ROOT / "images" / "alt-text.json").read_text(encoding="utf-8"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\.\./images/([^)\s]+)\.png\)")


def pictures(markdown: str) -> list[dict[str, str]]:
    """The attributes of every ``<img>`` in a markdown text, as a browser reads them."""
    found = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append({k: unescape(v or "") for k, v in attrs})

    Finder(convert_charrefs=True).feed(markdown)
    return found


def lesson_pictures(path: Path) -> list[dict[str, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    md = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    return [p for text in md for p in pictures(text) if p.get("src", "").startswith("../images/")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_picture_carries_the_drawing_s_own_alt_text(path):
    for picture in lesson_pictures(path):
        key = picture["src"].removeprefix("../images/").removesuffix(".png")
        assert key in ALT, f"{path.stem}: no drawing {key}.png in images/alt-text.json"
        assert picture.get("alt") == ALT[key], f"{path.stem}: {key} is described differently"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_picture_is_shown_at_half_its_pixels_so_it_is_crisp_at_2x(path):
    text = json.loads(path.read_text(encoding="utf-8"))
    markdown = ["".join(c["source"]) for c in text["cells"] if c["cell_type"] == "markdown"]
    assert not [m for t in markdown for m in MARKDOWN_IMAGE.findall(t)], (
        "a picture from images/ in markdown form is shown at its full pixel size (blurred "
        "at 2x, twice as big at 1x): run `make images`"
    )
    for picture in lesson_pictures(path):
        with Image.open(ROOT / "images" / Path(picture["src"]).name) as image:
            width, height = image.size
        shown = int(picture.get("width", 0)), int(picture.get("height", 0))
        assert shown == (round(width / 2), round(height / 2)), (picture["src"], shown)


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
    old = '<img src="../images/disc_healthy.png" width="9" height="9" alt="old">'
    cells = [
        md(f"Look:\n\n![old words](../images/spine_side.png)\n\n{old}\n\n![x](https://a/b.png)")
    ]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    alts = {"spine_side": 'A "new" <side> view & more', "disc_healthy": "A disc"}
    sizes = {"spine_side": (360, 350), "disc_healthy": (480, 230)}
    assert sync_lessons(tmp_path, alts, sizes) == [path]
    text = nbformat.read(path, as_version=4).cells[0].source
    assert [(p["src"], p["alt"], p["width"], p["height"]) for p in pictures(text)] == [
        ("../images/spine_side.png", alts["spine_side"], "360", "350"),
        ("../images/disc_healthy.png", "A disc", "480", "230"),
    ]
    assert text.startswith("Look:\n\n<img") and "![x](https://a/b.png)" in text
    assert sync_lessons(tmp_path, alts, sizes) == [], "a second run changes nothing"
