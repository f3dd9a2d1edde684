"""The recovery log as a learner meets it: honest summaries, clear errors, nothing ever lost."""

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from lowback.recovery import demo_entries, demo_log, reach_phrase, summarise
from lowback.tracker import (
    CSV_COLUMNS,
    ENV_VAR,
    SCHEMA,
    SCHEMA_VERSION,
    Tracker,
    TrackerError,
    default_path,
    entry,
)

TODAY = date(2026, 11, 26)
DAY0 = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """No test may reach the learner's real log: the default path points into tmp_path."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))
    return tmp_path / "data"


def log_of(rows, start=DAY0):
    """Entries from (back, leg, reach) or (back, leg, reach, done, planned), one a day."""
    return [entry(start + timedelta(days=i), *row, today=TODAY) for i, row in enumerate(rows)]


def one_line(err: pytest.ExceptionInfo) -> str:
    message = str(err.value)
    assert message and "\n" not in message
    return message


# --- summaries, on logs small enough to check by hand ------------------------------------


def test_improving_demo_reads_as_worked_out_by_hand():
    # The formula: back pain 5 in week 1, 4 in week 2, 3 in week 3; leg pain 7, 8, 6 on the
    # first three days and 1, 2, 0 on the last three (means 7 and 1); symptoms below the knee
    # in week 1, the thigh in week 2, the buttock in week 3; 3 exercises planned a day and
    # only 1 done on days 4, 8, 12, 16, 20 (5 days): 63 - 5 * 2 = 53 done of 63.
    s = summarise(demo_entries("improving"))
    assert (s.back.start, s.back.end) == (5, 3) and s.back.matters
    assert (s.leg.start, s.leg.end) == (7, 1) and s.leg.matters
    assert (s.reach_start, s.reach_end, s.days) == ("below the knee", "buttock", 20)
    assert (s.exercises_done, s.exercises_planned) == (53, 63)
    assert not s.warning
    text = str(s)
    assert "moved up from below the knee to the buttock over 20 days: a good sign" in text
    assert "better by 6 points" in text and "53 of the 63" in text and "(84%)" in text


def test_spreading_demo_says_stop_the_exercise_and_get_advice():
    # Leg pain 3, 3, 3 at the start and 5, 5, 6 at the end: up by 7/3, about 2.3 points.
    s = summarise(demo_entries("spreading"))
    assert s.warning and s.reach_trend == "peripheralising"
    assert s.spread_on == date(2026, 10, 14)
    assert round(s.leg.change, 1) == 2.3 and s.leg.matters
    assert not s.back.matters
    assert str(s).splitlines()[0].startswith("On 2026-10-14 symptoms spread further down")
    assert "stop the exercise that did it and get advice" in str(s)


def test_the_issue_example_below_the_knee_to_the_thigh_over_10_days():
    rows = [(4, 6, "below the knee")] * 4 + [(3, 4, "thigh")] * 7
    s = summarise(log_of(rows))
    assert "moved up from below the knee to the thigh over 10 days: a good sign" in str(s)


@pytest.mark.parametrize(
    ("start", "end", "matters"),
    [(6, 4, True), (6, 5, False), (3, 5, True), (5, 6, False), (8, 8, False)],
)
def test_a_change_of_two_points_is_the_one_that_matters(start, end, matters):
    rows = [(start, start, "thigh")] * 3 + [(end, end, "thigh")] * 3
    s = summarise(log_of(rows))
    assert s.leg.matters is matters and s.leg.change == end - start
    assert ("within everyday ups and downs" in s.leg.words()) is not matters


def test_short_logs_average_fewer_days():
    s = summarise(log_of([(2, 8, "foot"), (2, 5, "thigh")]))
    assert (s.leg.start, s.leg.end) == (8, 5)
    assert s.reach_trend == "centralising" and s.days == 1


def test_a_spread_on_the_latest_day_is_flagged_even_when_the_trend_is_good():
    rows = [(5, 7, "foot")] * 3 + [(3, 3, "buttock")] * 3 + [(3, 4, "thigh")]
    s = summarise(log_of(rows))
    assert s.reach_trend == "centralising" and s.warning
    assert "from the buttock to the thigh" in s.lines()[0]


def test_a_summary_needs_two_days():
    with pytest.raises(ValueError, match="at least 2 days"):
        summarise(log_of([(1, 1, "none")]))


def test_an_unknown_reach_is_a_one_line_error_naming_the_levels():
    assert reach_phrase("thigh") == "the thigh"
    with pytest.raises(ValueError, match="must be one of none, buttock, thigh, .*; got 'knee'"):
        reach_phrase("knee")


@pytest.mark.parametrize(
    ("kind", "i", "row"),
    [
        # (back, leg, reach, done, planned, note), worked out by hand from the formula.
        (
            "improving",
            0,
            (5, 7, "below the knee", 3, 3, "Started the routine: exercises 1, 3 and 11"),
        ),
        ("improving", 1, (5, 8, "below the knee", 3, 3, "")),
        ("improving", 3, (5, 6, "below the knee", 1, 3, "")),
        ("improving", 6, (5, 5, "below the knee", 3, 3, "")),
        ("improving", 7, (4, 6, "thigh", 1, 3, "No pain below the knee today")),
        ("improving", 14, (3, 2, "buttock", 3, 3, "Walked 20 minutes")),
        ("improving", 20, (3, 0, "buttock", 3, 3, "")),
        ("spreading", 0, (4, 3, "buttock", 4, 4, "")),
        ("spreading", 4, (4, 4, "buttock", 4, 4, "")),
        ("spreading", 5, (4, 4, "thigh", 4, 4, "Tried toes to the sky for the first time")),
        ("spreading", 8, (4, 5, "thigh", 4, 4, "")),
        ("spreading", 9, (4, 6, "below the knee", 4, 4, "")),
    ],
)
def test_demo_logs_follow_their_formula_day_by_day(kind, i, row):
    entries = demo_entries(kind)
    assert len(entries) == {"improving": 21, "spreading": 10}[kind]
    assert [e.day for e in entries] == [
        date(2026, 10, 5) + timedelta(days=n) for n in range(len(entries))
    ]
    e = entries[i]
    assert (e.back_pain, e.leg_pain, e.reach, e.exercises_done, e.exercises_planned, e.note) == row


def test_demo_logs_live_only_in_memory(private_data_dir):
    for kind in ("improving", "spreading"):
        log = demo_log(kind)
        assert log.path == ":memory:"
        assert log.entries() == demo_entries(kind) and len(log.entries()) > 2
    assert not private_data_dir.exists()


# --- bad entries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ((DAY0, 11, 2, "thigh"), "back pain must be a whole number from 0 to 10"),
        ((DAY0, 2, -1, "thigh"), "leg pain must be a whole number from 0 to 10"),
        ((DAY0, 2, 2.5, "thigh"), "leg pain must be a whole number"),
        ((DAY0, True, 2, "thigh"), "back pain must be a whole number"),
        ((TODAY + timedelta(days=1), 2, 2, "thigh"), "is in the future"),
        (("26/11/2026", 2, 2, "thigh"), "date must look like"),
        ((DAY0, 2, 2, "knee"), "reach must be one of none, buttock, thigh"),
        ((DAY0, 2, 2, "thigh", -1, 3), "exercises done must be"),
    ],
)
def test_a_bad_entry_gets_a_one_line_reason(fields, says):
    with pytest.raises(TrackerError) as err:
        entry(*fields, today=TODAY)
    assert says in one_line(err)


def test_a_day_already_logged_is_refused_and_the_first_entry_kept(tmp_path):
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        first = log.add(entry(DAY0, 3, 4, "thigh", today=TODAY))
        with pytest.raises(TrackerError) as err:
            log.add(entry(DAY0, 9, 9, "foot", today=TODAY))
        assert "2026-11-01 is already in the log" in one_line(err)
        assert log.entries() == [first]


def test_a_batch_with_one_bad_entry_saves_nothing(tmp_path):
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        batch = log_of([(3, 4, "thigh")] * 3)
        with pytest.raises(TrackerError, match="already in the log"):
            log.add_all([*batch, batch[1]])
        assert log.entries() == []


# --- bad files: reported, and kept byte for byte -------------------------------------------


def corrupt(path):
    """A real tracker file whose table pages are overwritten with junk."""
    with Tracker(path, today=TODAY) as log:
        log.add_all(log_of([(3, 4, "thigh")] * 5))
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048
    path.write_bytes(bytes(data))


def foreign(path):
    """An SQLite database made by some other program."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    db.close()


