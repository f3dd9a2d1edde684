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
