"""The course's bibliography: a key for every source, its in-text citation and full entry."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load


@dataclass(frozen=True)
class Source:
    """One source: its key, how the text cites it, and its full reference."""

    key: str
    cite: str
    reference: str


@cache
def sources() -> dict[str, Source]:
    """Every source by key."""
    return {key: Source(key, **entry) for key, entry in load("sources").items()}


def source(key: str) -> Source:
    """One source by key; an unknown key is a one-line error."""
    try:
        return sources()[key]
    except KeyError:
        raise LookupError(f"no source {key!r} in sources.toml") from None


def lesson_sources(lesson: int) -> tuple[Source, ...]:
    """The sources one lesson cites, in the order its reference list shows them."""
    from lowback.course import lesson as find_lesson

    return tuple(sorted((source(k) for k in find_lesson(lesson).sources), key=lambda s: s.cite))


def references(lesson: int) -> str:
    """A lesson's reference list as Markdown, generated from the keys it cites."""
    return "\n".join(f"- {s.reference}" for s in lesson_sources(lesson))