def newer(path):
    """A tracker file from a future lowback."""
    with sqlite3.connect(path) as db:
        db.execute(SCHEMA[SCHEMA_VERSION].replace(";", ""))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("day,pain\n2026-11-01,3\n"), "is not a tracker database"),
        (lambda p: p.write_bytes(b"SQLite"), "is not a tracker database"),
        (corrupt, "cannot be read (database disk image is malformed); it was left untouched"),
        (foreign, "not a tracker log"),
        (newer, "newer lowback"),
    ],
    ids=["text file", "truncated", "corrupted", "other program", "newer version"],
)
def test_a_file_that_is_not_a_good_log_is_reported_and_kept_byte_for_byte(tmp_path, make, says):
    path = tmp_path / "tracker.sqlite3"
    make(path)
    before = path.read_bytes()
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert says in one_line(err)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tracker.sqlite3"]


# --- schema versions -------------------------------------------------------------------------


def test_a_version_1_log_is_migrated_with_a_backup_and_keeps_every_entry(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(SCHEMA[1].replace(";", ""))
        db.execute("INSERT INTO entry VALUES ('2026-11-01', 5, 6, 'below the knee', 'sore')")
        db.execute("INSERT INTO entry VALUES ('2026-11-02', 4, 5, 'thigh', '')")
        db.execute("PRAGMA user_version = 1")
    db.close()
    original = path.read_bytes()
    with Tracker(path, today=TODAY) as log:
        assert log.version == SCHEMA_VERSION == 2
        old = log.entries()
        assert [(e.day.day, e.leg_pain, e.reach, e.note) for e in old] == [
            (1, 6, "below the knee", "sore"),
            (2, 5, "thigh", ""),
        ]
        assert all((e.exercises_done, e.exercises_planned) == (0, 0) for e in old)
        log.add(entry("2026-11-03", 3, 3, "buttock", 2, 3, today=TODAY))
    with Tracker(path, today=TODAY) as again:
        assert again.version == 2 and again.get(date(2026, 11, 3)).exercises_done == 2
    backup = tmp_path / "tracker.v1-backup.sqlite3"
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM entry").fetchone() == (2,)
    db.close()
    assert original != path.read_bytes()


# --- CSV -----------------------------------------------------------------------------------


def test_csv_export_then_import_gives_back_the_same_log(tmp_path):
    source = demo_log("improving")
    csv_file = source.export_csv(tmp_path / "log.csv")
    with Tracker(tmp_path / "copy.sqlite3", today=TODAY) as copy:
        assert copy.import_csv(csv_file) == 21
        assert copy.entries() == source.entries()


def test_a_csv_saved_by_a_spreadsheet_with_a_byte_order_mark_imports(tmp_path):
    saved = tmp_path / "from_spreadsheet.csv"
    saved.write_bytes(("\ufeff" + HEADER + GOOD).encode("utf-8"))
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        assert log.import_csv(saved) == 1
        assert log.get(DAY0).note == "fine"


def test_export_never_overwrites_a_file(tmp_path):
    target = tmp_path / "log.csv"
    target.write_text("precious")
    with pytest.raises(TrackerError, match="already exists"):
        demo_log().export_csv(target)
    assert target.read_text() == "precious"


HEADER = "date,back_pain,leg_pain,reach,exercises_done,exercises_planned,note\n"
GOOD = "2026-11-01,3,4,thigh,2,3,fine\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("when,pain\n2026-11-01,3\n", "must start with the header"),
        (HEADER + GOOD + "2026-11-02,11,4,thigh,2,3,\n", "line 3: back pain must be"),
        (HEADER + GOOD + "2026-11-02,3,4,thigh\n", "line 3: expected 7 columns"),
        (HEADER + GOOD + GOOD, "2026-11-01 is already in the log"),
        (HEADER + "2030-01-01,3,4,thigh,2,3,\n", "is in the future"),
        (HEADER + "2026-11-05,3,4,thigh,2,3,\n", "2026-11-05 is already in the log"),
    ],
)
def test_a_bad_csv_imports_nothing_and_says_where(tmp_path, text, says):
    bad = tmp_path / "bad.csv"
    bad.write_text(text)
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        log.add(entry("2026-11-05", 1, 1, "none", today=TODAY))
        before = log.entries()
        with pytest.raises(TrackerError) as err:
            log.import_csv(bad)
        assert says in one_line(err)
        assert log.entries() == before


