"""The course map: the lessons in order, from the data file."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load


@dataclass(frozen=True)
class Lesson:
    """One lesson: its number, notebook file, title, minutes, summary and cited sources."""

    number: int
    file: str
    title: str
    minutes: int
    summary: str
    sources: tuple[str, ...] = ()


@cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson of the course, in order."""
    return tuple(
        Lesson(**{**entry, "sources": tuple(entry.get("sources", ()))})
        for entry in load("lessons")["lesson"]
    )


def lesson(number: int) -> Lesson:
    """One lesson by number; an unknown number is a one-line error."""
    for found in lessons():
        if found.number == number:
            return found
    raise ValueError(f"no lesson {number!r}; lessons run from 0 to {len(lessons()) - 1}")


def course_map() -> str:
    """The lessons as a Markdown table for a notebook or the README."""
    rows = ["| # | Lesson | What you will learn | Time |", "|---|---|---|---|"]
    rows += [f"| {s.number} | {s.title} | {s.summary} | {s.minutes} min |" for s in lessons()]
    return "\n".join(rows)
