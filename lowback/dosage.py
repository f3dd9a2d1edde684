"""How much of an exercise to do, checked against its bounds, and how long it takes."""

from dataclasses import dataclass

from lowback.catalogue import Bounds, Exercise, exercise

REST = Bounds(default=30, min=0, max=180)
"""Rest between sets (and between sides), in seconds."""
FIELDS = ("reps", "hold", "sets", "rest", "sides")
"""The fields of a dosage, in the order a learner sets them."""
_UNITS = {"hold": " seconds", "rest": " seconds"}


@dataclass(frozen=True)
class Segment:
    """One stretch of time in a session: moving, holding or resting."""

    kind: str  # "move", "hold" or "rest"
    start: int
    seconds: int
    side: int  # 1 or 2
    set: int
    rep: int  # 0 for a rest

    @property
    def end(self) -> int:
        """The second this segment ends (its start plus its length)."""
        return self.start + self.seconds


def bounds(which: int | str | Exercise, field: str) -> Bounds:
    """The default and allowed range of one dosage field for an exercise."""
    ex = exercise(which)
    if field == "rest":
        return REST
    if field == "sides":
        return Bounds(2, 1, 2) if ex.per_side else Bounds(1, 1, 1)
    if field not in FIELDS:
        raise ValueError(f"unknown dosage field {field!r}; use {', '.join(FIELDS)}")
    return getattr(ex, field)


def format_duration(seconds: int) -> str:
    """Say a number of seconds in plain words: '4 min 10 s'."""
    minutes, secs = divmod(int(seconds), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


@dataclass(frozen=True)
class Dosage:
    """A validated prescription for one exercise: use :func:`dosage` to make one."""

    exercise: Exercise
    reps: int
    hold: int
    sets: int
    rest: int
    sides: int

    def timeline(self) -> tuple[Segment, ...]:
        """Every move, hold and rest in order: all sets on one side, then the other."""
        out, t = [], 0
        for side in range(1, self.sides + 1):
            for set_ in range(1, self.sets + 1):
                if out:
                    out.append(Segment("rest", t, self.rest, side, set_, 0))
                    t += self.rest
                for rep in range(1, self.reps + 1):
                    out.append(Segment("move", t, self.exercise.move_seconds, side, set_, rep))
                    t += self.exercise.move_seconds
                    out.append(Segment("hold", t, self.hold, side, set_, rep))
                    t += self.hold
        return tuple(out)

    @property
    def seconds(self) -> int:
        """Total session time for this exercise, rests included."""
        rep = self.exercise.move_seconds + self.hold
        blocks = self.sides * self.sets
        return blocks * self.reps * rep + (blocks - 1) * self.rest

    def summary(self) -> str:
        """One line a learner can read: the exercise, what to do and how long it takes."""
        return f"{self.exercise.name}: {self.amount()}"

    def amount(self) -> str:
        """What to do and how long it takes, without the exercise's name."""
        sets = f"{self.sets} set{'s' if self.sets > 1 else ''}"
        reps = f"{self.reps} rep{'s' if self.reps > 1 else ''}"
        side = " on each side" if self.sides == 2 else ""
        between = "sets" if self.sets > 1 else "sides"
        rest = f", {self.rest} s rest between {between}" if self.sets * self.sides > 1 else ""
        return (
            f"{sets} of {reps}{side}, hold {format_duration(self.hold)}"
            f"{rest}; about {format_duration(self.seconds)} in all"
        )


def dosage(
    which: int | str | Exercise,
    *,
    reps: int | None = None,
    hold: int | None = None,
    sets: int | None = None,
    rest: int | None = None,
    sides: int | None = None,
) -> Dosage:
    """Make a dosage for an exercise; fields left out take the catalogue's defaults."""
    ex = exercise(which)
    given = {"reps": reps, "hold": hold, "sets": sets, "rest": rest, "sides": sides}
    checked = {
        f: bounds(ex, f).check(f, value, _UNITS.get(f, ""), ex.name) for f, value in given.items()
    }
    return Dosage(exercise=ex, **checked)
