"""The guided session and the routine builder as a learner uses them, without a browser."""

import pytest

from lowback.routine import RoutineError, example, item, load_routine, routine
from lowback.widgets.builder import routine_builder
from lowback.widgets.player import TICKS_PER_SECOND, pose_at, session_player, start_poses


def at(player, seconds):
    player.play.value = int(seconds * TICKS_PER_SECOND)


def test_playing_moves_the_counter_the_countdown_and_the_figure():
    plan = routine([item(4, reps=3, hold=5)])
    player = session_player(plan)
    first = plan.items[0].dosage
    picture, counter = player.live.image.value, player.counter.value
    at(player, first.exercise.move_seconds + 1)  # one second into the first hold
    assert "Hold" in player.phase.value and f"{first.hold - 1} s" in player.phase.value
    assert player.live.image.value != picture, "the figure moved into the held position"
    at(player, first.exercise.move_seconds + first.hold + 0.5)  # into the second rep
    assert player.counter.value != counter and f"Rep 2 of {first.reps}" in player.counter.value


def test_progress_and_clock_follow_the_session_to_the_end():
    player = session_player(example())
    at(player, player.total / 2)
    assert player.progress.value == player.total / 2
    player.play.value = player.play.max
    assert "done" in player.phase.value and player.progress.value == player.total


def test_rest_and_getting_ready_are_shown_with_the_next_exercise():
    player = session_player(example())
    change = next(s for s in player.steps if s.segment.kind == "change")
    at(player, change.start + 1)
    assert "Get ready" in player.phase.value and change.item.exercise.name in player.title.value
    assert player.counter.value == ""


def test_skip_jumps_to_the_next_exercise():
    player = session_player(example())
    player.skip.click()
    assert "Exercise 2 of 3" in player.title.value
    player.skip.click()
    player.skip.click()
    assert player.play.value == player.play.max


def test_speed_choice_sets_how_far_each_frame_moves():
    player = session_player(example(), speed=1)
    player.speed.value = 30
    assert player.play.step == 30 and player.play.interval == 100


def test_figure_eases_between_start_and_held_pose():
    steps = example().session()
    move = next(s for s in steps if s.segment.kind == "move" and s.segment.rep == 2)
    seconds = move.segment.seconds
    assert pose_at(move, 0, 1.0) == 1.0 and pose_at(move, seconds, 1.0) == 1.0
    assert pose_at(move, seconds / 2, 1.0) < 0.05, "released between reps"


def test_with_no_rest_the_next_set_starts_where_the_last_rep_ended():
    player = session_player(routine([item(5, sets=2, rest=0)]))
    start = player.live.image.value
    rest = next(s for s in player.steps if s.segment.kind == "rest")
    at(player, rest.start - 0.1)  # the end of the last hold of set 1
    held = player.live.image.value
    at(player, rest.start)  # the first frame of set 2
    assert player.live.image.value == held, "no jump back to the start pose"
    at(player, rest.start + rest.item.exercise.move_seconds / 2)
    assert player.live.image.value == start, "then it releases and goes again"


@pytest.mark.parametrize("rest", [0, 1, 30])
def test_the_figure_never_jumps_from_one_step_to_the_next(rest):
    steps = routine([item(5, sets=2, rest=rest), item(9, rest=rest)]).session()
    for step, before in zip(steps, start_poses(steps), strict=True):
        if step.segment.kind != "change":  # getting ready shows another exercise
            assert pose_at(step, 0, before) == pytest.approx(before), step


