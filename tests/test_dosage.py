import pytest

import lowback
from lowback.dosage import REST


def test_defaults_come_from_the_catalogue():
    d = lowback.dosage("Brace your abs")
    ex = d.exercise
    assert (d.reps, d.hold, d.sets, d.sides) == (
        ex.reps.default,
        ex.hold.default,
        ex.sets.default,
        1,
    )
    assert d.rest == REST.default == 30, "half a minute's rest between sets by default"
    # 2 sets x 10 reps x (2 s move + 5 s hold) + 30 s rest, all from the defaults.
    assert d.seconds == 170


def test_session_time_counts_every_move_hold_and_rest():
    # Brace your abs: move 2 s per rep. 2 sets x 10 reps x (2 + 5) s + one 30 s rest = 170 s.
    d = lowback.dosage(2, reps=10, hold=5, sets=2, rest=30)
    assert d.seconds == 170
    assert d.summary().endswith("about 2 min 50 s in all")


def test_per_side_exercises_do_every_set_on_each_side():
    # Knees to chest: move 4 s. 2 sides x 1 set x 5 reps x (4 + 20) s + one 30 s rest = 270 s.
    d = lowback.dosage("knees-to-chest", reps=5, hold=20, sets=1, rest=30)
    assert d.sides == 2 and d.seconds == 270
    assert "on each side" in d.summary()
    one_side = lowback.dosage("knees-to-chest", reps=5, hold=20, sets=1, sides=1)
    assert one_side.seconds == 120


def test_timeline_agrees_with_the_total_and_has_no_gaps():
    d = lowback.dosage(9, reps=3, hold=15, sets=2, rest=20)
    segments = d.timeline()
    assert segments[-1].end == d.seconds
    assert all(a.end == b.start for a, b in zip(segments, segments[1:], strict=False))
    assert sum(s.kind == "hold" for s in segments) == 3 * 2 * 2
    assert sum(s.kind == "rest" for s in segments) == 2 * 2 - 1
    assert [s.side for s in segments if s.kind == "hold"] == [1] * 6 + [2] * 6


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reps", 0, "reps must be from 1 to 20"),
        ("hold", -5, "hold must be from 2 to 10 seconds"),
        ("reps", "ten", "reps must be a whole number from 1 to 20"),
        ("sets", 2.5, "sets must be a whole number from 1 to 3"),
        ("reps", True, "reps must be a whole number"),
        ("rest", 999, "rest must be from 0 to 180 seconds"),
        ("sides", 2, "sides must be from 1 to 1"),
    ],
)
def test_bad_dosage_names_the_field_and_its_range(field, value, message):
    with pytest.raises(ValueError, match=message):
        lowback.dosage("Brace your abs", **{field: value})


def test_format_duration_reads_naturally():
    assert lowback.format_duration(45) == "45 s"
    assert lowback.format_duration(120) == "2 min"
    assert lowback.format_duration(170) == "2 min 50 s"


def test_dosage_logic_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import lowback, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- every bound of every exercise, as a table ---------------------------------------------


def bound_table():
    """(exercise number, field, min, max) from the data file: rest 0-180 s, sides 1-2 or 1."""
    from lowback._data import load

    for record in load("exercises")["exercise"]:
        number = record["number"]
        for field in ("reps", "hold", "sets"):
            yield number, field, record[field]["min"], record[field]["max"]
        yield number, "rest", 0, 180
        yield number, "sides", 1, 2 if record["per_side"] else 1


BOUNDS = list(bound_table())


def test_the_bound_table_covers_all_twelve_exercises_and_every_field():
    assert sorted({n for n, *_ in BOUNDS}) == list(range(1, 13))
    assert len(BOUNDS) == 12 * 5
    assert any(field == "sides" and high == 2 for _, field, _, high in BOUNDS)
    assert any(field == "sides" and high == 1 for _, field, _, high in BOUNDS)


