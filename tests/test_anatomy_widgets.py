"""Lessons 1-3 controls as a learner uses them: change a control, see picture and text follow."""

import io

import numpy as np
from PIL import Image

from lowback.anatomy import disc_shape, posture, root
from lowback.draw.body import body_figure
from lowback.draw.disc import disc_figure
from lowback.draw.parts import COLOURS, ROOT_COLOURS
from lowback.draw.spine import spine_figure
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
    assert f"{shape.front_mm:4.1f}" in panel.art["disc_text"][0].get_text()


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


def test_the_fast_repaint_matches_a_figure_drawn_from_scratch():
    cases = (
        (posture_control(), 10, spine_figure),
        (root_chooser(), "L4", body_figure),
        (disc_load(), 0.9, disc_figure),
    )
    for panel, value, redraw in cases:
        panel.control.value = value
        fast, full = pixels(panel.live.image.value), pixels(png(redraw(value)[0]))
        assert fast.shape == full.shape
        assert np.abs(fast - full).mean() < 0.5, panel.name


def test_controls_have_short_stable_reprs_for_the_notebook():
    assert repr(posture_control()) == "Posture control (current value: 50)"
    assert repr(disc_load()) == "Disc load (current value: 0.0)"


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(hex_colour)
