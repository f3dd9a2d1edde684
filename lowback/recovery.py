"""What a recovery log says in plain words, and demo logs to learn from."""

from dataclasses import dataclass
from datetime import date, timedelta

from lowback._data import load
from lowback.tracker import Entry, Tracker, entry, reach_levels

DEMO_START = date(2026, 10, 5)
DEMO_KINDS = ("improving", "spreading")


def _rules() -> dict:
    return load("recovery")


def reach_phrase(name: str) -> str:
    """How a sentence says a reach level, e.g. "below the knee" or "the thigh"."""
    phrases = {r["name"]: r["phrase"] for r in _rules()["reach"]}
    if name not in phrases:
        raise ValueError(f"reach must be one of {', '.join(phrases)}; got {name!r}")
    return phrases[name]


def _number(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class PainChange:
    """Pain at the start and at the end of a log (each a mean of a few days)."""

    what: str
    start: float
    end: float

    @property
    def change(self) -> float:
        """End minus start: negative is better."""
        return self.end - self.start

    @property
    def matters(self) -> bool:
        """True when the change reaches the meaningful 2 points (Childs 2005)."""
        return abs(self.change) >= _rules()["pain"]["meaningful_change"] - 1e-9

    def words(self) -> str:
        """The change in one plain sentence."""
        kind = "same" if not self.matters else "better" if self.change < 0 else "worse"
        return _rules()["words"][kind].format(
            what=self.what,
            start=_number(self.start),
            end=_number(self.end),
            delta=_number(abs(self.change)),
            step=_rules()["pain"]["meaningful_change"],
        )


@dataclass(frozen=True)
class Summary:
    """The plain-words reading of a log: pain, how far down the leg, exercises done."""

    first_day: date
    last_day: date
    back: PainChange
    leg: PainChange
    reach_start: str
    reach_end: str
    spread_on: date | None
    spread_from: str | None
    spread_to: str | None
    exercises_done: int
    exercises_planned: int

    @property
    def days(self) -> int:
        """Days from the first entry to the last."""
        return (self.last_day - self.first_day).days

    @property
    def reach_trend(self) -> str:
        """ "centralising" (moved up), "peripheralising" (spread down) or "same"."""
        move = reach_levels().index(self.reach_end) - reach_levels().index(self.reach_start)
        return "centralising" if move < 0 else "peripheralising" if move > 0 else "same"

    @property
    def warning(self) -> bool:
        """True when the log says stop an exercise and get advice."""
        return self.spread_on is not None or self.reach_trend == "peripheralising"

    def lines(self) -> list[str]:
        """The summary as a few plain sentences, warnings first."""
        words = _rules()["words"]
        out = []
        if self.spread_on is not None:
            out.append(
                words["spread_today"].format(
                    day=self.spread_on.isoformat(),
                    start=reach_phrase(self.spread_from),
                    end=reach_phrase(self.spread_to),
                )
            )
        key = "reach_same" if self.reach_trend == "same" else self.reach_trend
        out.append(
            words[key].format(
                start=reach_phrase(self.reach_start),
                end=reach_phrase(self.reach_end),
                days=f"{self.days} day" + "s" * (self.days != 1),
            )
        )
        out += [self.leg.words(), self.back.words()]
        if self.exercises_planned:
            percent = round(100 * self.exercises_done / self.exercises_planned)
            out.append(
                words["exercises"].format(
                    done=self.exercises_done, planned=self.exercises_planned, percent=percent
                )
            )
        else:
            out.append(words["no_plan"])
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def summarise(entries: list[Entry]) -> Summary:
    """Read a log: start against end for pain and reach, and a spread on the latest day."""
    entries = sorted(entries, key=lambda e: e.day)
    if len(entries) < 2:
        raise ValueError(_rules()["words"]["too_short"])
    k = min(_rules()["pain"]["days_averaged"], len(entries) // 2)
    head, tail = entries[:k], entries[-k:]

    def pain(what: str, field: str) -> PainChange:
        first = _mean([getattr(e, field) for e in head])
        return PainChange(what, first, _mean([getattr(e, field) for e in tail]))

    def furthest(part: list[Entry]) -> str:
        return max(part, key=lambda e: e.reach_level).reach

    before, latest = entries[-2], entries[-1]
    spread = latest.reach_level > before.reach_level
    return Summary(
        first_day=entries[0].day,
        last_day=latest.day,
        back=pain("Back pain", "back_pain"),
        leg=pain("Leg pain", "leg_pain"),
        reach_start=furthest(head),
        reach_end=furthest(tail),
        spread_on=latest.day if spread else None,
        spread_from=before.reach if spread else None,
        spread_to=latest.reach if spread else None,
        exercises_done=sum(e.exercises_done for e in entries),
        exercises_planned=sum(e.exercises_planned for e in entries),
    )


def _demo_day(kind: str, i: int) -> tuple:
    """Day ``i`` of a demo log, from a formula anyone can check by hand."""
    if kind == "improving":  # 21 days: symptoms retreat up the leg, pain falls
        reach = reach_levels()[3 - i // 7]  # below the knee, then thigh, then buttock
        done = 1 if i % 4 == 3 else 3  # a busy day every fourth day
        return 5 - i // 7, 7 - i // 3 + (0, 1, -1)[i % 3], reach, done, 3
    # "spreading", 10 days: symptoms creep down the leg after a new exercise on day 5
    reach = reach_levels()[1 + (i >= 5) + (i >= 9)]  # buttock, thigh, then below the knee
    return 4, 3 + i // 3, reach, 4, 4


_DEMO_NOTES = {
    ("improving", 0): "Started the routine: exercises 1, 3 and 11",
    ("improving", 7): "No pain below the knee today",
    ("improving", 14): "Walked 20 minutes",
    ("spreading", 5): "Tried toes to the sky for the first time",
}
_DEMO_DAYS = {"improving": 21, "spreading": 10}


def demo_entries(kind: str = "improving") -> list[Entry]:
    """A made-up log (no randomness): "improving" or "spreading"."""
    if kind not in DEMO_KINDS:
        raise ValueError(f"kind must be one of {', '.join(DEMO_KINDS)}; got {kind!r}")
    days = [DEMO_START + timedelta(days=i) for i in range(_DEMO_DAYS[kind])]
    return [
        entry(day, *_demo_day(kind, i), _DEMO_NOTES.get((kind, i), ""), today=days[-1])
        for i, day in enumerate(days)
    ]


def demo_log(kind: str = "improving") -> Tracker:
    """A demo log in memory, never on disk and never in the learner's own file."""
    entries = demo_entries(kind)
    log = Tracker(":memory:", today=entries[-1].day)
    log.add_all(entries)
    return log


def recovery_alt(entries: list[Entry]) -> str:
    """Alt text for a recovery figure, read from the summary lowback computes."""
    s, pain = summarise(entries), load("recovery")["pain"]
    return (
        f"Two charts from {s.first_day:%d %B} to {s.last_day:%d %B}. Above: leg pain from "
        f"{s.leg.start:.1f} to {s.leg.end:.1f} and back pain from {s.back.start:.1f} to "
        f"{s.back.end:.1f} out of {pain['max']}, with a shaded band "
        f"{pain['meaningful_change']} points either side of the starting leg pain. Below: "
        f"leg symptoms reaching {s.reach_start} at first and {s.reach_end} "
        "at the end."
    )
