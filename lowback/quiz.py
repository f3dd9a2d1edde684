"""Self-check questions, one data file per lesson, and the feedback for an answer."""

from dataclasses import dataclass
from functools import cache
from importlib import resources

from lowback._data import load


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with the index of its right answer and why."""

    id: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explain: str


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str


@cache
def questions(lesson: int) -> tuple[Question, ...]:
    """The self-check questions of a lesson (0 is the start-here lesson)."""
    name = f"quiz/lesson_{lesson:02d}"
    if not resources.files("lowback").joinpath("data", f"{name}.toml").is_file():
        raise ValueError(f"lesson {lesson} has no self-check questions")
    out = []
    for q in load(name)["question"]:
        q = Question(**{**q, "options": tuple(q["options"])})
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
