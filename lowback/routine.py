"""A learner's routine: a few exercises with their dosage and weekly frequency, saved as JSON."""

import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lowback._data import load
from lowback.catalogue import Bounds, Exercise, UnknownExerciseError, exercises
from lowback.dosage import FIELDS as DOSAGE_FIELDS
from lowback.dosage import Dosage, Segment, dosage, format_duration
from lowback.files import reason, write_atomic

SCHEMA = "lowback-routine"
VERSION = 1
ITEM_FIELDS = ("exercise", "name", *DOSAGE_FIELDS, "per_week")
TEXT_LIMITS = {"name": 80, "note": 500}
"""The longest name and note a routine keeps, in characters."""
MAX_FILE_BYTES = 64 * 1024
"""A routine file is small (a dozen items and a note fit in 4 KB); larger ones are refused."""
MAX_DIGITS = 6
"""The most digits a number in a routine file may have (no dosage comes close)."""
MAX_NESTING = 20
"""The deepest nesting of lists and objects a routine file may have (it needs 3)."""
_NAME_CHARS = 80  # an exercise name longer than this cannot match one


class RoutineError(ValueError):
    """A routine or a routine file that cannot be used; the message is one line."""


@cache
def settings() -> dict:
    """The routine settings from data/routine.toml."""
    return load("routine")


def per_week_bounds() -> Bounds:
    """How many times a week an exercise may be planned, and the default."""
    return Bounds(**settings()["per_week"])


def days() -> tuple[str, ...]:
    """The days of the week, as short names, Monday first."""
    return tuple(settings()["week"]["days"])