@pytest.mark.parametrize(("number", "field", "low", "high"), BOUNDS)
def test_each_dose_bound_is_allowed_and_one_past_it_is_refused(number, field, low, high):
    from lowback.dosage import bounds

    b = bounds(number, field)
    assert (b.min, b.max) == (low, high)
    assert low <= b.default <= high
    for value in (low, high):
        assert getattr(lowback.dosage(number, **{field: value}), field) == value
    name = lowback.exercise(number).name
    unit = " seconds" if field in ("hold", "rest") else ""
    for value in (low - 1, high + 1):
        said = f"{field} must be from {low} to {high}{unit} for {name}; got {value}"
        with pytest.raises(ValueError) as err:
            lowback.dosage(number, **{field: value})
        assert str(err.value) == said


def test_an_unknown_field_is_refused_by_name():
    from lowback.dosage import bounds

    with pytest.raises(ValueError, match="unknown dosage field 'speed'; use reps, hold, sets"):
        bounds(2, "speed")


# --- what amount() tells a learner -----------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "dose", "said"),
    [
        # Brace your abs (move 2 s, not per side).
        (2, dict(reps=1, hold=5, sets=1), "1 set of 1 rep, hold 5 s; about 7 s in all"),
        (
            2,
            dict(reps=10, hold=5, sets=2, rest=30),
            "2 sets of 10 reps, hold 5 s, 30 s rest between sets; about 2 min 50 s in all",
        ),
        # Knees to chest (move 4 s, per side).
        (
            "knees-to-chest",
            dict(reps=5, hold=20, sets=1, sides=1),
            "1 set of 5 reps, hold 20 s; about 2 min in all",
        ),
        (
            "knees-to-chest",
            dict(reps=5, hold=20, sets=1, sides=2, rest=15),
            "1 set of 5 reps on each side, hold 20 s, 15 s rest between sides;"
            " about 4 min 15 s in all",
        ),
        (
            "knees-to-chest",
            dict(reps=2, hold=20, sets=2, sides=2, rest=10),
            "2 sets of 2 reps on each side, hold 20 s, 10 s rest between sets;"
            " about 3 min 42 s in all",
        ),
    ],
)
def test_amount_says_sets_reps_sides_hold_and_rest_in_plain_words(which, dose, said):
    d = lowback.dosage(which, **dose)
    assert d.amount() == said
    assert d.summary() == f"{d.exercise.name}: {said}"


def test_the_timeline_for_one_side_and_one_set_has_no_rest():
    d = lowback.dosage(2, reps=2, hold=5, sets=1)
    kinds = [(s.kind, s.start, s.seconds, s.side, s.set, s.rep) for s in d.timeline()]
    assert kinds == [
        ("move", 0, 2, 1, 1, 1),
        ("hold", 2, 5, 1, 1, 1),
        ("move", 7, 2, 1, 1, 2),
        ("hold", 9, 5, 1, 1, 2),
    ]


def test_the_timeline_rests_between_sets_and_between_sides():
    d = lowback.dosage("knees-to-chest", reps=1, hold=20, sets=2, sides=2, rest=10)
    kinds = [(s.kind, s.start, s.side, s.set, s.rep) for s in d.timeline()]
    assert kinds == [
        ("move", 0, 1, 1, 1),
        ("hold", 4, 1, 1, 1),
        ("rest", 24, 1, 2, 0),
        ("move", 34, 1, 2, 1),
        ("hold", 38, 1, 2, 1),
        ("rest", 58, 2, 1, 0),
        ("move", 68, 2, 1, 1),
        ("hold", 72, 2, 1, 1),
        ("rest", 92, 2, 2, 0),
        ("move", 102, 2, 2, 1),
        ("hold", 106, 2, 2, 1),
    ]
    assert d.timeline()[-1].end == d.seconds == 126


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0, "0 s"), (1, "1 s"), (59, "59 s"), (60, "1 min"), (61, "1 min 1 s"), (600, "10 min")],
)
def test_format_duration_at_the_minute_boundaries(seconds, said):
    assert lowback.format_duration(seconds) == said
