"""The log entry form as a learner uses it: nothing saved until Save, clear words on errors."""

from datetime import date

import pytest

from lowback.tracker import ENV_VAR, Tracker
from lowback.widgets import recovery_explorer, tracker_entry

TODAY = date(2026, 11, 26)


@pytest.fixture
def log_path(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))
    return tmp_path / "data" / "tracker.sqlite3"


def test_showing_the_form_writes_nothing(log_path):
    tracker_entry(today=TODAY)
    assert not log_path.parent.exists()


def test_save_adds_the_day_to_the_learners_log_and_reads_it_back(log_path):
    form = tracker_entry(today=TODAY)
    form.fields["leg_pain"].value = 6
    form.fields["reach"].value = "below the knee"
    form.save.click()
    assert "Saved 2026-11-26" in form.message.value
    form.fields["day"].value = date(2026, 11, 25)
    form.fields["leg_pain"].value = 7
    form.save.click()
    assert "Leg pain is about the same" in form.message.value
    with Tracker(log_path, today=TODAY) as log:
        assert [(e.day.day, e.leg_pain) for e in log.entries()] == [(25, 7), (26, 6)]


@pytest.mark.parametrize(
    ("day", "says"),
    [(date(2026, 11, 27), "is in the future"), (TODAY, "already in the log")],
)
def test_a_refused_entry_says_why_and_leaves_the_file_as_it_was(log_path, day, says):
    form = tracker_entry(today=TODAY)
    form.save.click()
    before = log_path.read_bytes()
    form.fields["day"].value = day
    form.save.click()
    assert "Not saved" in form.message.value and says in form.message.value
    assert log_path.read_bytes() == before


def test_a_log_file_that_is_not_a_database_is_reported_and_kept(log_path):
    log_path.parent.mkdir(parents=True)
    log_path.write_text("my notes")
    form = tracker_entry(today=TODAY)
    form.save.click()
    assert "not a tracker database" in form.message.value
    assert log_path.read_text() == "my notes"


def test_the_demo_explorer_warns_when_the_last_day_spreads_to_the_foot():
    panel = recovery_explorer("improving")
    picture = panel.image.value
    assert "a good sign" in panel.summary.value and "stop" not in panel.summary.value
    panel.reach.value = "foot"
    assert "spread further down, from the buttock to the foot" in panel.summary.value
    assert panel.image.value != picture
    panel.reach.value = "buttock"
    assert "stop" not in panel.summary.value


def test_a_reach_set_to_none_shows_the_last_choice_again_with_its_summary():
    panel = recovery_explorer()
    panel.reach.value = "thigh"
    picture, summary = panel.image.value, panel.summary.value
    panel.reach.value = None
    assert panel.reach.value == "thigh"
    assert panel.summary.value == summary and panel.image.value == picture
