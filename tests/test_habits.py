"""Everyday habits: a walking plan that builds up gently and stops at the goal."""

import pytest

from lowback.habits import massage_facts, walking_plan, walking_stop_signs, workstation_checklist


def test_the_default_plan_adds_five_minutes_a_week_then_a_day_a_week():
    plan = walking_plan(start_minutes=10, start_days=3)
    assert [(w.minutes, w.days) for w in plan] == [
        (10, 3), (15, 3), (20, 3), (25, 3), (30, 3), (30, 4), (30, 5),
    ]  # fmt: skip
    assert [w.week for w in plan] == list(range(1, 8))
    assert plan[-1].total == 150 and str(plan[0]).startswith("Week 1: 10 min, 3 days")


def test_no_week_ever_asks_for_more_than_the_week_before():
    plan = walking_plan(start_minutes=7, start_days=1)
    for before, after in zip(plan, plan[1:], strict=False):
        assert after.minutes >= before.minutes and after.days >= before.days
        assert after.total > before.total
    assert (plan[-1].minutes, plan[-1].days) == (30, 5)


def test_someone_already_at_the_goal_gets_a_one_week_plan():
    assert len(walking_plan(start_minutes=30, start_days=5)) == 1


@pytest.mark.parametrize(("minutes", "days"), [(0, 3), (31, 3), (10, 0), (10, 6)])
def test_a_start_outside_the_plan_is_refused(minutes, days):
    with pytest.raises(ValueError, match="must be from 1 to"):
        walking_plan(start_minutes=minutes, start_days=days)


@pytest.mark.parametrize("minutes", ["10", 7.5, True])
def test_a_start_that_is_not_a_whole_number_is_a_clear_error(minutes):
    with pytest.raises(ValueError, match="start_minutes must be a whole number from 1 to"):
        walking_plan(start_minutes=minutes)


def test_walking_has_its_own_stop_signs_and_massage_is_only_alongside_exercise():
    signs = " ".join(s.sign for s in walking_stop_signs())
    assert "further down the leg" in signs and "numbness" in signs
    assert "only together with exercise" in massage_facts()
    assert any("lumbar" in item or "small of your back" in item for item in workstation_checklist())
