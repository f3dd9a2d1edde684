"""Find your direction: compare where symptoms reach before and after 10 slow repetitions."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load
from lowback.tracker import reach_levels

OUTCOMES = ("closer", "further", "same", "new-signs")


@dataclass(frozen=True)
class Direction:
    """A direction of movement to test, and the exercises that move that way."""

    id: str
    name: str
    exercises: tuple[int, ...]
    how: str


@dataclass(frozen=True)
class Result:
    """What one round of the test says to do next."""

    direction: Direction
    before: str
    after: str
    outcome: str
    verdict: str
    say: str

    @property
    def note(self) -> str:
        """One line for the recovery log."""
        return (
            f"Direction test, {self.direction.name.lower()}: {self.before} to {self.after}. "
            f"{self.verdict}."
        )


@cache
def directions() -> tuple[Direction, ...]:
    """The directions to test: backward, forward and neutral."""
    return tuple(
        Direction(d["id"], d["name"], tuple(d["exercises"]), d["how"])
        for d in load("direction")["direction"]
    )


def direction(which: str) -> Direction:
    """One direction by id; an unknown one is a one-line error."""
    for d in directions():
        if d.id == which:
            return d
    raise ValueError(f"direction must be one of {', '.join(d.id for d in directions())}")


def repetitions() -> int:
    """How many slow repetitions one round of the test asks for."""
    return load("direction")["reps"]


def _level(reach: str) -> int:
    levels = reach_levels()
    if reach not in levels:
        raise ValueError(f"reach must be one of {', '.join(levels)}; got {reach!r}")
    return levels.index(reach)


def check_direction(which: str, before: str, after: str, new_signs: bool = False) -> Result:
    """The course's rule for one round: closer keeps, further stops, same repeats."""
    chosen = direction(which)
    start, end = _level(before), _level(after)
    if new_signs:
        outcome = "new-signs"
    else:
        outcome = "closer" if end < start else "further" if end > start else "same"
    words = load("direction")["outcome"][outcome]
    return Result(chosen, before, after, outcome, words["verdict"], words["say"])
