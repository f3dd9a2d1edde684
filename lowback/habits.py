"""Everyday habits: a workstation checklist, a gradual walking plan, what massage can do."""

from dataclasses import dataclass

from lowback._data import load
from lowback.catalogue import Bounds
from lowback.safety import StopRule


def _habits() -> dict:
    return load("habits")


def workstation_checklist() -> tuple[str, ...]:
    """Things to check about a desk and chair, one plain sentence each."""
    return tuple(c["item"] for c in _habits()["checklist"])


@dataclass(frozen=True)
class WalkingWeek:
    """One week of a walking plan."""

    week: int
    minutes: int
    days: int

    @property
    def total(self) -> int:
        """Minutes of walking in the week."""
        return self.minutes * self.days

    def __str__(self) -> str:
        return f"Week {self.week}: {self.minutes} min, {self.days} days a week ({self.total} min)"


def walking_plan(
    start_minutes: int | None = None, start_days: int | None = None
) -> list[WalkingWeek]:
    """Weeks that add a few minutes a walk, then a day a week, until the target is reached."""
    cfg = _habits()["walking"]
    minutes = Bounds(cfg["start_minutes"], 1, cfg["target_minutes"]).check(
        "start_minutes", start_minutes
    )
    days = Bounds(cfg["start_days"], 1, cfg["target_days"]).check("start_days", start_days)
    weeks = [WalkingWeek(1, minutes, days)]
    while (minutes, days) != (cfg["target_minutes"], cfg["target_days"]):
        if minutes < cfg["target_minutes"]:
            minutes = min(cfg["target_minutes"], minutes + cfg["add_minutes"])
        else:
            days += 1
        weeks.append(WalkingWeek(len(weeks) + 1, minutes, days))
    return weeks


def walking_stop_signs() -> tuple[StopRule, ...]:
    """When to stop or scale back a walking plan (sign and action, like the exercise rules)."""
    return tuple(StopRule(**s) for s in _habits()["walking_stop"])


def massage_facts() -> str:
    """What massage can and cannot do, as Markdown."""
    m = _habits()["massage"]
    can = "\n".join(f"- {c}" for c in m["can"])
    cannot = "\n".join(f"- {c}" for c in m["cannot"])
    return f"**Massage can:**\n{can}\n\n**Massage cannot:**\n{cannot}\n\n{m['guidance']}"
