"""A routine's week as an iCalendar file (RFC 5545), built with the icalendar library.

One event for each day that has a session, repeating weekly for a few weeks, at a time of
day the learner picks. Times are "floating" (no time zone), so a session at 18:00 stays at
18:00 wherever the calendar is opened. Each event's description lists that day's exercises
with their doses, and the first stop rule.
"""

import hashlib
import re
from datetime import date, datetime, time, timedelta

from lowback.routine import Routine, days, settings, shorten
from lowback.safety import stop_rules

PRODID = "-//lowback//home exercise course//EN"


def default_time() -> time:
    """The time of day a session starts unless the learner picks another."""
    return time.fromisoformat(settings()["calendar"]["at"])


def parse_time(text: str) -> time:
    """A time of day such as 18:00; anything else is a one-line ValueError."""
    found = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", str(text).strip())
    if not found:
        raise ValueError(f"a time of day looks like 18:00; got {shorten(str(text))}")
    return time(int(found[1]), int(found[2]))


def week_calendar(plan: Routine, start: date, at: time | None = None) -> bytes:
    """The routine's sessions as iCalendar bytes: weekly events from ``start`` on."""
    from icalendar import Calendar, Event

    at = at or default_time()
    weeks = settings()["calendar"]["weeks"]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Exercise routine{f' for {plan.name}' if plan.name else ''}")
    rule = stop_rules()[0]
    for index, day in enumerate(plan.week()):
        if not day.items:
            continue
        first = start + timedelta(days=(index - start.weekday()) % len(days()))
        begin = datetime.combine(first, at)
        minutes = max(1, -(-day.seconds // 60))
        lines = [f"{n}. {it.dosage.summary()}" for n, it in enumerate(day.items, 1)]
        lines += ["", f"{rule.sign}: {rule.action}"]
        event = Event()
        event.add("summary", f"Back exercises ({len(day.items)})")
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=minutes))
        event.add("rrule", {"freq": "weekly", "count": weeks})
        event.add("description", "\n".join(lines))
        event.add("dtstamp", datetime.combine(start, time(0, 0)))
        key = f"{plan.name}|{day.name}|{';'.join(lines)}|{begin.isoformat()}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@lowback")
        cal.add_component(event)
    return cal.to_ical()
