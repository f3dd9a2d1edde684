"""Controls drawn before their kernel runs say so, and cannot be ticked into a false answer."""

import ipywidgets as w

from lowback.safety import screen
from lowback.widgets import red_flag_screen
from lowback.widgets.gate import Gate, gate


def _shown(box) -> None:
    """What a page with a running kernel sends when it draws the box."""
    box.gate._handle_custom_msg({"shown": True}, [])


def test_a_red_flag_check_no_page_has_drawn_cannot_be_ticked_and_gives_no_verdict():
    check = red_flag_screen()
    waiting = check.children[0]
    assert all(box.disabled for box in check.boxes.values())
    assert waiting.layout.display == "block" and "Shift + Enter" in waiting.value
    assert check.result.layout.display == "none"  # the all-clear never shows unasked


def test_once_a_live_page_draws_it_the_check_answers_every_tick():
    check = red_flag_screen()
    _shown(check)
    assert not any(box.disabled for box in check.boxes.values())
    assert check.children[0].layout.display == "none" and check.result.layout.display is None
    check.boxes["saddle-numbness"].value = True
    assert screen({"saddle-numbness"}).action in check.result.value


def test_only_the_page_message_wakes_a_control():
    check = red_flag_screen()
    check.gate._handle_custom_msg({"shown": False}, [])
    check.gate._handle_custom_msg("shown", [])
    assert all(box.disabled for box in check.boxes.values())


def test_a_control_its_maker_disabled_stays_disabled_when_live():
    kept = w.Button(description="Save", disabled=True)
    slider = w.IntSlider()
    box = gate(w.VBox([slider, kept]))
    assert slider.disabled and kept.disabled
    _shown(box)
    assert not slider.disabled and kept.disabled


def test_every_control_a_lesson_shows_waits_for_its_kernel():
    from lowback.widgets import reps_slider

    control = reps_slider("Brace your abs")
    control._repr_mimebundle_()  # what a notebook does to show it
    sliders = [c for c in _tree(control) if isinstance(c, w.IntSlider)]
    assert sliders and all(s.disabled for s in sliders)
    assert isinstance(control.gate, Gate)
    _shown(control)
    assert not any(s.disabled for s in sliders)


def _tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def test_the_rest_slider_is_off_while_there_is_one_set_as_rest_comes_between_sets():
    from lowback.widgets import exercise_controls

    box = exercise_controls(1)  # lie on your stomach: one set to start
    sets, rest = box.controls["sets"], box.controls["rest"]
    assert sets.value == 1 and rest.disabled and "2 or more sets" in rest.tooltip
    sets.value = 2
    assert not rest.disabled
    rest.value = rest.max
    assert "rest between sets" in box.summary.value
    sets.value = 1
    assert rest.disabled


def _luminance(colour: str) -> float:
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_emergency_bar_is_told_from_the_same_day_bar_by_lightness_too():
    from lowback.widgets.screen import COLOURS

    low, high = sorted((_luminance(COLOURS["same-day"]), _luminance(COLOURS["emergency"])))
    assert (high + 0.05) / (low + 0.05) >= 2.5  # WCAG's contrast formula: 2.5 to 1 apart
    assert _luminance(COLOURS["emergency"]) < _luminance(COLOURS["same-day"])  # the darker
