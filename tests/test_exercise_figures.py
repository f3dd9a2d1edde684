"""Exercise figures: the posed person moves in place, and every exercise has its picture."""

import numpy as np
import pytest

from lowback.catalogue import exercises
from lowback.dosage import dosage
from lowback.draw.exercise import (
    IMAGES,
    alt_text,
    draw_pose,
    exercise_figure,
    image_name,
    update_pose,
)
from lowback.draw.style import new_figure
from lowback.draw.timeline import draw_timeline, update_timeline

WORDS = {
    "prone": "face down",
    "supine": "face up",
    "seated": "sitting",
    "standing": "standing",
    "hands and knees": "hands and knees",
}


def _outlines(artists):
    return [np.array(a.get_xy()) for a in artists if hasattr(a, "get_xy")]


@pytest.mark.parametrize("number", [1, 5, 9, 12])
def test_update_pose_moves_the_figure_in_place_and_matches_a_fresh_drawing(number):
    ax = new_figure().add_subplot()
    artists = draw_pose(ax, number, t=0.0)
    before = _outlines(artists)
    update_pose(artists, number, 1.0)
    assert ax.patches and len(ax.patches) == len([a for a in artists if hasattr(a, "get_xy")])
    assert any(not np.allclose(a, b) for a, b in zip(before, _outlines(artists), strict=True))
    fresh = draw_pose(new_figure().add_subplot(), number, t=1.0)
    for a, b in zip(_outlines(artists), _outlines(fresh), strict=True):
        assert np.allclose(a, b)


def test_a_variation_adds_its_prop():
    plain = draw_pose(new_figure().add_subplot(), 1)
    pillow = draw_pose(new_figure().add_subplot(), 1, variation="pillow under the chest")
    assert len(pillow) == len(plain) + 1


@pytest.mark.parametrize("ex", exercises(), ids=lambda ex: ex.slug)
def test_every_exercise_has_a_titled_picture_with_alt_text_naming_its_position(ex):
    assert image_name(ex) in IMAGES
    fig = exercise_figure(ex)
    assert ex.name in " ".join(t.get_text() for t in fig.texts)
    assert WORDS[ex.position] in alt_text(ex)
    for variation in ex.variations:
        assert alt_text(ex, variation) != alt_text(ex)


def test_timeline_shows_one_bar_per_move_hold_and_rest_and_follows_the_dosage():
    ax = new_figure().add_subplot()
    artists = draw_timeline(ax, dosage(8, reps=2))
    bars = artists[0]
    assert len(bars.get_paths()) == len(dosage(8, reps=2).timeline())
    labels = [t.get_text() for t in artists[1:3]]
    update_timeline(artists, dosage(8, reps=6))
    assert len(bars.get_paths()) == len(dosage(8, reps=6).timeline())
    assert [t.get_text() for t in artists[1:3]] != labels
