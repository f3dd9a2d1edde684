"""A routine as a learner plans it: order, time, week, advice, and the file it is saved in."""

import json
import os

import pytest

from lowback import files
from lowback.dosage import Segment, dosage
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
    assert plan(4, 5, 11).advice() == ()
    hint = plan(1, 2, 4, 5, 11).advice()
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


# --- the plan text a learner reads -----------------------------------------------------------


def test_the_example_plan_reads_exactly_as_a_learner_sees_it():
    assert example().describe() == "\n".join(
        [
            "Routine for Sam: 3 exercises, easiest first",
            "  1. Lying down pelvic tilt: 2 sets of 10 reps, hold 5 s, 30 s rest between sets;"
            " about 3 min 10 s in all; 5 times a week",
            "  2. Hands and knees pelvic tilt: 2 sets of 8 reps, hold 3 s, 30 s rest between"
            " sets; about 2 min 6 s in all; 3 times a week",
            "  3. Prone press: 1 set of 5 reps, hold 20 s; about 2 min 5 s in all; 3 times a week",
            "Whole session: about 7 min 51 s",
            "Week: Mon 4, 5, 11 (7 min 51 s); Tue 4 (3 min 10 s); Wed 4, 5, 11 (7 min 51 s);"
            " Thu rest; Fri 4, 5, 11 (7 min 51 s); Sat 4 (3 min 10 s); Sun rest",
        ]
    )


@pytest.mark.parametrize(
    ("numbers", "kind"),
    [((4,), "too_few"), ((4, 8), None), ((4, 5, 11), None), ((2, 4, 5, 11), None)]
    + [((1, 2, 4, 5, 11), "too_many"), ((1, 2, 3, 4, 5, 11), "too_many")],
)
def test_size_advice_by_number_of_exercises(numbers, kind):
    r = plan(*numbers)
    expected = () if kind is None else (settings()["advice"][kind].format(count=len(numbers)),)
    assert r.advice() == expected
    assert r.describe().splitlines()[len(numbers) + 3 :] == list(expected)


@pytest.mark.parametrize(
    ("times", "on"),
    [(1, [0]), (2, [0, 3]), (3, [0, 2, 4]), (4, [0, 1, 3, 5]), (5, [0, 1, 2, 4, 5])]
    + [(6, [0, 1, 2, 3, 4, 5]), (7, [0, 1, 2, 3, 4, 5, 6])],
)
def test_each_weekly_frequency_falls_on_these_days(times, on):
    r = routine([item(4, per_week=times)])
    assert list(r.items[0].days) == on
    week = r.describe().splitlines()[3]
    assert week.startswith("Week: ")
    for n, name in enumerate(days()):
        assert (f"{name} rest" in week) is (n not in on)


# --- one day's session -----------------------------------------------------------------------


@pytest.mark.parametrize("day", [-1, 7, True, 1.0, "Mon"])
def test_a_session_day_outside_the_week_is_refused(day):
    with pytest.raises(RoutineError, match=r"day must be from 0 \(Monday\) to 6; got"):
        example().session(day=day)


def test_one_day_session_has_only_that_days_exercises():
    r = example()
    for n, day in enumerate(r.week()):
        steps = r.session(day=n)
        assert [s.item for s in steps if s.segment.kind == "change"] == list(day.items[1:])
        assert {s.item.exercise.number for s in steps} == {i.exercise.number for i in day.items}
        assert (steps[-1].end if steps else 0) == day.seconds
    sunday = r.session(day=6)
    assert sunday == ()
    assert r.session(day=0) == r.session()


def test_getting_ready_comes_between_exercises_not_before_the_first():
    steps = plan(4, 8).session()
    change = settings()["change"]["seconds"]
    changes = [s for s in steps if s.segment.kind == "change"]
    assert len(changes) == 1
    assert changes[0].segment == Segment("change", 0, change, 1, 1, 0), "not a side, set or rep"
    assert changes[0].index == 1 and changes[0].start == dosage(4).seconds
    assert steps[0].segment.kind == "move" and steps[0].index == 0


