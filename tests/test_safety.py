"""The red-flag pathway: every sign routes to its level, and each level says what to do."""

import pytest

from lowback import safety
from lowback.safety import cautions, level, levels, red_flags, screen, stop_rules

EMERGENCY = ["saddle-numbness", "passing-urine", "bladder-bowel", "both-legs", "worsening-weakness",
             "sexual-dysfunction"]  # fmt: skip
SAME_DAY = ["cancer-history", "foot-drop", "new-weakness", "fever-infection-risk"]
SOON = ["fever", "weight-loss", "trauma", "night-pain", "new-after-50"]
BY_LEVEL = {"emergency": EMERGENCY, "same-day": SAME_DAY, "soon": SOON}


def test_the_pathway_has_three_levels_most_urgent_first():
    assert [lv.id for lv in levels()] == ["emergency", "same-day", "soon"]


def test_each_level_names_its_action_in_plain_words():
    assert level("emergency").action == (
        "Go to an emergency department now, or call your emergency number."
    )
    assert "today" in level("same-day").action and "GP" in level("same-day").action
    assert "appointment" in level("soon").action and "before you start" in level("soon").action


@pytest.mark.parametrize("which", list(BY_LEVEL))
def test_the_check_holds_every_sign_of_each_level_from_the_clinical_guidance(which):
    assert [f.id for f in red_flags(which)] == BY_LEVEL[which]


def test_no_answers_means_start_gently():
    outcome = screen(set())
    assert outcome.level == "clear" and outcome.may_exercise
    assert "gently" in outcome.action


@pytest.mark.parametrize(("flag", "which"), [(f, lv) for lv, fs in BY_LEVEL.items() for f in fs])
def test_each_sign_alone_leads_to_its_own_level_and_action(flag, which):
    outcome = screen({flag})
    assert outcome.level == which and not outcome.may_exercise
    assert outcome.action == level(which).action and outcome.title == level(which).title
    assert [f.id for f in outcome.flags] == [flag]


def test_fever_with_weak_immunity_is_one_same_day_sign_so_every_list_shows_its_level():
    """A rule that only the live check applied would leave every printed list wrong."""
    combined = next(f for f in red_flags() if f.id == "fever-infection-risk")
    assert combined.level == "same-day" and "immunity" in combined.question
    assert "fever" in combined.question.lower() and "inject drugs" in combined.question
    alone = next(f for f in red_flags() if f.id == "fever")
    assert alone.level == "soon" and "on its own" in alone.question
    assert screen({"fever"}).level == "soon"
    assert not [f for f in red_flags("soon") if "immun" in f.question.lower()]


def test_the_all_clear_only_ever_speaks_of_the_case_where_no_sign_applies():
    clear = screen(set())
    assert clear.action.startswith("If none of these signs applies to you")
    assert "ticked" in clear.title and "today" not in clear.title


def test_new_weakness_is_same_day_in_the_stop_rules_too():
    rule = next(r for r in stop_rules() if "weakness" in r.sign.lower())
    assert level("same-day").action in rule.action
    assert "tingling" not in rule.sign.lower(), "tingling alone means ease off, not a red flag"


def test_the_most_urgent_answer_wins():
    assert screen({"fever", "both-legs"}).level == "emergency"
    assert screen({"night-pain", "foot-drop"}).level == "same-day"
    assert screen(SOON).level == "soon"
    assert screen(["weight-loss", "trauma"]).level == "soon"


def test_an_unknown_flag_or_level_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown red flag 'backache'"):
        screen({"backache"})
    with pytest.raises(ValueError, match="level must be one of emergency, same-day, soon"):
        red_flags("start")


def test_each_outcome_has_its_own_heading():
    titles = [safety.outcome_title(x) for x in (*safety.LEVELS, safety.CLEAR)]
    assert all(titles) and len(set(titles)) == 4


def test_one_flag_given_as_text_counts_as_that_flag():
    assert screen("fever") == screen({"fever"})


def test_stop_rules_cover_spreading_symptoms_and_new_numbness():
    signs = " ".join(r.sign.lower() for r in stop_rules())
    assert "further down the leg" in signs and "numbness" in signs


def test_the_red_flag_stop_rule_points_to_the_check_not_its_own_action():
    rule = next(r for r in stop_rules() if "red-flag" in r.sign)
    assert "emergency" not in rule.action.lower() and "check" in rule.action


@pytest.mark.parametrize(
    ("condition", "concerns", "spares"),
    [
        ("stenosis", {1, 11, 12, 8, 9}, {2, 5}),
        ("pregnancy", {1, 11, 12}, {2, 6, 7}),
        ("surgery", set(range(1, 13)), set()),
        ("osteoporosis", {8, 9}, {11, 12}),
        ("hip-replacement", {8, 9}, {1, 11, 12}),
    ],
)
def test_check_with_a_clinician_first_names_the_exercises_each_condition_concerns(
    condition, concerns, spares
):
    for n in concerns:
        assert condition in {c.id for c in cautions(n)}, n
    for n in spares:
        assert condition not in {c.id for c in cautions(n)}, n


def test_the_pathway_text_shows_each_level_action_before_its_signs():
    text = safety.pathway_markdown()
    for lv in levels():
        assert text.index(lv.action) < text.index(red_flags(lv.id)[0].question)


def test_new_weakness_has_one_urgency_in_every_rule_that_names_it():
    from lowback._data import load

    texts = [r.action for r in stop_rules() if "weakness" in r.sign.lower()]
    texts += [r["action"] for r in load("habits")["walking_stop"] if "weakness" in r["sign"]]
    texts += [load("direction")["outcome"]["new-signs"]["say"]]
    assert len(texts) == 3
    for text in texts:
        assert f"New weakness: {level('same-day').action}" in text or (
            f"New weakness or a catching foot: {level('same-day').action}" in text
        ), text


def test_every_printed_list_of_signs_begins_the_same_way():
    from lowback.handout import safety_html
    from lowback.safety import lead, pathway_markdown
    from lowback.widgets.offline import render

    words = lead()
    assert pathway_markdown().count(f"{words}:") == len(levels())
    assert safety_html().count(f"{words}:") == len(levels())
    assert render({"control": "red_flag_screen"}).count(f"{words}:") == len(levels())
