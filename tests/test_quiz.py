from pathlib import Path

import pytest

import lowback
from lowback.course import lessons
from lowback.quiz import Feedback, check, questions
from lowback.safety import level

QUIZ_FILES = sorted((Path(lowback.__file__).parent / "data" / "quiz").glob("lesson_*.toml"))


def quiz_lessons():
    """The lessons that have a self-check file (found by name, never by loading it)."""
    return [int(path.stem.removeprefix("lesson_")) for path in QUIZ_FILES]


def test_every_lesson_has_a_self_check_file_and_every_file_a_lesson():
    assert quiz_lessons(), "no self-check files found"
    assert quiz_lessons() == [lesson.number for lesson in lessons()]


def test_the_start_here_self_check_has_the_intended_answers():
    answers = {q.id: q.options[q.answer] for q in questions(0)}
    assert answers["leg-spreading"].startswith("Stop")
    assert answers["saddle-numbness"] == level("emergency").action


@pytest.mark.parametrize("lesson", quiz_lessons())
def test_every_question_marks_its_answer_right_and_the_others_wrong(lesson):
    found = questions(lesson)  # a broken file fails here, it is never skipped
    assert found, f"lesson {lesson} has a self-check file with no questions"
    for q in found:
        assert len(q.options) >= 2 and q.explain
        for i in range(len(q.options)):
            assert check(q, i).correct == (i == q.answer)


def test_out_of_range_choice_is_a_clear_error():
    with pytest.raises(ValueError, match="choice must be from 0 to 2"):
        check(questions(0)[0], 7)


def test_a_lesson_without_questions_says_so():
    with pytest.raises(ValueError, match="lesson 99 has no self-check"):
        questions(99)


@pytest.mark.parametrize("lesson", ["3", 3.0, True])
def test_a_lesson_given_as_text_or_a_fraction_is_a_clear_error(lesson):
    with pytest.raises(ValueError, match="lesson must be a lesson number"):
        questions(lesson)


def test_feedback_says_right_or_not_quite_then_explains():
    q = questions(0)[0]
    wrong = next(i for i in range(len(q.options)) if i != q.answer)
    assert check(q, q.answer) == Feedback(True, f"Right. {q.explain}")
    assert check(q, wrong) == Feedback(False, f"Not quite. {q.explain}")
    assert check(q, None) == Feedback(False, "Pick an answer first.")


@pytest.mark.parametrize("choice", [-1, 3])
def test_a_choice_just_outside_the_options_is_refused(choice):
    q = questions(0)[0]
    assert len(q.options) == 3
    with pytest.raises(ValueError, match=f"choice must be from 0 to 2; got {choice}"):
        check(q, choice)


@pytest.mark.parametrize(("answer", "ok"), [(-1, False), (0, True), (1, True), (2, False)])
def test_a_quiz_file_whose_answer_is_not_an_option_fails_loudly(monkeypatch, answer, ok):
    from lowback import quiz

    record = {"id": "q", "prompt": "?", "options": ["a", "b"], "answer": answer, "explain": "e"}
    monkeypatch.setattr(quiz, "load", lambda name: {"question": [record]})
    quiz._questions.cache_clear()
    try:
        if ok:
            (q,) = questions(42)
            assert (q.options, q.answer, q.sources) == (("a", "b"), answer, ())
        else:
            with pytest.raises(ValueError, match=f"question q: answer {answer} is not one of"):
                questions(42)
    finally:
        quiz._questions.cache_clear()