# --- names, notes and files ------------------------------------------------------------------


@pytest.mark.parametrize(("field", "limit"), [("name", 80), ("note", 500)], ids=["name", "note"])
def test_text_at_the_limit_is_kept_and_one_more_character_is_refused(field, limit):
    assert getattr(plan(4, **{field: "a" * limit}), field) == "a" * limit
    with pytest.raises(RoutineError, match=f"{field} is too long: at most {limit} characters"):
        plan(4, **{field: "a" * (limit + 1)})


def test_a_name_with_many_spaces_is_squeezed_before_it_is_measured():
    padded = "a" + " " * 318 + "b"  # 320 characters: four times the limit
    assert plan(4, name=padded).name == "a b"
    with pytest.raises(RoutineError, match="name is too long"):
        plan(4, name=padded + " ")
    assert plan(4, note="  keep going \n").note == "keep going"


@pytest.mark.parametrize(
    ("text", "says"),
    [("a\x00b", "control character"), ("\ud800", "cannot be saved"), ("tab\tok", None)],
)
def test_names_with_control_characters_or_broken_text_are_refused(text, says):
    if says is None:
        assert plan(4, name=text).name == "tab ok"
        return
    with pytest.raises(RoutineError, match=says):
        plan(4, name=text)


def test_the_exercise_true_is_not_exercise_1(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({**EXAMPLE, "items": [{"exercise": True}]}))
    with pytest.raises(RoutineError, match="item 1: 'exercise' must be a number from 1 to 12"):
        load_routine(path)


def test_a_file_that_is_not_utf8_says_which_byte(tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(b'{"schema": "lowback-routine", "name": "Jos\xe9"}')
    with pytest.raises(RoutineError) as err:
        load_routine(path)
    assert str(err.value) == f"{path}: not UTF-8 text (byte 43); save it as UTF-8"


def test_a_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(EXAMPLE).encode())
    assert load_routine(path) == example()


def test_a_file_of_exactly_the_largest_size_loads_and_one_byte_more_is_refused(tmp_path):
    from lowback.routine import MAX_FILE_BYTES

    text = json.dumps(EXAMPLE)
    path = tmp_path / "r.json"
    path.write_text(text + " " * (MAX_FILE_BYTES - len(text)))
    assert load_routine(path) == example()
    path.write_text(text + " " * (MAX_FILE_BYTES - len(text) + 1))
    with pytest.raises(RoutineError, match="too big for a routine file \\(more than 64 KB\\)"):
        load_routine(path)


@pytest.mark.parametrize(
    ("items", "says"),
    [
        ('[{"exercise": 4, "reps": 1000000}]', "a number has 7 digits (at most 6)"),
        ('[{"exercise": 4, "reps": -1000000}]', "a number has 7 digits (at most 6)"),
        ('[{"exercise": 4, "reps": NaN}]', "NaN is not a number JSON allows"),
        ('[{"exercise": 4, "exercise": 5}]', "the field 'exercise' is given twice"),
        ('[{"exercise": 4, "reps": 1.00000000000000000000}]', "a number is 22 characters long"),
        ('[{"exercise": 4, "reps": 1.0000000000000000000}]', "a number is 21 characters long"),
        ("[3]", "item 1 must be an object with an 'exercise' field"),
        ("[" * 20 + "]" * 20, "nested too deeply (at most 20)"),
    ],
)
def test_hostile_numbers_and_nesting_are_refused_in_one_line(tmp_path, items, says):
    path = tmp_path / "r.json"
    path.write_text('{"schema": "lowback-routine", "version": 1, "items": ' + items + "}")
    with pytest.raises(RoutineError) as err:
        load_routine(path)
    assert says in str(err.value)


def test_numbers_up_to_six_digits_and_nesting_up_to_twenty_parse():
    from lowback.routine import parse

    assert parse('{"a": 999999, "b": -999999, "c": 1.5}') == {"a": 999999, "b": -999999, "c": 1.5}
    assert parse("[" * 20 + "]" * 20) == [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]
    assert parse('"[[[["') == "[[[["
    assert parse("1.000000000000000000") == 1.0, "a number of 20 characters is allowed"


