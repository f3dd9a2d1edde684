"""A lesson's self-check: radio buttons per question with immediate feedback."""

import html

import ipywidgets as w

from lowback.quiz import check, questions


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
    return w.VBox([_question_box(q) for q in questions(lesson)])