def test_a_csv_that_is_not_text_is_refused(tmp_path):
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log, pytest.raises(TrackerError):
        log.import_csv(bad)


# --- where the learner's log lives ---------------------------------------------------------


def test_the_env_var_chooses_the_folder_and_nothing_is_made_until_a_log_opens(private_data_dir):
    assert default_path() == private_data_dir / "tracker.sqlite3"
    assert not private_data_dir.exists()
    with Tracker(today=TODAY) as log:
        log.add(entry(DAY0, 1, 1, "none", today=TODAY))
    assert default_path().is_file()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG applies on Linux")
def test_without_the_env_var_the_log_goes_to_the_xdg_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "lowback" / "tracker.sqlite3"


# --- a crash mid-write loses nothing already saved ------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from lowback.tracker import Tracker, entry

    today = date(2100, 1, 1)
    log = Tracker(sys.argv[1], today=today)  # recovers whatever the last kill left behind
    first = int(sys.argv[2])
    for i in range(first, first + 100_000):
        day = date(2000, 1, 1) + timedelta(days=i)
        log.add(entry(day, i % 11, (i * 7) % 11, "thigh", 1, 2, f"entry {i}", today=today))
        print(day.isoformat(), flush=True)  # printed only after the commit returned
    """
)


def run_and_kill(path, first: int, after: int) -> list[date]:
    """Start a writer at day ``first``, SIGKILL it once ``after`` commits are reported."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(first)], stdout=subprocess.PIPE, text=True
    )
    committed = []
    try:
        while len(committed) < after:
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            committed.append(date.fromisoformat(line.strip()))
        journal, deadline = Path(f"{path}-journal"), time.monotonic() + 1
        while not journal.exists() and time.monotonic() < deadline:
            pass  # aim the kill at a moment when a transaction is open
        os.kill(writer.pid, signal.SIGKILL)
        committed += [date.fromisoformat(line) for line in writer.stdout.read().split()]
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    return committed


