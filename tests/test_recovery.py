"""What the recovery summary tells a learner, rule by rule, as tables."""

from datetime import date, timedelta

import pytest

from lowback import tracker
from lowback._data import load
from lowback.recovery import PainChange, demo_entries, demo_log, reach_phrase, summarise
from lowback.tracker import entry, reach_levels

TODAY = date(2026, 11, 26)
DAY0 = date(2026, 11, 1)
WORDS = load("recovery")["words"]
LEVELS = ("none", "buttock", "thigh", "below the knee", "foot")
PHRASES = {r["name"]: r["phrase"] for r in load("recovery")["reach"]}


def log_of(rows, start=DAY0):
    """Entries from (back, leg, reach) or (back, leg, reach, done, planned), one a day."""
    return [entry(start + timedelta(days=i), *row, today=TODAY) for i, row in enumerate(rows)]


def test_the_reach_levels_run_from_the_back_to_the_foot():
    assert reach_levels() == LEVELS
    assert [reach_phrase(level) for level in LEVELS] == [PHRASES[level] for level in LEVELS]


def expected_trend(start: str, end: str) -> str:
    move = LEVELS.index(end) - LEVELS.index(start)
    return "centralising" if move < 0 else "peripheralising" if move > 0 else "same"


TREND_TABLE = [(start, end, expected_trend(start, end)) for start in LEVELS for end in LEVELS]


@pytest.mark.parametrize(("start", "end", "trend"), TREND_TABLE)
def test_reach_trend_and_warning_by_start_and_end_level(start, end, trend):
    # Three days at one level then four at another: the last two days are the same, so no
    # spread today, and the warning comes from the trend alone.
    s = summarise(log_of([(3, 3, start)] * 3 + [(3, 3, end)] * 4))
    assert (s.reach_start, s.reach_end) == (start, end)
    assert s.reach_trend == trend
    assert s.warning is (trend == "peripheralising")
    assert s.spread_on is None and s.spread_from is None and s.spread_to is None
    key = "reach_same" if trend == "same" else trend
    said = WORDS[key].format(start=PHRASES[start], end=PHRASES[end], days="6 days")
    assert s.lines()[0] == said
    assert not any(line.startswith("On ") for line in s.lines())


@pytest.mark.parametrize(
    ("before", "latest"), [(a, b) for a in LEVELS for b in LEVELS], ids=lambda v: v
)
def test_a_spread_on_the_latest_day_is_flagged_only_when_it_goes_further_down(before, latest):
    # A long steady stretch at the buttock, then the day before and the latest day.
    s = summarise(log_of([(3, 3, "buttock")] * 8 + [(3, 3, before), (3, 3, latest)]))
    spread = LEVELS.index(latest) > LEVELS.index(before)
    if spread:
        assert (s.spread_on, s.spread_from, s.spread_to) == (DAY0 + timedelta(9), before, latest)
        assert s.warning
        first = WORDS["spread_today"].format(
            day="2026-11-10", start=PHRASES[before], end=PHRASES[latest]
        )
        assert s.lines()[0] == first
    else:
        assert (s.spread_on, s.spread_from, s.spread_to) == (None, None, None)
        assert s.warning is (s.reach_trend == "peripheralising")
        assert not s.lines()[0].startswith("On ")


def test_the_start_and_end_are_the_furthest_reach_of_their_days_not_the_nearest():
    rows = [(3, 3, "thigh"), (3, 3, "foot"), (3, 3, "buttock")]
    rows += [(3, 3, "none"), (3, 3, "below the knee"), (3, 3, "none")]
    s = summarise(log_of(rows))
    assert (s.reach_start, s.reach_end) == ("foot", "below the knee")
    assert s.reach_trend == "centralising"


def test_entries_are_read_in_date_order_whatever_order_they_come_in():
    s = summarise(list(reversed(log_of([(3, 3, "foot")] * 3 + [(3, 3, "buttock")] * 3))))
    assert (s.first_day, s.last_day) == (DAY0, DAY0 + timedelta(5))
    assert s.reach_trend == "centralising" and not s.warning


@pytest.mark.parametrize(
    ("start", "end", "kind", "delta"),
    [(7, 1, "better", "6"), (5, 3, "better", "2"), (3, 5, "worse", "2"), (2, 9, "worse", "7")]
    + [(5, 4, "same", "1"), (4, 5, "same", "1"), (6, 6, "same", "0")],
)
def test_each_pain_change_is_said_in_its_own_sentence(start, end, kind, delta):
    s = summarise(log_of([(start, start, "thigh")] * 3 + [(end, end, "thigh")] * 3))
    for change, what in ((s.leg, "Leg pain"), (s.back, "Back pain")):
        assert change.what == what
        said = WORDS[kind].format(what=what, start=start, end=end, delta=delta, step=2)
        assert change.words() == said


def test_a_pain_change_keeps_one_decimal_and_drops_a_trailing_zero():
    change = PainChange("Leg pain", 3.0, 16 / 3)
    assert change.matters and change.change == pytest.approx(7 / 3)
    assert change.words() == WORDS["worse"].format(
        what="Leg pain", start="3", end="5.3", delta="2.3", step=2
    )


def test_the_summary_is_its_lines_in_order_warnings_first():
    rows = [(5, 7, "thigh", 3, 3)] * 3 + [(5, 7, "thigh", 1, 3), (5, 8, "foot", 0, 3)]
    s = summarise(log_of(rows))
    lines = s.lines()
    assert str(s) == "\n".join(lines) and len(lines) == 5
    assert lines[0].startswith("On 2026-11-05")
    assert lines[2:4] == [s.leg.words(), s.back.words()]
    assert lines[4] == WORDS["exercises"].format(done=10, planned=15, percent=67)


@pytest.mark.parametrize(("days", "said"), [(1, "1 day"), (2, "2 days"), (10, "10 days")])
def test_days_are_counted_with_the_right_plural(days, said):
    rows = [(3, 3, "thigh")] * (days + 1)
    s = summarise(log_of(rows))
    assert s.days == days
    assert s.lines()[0] == WORDS["reach_same"].format(days=said, end="the thigh")


def test_a_log_with_nothing_planned_says_so():
    s = summarise(log_of([(3, 3, "thigh")] * 2))
    assert s.lines()[-1] == WORDS["no_plan"]


def test_the_demo_log_works_whatever_the_clock_says(monkeypatch):
    class LongAgo(date):
        @classmethod
        def today(cls):
            return date(2020, 1, 1)

    monkeypatch.setattr(tracker, "date", LongAgo)
    log = demo_log("spreading")
    assert log.entries() == demo_entries("spreading")


def test_the_demo_log_is_the_improving_one_unless_asked():
    assert demo_entries() == demo_entries("improving")
    assert demo_log().entries() == demo_entries("improving")


def test_an_unknown_demo_is_refused():
    with pytest.raises(ValueError, match="improving, spreading; got 'flat'"):
        demo_entries("flat")
