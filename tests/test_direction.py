"""Find your direction: every outcome of the course's rule, and the widget that asks it."""

from datetime import date

import pytest

from lowback.direction import check_direction, directions, repetitions
from lowback.tracker import Tracker, reach_levels
from lowback.widgets import direction_test

LEVELS = reach_levels()
TODAY = date(2026, 11, 2)


@pytest.mark.parametrize("start", range(len(LEVELS)))
@pytest.mark.parametrize("end", range(len(LEVELS)))
def test_closer_keeps_further_stops_and_no_change_repeats(start, end):
    r = check_direction("backward", LEVELS[start], LEVELS[end])
    expected = "closer" if end < start else "further" if end > start else "same"
    assert r.outcome == expected
    assert {"closer": "Keep", "further": "Stop", "same": "Repeat"}[expected] in r.verdict


@pytest.mark.parametrize("which", [d.id for d in directions()])
def test_new_numbness_or_weakness_stops_whatever_the_reach_did(which):
    r = check_direction(which, "foot", "none", new_signs=True)
    assert r.outcome == "new-signs" and "clinician" in r.say and "Stop" in r.verdict


def test_spreading_points_to_the_other_direction_or_a_neutral_exercise():
    say = check_direction("forward", "thigh", "foot").say
    assert "other direction" in say and "pelvic tilt" in say


def test_directions_use_the_course_exercises_and_ten_repetitions():
    by_id = {d.id: d.exercises for d in directions()}
    assert by_id == {"backward": (1, 11), "forward": (8,), "neutral": (4, 5, 6, 7)}
    assert repetitions() == 10


def test_an_unknown_reach_or_direction_is_a_one_line_error():
    with pytest.raises(ValueError, match="reach must be one of"):
        check_direction("backward", "knee", "foot")
    with pytest.raises(ValueError, match="direction must be one of"):
        check_direction("sideways", "foot", "foot")


def test_the_widget_verdict_follows_every_control():
    panel = direction_test(path=":memory:", today=TODAY)
    assert "Repeat" in panel.verdict.value
    panel.before.value, panel.after.value = "below the knee", "thigh"
    assert "Keep this direction" in panel.verdict.value
    panel.after.value = "foot"
    assert "Stop, and switch" in panel.verdict.value
    panel.signs.value = True
    assert "Stop and get advice" in panel.verdict.value


def test_saving_writes_one_entry_with_the_result_to_the_log(tmp_path):
    log = tmp_path / "log.sqlite3"
    panel = direction_test(path=log, today=TODAY)
    panel.before.value, panel.after.value, panel.leg.value = "foot", "thigh", 4
    panel.save.click()  # back pain not chosen yet: a made-up 0 would fake an improvement
    assert "choose your back pain" in panel.message.value
    with Tracker(log, today=TODAY) as saved:
        assert saved.entries() == []
    panel.back.value = 2
    panel.save.click()
    assert "Saved" in panel.message.value
    with Tracker(log, today=TODAY) as saved:
        (only,) = saved.entries()
    assert only.reach == "thigh" and only.leg_pain == 4 and "Keep this direction" in only.note
    panel.save.click()  # the same day again: refused, clearly
    assert "Not saved" in panel.message.value
