"""Self-check questions, one data file per lesson, and the feedback for an answer."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with the index of its right answer and why."""

    id: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explain: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right, and the explanation to show."""

    correct: bool
    message: str


def questions(lesson: int) -> tuple[Question, ...]:
    """The self-check questions of a lesson (0 is the start-here lesson)."""
    if isinstance(lesson, bool) or not isinstance(lesson, int):
        raise ValueError(f"lesson must be a lesson number such as 3; got {lesson!r}")
    return _questions(lesson)


@cache
def _questions(lesson: int) -> tuple[Question, ...]:
    try:
        data = load(f"quiz/lesson_{lesson:02d}")
    except FileNotFoundError:
        raise ValueError(f"lesson {lesson} has no self-check questions") from None
    out = []
    for q in data["question"]:
        q = Question(
            **{**q, "options": tuple(q["options"]), "sources": tuple(q.get("sources", ()))}
        )
        if not 0 <= q.answer < len(q.options):
            raise ValueError(f"question {q.id}: answer {q.answer} is not one of its options")
        out.append(q)
    return tuple(out)


def check(question: Question, choice: int | None) -> Feedback:
    """Say whether ``choice`` (an option index) is right, and explain."""
    if choice is None:
        return Feedback(False, "Pick an answer first.")
    if not 0 <= choice < len(question.options):
        raise ValueError(f"choice must be from 0 to {len(question.options) - 1}; got {choice}")
    if choice == question.answer:
        return Feedback(True, f"Right. {question.explain}")
    return Feedback(False, f"Not quite. {question.explain}")