def spread(times: int) -> tuple[int, ...]:
    """Spread ``times`` sessions as evenly as possible over a week (0 is Monday)."""
    week = len(days())
    return tuple(sorted({(i * week) // times for i in range(times)}))


@dataclass(frozen=True)
class Item:
    """One exercise in a routine: how much of it, and how many days a week."""

    dosage: Dosage
    per_week: int

    @property
    def exercise(self) -> Exercise:
        """The exercise this item doses."""
        return self.dosage.exercise

    @property
    def days(self) -> tuple[int, ...]:
        """The days of the week (0 is Monday) this exercise is planned on."""
        return spread(self.per_week)


def shorten(value: object, most: int = 40) -> str:
    """``repr(value)`` cut to ``most`` characters, so a huge input never floods a message."""
    text = repr(value)
    return text if len(text) <= most else text[: most - 3] + "..."


def _which(which: int | str | Exercise) -> int | str | Exercise:
    """Refuse exercise numbers and names that cannot be one before looking them up."""
    if not isinstance(which, str):
        return which
    count = len(exercises())
    text = which.strip()
    if text.isdigit() and not (text.isascii() and len(text) <= 3):
        raise RoutineError(
            f"no exercise number {shorten(which)}: choose a number from 1 to {count}"
        )
    if len(text) > _NAME_CHARS:
        raise RoutineError(
            f"no exercise called {shorten(which)}: choose a number from 1 to {count}"
        )
    return which


def item(which: int | str | Exercise, *, per_week: int | None = None, **dose: int | None) -> Item:
    """Make a routine item; dosage fields (reps, hold, sets, rest, sides) are checked."""
    unknown = sorted(set(dose) - set(DOSAGE_FIELDS))
    if unknown:
        raise RoutineError(f"unknown dosage field {unknown[0]!r}; use {', '.join(DOSAGE_FIELDS)}")
    which = _which(which)
    try:
        dose_ = dosage(which, **dose)
        times = per_week_bounds().check("times per week", per_week, whose=dose_.exercise.name)
    except (ValueError, UnknownExerciseError, TypeError) as err:
        raise RoutineError(str(err)) from None
    return Item(dose_, times)


@dataclass(frozen=True)
class Step:
    """One segment of a guided session: which exercise, and when it starts in the session."""

    index: int  # position of the exercise in the session, from 0
    item: Item
    segment: Segment  # kind "change" for getting ready between exercises
    start: int

    @property
    def end(self) -> int:
        """The second of the session this step ends."""
        return self.start + self.segment.seconds


@dataclass(frozen=True)
class Day:
    """One day of the weekly schedule with the exercises planned on it."""

    name: str
    items: tuple[Item, ...]

    @property
    def seconds(self) -> int:
        """How long this day's session takes."""
        return session_seconds(self.items)


def session_seconds(items: tuple[Item, ...]) -> int:
    """A session's length: each exercise's dosage time plus getting ready between them."""
    if not items:
        return 0
    change = settings()["change"]["seconds"]
    return sum(i.dosage.seconds for i in items) + change * (len(items) - 1)


@dataclass(frozen=True)
class Routine:
    """A learner's (or a class's) routine, exercises in progression order, easiest first."""

    name: str
    note: str
    items: tuple[Item, ...]

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        """The routine's exercises, easiest first."""
        return tuple(i.exercise for i in self.items)

    @property
    def session_seconds(self) -> int:
        """The longest session: every exercise in the routine, one after another."""
        return session_seconds(self.items)

    def week(self) -> tuple[Day, ...]:
        """The weekly schedule: which exercises fall on which day."""
        return tuple(
            Day(name, tuple(i for i in self.items if d in i.days)) for d, name in enumerate(days())
        )

    @property
    def weekly_seconds(self) -> int:
        """Time spent exercising over a whole week."""
        return sum(day.seconds for day in self.week())

    def advice(self) -> tuple[str, ...]:
        """Every hint about the routine: its size, then its direction of bending."""
        return self.size_advice() + self.direction_advice()

    def size_advice(self) -> tuple[str, ...]:
        """A hint if the routine is small or large (two to four exercises are kept up best)."""
        words, count = settings()["advice"], len(self.items)
        if count > words["most"]:
            return (words["too_many"].format(count=count),)
        if count < words["fewest"]:
            return (words["too_few"].format(count=count),)
        return ()

    def direction_advice(self) -> tuple[str, ...]:
        """A hint if the routine mixes forward with backward bending (keep to one direction)."""
        ways = settings()["advice"]["directions"]
        names = {
            way: ", ".join(it.exercise.name for it in self.items if it.exercise.family in ways[way])
            for way in ("forward", "backward")
        }
        return (ways["mixed"].format(**names),) if all(names.values()) else ()

    def session(self, day: int | None = None) -> tuple[Step, ...]:
        """Every segment of one session in order (all exercises, or those of one day)."""
        if day is not None and (
            isinstance(day, bool) or not isinstance(day, int) or not 0 <= day < len(days())
        ):
            raise RoutineError(f"day must be from 0 (Monday) to {len(days()) - 1}; got {day!r}")
        items = self.items if day is None else self.week()[day].items
        change = settings()["change"]["seconds"]
        steps: list[Step] = []
        t = 0
        for index, it in enumerate(items):
            if index:
                steps.append(Step(index, it, Segment("change", 0, change, 1, 1, 0), t))
                t += change
            for seg in it.dosage.timeline():
                steps.append(Step(index, it, seg, t + seg.start))
            t += it.dosage.seconds
        return tuple(steps)

    def describe(self) -> str:
        """The plan in plain text: exercises in order, session time, the week, and hints."""
        who = f" for {self.name}" if self.name else ""
        count = f"{len(self.items)} exercise" + "s" * (len(self.items) != 1)
        lines = [f"Routine{who}: {count}, easiest first"]
        for n, it in enumerate(self.items, 1):
            lines.append(f"  {n}. {it.dosage.summary()}; {it.per_week} times a week")
        lines.append(f"Whole session: about {format_duration(self.session_seconds)}")
        lines.append("Week: " + "; ".join(_day_text(d) for d in self.week()))
        lines += self.advice()
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """The routine as plain data in the versioned file schema."""
        return {
            "schema": SCHEMA,
            "version": VERSION,
            "name": self.name,
            "note": self.note,
            "items": [
                {
                    "exercise": it.exercise.number,
                    "name": it.exercise.name,
                    **{f: getattr(it.dosage, f) for f in DOSAGE_FIELDS},
                    "per_week": it.per_week,
                }
                for it in self.items
            ],
        }


def _day_text(day: Day) -> str:
    if not day.items:
        return f"{day.name} rest"
    numbers = ", ".join(str(i.exercise.number) for i in day.items)
    return f"{day.name} {numbers} ({format_duration(day.seconds)})"


def _text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise RoutineError(f"{field} must be text; got {type(value).__name__}")
    if len(value) > 4 * TEXT_LIMITS[field]:  # before any work on a huge text
        raise RoutineError(f"{field} is too long: at most {TEXT_LIMITS[field]} characters")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in value):
        raise RoutineError(f"{field} has a control character; use plain text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RoutineError(
            f"{field} has characters that cannot be saved (not valid UTF-8 text); retype it"
        ) from None
    value = " ".join(value.split()) if field == "name" else value.strip()
    if len(value) > TEXT_LIMITS[field]:
        raise RoutineError(f"{field} is too long: at most {TEXT_LIMITS[field]} characters")
    return value


def routine(items: list[Item] | tuple[Item, ...], name: str = "", note: str = "") -> Routine:
    """Make a routine: items sorted easiest first, each exercise at most once."""
    items = tuple(sorted(items, key=lambda i: i.exercise.number))
    if not items:
        raise RoutineError("a routine needs at least one exercise")
    counts = Counter(i.exercise.number for i in items)
    twice = sorted(n for n, times in counts.items() if times > 1)
    if twice:
        raise RoutineError(f"exercise {twice[0]} is in the routine twice; keep it once")
    return Routine(_text("name", name), _text("note", note), items)


def _item_from(record: object, n: int) -> Item:
    if not isinstance(record, dict):
        raise RoutineError(f"item {n} must be an object with an 'exercise' field")
    unknown = sorted(set(record) - set(ITEM_FIELDS))
    if unknown:
        raise RoutineError(f"item {n}: unknown field {unknown[0]!r}")
    if "exercise" not in record:
        raise RoutineError(f"item {n}: missing field 'exercise'")
    which = record["exercise"]
    if isinstance(which, bool) or not isinstance(which, int | str):
        raise RoutineError(f"item {n}: 'exercise' must be a number from 1 to 12 or a name")
    dose = {f: record[f] for f in DOSAGE_FIELDS if f in record}
    try:
        return item(which, per_week=record.get("per_week"), **dose)
    except RoutineError as err:
        raise RoutineError(f"item {n}: {err}") from None


def from_dict(data: object) -> Routine:
    """Check plain data against the file schema and make a routine from it."""
    if not isinstance(data, dict):
        raise RoutineError(f"not a routine file: expected a JSON object with schema {SCHEMA!r}")
    if data.get("schema") != SCHEMA:
        raise RoutineError(f"not a routine file: schema is {data.get('schema')!r}, not {SCHEMA!r}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version != VERSION:
        raise RoutineError(
            f"routine file version {data.get('version')!r} is not supported (this is {VERSION})"
        )
    unknown = sorted(set(data) - {"schema", "version", "name", "note", "items"})
    if unknown:
        raise RoutineError(f"unknown field {unknown[0]!r}")
    if "items" not in data:
        raise RoutineError("missing field 'items' (the list of exercises)")
    if not isinstance(data["items"], list):
        raise RoutineError("'items' must be a list of exercises")
    if len(data["items"]) > len(exercises()):
        raise RoutineError(
            f"'items' has {len(data['items'])} entries; a routine has at most "
            f"{len(exercises())}, each exercise once"
        )
    items = [_item_from(r, n) for n, r in enumerate(data["items"], 1)]
    return routine(items, data.get("name", ""), data.get("note", ""))


def dumps(plan: Routine) -> str:
    """The routine as JSON text."""
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n"


def save(plan: Routine, path: str | os.PathLike) -> Path:
    """Save a routine to a JSON file; an existing file is replaced only once all is written."""
    return write_atomic(path, dumps(plan).encode("utf-8"))


class _Refused(Exception):
    """Raised inside the JSON parser's hooks; becomes a RoutineError naming the file."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number has {len(text.lstrip('-'))} digits (at most {MAX_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 2 * MAX_DIGITS + 8:
        raise _Refused(f"a number is {len(text)} characters long")
    return float(text)


def _constant(text: str) -> None:
    raise _Refused(f"{text} is not a number JSON allows")


def _object(pairs: list[tuple[str, object]]) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(f"the field {shorten(key)} is given twice")
        data[key] = value
    return data


def _depth(text: str) -> int:
    """How deeply lists and objects nest in JSON text (brackets inside strings included)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse(text: str) -> object:
    """Parse routine JSON strictly: no duplicate fields, NaN, huge numbers or deep nesting."""
    if _depth(text) > MAX_NESTING:
        raise RoutineError(f"lists or objects are nested too deeply (at most {MAX_NESTING})")
    try:
        return json.loads(
            text,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except _Refused as err:
        raise RoutineError(f"not a routine file: {err}") from None
    except json.JSONDecodeError as err:
        raise RoutineError(f"not valid JSON ({err.msg}, line {err.lineno})") from None
    except RecursionError:
        raise RoutineError("lists or objects are nested too deeply") from None


def _read(path: Path) -> str:
    """The file's text: at most MAX_FILE_BYTES of UTF-8 (a byte-order mark is allowed)."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise RoutineError("no such file") from None
    except IsADirectoryError:
        raise RoutineError("is a folder, not a routine file") from None
    except OSError as err:
        raise RoutineError(f"cannot read: {reason(err)}") from None
    except ValueError:  # a null character in the name
        raise RoutineError("not a usable file name") from None
    if len(raw) > MAX_FILE_BYTES:
        raise RoutineError(
            f"too big for a routine file (more than {MAX_FILE_BYTES // 1024} KB); "
            "is it the right file?"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RoutineError(f"not UTF-8 text (byte {err.start + 1}); save it as UTF-8") from None


def load_routine(path: str | os.PathLike) -> Routine:
    """Read and check a routine file; any problem raises a one-line :class:`RoutineError`."""
    path = Path(path)
    try:
        return from_dict(parse(_read(path)))
    except RoutineError as err:
        raise RoutineError(f"{path}: {err}") from None


EXAMPLE = {
    "schema": SCHEMA,
    "version": VERSION,
    "name": "Sam",
    "note": "Stop any exercise that sends pain further down the leg.",
    "items": [
        {"exercise": 11, "reps": 5, "hold": 20},
        {"exercise": 4, "reps": 10, "hold": 5, "per_week": 5},
        {"exercise": 5, "reps": 8, "hold": 3, "per_week": 3},
    ],
}
"""A fixed example routine for the lesson and the tests: one direction (backward bending) and
neutral pelvic tilts, never forward and backward bending mixed."""


def example() -> Routine:
    """The lesson's example routine: three exercises, deliberately given out of order."""
    return from_dict(EXAMPLE)
