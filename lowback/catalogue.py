"""The twelve exercises as frozen records, and look-up by number, slug or name."""

import difflib
from dataclasses import dataclass
from functools import cache

from lowback._data import load

POSITIONS = ("prone", "supine", "seated", "hands and knees", "standing")
EQUIPMENT = ("mat", "chair", "towel", "pillow")
FAMILIES = (
    "rest position",
    "core",
    "pelvic tilt",
    "flexion stretch",
    "nerve mobility",
    "extension",
)


class UnknownExerciseError(LookupError):
    """No exercise matches the number or name asked for."""


@dataclass(frozen=True)
class Bounds:
    """A dosage field's default and its allowed range, inclusive."""

    default: int
    min: int
    max: int

    def check(self, field: str, value: object, unit: str = "", whose: str = "") -> int:
        """``value`` if it is a whole number in range, the default if None, else ValueError."""
        if value is None:
            return self.default
        where = f"{unit} for {whose}" if whose else unit
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"{field} must be a whole number from {self.min} to {self.max}{where}; "
                f"got {value!r}"
            )
        if not self.min <= value <= self.max:
            raise ValueError(f"{field} must be from {self.min} to {self.max}{where}; got {value}")
        return value


@dataclass(frozen=True)
class Exercise:
    """One home exercise from the catalogue."""

    number: int
    slug: str
    name: str
    position: str
    equipment: tuple[str, ...]
    family: str
    per_side: bool
    move_seconds: int
    variations: tuple[str, ...]
    purpose: str
    steps: tuple[str, ...]
    feel: str
    cautions: tuple[str, ...]
    reps: Bounds
    hold: Bounds
    sets: Bounds
    sources: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


def _exercise(record: dict) -> Exercise:
    fields = {"sources": (), **record}
    for key in ("equipment", "variations", "steps", "cautions", "sources"):
        fields[key] = tuple(fields[key])
    for key in ("reps", "hold", "sets"):
        fields[key] = Bounds(**fields[key])
    exercise = Exercise(**fields)
    if exercise.position not in POSITIONS or exercise.family not in FAMILIES:
        raise ValueError(f"exercise {exercise.number}: unknown position or family")
    if not set(exercise.equipment) <= set(EQUIPMENT):
        raise ValueError(f"exercise {exercise.number}: unknown equipment {exercise.equipment}")
    return exercise


@cache
def exercises() -> tuple[Exercise, ...]:
    """All exercises in the course's order, easiest first."""
    return tuple(_exercise(r) for r in load("exercises")["exercise"])


def _key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def exercise(which: int | str | Exercise) -> Exercise:
    """Find an exercise by number (1-12), slug or name; raise a helpful error if unknown."""
    if isinstance(which, Exercise):
        return which
    table = exercises()
    if isinstance(which, int) and not isinstance(which, bool):
        for ex in table:
            if ex.number == which:
                return ex
        raise UnknownExerciseError(
            f"no exercise number {which}: choose a number from 1 to {len(table)}"
        )
    if not isinstance(which, str):
        raise TypeError(f"look exercises up by number or name, not {type(which).__name__}")
    if which.strip().isdigit():
        return exercise(int(which))
    for ex in table:
        if which.strip().lower() == ex.slug:
            return ex
    names = {_key(ex.name): ex for ex in table}
    key = _key(which)
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    hint = ", ".join(repr(names[c].name) for c in close)
    raise UnknownExerciseError(
        f"no exercise called {which!r}" + (f"; did you mean {hint}?" if hint else "")
    )
