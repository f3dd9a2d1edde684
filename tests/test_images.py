"""Freshly drawn illustrations must match the committed ones in images/ (`make images`)."""

import json
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from lowback.images import ALT_FILE, DPI, registry, render

IMAGES = Path(__file__).resolve().parents[1] / "images"
NAMES = list(registry())


def test_images_folder_holds_exactly_the_registered_illustrations():
    assert sorted(p.stem for p in IMAGES.glob("*.png")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_drawing_matches_committed_image(name, tmp_path):
    fig, alt = registry()[name]()
    actual = tmp_path / f"{name}.png"
    actual.write_bytes(render(fig))
    assert compare_images(str(IMAGES / f"{name}.png"), str(actual), tol=3) is None
    alts = json.loads((IMAGES / ALT_FILE).read_text())
    assert alts[name] == alt and len(alt) > 20, "alt text describes the picture"


def test_every_picture_has_two_pixels_for_each_css_pixel_it_is_shown_at():
    """A 6.4-inch drawing is shown 640 CSS pixels wide and holds 1280 pixels: crisp at 2x."""
    from PIL import Image

    from lowback.draw.style import pixel_size

    fig, _ = registry()["exercise_02_brace-abs"]()
    with Image.open(IMAGES / "exercise_02_brace-abs.png") as picture:
        assert picture.size == tuple(2 * n for n in pixel_size(fig, DPI)), picture.size


@pytest.mark.parametrize("dpi", [100, 150])
def test_quick_png_shows_the_same_picture_as_a_saved_one(dpi, tmp_path):
    import numpy as np
    from PIL import Image

    from lowback.draw.style import png

    fig, _ = registry()["spine_postures"]()  # 4.6 inches tall: 459.99... pixels before rounding
    fig.savefig(tmp_path / "saved.png", dpi=dpi, facecolor="white")
    quick = tmp_path / "quick.png"
    quick.write_bytes(png(fig, dpi))
    saved, fresh = (
        np.asarray(Image.open(p).convert("RGB")) for p in (tmp_path / "saved.png", quick)
    )
    assert saved.shape == fresh.shape and (saved == fresh).all()


def test_contact_sheet_shows_every_picture_labelled(tmp_path):
    from PIL import Image

    from lowback.images import contact_sheet

    pictures = sorted(IMAGES.glob("*.png"))[:5]
    out = contact_sheet(pictures, tmp_path / "sheet.png", columns=2)
    with Image.open(out) as sheet:
        width, height = sheet.size
    assert height > width, "three rows of two"


def test_lesson_pictures_travel_inside_the_page_keeping_their_size_and_alt_text():
    """Presenter mode, the site and the slides cannot serve ../images: each lesson picture
    is inlined as data, still shown at its CSS size (crisp at 2x) and described."""
    import re

    import nbformat

    from lowback import teach

    path = next((IMAGES.parent / "notebooks").glob("04_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    before = re.findall(r"<img\b[^>]*>", "\n".join(c.source for c in nb.cells))
    teach.inline_images(nb, path.parent)
    after = re.findall(r"<img\b[^>]*>", "\n".join(c.source for c in nb.cells))
    assert len(after) == len(before) >= 4
    strip = re.compile(r'\bsrc="[^"]*"')
    for old, new in zip(before, after, strict=True):
        assert re.search(r'\bsrc="data:image/png;base64,', new), old[:80]
        assert strip.sub("", old) == strip.sub("", new), "size and alt text kept"
