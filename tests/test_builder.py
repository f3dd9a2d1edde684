"""The routine builder says when a typed dose is out of range, instead of changing it quietly."""

import pytest

from lowback.catalogue import exercise
from lowback.widgets.builder import FIELDS, RoutineBuilder


def _row(builder, number):
    return next(r for r in builder.rows if r.exercise.number == number)


@pytest.mark.parametrize("field", ["reps", "hold", "sets"])
def test_a_dose_typed_above_its_range_is_kept_and_named_with_the_range(field, tmp_path):
    builder = RoutineBuilder(folder=tmp_path)
    row = _row(builder, 8)
    row.tick.value = True
    bounds = getattr(exercise(8), field)
    row.boxes[field].value = bounds.max + 30
    assert row.boxes[field].value == bounds.max + 30  # not quietly changed to the maximum
    shown = builder.plan_view.value
    assert f"from {bounds.min} to {bounds.max}" in shown and "Knees to chest" in shown
    assert f"got {bounds.max + 30}" in shown
    assert builder.write(".json") is None and "Could not save" in builder.message.value
    assert not list(tmp_path.iterdir())


def test_every_dose_box_tells_its_range_in_its_tooltip():
    builder = RoutineBuilder()
    row = _row(builder, 8)
    for field, label in FIELDS.items():
        if field != "per_week":
            bounds = getattr(exercise(8), field)
            assert row.boxes[field].tooltip == (
                f"{label}: Knees to chest ({bounds.min} to {bounds.max})"
            )