def test_killing_a_writer_mid_batch_loses_no_committed_entry(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    committed: set[date] = set()
    mid_write = []
    for after in (5, 23, 61):  # three kills at different points, each resuming the same file
        with Tracker(path, today=date(2100, 1, 1)) as log:
            saved = {e.day for e in log.entries()}
        committed |= set(run_and_kill(path, first=len(saved), after=after))
        mid_write.append(Path(f"{path}-journal").exists())  # a transaction was cut short
        with Tracker(path, today=date(2100, 1, 1)) as log:
            saved = {e.day for e in log.entries()}
        assert committed <= saved, "an entry reported as saved was lost"
        assert len(saved - committed) <= 1, "at most the entry in flight may also be there"
        committed = saved  # an entry in flight that did land counts from now on
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.close()
    assert any(mid_write), "no kill landed inside a transaction"


def test_a_log_busy_in_another_program_is_reported_not_crashed(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    with Tracker(path, today=TODAY) as log:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program is writing
        log._db.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(TrackerError) as err:
            log.add(entry(DAY0, 1, 1, "none", today=TODAY))
        assert "nothing was saved" in one_line(err)
        other.execute("ROLLBACK")
        other.close()
        assert log.entries() == []


def test_a_folder_that_cannot_be_made_is_reported(tmp_path):
    (tmp_path / "blocker").write_text("a file where the folder should be")
    with pytest.raises(TrackerError) as err:
        Tracker(tmp_path / "blocker" / "tracker.sqlite3", today=TODAY)
    assert one_line(err) == f"cannot make the folder {tmp_path / 'blocker'}: File exists"


def test_a_day_is_looked_up_by_date_or_by_its_text():
    with Tracker(":memory:", today=TODAY) as log:
        log.add(entry(DAY0, 3, 2, "thigh", today=TODAY))
        assert log.get("2026-11-01") == log.get(DAY0) is not None
        with pytest.raises(TrackerError, match="date must look like"):
            log.get("yesterday")


# --- where the log lives on each system, as a table ------------------------------------------


@pytest.mark.parametrize(
    ("platform", "env", "folder"),
    [
        ("linux", {"XDG_DATA_HOME": "/x/data"}, "/x/data/lowback"),
        ("linux", {}, "~/.local/share/lowback"),
        ("darwin", {"XDG_DATA_HOME": "/x/data"}, "~/Library/Application Support/lowback"),
        ("win32", {"LOCALAPPDATA": "/w/local", "APPDATA": "/w/roam"}, "/w/local/lowback"),
        ("win32", {"APPDATA": "/w/roam"}, "/w/roam/lowback"),
        ("win32", {}, "~/AppData/Local/lowback"),
    ],
)
def test_the_log_folder_on_each_system(monkeypatch, tmp_path, platform, env, folder):
    from lowback import tracker

    for name in (ENV_VAR, "XDG_DATA_HOME", "LOCALAPPDATA", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(tracker.sys, "platform", platform)
    assert tracker.data_dir() == Path(folder.replace("~", str(tmp_path)))


def test_the_env_var_wins_on_every_system_and_may_start_with_a_tilde(monkeypatch, tmp_path):
    from lowback import tracker

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(ENV_VAR, "~/mine")
    for platform in ("linux", "darwin", "win32"):
        monkeypatch.setattr(tracker.sys, "platform", platform)
        assert tracker.data_dir() == tmp_path / "mine"


def test_no_home_folder_is_a_one_line_error_naming_what_to_set(monkeypatch):
    from lowback import tracker

    monkeypatch.setenv(ENV_VAR, "~nosuchuser_lowback/x")
    with pytest.raises(TrackerError) as err:
        tracker.data_dir()
    message = one_line(err)
    assert message.startswith(f"cannot find the folder for the log ({ENV_VAR}='~nosuchuser")
    assert message.endswith(f"set {ENV_VAR} to a folder")
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(
        tracker.Path,
        "home",
        classmethod(
            lambda cls: (_ for _ in ()).throw(RuntimeError("Could not determine home directory."))
        ),
    )
    with pytest.raises(TrackerError) as err:
        tracker.data_dir()
    assert one_line(err).startswith("cannot find the folder for the log (home: Could not")


# --- what a learner is told when something goes wrong ----------------------------------------


def test_a_long_bad_value_is_cut_short_in_the_message():
    with pytest.raises(TrackerError) as err:
        entry(DAY0, "9" * 100, 2, "thigh", today=TODAY)
    assert (
        one_line(err) == "back pain must be a whole number from 0 to 10; got '" + "9" * 36 + "..."
    )
    with pytest.raises(TrackerError) as err:
        entry(DAY0, 2, 2, "x" * 38, today=TODAY)
    assert one_line(err).endswith("; got '" + "x" * 38 + "'")


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ((DAY0, "3", " 4 ", "thigh", "2", "3"), None),
        ((DAY0, 0, 10, "none", 0, 50), None),
        (
            (DAY0, 0, 10, "none", 51, 50),
            "exercises done must be a whole number from 0 to 50; got 51",
        ),
        ((DAY0, 0, 10, "none", 0, 51), "exercises planned must be a whole number from 0 to 50"),
        ((DAY0, -1, 0, "none"), "back pain must be a whole number from 0 to 10; got -1"),
        ((DAY0, 0, 11, "none"), "leg pain must be a whole number from 0 to 10; got 11"),
        ((TODAY, 0, 0, "none"), None),
        ((TODAY + timedelta(days=1), 0, 0, "none"), "2026-11-27 is in the future; log a day"),
        (
            ("2026-11-01T10:00", 0, 0, "none"),
            "date must look like 2026-11-26; got '2026-11-01T10:00'",
        ),
        (
            (DAY0, 0, 0, ["thigh"]),
            "reach must be one of none, buttock, thigh, below the knee, foot; got ['thigh']",
        ),
        ((DAY0, 0, 0, "none", 0, 0, "n" * 500), None),
        ((DAY0, 0, 0, "none", 0, 0, "n" * 501), "note must be at most 500 characters"),
        (
            (DAY0, 0, 0, "none", 0, 0, "\ud800"),
            "note has characters that cannot be saved; retype it",
        ),
    ],
)
def test_each_entry_rule_at_its_edge(fields, says):
    if says is None:
        e = entry(*fields, today=TODAY)
        assert e.day == _as_date(fields[0]) and e.reach == fields[3]
        assert (e.back_pain, e.leg_pain) == (int(fields[1]), int(fields[2]))
        return
    with pytest.raises(TrackerError) as err:
        entry(*fields, today=TODAY)
    assert one_line(err).startswith(says)


def _as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_a_datetime_is_logged_as_its_day():
    from datetime import datetime

    assert entry(datetime(2026, 11, 1, 23, 59), 1, 1, "none", today=TODAY).day == DAY0


def test_without_a_today_the_clock_decides_what_is_in_the_future():
    assert entry(date.today(), 1, 1, "none").day == date.today()
    with pytest.raises(TrackerError, match="is in the future"):
        entry(date.today() + timedelta(days=1), 1, 1, "none")


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (("2026-11-1", 1, 1, "none", 0, 0, ""), "the log has an entry with a bad date '2026-11-1'"),
        (
            ("2026-13-01", 1, 1, "none", 0, 0, ""),
            "the log has an entry with a bad date '2026-13-01'",
        ),
        (
            (b"2026-11-01", 1, 1, "none", 0, 0, ""),
            "the log has an entry with a bad date b'2026-11-01'",
        ),
        (("2026-11-01", 1, 1, "none", "one", 0, ""), "the log's entry for 2026-11-01 is damaged"),
        (("2026-11-01", 1, 1, "knee", 0, 0, ""), "the log's entry for 2026-11-01 is damaged"),
        (("2026-11-01", 1, 1, "none", 0, 0, b"x"), "the log's entry for 2026-11-01 is damaged"),
        (("2026-11-01", 1, 1, "none", 0, 1.5, ""), "the log's entry for 2026-11-01 is damaged"),
    ],
)
def test_a_damaged_row_in_the_file_is_named_not_a_traceback(tmp_path, row, says):
    path = tmp_path / "tracker.sqlite3"
    with Tracker(path, today=TODAY):
        pass
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    db.close()
    with Tracker(path, today=TODAY) as log, pytest.raises(TrackerError) as err:
        log.entries()
    assert one_line(err) == says


