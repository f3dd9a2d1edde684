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
