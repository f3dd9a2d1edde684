"""Lessons 1-3 controls as a learner uses them: change a control, see picture and text follow."""

import io

import numpy as np
import pytest
from PIL import Image

from lowback.anatomy import disc_shape, posture, root
from lowback.draw.body import body_figure
from lowback.draw.disc import disc_figure
from lowback.draw.parts import COLOURS, ROOT_COLOURS
from lowback.draw.style import png
from lowback.widgets import disc_load, posture_control, root_chooser


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=float)


def test_moving_the_curve_slider_reshapes_the_discs_and_says_so():
    panel = posture_control()
    l5s1 = panel.art["disc"][-1]
    before_xy, before_png = l5s1.get_xy().copy(), panel.live.image.value
    panel.control.value = 0
    assert not np.allclose(before_xy, l5s1.get_xy()), "the disc moved"
    assert panel.live.image.value != before_png, "the picture changed"
    assert "Your own curve, 0°" in panel.info.value and panel.presets.value is None
    shape = disc_shape("L5-S1", 0)
    assert f"<td>L5-S1</td><td>{shape.front_mm:.1f}</td><td>{shape.back_mm:.1f}</td>" in (
        panel.info.value
    )


def test_a_posture_preset_sets_the_curve_and_shows_its_note():
    panel = posture_control()
    panel.presets.value = "slumped"
    slumped = posture("slumped")
    assert panel.control.value == round(slumped.lordosis_deg)
    assert slumped.label in panel.info.value
    assert f"{slumped.lordosis_deg:.0f}°" in panel.art["curve"][0].get_text()


def test_choosing_a_root_fills_only_its_skin_areas_and_lists_its_weakness_and_reflex():
    panel = root_chooser("L5")
    panel.control.value = "S1"
    for view in panel.art.values():
        for patch, owner in zip(view["areas"], view["area_roots"], strict=True):
            filled = patch.get_facecolor()[3] > 0
            assert filled == (owner == "S1")
    s1 = root("S1")
    assert s1.reflex in panel.info.value and "walking on your toes" in panel.info.value
    lit = [p for p in panel.art["back"]["areas"] if p.get_facecolor()[3] > 0]
    assert lit and all(p.get_facecolor()[:3] == _rgb(ROOT_COLOURS["S1"]) for p in lit)


def test_raising_the_load_pushes_the_gel_onto_the_root_which_changes_colour():
    panel = disc_load()
    root_patch = panel.art["top"]["root"][0]
    nucleus = panel.art["top"]["nucleus"][0]
    reach_before = nucleus.get_xy()[:, 1].min()
    assert root_patch.get_facecolor()[:3] == _rgb(COLOURS["nerve"])
    before = panel.live.image.value
    panel.control.value = 1.0
    assert nucleus.get_xy()[:, 1].min() < reach_before - 5, "the gel moved back"
    assert root_patch.get_facecolor()[:3] == _rgb(COLOURS["pressed"])
    assert "pressed" in panel.info.value and "L5" in panel.info.value
    assert panel.live.image.value != before
    panel.control.value = 0.0
    assert root_patch.get_facecolor()[:3] == _rgb(COLOURS["nerve"])


def test_after_moving_a_control_the_picture_matches_one_started_there():
    moved = [posture_control("standing"), root_chooser("L5"), disc_load(start=0.0)]
    moved[0].presets.value = "slumped"
    moved[1].control.value = "S1"
    moved[2].control.value = 0.9
    fresh = [posture_control("slumped"), root_chooser("S1"), disc_load(start=0.9)]
    for after, start in zip(moved, fresh, strict=True):
        a, b = pixels(after.live.image.value), pixels(start.live.image.value)
        assert a.shape == b.shape and np.abs(a - b).max() < 1, after.name


def test_the_live_picture_matches_a_figure_drawn_from_scratch():
    legs, _ = body_figure("L4")
    disc, _ = disc_figure(0.9, caption=False)  # the widget shows the stage as HTML instead
    for panel, full in ((root_chooser("L4"), legs), (disc_load(start=0.9), disc)):
        a, b = pixels(panel.live.image.value), pixels(png(full))
        assert a.shape == b.shape and np.abs(a - b).mean() < 0.5, panel.name


def test_controls_have_short_stable_reprs_for_the_notebook():
    assert repr(posture_control()) == "Posture control (current value: 50)"
    assert repr(disc_load()) == "Disc load (current value: 0.0)"


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(hex_colour)


def test_a_root_chooser_accepts_lower_case_and_names_the_choices_for_an_unknown_root():
    assert root_chooser("s1").control.value == "S1"
    with pytest.raises(LookupError, match="choose one of L4, L5, S1"):
        root_chooser("L9")


def test_a_disc_load_given_as_text_is_a_one_line_error():
    with pytest.raises(ValueError, match="load must be a number from 0 to 1"):
        disc_load(start="0.5")


def test_a_disc_load_of_nan_is_ignored_and_picture_and_text_stay_in_step():
    bad = float("nan")
    panel = disc_load(start=0.5)
    panel.control.value = 0.8
    picture, text = panel.live.image.value, panel.info.value
    panel.control.value = bad
    assert panel.control.value == 0.8
    assert panel.info.value == text and panel.live.image.value == picture
    assert panel.info.value == disc_load(start=0.8).info.value


def test_a_disc_load_update_with_nan_changes_nothing():
    panel = disc_load(start=0.3)
    picture, text = panel.live.image.value, panel.info.value
    with pytest.raises(ValueError, match="load must be"):
        panel.update(float("nan"))
    assert panel.info.value == text and panel.live.image.value == picture
