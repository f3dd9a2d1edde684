import pytest

from lowback.course import lessons
from lowback.quiz import check, questions
from lowback.safety import level


def lessons_with_quiz():
    out = []
    for lesson in lessons():
        try:
            questions(lesson.number)
        except ValueError:
            continue
        out.append(lesson.number)
    return out


def test_the_start_here_self_check_has_the_intended_answers():
    answers = {q.id: q.options[q.answer] for q in questions(0)}
    assert answers["leg-spreading"].startswith("Stop")
    assert answers["saddle-numbness"] == level("emergency").action


@pytest.mark.parametrize("lesson", lessons_with_quiz())
def test_every_question_marks_its_answer_right_and_the_others_wrong(lesson):
    for q in questions(lesson):
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
