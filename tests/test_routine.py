"""A routine as a learner plans it: order, time, week, advice, and the file it is saved in."""

import json
import os

import pytest

from lowback import files
from lowback.dosage import dosage
from lowback.routine import (
    EXAMPLE,
    RoutineError,
    days,
    example,
    item,
    load_routine,
    routine,
    save,
    settings,
)


def plan(*numbers, **kw):
    return routine([item(n) for n in numbers], **kw)


def test_exercises_come_easiest_first_whatever_order_they_were_picked():
    assert [e.number for e in plan(11, 4, 8).exercises] == [4, 8, 11]


def test_session_time_adds_each_dosage_and_getting_ready_between_exercises():
    r = plan(4, 8, 11)
    change = settings()["change"]["seconds"]
    expected = sum(dosage(n).seconds for n in (4, 8, 11)) + 2 * change
    assert r.session_seconds == expected
    assert r.session()[-1].end == expected, "the guided session lasts as long as the plan says"


def test_session_steps_follow_each_other_without_gaps():
    steps = example().session()
    assert steps[0].start == 0
    assert all(a.end == b.start for a, b in zip(steps, steps[1:], strict=False))
    assert [s.index for s in steps] == sorted(s.index for s in steps)


def test_each_exercise_is_planned_on_as_many_days_as_asked():
    r = routine([item(4, per_week=5), item(8, per_week=2), item(11, per_week=7)])
    week = r.week()
    assert len(week) == len(days()) == 7
    for it in r.items:
        assert sum(it in day.items for day in week) == it.per_week


def test_sessions_are_spread_over_the_week_not_bunched():
    week = routine([item(4, per_week=3)]).week()
    planned = [n for n, day in enumerate(week) if day.items]
    assert len(planned) == 3 and all(b - a >= 2 for a, b in zip(planned, planned[1:], strict=False))


def test_weekly_time_counts_every_planned_session():
    daily = routine([item(4, per_week=7), item(11, per_week=7)])
    change = settings()["change"]["seconds"]
    assert daily.weekly_seconds == 7 * (dosage(4).seconds + dosage(11).seconds + change)
    twice = routine([item(4, per_week=2)])
    assert twice.weekly_seconds == 2 * dosage(4).seconds


def test_more_than_four_exercises_brings_a_hint_to_keep_fewer():
    assert plan(4, 8, 11).advice() == ()
    hint = plan(1, 2, 4, 8, 11).advice()
    assert len(hint) == 1 and "5 exercises" in hint[0] and "four" in hint[0]


def test_bad_items_are_refused_with_the_allowed_range():
    with pytest.raises(RoutineError, match="from 1 to 10.*Knees to chest"):
        item(8, reps=50)
    with pytest.raises(RoutineError, match="times per week must be from 1 to 7"):
        item(4, per_week=9)
    with pytest.raises(RoutineError, match="no exercise number 13"):
        item(13)
    with pytest.raises(RoutineError, match="twice"):
        routine([item(4), item(4)])
    with pytest.raises(RoutineError, match="at least one"):
        routine([])


def test_saved_routine_loads_back_the_same(tmp_path):
    r = routine([item(8, reps=3, hold=10, per_week=4), item(2)], name="Class B", note="Café ☕")
    path = save(r, tmp_path / "mine.json")
    assert load_routine(path) == r
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "lowback-routine" and data["version"] == 1


BAD_FILES = {
    "not json": ("{items: [", "not valid JSON"),
    "a list": ("[1, 2]", "not a routine file"),
    "wrong schema": ({**EXAMPLE, "schema": "recipe"}, "schema is 'recipe'"),
    "wrong version": ({**EXAMPLE, "version": 2}, "version 2 is not supported"),
    "no items": ({k: v for k, v in EXAMPLE.items() if k != "items"}, "missing field 'items'"),
    "no exercise": ({**EXAMPLE, "items": [{"reps": 3}]}, "item 1: missing field 'exercise'"),
    "unknown exercise": ({**EXAMPLE, "items": [{"exercise": 99}]}, "no exercise number 99"),
    "unknown name": ({**EXAMPLE, "items": [{"exercise": "cobraa"}]}, "did you mean 'Cobra'"),
    "reps too high": (
        {**EXAMPLE, "items": [{"exercise": 4}, {"exercise": 8, "reps": 40}]},
        "item 2: reps must be from 1 to 10",
    ),
    "reps as text": ({**EXAMPLE, "items": [{"exercise": 4, "reps": "ten"}]}, "whole number"),
    "typo in a field": ({**EXAMPLE, "items": [{"exercise": 4, "rep": 3}]}, "unknown field 'rep'"),
    "name not text": ({**EXAMPLE, "name": 7}, "name must be text"),
    "empty": ({**EXAMPLE, "items": []}, "at least one exercise"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_routine_file_gives_one_clear_line(tmp_path, case):
    content, message = BAD_FILES[case]
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(RoutineError) as err:
        load_routine(path)
    text = str(err.value)
    assert message in text and "\n" not in text and str(path) in text


def test_missing_file_says_so(tmp_path):
    with pytest.raises(RoutineError, match="no such file"):
        load_routine(tmp_path / "nope.json")


def test_crash_while_saving_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = save(example(), tmp_path / "mine.json")
    before = path.read_bytes()
    real_fsync = os.fsync

    def crash(fd):
        raise OSError("disk pulled out")

    monkeypatch.setattr(files.os, "fsync", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        save(plan(2, 12, name="Someone else"), path)
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert path.read_bytes() == before
    assert load_routine(path) == example()
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"], "no temp file left behind"


def test_a_one_exercise_routine_is_described_in_the_singular():
    assert routine([item(4)]).describe().startswith("Routine: 1 exercise, easiest first")