def test_every_frame_across_the_session_shows_the_exercise_of_its_moment():
    # How fast a frame is drawn is measured by `make bench` (benchmarks/controls.py), not here.
    player = session_player(example())
    for tick in range(0, player.play.max, player.play.max // 60):
        player.play.value = tick
        step = player.step_at(tick / TICKS_PER_SECOND)
        assert player.live.image.value and step.item.exercise.name in player.title.value


def test_builder_plan_follows_the_ticks_and_saves_a_loadable_file(tmp_path):
    builder = routine_builder(folder=tmp_path)
    assert "at least one exercise" in builder.plan_view.value
    rows = {r.exercise.number: r for r in builder.rows}
    rows[11].tick.value = rows[4].tick.value = True
    rows[4].boxes["reps"].value = 12
    assert "12 reps" in builder.plan_view.value
    builder.name.value = "<b>Kim</b>"
    path = builder.write(".json")
    assert load_routine(path).name == "<b>Kim</b>" and "Download" in builder.message.value
    for n in (1, 2, 3):
        rows[n].tick.value = True
    assert "5 exercises" in builder.plan_view.value


def test_builder_starts_a_session_for_its_plan(tmp_path):
    builder = routine_builder(example(), folder=tmp_path)
    builder.play_button.click()
    (player,) = builder.session.children
    assert player.plan == builder.plan and list(tmp_path.iterdir()) == []


def test_a_rest_day_a_day_outside_the_week_or_an_unknown_speed_is_a_one_line_error():
    once = routine([item(4, per_week=1)])  # Monday only
    assert repr(session_player(once, day=0)).startswith("SessionPlayer(1 exercise,")
    with pytest.raises(RoutineError, match="rest day"):
        session_player(once, day=1)
    with pytest.raises(RoutineError, match="day must be from 0"):
        session_player(once, day=9)
    with pytest.raises(ValueError, match="speed must be one of"):
        session_player(once, speed=3)


def test_a_speed_set_to_none_keeps_the_speed_playing():
    player = session_player(example(), speed=5)
    player.speed.value = None
    assert player.speed.value == 5 and player.play.step == 5
    player.speed.value = 30
    assert player.play.step == 30


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".ics", ".json"])
def test_builder_buttons_write_the_same_files_as_the_command_line(tmp_path, suffix):
    from lowback.cli import main
    from lowback.routine import save

    builder = routine_builder(example(), folder=tmp_path / "lab")
    (tmp_path / "lab").mkdir()
    builder.at.value = "07:30"
    builder.paper.value = "Letter"
    save(builder.plan, tmp_path / "r.json")
    made = builder.write(suffix)
    assert made is not None and "Download" in builder.message.value
    out = tmp_path / f"cli{suffix}"
    args = ["handout", "--routine", str(tmp_path / "r.json"), "--out", str(out)]
    args += ["--at", "07:30"] if suffix == ".ics" else ["--paper", "Letter"]
    if suffix == ".json":
        assert main(["plan", "--routine", str(tmp_path / "r.json"), "--save", str(out)]) == 0
    else:
        assert main(args) == 0
    assert made.read_bytes() == out.read_bytes()


def test_the_calendar_button_refuses_a_bad_time_in_one_line(tmp_path):
    builder = routine_builder(example(), folder=tmp_path)
    builder.at.value = "25:99"
    assert builder.write(".ics") is None and list(tmp_path.iterdir()) == []
    assert "looks like 18:00" in builder.message.value and "\n" not in builder.message.value


# --- a session you can hear, and read from the floor ---------------------------------------


def test_the_cues_for_a_small_plan_mark_each_hold_the_reps_left_a_rest_and_the_end():
    from lowback.cues import schedule

    plan = routine([item(4, reps=2, hold=5, sets=2, rest=10)])
    move = plan.items[0].exercise.move_seconds
    rep = move + 5
    said = [(c.at, c.words) for c in schedule(plan.session())]
    assert said == [
        (move, "Hold"),
        (rep, "Release: 1 rep left"),
        (rep + move, "Hold"),
        (2 * rep, "Rest"),
        (2 * rep + 10 + move, "Hold"),
        (3 * rep + 10, "Release: 1 rep left"),
        (3 * rep + 10 + move, "Hold"),
        (4 * rep + 10, "Session done"),
    ]


def test_each_kind_of_cue_sounds_different_and_reps_left_add_pips():
    from lowback.cues import seconds_of, sound

    kinds = ["hold", "release", "rest", "change", "end"]
    assert len({sound(k) for k in kinds}) == len(kinds)
    assert all(sound(k).startswith(b"RIFF") and 0.2 < seconds_of(sound(k)) < 1.5 for k in kinds)
    assert (
        seconds_of(sound("release", 3))
        > seconds_of(sound("release", 1))
        > seconds_of(sound("release", 0))
    )


def test_playing_sounds_the_cues_in_order_and_sound_can_be_switched_off():
    from lowback.cues import schedule, silence

    plan = routine([item(4, reps=2, hold=5)])
    player = session_player(plan, speed=10)
    for tick in range(0, player.play.max + 1, 10):  # one session second at a time
        player.play.value = tick
    assert player.played == list(schedule(player.steps))
    assert bytes(player.audio.value).startswith(b"RIFF") and player.audio.autoplay
    quiet = session_player(plan, speed=10)
    quiet.sound.value = False
    for tick in range(0, quiet.play.max + 1, 10):
        quiet.play.value = tick
    assert quiet.played == [] and bytes(quiet.audio.value) == silence()


def test_going_back_or_starting_again_sounds_nothing():
    player = session_player(routine([item(4, reps=2, hold=5)]))
    at(player, 30)
    heard = len(player.played)
    at(player, 0)
    assert len(player.played) == heard


def test_the_floor_view_shows_the_step_a_large_countdown_and_what_comes_next():
    plan = routine([item(4, reps=2, hold=5), item(11)])
    player = session_player(plan)
    assert player.floor.layout.display == "none"
    player.floor_view.value = True
    assert player.floor.layout.display == "block"
    first = plan.items[0].exercise
    at(player, first.move_seconds + 1)  # one second into the first hold
    view = player.floor.value
    assert "Hold · rep 1 of 2" in view and ">4</div>" in view and "Then: move · rep 2 of 2" in view
    assert "font-size:200px" in view
    at(player, plan.items[0].dosage.seconds - 1)  # the last second of the last hold
    assert f"Next: {plan.items[1].exercise.name}" in player.floor.value
    player.play.value = player.play.max
    assert "Session done" in player.floor.value