@pytest.mark.parametrize(
    ("value", "shown"),
    [("x" * 38, "'" + "x" * 38 + "'"), ("x" * 39, "'" + "x" * 36 + "..."), (7, "7")],
)
def test_a_value_in_a_message_is_cut_to_40_characters(value, shown):
    from lowback.routine import shorten

    assert shorten(value) == shown and len(shorten("y" * 1000)) == 40


@pytest.mark.parametrize(
    ("which", "says"),
    [
        ("0004", "no exercise number '0004': choose a number from 1 to 12"),
        ("٤", "no exercise number '٤': choose a number from 1 to 12"),
        ("x" * 81, "no exercise called 'xxxxxxx"),
    ],
)
def test_exercise_numbers_and_names_that_cannot_be_one_are_refused(which, says):
    with pytest.raises(RoutineError, match=says):
        item(which)


def test_a_short_number_in_text_finds_its_exercise():
    assert item("011").exercise.number == 11 and item(" 4 ").exercise.number == 4


def test_an_unknown_dosage_field_is_refused_by_name():
    with pytest.raises(RoutineError, match="unknown dosage field 'speed'; use reps, hold"):
        item(4, speed=3)


def test_the_saved_form_lists_every_field_of_every_item():
    data = example().to_dict()
    assert data["items"][0] == {
        "exercise": 4,
        "name": "Lying down pelvic tilt",
        "reps": 10,
        "hold": 5,
        "sets": 2,
        "rest": 30,
        "sides": 1,
        "per_week": 5,
    }
    assert (data["name"], data["note"]) == ("Sam", EXAMPLE["note"])


def test_a_saved_routine_is_readable_json_with_accents_kept_as_written(tmp_path):
    r = routine([item(2)], name="Zoë", note="Café ☕")
    text = save(r, tmp_path / "mine.json").read_bytes().decode("utf-8")
    lines = text.split("\n")
    assert lines[:3] == ["{", '  "schema": "lowback-routine",', '  "version": 1,']
    assert '  "name": "Zoë",' in lines and '  "note": "Café ☕",' in lines
    assert text.endswith("}\n") and "\\u" not in text


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({**EXAMPLE, "extra": 1}, "unknown field 'extra'"),
        (
            {k: v for k, v in EXAMPLE.items() if k != "items"},
            "missing field 'items' (the list of exercises)",
        ),
        ({**EXAMPLE, "items": "4, 5"}, "'items' must be a list of exercises"),
        ({**EXAMPLE, "version": True}, "routine file version True is not supported (this is 1)"),
        ({**EXAMPLE, "version": 1.0}, "routine file version 1.0 is not supported (this is 1)"),
        ({**EXAMPLE, "version": "1"}, "routine file version '1' is not supported (this is 1)"),
        (
            {**EXAMPLE, "items": [{"exercise": n} for n in range(1, 14)]},
            "'items' has 13 entries; a routine has at most 12, each exercise once",
        ),
        ({**EXAMPLE, "items": [3]}, "item 1 must be an object with an 'exercise' field"),
        (
            {**EXAMPLE, "items": [{"exercise": 4}, {"exercise": 4}]},
            "exercise 4 is in the routine twice; keep it once",
        ),
        ([EXAMPLE], "not a routine file: expected a JSON object with schema 'lowback-routine'"),
        ({**EXAMPLE, "schema": None}, "not a routine file: schema is None, not 'lowback-routine'"),
    ],
)
def test_each_file_rule_says_exactly_what_is_wrong(data, says):
    from lowback.routine import from_dict

    with pytest.raises(RoutineError) as err:
        from_dict(data)
    assert str(err.value) == says


def test_a_file_with_all_twelve_exercises_and_no_name_or_note_loads():
    from lowback.routine import from_dict

    r = from_dict(
        {
            "schema": "lowback-routine",
            "version": 1,
            "items": [{"exercise": n} for n in range(1, 13)],
        }
    )
    assert len(r.items) == 12 and (r.name, r.note) == ("", "")


