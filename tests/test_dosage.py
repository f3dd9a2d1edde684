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
