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
        "Go to an emergency department now, or call your emergency number. "
        "Do not start the exercises."
    )
    assert "today" in level("same-day").action and "GP" in level("same-day").action
    assert "Do not start the exercises until they have checked you" in level("same-day").action
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


# --- the routing rule as a table: any set of ticked levels goes to the most urgent ------------

SAFETY_DATA = __import__("lowback._data", fromlist=["load"]).load("safety")
LEVEL_ROWS = {lv["id"]: lv for lv in SAFETY_DATA["level"]}


@pytest.mark.parametrize(
    ("ticked", "worst"),
    [
        ((), "clear"),
        (("soon",), "soon"),
        (("same-day",), "same-day"),
        (("emergency",), "emergency"),
        (("soon", "same-day"), "same-day"),
        (("soon", "emergency"), "emergency"),
        (("same-day", "emergency"), "emergency"),
        (("soon", "same-day", "emergency"), "emergency"),
    ],
)
def test_any_mix_of_levels_routes_to_the_most_urgent_with_its_words(ticked, worst):
    flags = [BY_LEVEL[lv][-1] for lv in ticked]
    outcome = screen(flags)
    row = SAFETY_DATA["clear"] if worst == "clear" else LEVEL_ROWS[worst]
    assert outcome.level == worst
    assert (outcome.title, outcome.action, outcome.message) == (
        row["title"],
        row["action"],
        row["why"],
    )
    assert outcome.may_exercise is (worst == "clear")
    # The ticked signs come back most urgent first, whatever order they were given in.
    order = [f for lv in ("emergency", "same-day", "soon") for f in BY_LEVEL[lv]]
    assert [f.id for f in outcome.flags] == sorted(flags, key=order.index)
    assert safety.outcome_title(worst) == row["title"]


def test_each_outcome_heading_is_that_levels_title_or_the_all_clear():
    assert safety.outcome_title("clear") == "No warning signs ticked"
    for lv in levels():
        assert safety.outcome_title(lv.id) == lv.title == LEVEL_ROWS[lv.id]["title"]
    with pytest.raises(ValueError, match="level must be one of"):
        safety.outcome_title("later")


def test_a_level_line_is_its_title_then_its_action():
    for lv in levels():
        assert lv.line == f"{LEVEL_ROWS[lv.id]['title']}: {LEVEL_ROWS[lv.id]['action']}"
        assert lv.sources == tuple(LEVEL_ROWS[lv.id]["sources"])
    c = cautions()[0]
    assert c.line == f"{c.condition}: {c.advice}"


def test_a_flag_given_as_one_string_is_not_read_letter_by_letter():
    assert [f.id for f in screen("fever").flags] == ["fever"]
    with pytest.raises(ValueError, match="unknown red flag 'f'"):
        screen(["f"])


def test_the_unknown_flag_error_names_the_first_unknown_and_the_known_ones():
    with pytest.raises(ValueError) as err:
        screen({"zzz", "aaa", "fever"})
    message = str(err.value)
    assert message.startswith("unknown red flag 'aaa'; known flags: saddle-numbness, ")
    assert message.endswith(", new-after-50")


def test_the_pathway_markdown_lists_each_level_with_exactly_its_own_signs():
    text = safety.pathway_markdown()
    blocks = text.split("\n\n")
    for n, lv in enumerate(levels()):
        head, signs = blocks[2 * n], blocks[2 * n + 1]
        assert head == f"**{lv.title}: {lv.action}** {safety.lead()}:"
        own = [f["question"] for f in SAFETY_DATA["flag"] if f["level"] == lv.id]
        assert signs == "\n".join(f"- {q}" for q in own)
    from lowback.sources import source

    keys = dict.fromkeys(k for lv in levels() for k in lv.sources)
    assert blocks[-1] == f"*Sources: {'; '.join(source(k).cite for k in keys)}.*"
    assert len(blocks) == 2 * len(levels()) + 1


def test_the_examples_table_gives_each_example_its_outcome():
    rows = safety.examples_markdown().splitlines()
    assert rows[:2] == ["| If you tick | The check says |", "|---|---|"]
    examples = SAFETY_DATA["example"]
    assert len(rows) == 2 + len(examples)
    assert rows[2].startswith("| nothing | **No warning signs ticked:** If none of these")
    for row, example in zip(rows[2:], examples, strict=True):
        outcome = screen(example["flags"])
        assert row.endswith(f"| **{outcome.title}:** {outcome.action} |")
    both = next(r for r, e in zip(rows[2:], examples, strict=True) if len(e["flags"]) == 2)
    assert both.startswith("| You have lost weight without trying **and** sciatica-type pain")


def test_the_stop_rules_and_cautions_markdown_list_every_rule_and_condition():
    assert safety.stop_rules_markdown().splitlines() == [
        f"- **{r.sign}:** {r.action}" for r in stop_rules()
    ]
    from lowback.sources import source

    text = safety.cautions_markdown()
    rows = [
        f"- **{c.condition}** ({c.sign}). {c.advice} Exercises: "
        + ", ".join(str(n) for n in sorted(c.exercises))
        + "."
        for c in cautions()
    ]
    keys = dict.fromkeys(k for c in cautions() for k in c.sources)
    cites = "; ".join(source(k).cite for k in keys)
    assert len(keys) > 1
    assert text == "\n".join(rows) + f"\n\n*Sources: {cites}.*"
