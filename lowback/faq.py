"""Common questions about a pinched nerve, answered in the course's words with sources."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load
from lowback.sources import source


@dataclass(frozen=True)
class Answer:
    """One question, its answer, the lessons that go deeper, and the sources."""

    id: str
    question: str
    answer: str
    lessons: tuple[int, ...]
    sources: tuple[str, ...]

    def markdown(self) -> str:
        """The question as a heading, the answer, then where to read more."""
        where = "lesson" + "s" * (len(self.lessons) > 1)
        more = ", ".join(str(n) for n in self.lessons)
        sources = "; ".join(source(k).cite for k in self.sources)
        return (
            f"**{self.question}**\n\n{self.answer}\n\n*More in {where} {more}. Sources: {sources}.*"
        )


@cache
def answers() -> tuple[Answer, ...]:
    """Every question and answer, in course order."""
    return tuple(
        Answer(**{**q, "lessons": tuple(q["lessons"]), "sources": tuple(q["sources"])})
        for q in load("faq")["question"]
    )


def faq(which: str | None = None) -> str:
    """One answer by id, or all of them, as Markdown."""
    chosen = [a for a in answers() if which in (None, a.id)]
    if not chosen:
        raise LookupError(f"no question {which!r}; known: {', '.join(a.id for a in answers())}")
    return "\n\n".join(a.markdown() for a in chosen)
