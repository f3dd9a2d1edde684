"""A lesson's self-check: radio buttons per question with immediate feedback."""

import html

import ipywidgets as w

from lowback.quiz import check, questions
from lowback.widgets.offline import offline


def _question_box(q) -> w.VBox:
    choice = w.RadioButtons(
        options=[(text, i) for i, text in enumerate(q.options)],
        value=None,
        layout=w.Layout(width="auto"),
    )
    feedback = w.HTML("")

    def answered(_change=None) -> None:
        result = check(q, choice.value)
        mark = "&#10004;" if result.correct else "&#10008;"
        feedback.value = f"<span>{mark} {html.escape(result.message)}</span>"

    choice.observe(answered, names="value")
    return w.VBox([w.HTML(f"<b>{html.escape(q.prompt)}</b>"), choice, feedback])


def self_check(lesson: int) -> w.VBox:
    """Every self-check question of a lesson, each giving feedback when answered."""
    asked = questions(lesson)
    plain = f"[Self-check for lesson {lesson}: {len(asked)} questions; pick an answer to see why]"
    return offline(w.VBox([_question_box(q) for q in asked]), "self_check", plain, lesson=lesson)
