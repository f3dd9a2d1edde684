"""Lists a lesson shows in one call: every record of the data appears, in plain words."""

from lowback import lists
from lowback.anatomy import common_discs, imaging_advice, roots, symptoms
from lowback.habits import walking_stop_signs, workstation_checklist
from lowback.routine import example


def test_every_root_symptom_and_common_disc_is_listed():
    assert all(f"**{r.name}** root" in lists.root_exits() for r in roots())
    assert all(s.feels_like in lists.symptom_list() for s in symptoms())
    for d in common_discs():
        assert f"**{d.name}** disc presses on the **{d.presses_on}** root" in lists.disc_roots()


def test_scans_are_listed_only_with_their_reasons_after_the_phases():
    text = lists.phases_and_scans()
    assert text.index("Acute") < text.index("A scan may be considered when")
    assert all(reason in text for reason in imaging_advice())


def test_the_checklist_has_an_empty_box_per_line_and_no_live_looking_checkbox():
    text = lists.checklist()
    assert text.count("☐") == len(workstation_checklist()) and "[ ]" not in text


def test_walking_lists_follow_the_plan_and_its_stop_signs():
    assert lists.walking_weeks(10, 3).startswith("- Week 1: 10 min, 3 days a week")
    assert all(s.action in lists.walking_stops() for s in walking_stop_signs())


def test_a_six_exercise_routine_gets_the_size_hint_and_three_none():
    assert "6 exercises" in lists.size_hint(1, 2, 4, 8, 9, 11)
    assert lists.size_hint(4, 8, 11).startswith("No hint")


def test_the_week_shows_rest_days():
    days = lists.week_days(example()).splitlines()
    assert len(days) == 7 and any("rest day" in d for d in days)
