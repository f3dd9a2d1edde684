"""Exercise controls as a learner uses them: move a slider, read the summary, see the picture."""

import pytest

from lowback.cards import exercise_card
from lowback.catalogue import exercises
from lowback.dosage import dosage, format_duration
from lowback.widgets.exercise import FPS, exercise_animation, exercise_controls


@pytest.mark.parametrize("ex", exercises(), ids=lambda ex: ex.slug)
def test_sliders_use_the_catalogue_bounds_and_side_choice_only_where_it_applies(ex):
    box = exercise_controls(ex)
    for field in ("reps", "hold", "sets"):
        bounds, slider = getattr(ex, field), box.controls[field]
        assert (slider.min, slider.value, slider.max) == (bounds.min, bounds.default, bounds.max)
    assert ("sides" in box.controls) == ex.per_side


def test_moving_the_reps_slider_changes_the_summary_and_the_timeline_picture():
    box = exercise_controls("Knees to chest")
    summary, picture = box.summary.value, box.live.image.value
    box.controls["reps"].value = 2
    assert box.summary.value != summary and "2 reps" in box.summary.value
    assert format_duration(dosage(8, reps=2).seconds) in box.summary.value
    assert box.live.image.value != picture


def test_doing_one_side_only_shortens_the_session():
    box = exercise_controls(9)
    box.controls["sides"].value = 1
    assert "each side" not in box.summary.value
    assert format_duration(dosage(9, sides=1).seconds) in box.summary.value


def test_animation_steps_through_one_repetition_fast_enough():
    box = exercise_animation(11)
    first = box.animation.live.image.value
    box.slider.value = box.slider.max // 2
    assert box.animation.live.image.value != first
    box.slider.value = box.slider.max
    assert box.animation.live.image.value == first, "a repetition ends where it began"
    assert box.play.max == box.slider.max and box.play.interval <= 100 and FPS >= 10


def test_exercise_card_carries_every_step_and_caution_from_the_catalogue():
    ex = exercises()[9]
    card = exercise_card(ex)
    assert all(step in card for step in ex.steps) and all(c in card for c in ex.cautions)
    assert ex.purpose in card and ex.feel in card


def test_every_exercise_card_says_which_way_it_bends_the_back():
    for ex in exercises():
        assert "**Bends the back:**" in exercise_card(ex) and "**Suits:**" in exercise_card(ex)
    assert "backward" in exercise_card("Cobra") and "forward" in exercise_card("Knees to chest")


def legend_labels(box) -> list[str]:
    return [t.get_text() for t in box.live.fig.axes[0].get_legend().get_texts()]


def test_the_timeline_legend_names_resting_only_when_there_is_a_rest():
    box = exercise_controls(2)
    assert "resting" in legend_labels(box)
    picture = box.live.image.value
    box.controls["sets"].value = 1
    assert "resting" not in legend_labels(box) and box.live.image.value != picture
    box.controls["sets"].value = 2
    assert "resting" in legend_labels(box)


@pytest.mark.parametrize("on", [False, True], ids=["plain", "classroom"])
def test_the_timeline_legend_and_labels_stay_inside_the_picture(on):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lowback.draw.style import classroom

    classroom(on)
    try:
        box = exercise_controls(4)
        fig = box.live.fig
        renderer = FigureCanvasAgg(fig).get_renderer()
        legend = fig.axes[0].get_legend().get_window_extent(renderer)
        assert 0 <= legend.x0 and legend.x1 <= fig.bbox.width
        assert 0 <= legend.y0 and legend.y1 <= fig.bbox.height
        for text in fig.axes[0].texts:
            if text.get_text():
                box_ = text.get_window_extent(renderer)
                assert box_.x0 >= 0 and box_.x1 <= fig.bbox.width, text.get_text()
    finally:
        classroom(False)


def test_an_animation_draws_only_its_first_frame_until_played():
    box = exercise_animation(11)
    anim = box.animation
    assert sum(f is not None for f in anim._frames) == 1
    box.slider.value = 5
    assert anim._frames[5] is not None and anim.live.image.value == anim._frames[5]
    assert sum(f is not None for f in anim._frames) == 2
    assert len(anim.frames) == len(anim.times) and None not in anim._frames


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


def test_a_position_held_still_has_no_play_button_or_slider_that_change_nothing():
    """Lying face down never moves: a Play button and slider there would look live and do
    nothing. It shows its picture and says that nothing moves; a moving one keeps both."""
    from lowback.widgets import exercise_animation
    from lowback.widgets.exercise import STILL

    for variation in (None, "pillow under the chest"):
        box = exercise_animation(1, variation)
        kinds = {type(w).__name__ for w in box.children}
        assert box.play is None and box.slider is None and "HBox" not in kinds, variation
        assert STILL in box.children[0].value and box.image.value
    moving = exercise_animation(2)
    assert moving.play is not None and moving.slider is not None


def test_no_lesson_animates_a_position_held_still():
    import json
    import re
    from pathlib import Path

    from lowback.draw.exercise import is_still
    from lowback.poses import motion

    for path in sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9]*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            text = "".join(cell["source"])
            calls = re.findall(r"exercise_animation\((\d+)(?:, variation=\"([^\"]+)\")?\)", text)
            for call in calls:
                number, variation = int(call[0]), call[1] or None
                assert not is_still(motion(number, variation)), f"{path.name}: {call}"


def test_the_timeline_changes_before_the_words_that_describe_it():
    """A page shows each change as it arrives: the summary must never describe a dose the
    picture beside it does not show yet (the first change builds the figure, which takes a
    moment)."""
    box = exercise_controls(1)
    order = []
    box.summary.observe(lambda _: order.append("words"), names="value")
    box.live.image.observe(lambda _: order.append("picture"), names="value")
    box.controls["reps"].value += 1
    assert order == ["picture", "words"]