def test_an_entry_that_is_not_an_entry_is_refused_and_nothing_saved():
    with Tracker(":memory:", today=TODAY) as log:
        with pytest.raises(TrackerError) as err:
            log.add_all([entry(DAY0, 1, 1, "none", today=TODAY), ("2026-11-02", 1, 1, "none")])
        assert one_line(err) == "expected an Entry, got tuple; nothing was saved"
        from lowback.tracker import Entry

        with pytest.raises(TrackerError) as err:
            log.add(Entry(DAY0, 1, 1, "none", note=3))
        assert one_line(err) == "note must be text; nothing was saved"
        with pytest.raises(TrackerError) as err:
            log.add(Entry(DAY0, 11, 1, "none"))
        assert one_line(err).endswith("got 11; nothing was saved")
        with pytest.raises(TrackerError) as err:
            log.add(Entry(TODAY + timedelta(days=2), 1, 1, "none"))
        assert one_line(err) == "2026-11-28 is in the future; nothing was saved"
        assert log.entries() == []


def test_a_log_is_opened_closed_twice_and_named_in_its_repr(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    log = Tracker(path, today=TODAY)
    assert repr(log) == f"Tracker({str(path)!r})" and log.version == 2
    log.add(entry(DAY0, 1, 2, "thigh", 1, 2, "ok", today=TODAY))
    log.close()
    log.close()
    with Tracker(path, today=TODAY) as again:
        assert again.get(DAY0) == entry(DAY0, 1, 2, "thigh", 1, 2, "ok", today=TODAY)
        assert again.get(DAY0 + timedelta(days=1)) is None
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_folder_where_the_log_should_be_is_reported(tmp_path):
    (tmp_path / "tracker.sqlite3").mkdir()
    with pytest.raises(TrackerError) as err:
        Tracker(tmp_path / "tracker.sqlite3", today=TODAY)
    assert one_line(err) == f"{tmp_path / 'tracker.sqlite3'} is not a file"


def test_an_empty_file_becomes_a_new_log(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    path.write_bytes(b"")
    with Tracker(path, today=TODAY) as log:
        assert log.version == 2 and log.entries() == []


def test_an_unknown_schema_version_is_left_untouched(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(SCHEMA[1].replace(";", ""))
        db.execute("PRAGMA user_version = -3")
    db.close()
    before = path.read_bytes()
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert one_line(err) == f"{path} has an unknown schema version (-3); it was left untouched"
    assert path.read_bytes() == before


def test_a_version_1_log_with_a_bad_day_is_refused_before_any_backup(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(SCHEMA[1].replace(";", ""))
        db.execute("INSERT INTO entry VALUES ('01/11/2026', 5, 6, 'thigh', '')")
        db.execute("PRAGMA user_version = 1")
    db.close()
    with pytest.raises(TrackerError, match="bad date '01/11/2026'"):
        Tracker(path, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tracker.sqlite3"]


def test_csv_export_marks_formulas_and_import_takes_the_mark_off(tmp_path):
    notes = ["=1+1", "+x", "-x", "@x", "\tx", "'quoted", "plain"]
    with Tracker(":memory:", today=TODAY) as log:
        log.add_all(
            [
                entry(DAY0 + timedelta(days=i), 1, 1, "none", 0, 0, n, today=TODAY)
                for i, n in enumerate(notes)
            ]
        )
        path = log.export_csv(tmp_path / "log.csv")
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    lines = text.split("\r\n")
    assert lines[1] == "2026-11-01,1,1,none,0,0,'=1+1"
    assert lines[6] == "2026-11-06,1,1,none,0,0,''quoted" and lines[7].endswith(",plain")
    with Tracker(tmp_path / "copy.sqlite3", today=TODAY) as copy:
        assert copy.import_csv(path) == len(notes)
        assert [e.note for e in copy.entries()] == notes


def test_a_csv_with_only_a_header_imports_nothing(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(HEADER)
    with Tracker(":memory:", today=TODAY) as log:
        assert log.import_csv(path) == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "must start with the header date,back_pain,leg_pain,reach"),
        (b'"unclosed\n', "must start with the header"),
    ],
)
def test_an_empty_or_broken_csv_says_what_it_needs(tmp_path, content, says):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with Tracker(":memory:", today=TODAY) as log, pytest.raises(TrackerError) as err:
        log.import_csv(path)
    assert says in one_line(err)


def test_a_missing_csv_is_named(tmp_path):
    with Tracker(":memory:", today=TODAY) as log, pytest.raises(TrackerError) as err:
        log.import_csv(tmp_path / "nope.csv")
    assert one_line(err) == f"{tmp_path / 'nope.csv'} cannot be read as text (FileNotFoundError)"


def test_an_export_into_a_missing_folder_says_nothing_was_written(tmp_path):
    with pytest.raises(TrackerError) as err:
        demo_log().export_csv(tmp_path / "no" / "such" / "log.csv")
    message = one_line(err)
    assert message.startswith(f"cannot write {tmp_path / 'no' / 'such' / 'log.csv'}: ")
    assert message.endswith("; nothing was written")


def full_disk_error(message: str, code: int | None) -> sqlite3.OperationalError:
    err = sqlite3.OperationalError(message)
    if code is not None:
        err.sqlite_errorcode = code
    return err


@pytest.mark.parametrize(
    ("err", "said"),
    [
        (full_disk_error("database or disk is full", None), "disk full"),
        (full_disk_error("some words", 13), "disk full"),
        (full_disk_error("database is locked\n  (code 5)", 5), "database is locked (code 5)"),
        (full_disk_error("database  is\tlocked", None), "database is locked"),
    ],
)
def test_what_sqlite_said_is_put_in_a_few_words(err, said):
    from lowback.tracker import _why

    assert sqlite3.SQLITE_FULL == 13
    assert _why(err) == said


def test_a_full_disk_while_saving_says_so_and_saves_nothing(monkeypatch):
    with Tracker(":memory:", today=TODAY) as log:

        class FullDisk:
            def __init__(self, db):
                self.db = db

            def execute(self, sql, *args):
                if sql.startswith("INSERT"):
                    raise full_disk_error("database or disk is full", 13)
                return self.db.execute(sql, *args)

            def executemany(self, sql, rows):
                raise full_disk_error("database or disk is full", 13)

            def __getattr__(self, name):
                return getattr(self.db, name)

        log._db = FullDisk(log._db)
        with pytest.raises(TrackerError) as err:
            log.add(entry(DAY0, 1, 1, "none", today=TODAY))
        assert one_line(err) == "could not save (disk full); nothing was saved"
        log._db = log._db.db
        assert log.entries() == []


def test_an_entry_without_exercises_or_a_note_has_none():
    e = entry(DAY0, 1, 1, "none", today=TODAY)
    assert (e.exercises_done, e.exercises_planned, e.note) == (0, 0, "")


def test_a_log_folder_is_made_two_levels_deep_private_to_its_owner(tmp_path):
    path = tmp_path / "a" / "b" / "tracker.sqlite3"
    with Tracker(str(path), today=TODAY) as log:
        assert log.path == path and isinstance(log.path, Path)
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"


def test_a_name_too_long_for_the_system_is_one_line(tmp_path):
    path = tmp_path / ("x" * 300)
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert one_line(err) == f"cannot read {path}: file name too long"


def test_a_text_file_given_by_its_name_as_text_is_refused_too(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a log")
    with pytest.raises(TrackerError, match="is not a tracker database; it was left untouched"):
        Tracker(str(path), today=TODAY)


def test_a_database_claiming_a_version_without_an_entry_table_is_not_a_log(tmp_path):
    path = tmp_path / "tracker.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
        db.execute("PRAGMA user_version = 2")
    db.close()
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert one_line(err) == f"{path} is a database but not a tracker log; left untouched"


def test_a_log_whose_table_went_missing_says_it_cannot_be_read():
    with Tracker(":memory:", today=TODAY) as log:
        log._db.execute("DROP TABLE entry")
        with pytest.raises(TrackerError) as err:
            log.entries()
        assert one_line(err) == "cannot read the log (no such table: entry)"


def test_closing_a_log_closes_its_file():
    log = Tracker(":memory:", today=TODAY)
    db = log._db
    log.close()
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")


def test_a_csv_row_after_the_logs_today_is_refused_with_its_line(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "2026-11-30,3,4,thigh,2,3,\n")
    with Tracker(":memory:", today=TODAY) as log, pytest.raises(TrackerError) as err:
        log.import_csv(path)
    assert one_line(err) == (
        "log.csv line 2: 2026-11-30 is in the future; log a day once it has happened;"
        " nothing was imported"
    )


def test_a_csv_header_too_big_to_read_is_named_by_line(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text('"' + "x" * 200_000 + '"\n')
    with Tracker(":memory:", today=TODAY) as log, pytest.raises(TrackerError) as err:
        log.import_csv(path)
    assert one_line(err).startswith("log.csv line 1: field larger than field limit")


# --- what the system or SQLite refuses, word for word ----------------------------------------


def test_a_log_the_system_refuses_to_create_names_the_file_and_why(tmp_path, monkeypatch):
    path = tmp_path / "tracker.sqlite3"
    real_open = os.open

    def refuse(name, flags, *args):
        if Path(name) == path:
            raise OSError(errno.EROFS, "Read-only file system", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert one_line(err) == f"cannot create {path}: read-only file system"
    assert not path.exists()


class _ConnectionProxy:
    """A real connection, except that statements starting with ``fail_on`` raise ``error``."""

    def __init__(self, db, fail_on: str, error: Exception):
        self.db, self.fail_on, self.error = db, fail_on, error

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(self.fail_on):
            raise self.error
        return self.db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.db, name)


def test_a_full_disk_while_a_new_log_is_made_says_disk_full(tmp_path, monkeypatch):
    path = tmp_path / "tracker.sqlite3"
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        full = full_disk_error("database or disk is full", 13)
        return _ConnectionProxy(real_connect(*args, **kwargs), "CREATE", full)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert one_line(err) == f"cannot open {path}: disk full"


def test_a_log_sqlite_cannot_open_at_all_is_reported_and_left_untouched(tmp_path, monkeypatch):
    path = tmp_path / "tracker.sqlite3"

    def connect(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    assert one_line(err) == (
        f"{path} cannot be read (unable to open database file); it was left untouched"
    )


def _zero_page_of(path: Path, name: str) -> None:
    """Overwrite with zeros the page where the table or index ``name`` starts."""
    with sqlite3.connect(path) as db:
        (size,) = db.execute("PRAGMA page_size").fetchone()
        (page,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
        ).fetchone()
    db.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size : page * size] = bytes(size)
    path.write_bytes(bytes(data))


def _garbled_index(path: Path) -> None:
    """A log whose index of days (a page of the file) was wiped by a disk fault."""
    with Tracker(path, today=TODAY) as log:
        log.add_all(log_of([(3, 4, "thigh")] * 20))
    _zero_page_of(path, "sqlite_autoindex_entry_1")


def _pain_out_of_range(path: Path) -> None:
    """A log edited by another program so that a day has back pain 99."""
    with Tracker(path, today=TODAY) as log:
        log.add_all(log_of([(3, 4, "thigh")] * 2))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("UPDATE entry SET back_pain = 99 WHERE day = '2026-11-02'")
    db.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_garbled_index, "Page "),
        (_pain_out_of_range, "CHECK constraint failed in entry"),
    ],
    ids=["garbled page", "pain out of range"],
)
def test_a_damaged_log_says_damaged_with_what_sqlite_found(tmp_path, make, words):
    path = tmp_path / "tracker.sqlite3"
    make(path)
    before = path.read_bytes()
    with pytest.raises(TrackerError) as err:
        Tracker(path, today=TODAY)
    message = one_line(err)
    assert message.startswith(f"{path} cannot be read (damaged: ")
    assert words in message and message.endswith("); it was left untouched")
    assert path.read_bytes() == before


def test_a_full_disk_during_export_says_disk_full_and_writes_nothing(tmp_path, monkeypatch):
    target = tmp_path / "log.csv"

    def full(fd):  # a full disk often shows only when the data is flushed to it
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(TrackerError) as err:
        demo_log().export_csv(target)
    assert one_line(err) == f"cannot write {target}: disk full; nothing was written"
    assert list(tmp_path.iterdir()) == []


def test_an_export_into_a_missing_folder_names_the_missing_folder(tmp_path):
    target = tmp_path / "no" / "log.csv"
    with pytest.raises(TrackerError) as err:
        demo_log().export_csv(target)
    assert one_line(err) == f"cannot write {target}: no such folder; nothing was written"


def test_a_csv_with_old_mac_line_ends_imports(tmp_path):
    """Excel for Mac's "CSV (Macintosh)" ends each line with a lone carriage return."""
    saved = tmp_path / "mac.csv"
    saved.write_bytes(
        (HEADER + GOOD + "2026-11-02,2,3,buttock,3,3,\n").replace("\n", "\r").encode()
    )
    with Tracker(":memory:", today=TODAY) as log:
        assert log.import_csv(saved) == 2
        assert [(e.day.day, e.reach, e.note) for e in log.entries()] == [
            (1, "thigh", "fine"),
            (2, "buttock", ""),
        ]


def test_a_save_waits_for_another_programs_write_to_finish(tmp_path):
    """Two notebooks saving at once: the second waits (up to 30 s) rather than failing."""
    path = tmp_path / "tracker.sqlite3"
    with Tracker(path, today=TODAY) as log:
        assert log._db.execute("PRAGMA busy_timeout").fetchone() == (30_000,)
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO entry (day, back_pain, leg_pain, reach) VALUES (?, 2, 2, ?)",
            ("2026-11-02", "none"),
        )
        saving = threading.Event()

        def finish_later():
            saving.wait()
            time.sleep(0.3)  # let the save below start waiting
            other.execute("COMMIT")

        writer = threading.Thread(target=finish_later)
        writer.start()
        saving.set()
        log.add(entry(DAY0, 3, 4, "thigh", today=TODAY))
        writer.join()
        other.close()
        assert [e.day.day for e in log.entries()] == [1, 2]


def test_a_foreign_database_is_named_at_once_while_its_program_is_writing(tmp_path):
    """Only a new, empty file is written to while opening: a foreign one is never locked."""
    path = tmp_path / "recipes.sqlite3"
    foreign(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other program is in the middle of a write
    try:
        with pytest.raises(TrackerError) as err:
            Tracker(path, today=TODAY)
        assert one_line(err) == f"{path} is a database but not a tracker log; left untouched"
    finally:
        other.execute("ROLLBACK")
        other.close()


class _Rows(list):
    """Rows already read, as a finished cursor gives them."""

    def fetchone(self):
        return self[0] if self else None


def test_a_log_another_program_creates_while_this_one_looks_at_the_file_opens(tmp_path):
    """Two notebooks opening a new log at once: the layout is read in one go, so neither
    sees the table without its version and calls the new log 'not a tracker log'."""
    path = tmp_path / "tracker.sqlite3"
    real_connect = sqlite3.connect

    class Racing(_ConnectionProxy):
        def execute(self, sql, *args):
            if sql.upper() != "PRAGMA USER_VERSION" or path.with_suffix(".raced").exists():
                return self.db.execute(sql, *args)
            path.with_suffix(".raced").touch()
            rows = self.db.execute(sql, *args).fetchall()  # read whole: the read is over
            other = real_connect(path, isolation_level=None, timeout=0)
            try:  # the other notebook makes the log now, if this one lets it
                other.execute("BEGIN IMMEDIATE")
                other.execute(SCHEMA[SCHEMA_VERSION].replace(";", ""))
                other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                other.execute("COMMIT")
            except sqlite3.OperationalError:  # this one is reading: it must wait
                pass
            finally:
                other.close()
            return _Rows(rows)

    def connect(*args, **kwargs):
        return Racing(real_connect(*args, **kwargs), "", None)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", connect)
        log = Tracker(path, today=TODAY)
    with log:
        log.add(entry(DAY0, 3, 4, "thigh", today=TODAY))
        assert log.version == SCHEMA_VERSION and len(log.entries()) == 1


def test_after_each_save_another_program_can_write_at_once(tmp_path):
    """No transaction is left open, so a second notebook is never locked out."""
    path = tmp_path / "tracker.sqlite3"
    csv_file = tmp_path / "log.csv"
    csv_file.write_text(HEADER + "2026-11-03,2,3,buttock,3,3,\n")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    with Tracker(path, today=TODAY) as log:
        steps = [
            lambda: log.add(entry(DAY0, 3, 4, "thigh", today=TODAY)),
            lambda: log.add_all(log_of([(3, 4, "thigh")], start=DAY0 + timedelta(days=1))),
            lambda: log.import_csv(csv_file),
            lambda: log.export_csv(tmp_path / "out.csv"),
        ]
        for step in steps:
            step()
            other.execute("BEGIN IMMEDIATE")
            (count,) = other.execute("SELECT count(*) FROM entry").fetchone()
            other.execute("ROLLBACK")
            assert count == len(log.entries())
        with pytest.raises(TrackerError):
            log.add(entry(DAY0, 3, 4, "thigh", today=TODAY))
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    other.close()
    assert count == 3


def test_a_foreign_database_made_just_before_the_new_log_is_left_untouched(tmp_path):
    """Another program makes its own database at the path the moment lowback is about to
    make a new log there: lowback looks again inside its write and leaves that file alone."""
    path = tmp_path / "tracker.sqlite3"
    real_connect = sqlite3.connect

    class Racing(_ConnectionProxy):
        def execute(self, sql, *args):
            if sql.upper() == "BEGIN IMMEDIATE" and not path.with_suffix(".raced").exists():
                path.with_suffix(".raced").touch()
                other = real_connect(path, isolation_level=None)  # between the first look
                other.execute("CREATE TABLE recipes (name TEXT)")  # at the file and the write
                other.close()
            return self.db.execute(sql, *args)

    def connect(*args, **kwargs):
        return Racing(real_connect(*args, **kwargs), "", None)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", connect)
        with pytest.raises(TrackerError) as err:
            Tracker(path, today=TODAY)
    assert one_line(err) == f"{path} is a database but not a tracker log; left untouched"
    with sqlite3.connect(path) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert tables == {"recipes"}
