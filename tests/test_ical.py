"""The week as a calendar file: it parses back, repeats weekly and lists each day's exercises."""

from datetime import date, time

import pytest
from icalendar import Calendar

from lowback.cli import main
from lowback.ical import parse_time, week_calendar
from lowback.routine import example, settings

FRIDAY = date(2026, 12, 4)


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_one_weekly_event_per_session_day_at_the_chosen_time():
    plan = example()
    found = events(week_calendar(plan, FRIDAY, time(7, 30)))
    session_days = [i for i, day in enumerate(plan.week()) if day.items]
    assert sorted(e["dtstart"].dt.weekday() for e in found) == session_days
    for e in found:
        start = e["dtstart"].dt
        assert start.date() >= FRIDAY and (start.date() - FRIDAY).days < 7
        assert start.time() == time(7, 30) and start.tzinfo is None  # floating local time
        rule = e["rrule"]
        assert rule["FREQ"] == ["WEEKLY"] and rule["COUNT"] == [settings()["calendar"]["weeks"]]


def test_each_event_lists_that_days_exercises_and_lasts_as_long_as_its_session():
    plan = example()
    by_day = {e["dtstart"].dt.weekday(): e for e in events(week_calendar(plan, FRIDAY))}
    for index, day in enumerate(plan.week()):
        if not day.items:
            assert index not in by_day
            continue
        event = by_day[index]
        text = str(event["description"])
        assert all(it.dosage.summary() in text for it in day.items)
        length = event["dtend"].dt - event["dtstart"].dt
        assert 0 <= length.total_seconds() - day.seconds < 60


@pytest.mark.parametrize("text", ["7:30", "07:30", " 18:05 "])
def test_times_of_day_are_read(text):
    assert parse_time(text).minute in (30, 5)


@pytest.mark.parametrize("text", ["25:00", "7.30", "", "18:60", "x" * 500])
def test_a_bad_time_is_one_short_line(text):
    with pytest.raises(ValueError, match="looks like 18:00") as err:
        parse_time(text)
    assert "\n" not in str(err.value) and len(str(err.value)) < 120


def test_the_command_line_writes_a_private_calendar(tmp_path, capsys):
    out = tmp_path / "week.ics"
    assert main(["handout", "--exercises", "4,8,11", "--out", str(out), "--at", "19:15"]) == 0
    assert "repeating weekly" in capsys.readouterr().out
    assert len(events(out.read_bytes())) == 3 and out.stat().st_mode & 0o777 == 0o600


def test_at_without_a_calendar_is_refused(tmp_path, capsys):
    status = main(["handout", "--exercises", "4", "--out", str(tmp_path / "p.pdf"), "--at", "9:00"])
    assert status == 1 and "--at only works with a calendar" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


def test_the_lesson_8_calendar_button_writes_weekly_events_at_the_session_time(tmp_path):
    from lowback.widgets.builder import routine_builder

    builder = routine_builder(example(), folder=tmp_path)
    builder.at.value = "06:45"
    builder.today = lambda: FRIDAY
    path = builder.write(".ics")
    assert (
        path == tmp_path / "my_routine.ics" and "Download my_routine.ics" in builder.message.value
    )
    found = events(path.read_bytes())
    assert len(found) == sum(1 for day in example().week() if day.items)
    for e in found:
        assert e["dtstart"].dt.time() == time(6, 45) and e["rrule"]["FREQ"] == ["WEEKLY"]
        assert 0 <= (e["dtstart"].dt.date() - FRIDAY).days < 7
