"""The red-flag screen: turn a learner's answers into urgent care, see a doctor, or start."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load

LEVELS = ("urgent", "soon", "start")
"""Outcomes, most serious first."""


@dataclass(frozen=True)
class RedFlag:
    """A symptom that needs medical care before exercise."""

    id: str
    level: str  # "urgent" or "soon"
    question: str


@dataclass(frozen=True)
class Outcome:
    """What the screen tells the learner, and which answers led there."""

    level: str
    title: str
    message: str
    flags: tuple[RedFlag, ...]

    @property
    def may_exercise(self) -> bool:
        """True when no red flag was ticked, so the learner may start the exercises."""
        return self.level == "start"


@dataclass(frozen=True)
class StopRule:
    """A sign to watch for during exercise and what to do about it."""

    sign: str
    action: str


@cache
def stop_rules() -> tuple[StopRule, ...]:
    """The rules for when to stop an exercise (and the one good sign to keep going)."""
    return tuple(StopRule(**r) for r in load("safety")["stop_rule"])


@cache
def red_flags(level: str | None = None) -> tuple[RedFlag, ...]:
    """Every red flag, urgent ones first; or only those of one level ("urgent" or "soon")."""
    if level is not None and level not in LEVELS[:-1]:
        raise ValueError(f"level must be one of {', '.join(LEVELS[:-1])}; got {level!r}")
    flags = tuple(RedFlag(**f) for f in load("safety")["flag"])
    chosen = (f for f in flags if level in (None, f.level))
    return tuple(sorted(chosen, key=lambda f: LEVELS.index(f.level)))


def outcome_title(level: str) -> str:
    """The heading of one outcome of the screen, most serious first in ``LEVELS``."""
    return load("safety")["outcome"][level]["title"]


def screen(present: str | set[str] | list[str] | tuple[str, ...] = ()) -> Outcome:
    """Route the ids of the flags a learner ticked to the most serious outcome."""
    if isinstance(present, str):  # one id, not a string of one-letter ids
        present = (present,)
    by_id = {f.id: f for f in red_flags()}
    unknown = sorted(set(present) - by_id.keys())
    if unknown:
        raise ValueError(f"unknown red flag {unknown[0]!r}; known flags: {', '.join(by_id)}")
    ticked = tuple(f for f in red_flags() if f.id in set(present))
    level = min((f.level for f in ticked), key=LEVELS.index, default="start")
    words = load("safety")["outcome"][level]
    return Outcome(level, words["title"], words["message"], ticked)