def test_nesting_is_counted_by_brackets_only_and_closing_ones_count_down():
    from lowback.routine import parse

    assert parse("[" + "[]," * 30 + "[]]") == [[] for _ in range(31)], "wide is not deep"
    assert parse('["' + "X" * 30 + '"]') == ["X" * 30]
    deep = '["' + "X" * 30 + '", ' + "[" * 20 + "]" * 20 + "]"
    with pytest.raises(RoutineError, match="nested too deeply"):
        parse("[[[], " + "[" * 19 + "]" * 19 + "]]")  # 21 deep after closing one list
    with pytest.raises(RoutineError, match="nested too deeply"):
        parse(deep)


def test_a_name_of_80_characters_is_looked_up_and_81_is_refused_unread():
    with pytest.raises(RoutineError) as err:
        item("x" * 80)
    assert str(err.value) == f"no exercise called '{'x' * 80}'"
    with pytest.raises(RoutineError) as err:
        item("x" * 81)
    assert str(err.value) == f"no exercise called '{'x' * 36}...: choose a number from 1 to 12"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is a folder, not a routine file"),
        (lambda p: None, "no such file"),
        (
            lambda p: p.write_bytes(b" " * (64 * 1024 + 1)),
            "too big for a routine file (more than 64 KB); is it the right file?",
        ),
    ],
    ids=["folder", "missing", "too big"],
)
def test_a_file_that_cannot_be_read_says_why_after_its_name(tmp_path, make, says):
    path = tmp_path / "r.json"
    make(path)
    with pytest.raises(RoutineError) as err:
        load_routine(path)
    assert str(err.value) == f"{path}: {says}"


def test_a_path_through_a_file_or_with_a_null_is_refused_in_words(tmp_path):
    (tmp_path / "file").write_text("x")
    path = tmp_path / "file" / "r.json"
    with pytest.raises(RoutineError) as err:
        load_routine(path)
    assert str(err.value) == f"{path}: cannot read: a part of the path is not a folder"
    with pytest.raises(RoutineError) as err:
        load_routine("r\x00.json")
    assert str(err.value) == "r\x00.json: not a usable file name"


def test_a_note_keeps_its_lines_and_a_name_is_one_line():
    r = plan(4, name="  Class\n B ", note="  line one\n\n  line two  ")
    assert (r.name, r.note) == ("Class B", "line one\n\n  line two")
    assert routine([item(4)]).note == "" and routine([item(4)]).name == ""


def test_a_name_that_is_not_text_names_its_type():
    with pytest.raises(RoutineError) as err:
        plan(4, name=7)
    assert str(err.value) == "name must be text; got int"


def test_times_a_week_out_of_range_names_the_exercise():
    with pytest.raises(RoutineError) as err:
        item(4, per_week=8)
    assert str(err.value) == "times per week must be from 1 to 7 for Lying down pelvic tilt; got 8"
    with pytest.raises(RoutineError) as err:
        routine([])
    assert str(err.value) == "a routine needs at least one exercise"


@pytest.mark.parametrize(
    ("numbers", "forward", "backward"),
    [
        ((8, 11), "Knees to chest", "Prone press"),
        ((4, 9, 12), "Figure 4", "Cobra"),
        ((8, 9, 11, 12), "Knees to chest, Figure 4", "Prone press, Cobra"),
        ((8, 9), None, None),
        ((11, 12), None, None),
        ((1, 8), None, None),  # lying on the stomach is a rest position, not a bend
        ((4, 5, 6, 7, 10), None, None),
    ],
)
def test_a_plan_that_mixes_forward_and_backward_bending_is_told_to_keep_to_one(
    numbers, forward, backward
):
    mixed = [h for h in plan(*numbers).advice() if "mixes" in h]
    if forward is None:
        assert mixed == []
    else:
        assert mixed == [
            settings()["advice"]["directions"]["mixed"].format(forward=forward, backward=backward)
        ]
        assert mixed[0] in plan(*numbers).describe()
