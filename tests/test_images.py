"""Freshly drawn illustrations must match the committed ones in images/ (`make images`)."""

import json
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from lowback.images import ALT_FILE, DPI, registry

IMAGES = Path(__file__).resolve().parents[1] / "images"
NAMES = list(registry())


def test_images_folder_holds_exactly_the_registered_illustrations():
    assert sorted(p.stem for p in IMAGES.glob("*.png")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_drawing_matches_committed_image(name, tmp_path):
    fig, alt = registry()[name]()
    actual = tmp_path / f"{name}.png"
    fig.savefig(actual, dpi=DPI, facecolor="white")
    assert compare_images(str(IMAGES / f"{name}.png"), str(actual), tol=3) is None
    alts = json.loads((IMAGES / ALT_FILE).read_text())
    assert alts[name] == alt and len(alt) > 20, "alt text describes the picture"


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
