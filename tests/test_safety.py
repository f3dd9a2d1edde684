import pytest

from lowback.safety import red_flags, screen, stop_rules

URGENT = [
    "saddle-numbness",
    "bladder-bowel",
    "both-legs",
    "worsening-weakness",
    "sexual-dysfunction",
]
SOON = [
    "cancer-history",
    "weight-loss",
    "fever",
    "trauma",
    "weak-immunity",
    "night-pain",
    "new-after-50",
]


def test_the_screen_holds_every_red_flag_from_the_clinical_guidance():
    assert [f.id for f in red_flags() if f.level == "urgent"] == URGENT
    assert [f.id for f in red_flags() if f.level == "soon"] == SOON


def test_no_answers_means_start_gently_with_the_stop_rules():
    outcome = screen(set())
    assert outcome.level == "start" and outcome.may_exercise
    assert "stop" in outcome.message.lower()


@pytest.mark.parametrize("flag", URGENT)
def test_each_urgent_flag_sends_to_emergency_care_today(flag):
    outcome = screen({flag})
    assert outcome.level == "urgent" and not outcome.may_exercise
    assert "emergency" in outcome.message and "same day" in outcome.message
    assert [f.id for f in outcome.flags] == [flag]


@pytest.mark.parametrize("flag", SOON)
def test_each_soon_flag_sends_to_a_doctor_before_exercise(flag):
    outcome = screen({flag})
    assert outcome.level == "soon" and not outcome.may_exercise
    assert "doctor" in outcome.title


def test_the_most_serious_answer_wins():
    assert screen({"fever", "both-legs"}).level == "urgent"
    assert screen(SOON).level == "soon"


def test_an_unknown_flag_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown red flag 'backache'"):
        screen({"backache"})


def test_stop_rules_cover_spreading_symptoms_and_new_numbness():
    signs = " ".join(r.sign.lower() for r in stop_rules())
    assert "further down the leg" in signs and "numbness" in signs


def test_flags_of_one_level_are_the_ones_that_lead_to_that_outcome():
    assert [f.id for f in red_flags("urgent")] == URGENT
    assert [f.id for f in red_flags("soon")] == SOON
    with pytest.raises(ValueError, match="level must be one of urgent, soon"):
        red_flags("start")


def test_one_flag_given_as_text_counts_as_that_flag():
    assert screen("fever") == screen({"fever"})
