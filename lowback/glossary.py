"""The course glossary: every technical term, defined once, kept as data."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load


@dataclass(frozen=True)
class Term:
    """A technical term, its other names, a plain meaning, the lesson and its sources' keys."""

    term: str
    meaning: str
    lesson: int
    also: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The term and every other name for it."""
        return (self.term, *self.also)


@cache
def terms() -> tuple[Term, ...]:
    """Every glossary term, in alphabetical order."""
    found = [
        Term(**{**t, "also": tuple(t.get("also", ())), "sources": tuple(t.get("sources", ()))})
        for t in load("glossary")["term"]
    ]
    return tuple(sorted(found, key=lambda t: t.term.lower()))


def lookup(name: str) -> Term:
    """The term with this name or another name for it (any case)."""
    wanted = str(name).strip().lower()
    for t in terms():
        if wanted in (n.lower() for n in t.names):
            return t
    raise LookupError(f"{name!r} is not in the glossary")


def glossary_markdown() -> str:
    """The glossary as a Markdown list for a notebook or a handout."""
    lines = []
    for t in terms():
        also = f" (also: {', '.join(t.also)})" if t.also else ""
        lines.append(f"- **{t.term}**{also}: {t.meaning} *Lesson {t.lesson}.*")
    return "\n".join(lines)
