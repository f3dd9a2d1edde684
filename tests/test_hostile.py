"""Hostile input (issue 13): odd, huge or malicious input gets one line of explanation, and
learner files stay private, whole and where the learner put them."""

import csv
import json
import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date

import pytest

from lowback.cli import main
from lowback.files import STALE_SECONDS, write_atomic
from lowback.handout import placeholder_figure, preview, to_pdf, write_handout
from lowback.routine import EXAMPLE, RoutineError, example, item, load_routine, routine, save
from lowback.tracker import ENV_VAR, Entry, Tracker, TrackerError, default_path, entry

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """No test may reach the learner's real log."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))
    return tmp_path / "data"


def one_line(err: pytest.ExceptionInfo) -> str:
    message = str(err.value)
    assert message and "\n" not in message and len(message) < 400, message
    return message


def cli(capsys, *argv) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as stop:  # argparse's own errors
        status = stop.code
    out, err = capsys.readouterr()
    return status, out, err


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- 1. CSV formula injection ---------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x.test","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
FORMULAS += ["\tTAB", "\rCR", "'quoted already", "plain words"]


def test_exported_notes_never_start_a_spreadsheet_formula_and_import_back_unchanged(tmp_path):
    with Tracker(tmp_path / "a.sqlite3", today=TODAY) as log:
        for n, note in enumerate(FORMULAS, 1):
            log.add(entry(date(2026, 11, n), 3, 2, "thigh", note=note, today=TODAY))
        log.export_csv(tmp_path / "log.csv")
        before = log.entries()
    with (tmp_path / "log.csv").open(newline="", encoding="utf-8") as f:
        cells = [c for row in list(csv.reader(f))[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c.startswith("-")]
    with Tracker(tmp_path / "b.sqlite3", today=TODAY) as copy:
        assert copy.import_csv(tmp_path / "log.csv") == len(FORMULAS)
        assert copy.entries() == before


# --- 2. PDF text is never maths -------------------------------------------------------------


def test_pdf_text_with_dollars_is_printed_as_given():
    plan = routine([item(4)], "costs $5 or $6", r"Sam $\foo$ and $x^2$")
    from io import BytesIO

    from pypdf import PdfReader

    assert "Name: costs $5 or $6" in preview(plan, 1, placeholder_figure)._repr_html_()
    (first,) = PdfReader(BytesIO(to_pdf(plan, placeholder_figure))).pages[:1]
    assert "Name: costs $5 or $6" in first.extract_text()  # the glyphs themselves, not maths


def test_cli_pdf_with_a_broken_maths_name_is_written(tmp_path, capsys):
    out = tmp_path / "s.pdf"
    status, _out, err = cli(capsys, "handout", "--exercises", "2", "--name", r"Sam $\foo$",
                            "--out", str(out))  # fmt: skip
    assert status == 0, err
    assert out.read_bytes().startswith(b"%PDF")


def test_routine_builder_pdf_button_works_with_a_maths_name(tmp_path):
    from lowback.widgets.builder import routine_builder

    builder = routine_builder(example(), folder=tmp_path)
    builder.name.value = r"Sam $\foo$"
    assert builder.write(".pdf") == tmp_path / "my_routine.pdf"
    assert "Saved" in builder.message.value


# --- 4. permissions and symlinks ------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_new_learner_files_are_private(tmp_path):
    save(example(), tmp_path / "r.json")
    write_handout(example(), tmp_path / "h.html", placeholder_figure)
    with Tracker(tmp_path / "data" / "log.sqlite3", today=TODAY) as log:
        log.add(entry(TODAY, 1, 1, "none", today=TODAY))
        log.export_csv(tmp_path / "log.csv")
    for name in ("r.json", "h.html", "data/log.sqlite3", "log.csv"):
        assert mode(tmp_path / name) == 0o600, name
    assert mode(tmp_path / "data") == 0o700


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_overwriting_keeps_the_files_own_mode(tmp_path):
    for kept in (0o600, 0o644):
        path = tmp_path / f"r{kept:o}.json"
        path.write_text("old")
        path.chmod(kept)
        save(example(), path)
        assert mode(path) == kept and load_routine(path) == example()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_saving_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "routine.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    save(example(), link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert load_routine(target) == example()


# --- 5. routine files are bounded -----------------------------------------------------------


def test_dev_zero_is_refused_after_reading_just_past_the_size_limit(monkeypatch):
    """An endless file is refused without being read whole (counted in bytes, not seconds)."""
    from pathlib import Path

    from lowback.routine import MAX_FILE_BYTES

    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    given, real_open = [], Path.open

    class Counting:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def read(self, size=-1):  # a whole read is cut at 1 MB so a regression fails, not hangs
            size = 1 << 20 if size is None or size < 0 else min(size, 1 << 20)
            data = self.f.read(size)
            given.append(len(data))
            return data

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Counting(real_open(self, *a, **k)))
    with pytest.raises(RoutineError, match="too big") as err:
        load_routine("/dev/zero")
    one_line(err)
    assert 0 < sum(given) <= MAX_FILE_BYTES + 1


def write_json(tmp_path, text: str, name="r.json"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


HOSTILE_FILES = {
    "huge": ('{"x": "' + "a" * 100_000 + '"}', "too big"),
    "200000 items": (
        json.dumps({**EXAMPLE, "items": [{"exercise": 4}] * 200_000}),
        "too big",
    ),
    "13 items": (json.dumps({**EXAMPLE, "items": [{"exercise": 4}] * 13}), "at most 12"),
    "deep nesting": ("[" * 2000 + "]" * 2000, "nested too deeply"),
    "deep in a field": (
        json.dumps({**EXAMPLE, "name": 1})[:-1] + ', "x": ' + "[" * 50 + "]" * 50 + "}",
        "nested too deeply",
    ),
    "5000 digits": ('{"version": ' + "9" * 5000 + "}", "digits"),
    "version true": (json.dumps({**EXAMPLE, "version": True}), "version True"),
    "version 1.0": (json.dumps({**EXAMPLE, "version": 1.0}), "version 1.0"),
    "duplicate keys": (json.dumps(EXAMPLE)[:-1] + ', "name": "again"}', "given twice"),
    "NaN": (json.dumps({**EXAMPLE, "items": [{"exercise": 4, "reps": float("nan")}]}), "NaN"),
    "superscript exercise": (
        json.dumps({**EXAMPLE, "items": [{"exercise": "²"}]}),
        "no exercise number",
    ),
    "digits as text": (
        json.dumps({**EXAMPLE, "items": [{"exercise": "9" * 5000}]}),
        "no exercise number",
    ),
    "not UTF-8": (b'{"name": "\xff"}', "not UTF-8"),
    "lone surrogate": (json.dumps({**EXAMPLE, "name": "\ud800"}), "cannot be saved"),
}


@pytest.mark.parametrize("case", HOSTILE_FILES, ids=list(HOSTILE_FILES))
def test_a_hostile_routine_file_is_one_line_of_explanation(tmp_path, case):
    text, says = HOSTILE_FILES[case]
    with pytest.raises(RoutineError, match=says) as err:
        load_routine(write_json(tmp_path, text))
    one_line(err)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = write_json(tmp_path, b"\xef\xbb\xbf" + json.dumps(EXAMPLE).encode("utf-8"))
    assert load_routine(path) == example()


def test_200000_copies_of_one_exercise_are_refused_naming_it():
    # No wall-clock assert here (issue 17): a check that grew with the square of the items
    # would not return at all at this size.
    with pytest.raises(RoutineError) as err:
        routine([item(4)] * 200_000)
    assert one_line(err) == "exercise 4 is in the routine twice; keep it once"


# --- 6. text that cannot be encoded ---------------------------------------------------------


def test_a_name_from_invalid_utf8_arguments_is_refused_in_one_line(tmp_path):
    bad = os.fsdecode(b"Sam \xff\xfe")  # what Python makes of invalid UTF-8 in argv
    for args in (
        ["plan", "--exercises", "4", "--name", bad, "--save", "x.json"],
        ["handout", "--exercises", "4", "--note", bad, "--out", "x.html"],
        ["handout", "--exercises", "4", "--name", bad, "--out", "x.pdf"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "lowback", *args], cwd=tmp_path, capture_output=True
        )
        assert done.returncode == 1, done.stderr
        assert b"cannot be saved" in done.stderr and done.stderr.count(b"\n") == 1
    assert not list(tmp_path.iterdir())


def test_an_output_name_from_invalid_utf8_is_written_and_reported(tmp_path):
    name = b"plan-\xff.json"
    done = subprocess.run(
        [sys.executable, "-m", "lowback", "plan", "--exercises", "4", "--save", name],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    assert (os.fsencode(tmp_path) + b"/" + name) in [os.fsencode(p) for p in tmp_path.iterdir()]


# --- 7. the recovery log --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"back_pain": 5.5}, "back pain must be a whole number"),
        ({"leg_pain": True}, "leg pain must be a whole number"),
        ({"reach": "the moon"}, "reach must be one of"),
        ({"exercises_done": -1}, "exercises done"),
        ({"note": "x" * 10_000}, "note must be at most"),
        ({"note": "\ud800"}, "cannot be saved"),
        ({"day": "yesterday"}, "date must look like"),
    ],
)
def test_add_checks_an_entry_made_by_hand(tmp_path, change, says):
    good = entry(TODAY, 3, 2, "thigh", today=TODAY)
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        with pytest.raises(TrackerError, match=says) as err:
            log.add(replace(good, **change))
        one_line(err)
        assert log.entries() == []
        log.add(good)
        assert log.entries() == [good]


def test_add_refuses_what_is_not_an_entry(tmp_path):
    with Tracker(":memory:", today=TODAY) as log, pytest.raises(TrackerError, match="Entry"):
        log.add(("2026-11-26", 3, 2, "thigh"))


@pytest.mark.parametrize("value", ["--5", "²", "٣", "9" * 5000, " 5 5", "+-5", "0x5"])
def test_odd_numbers_get_the_logs_own_error(value):
    with pytest.raises(TrackerError, match="whole number from 0 to 10") as err:
        entry(TODAY, value, 2, "thigh", today=TODAY)
    one_line(err)


def test_a_long_date_gets_the_logs_own_error():
    with pytest.raises(TrackerError, match="date must look like") as err:
        entry("2" * 5000, 1, 1, "thigh", today=TODAY)
    one_line(err)


HEADER = "date,back_pain,leg_pain,reach,exercises_done,exercises_planned,note\n"
BAD_CSV = {
    "double minus": (HEADER + "2026-11-01,--5,2,thigh,0,0,\n", "line 2: back pain"),
    "superscript": (HEADER + "2026-11-01,²,2,thigh,0,0,\n", "line 2: back pain"),
    "5000 digits": (HEADER + f"2026-11-01,{'9' * 5000},2,thigh,0,0,\n", "line 2: back pain"),
    "200 KB field": (HEADER + '2026-11-01,1,2,thigh,0,0,"' + "x" * 200_000 + '"\n', "line 2"),
    "bad quoting": (HEADER + '2026-11-01,1,2,thigh,0,0,"a"b\n' + "\0" * 3, "line"),
    "empty file": ("", "must start with the header"),
}


@pytest.mark.parametrize("case", BAD_CSV, ids=list(BAD_CSV))
def test_a_bad_csv_gets_the_logs_own_error_and_imports_nothing(tmp_path, case):
    text, says = BAD_CSV[case]
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        with pytest.raises(TrackerError, match=says) as err:
            log.import_csv(path)
        one_line(err)
        assert log.entries() == []


def _open_new_log(path, barrier, results):
    try:
        barrier.wait()
        with Tracker(path, today=TODAY) as log:
            log.entries()
        results.put("ok")
    except Exception as err:  # report, so the parent shows what went wrong
        results.put(f"{type(err).__name__}: {err}")


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method")
def test_four_processes_creating_a_new_log_at_once_all_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(8):
        path = tmp_path / f"log{round_}.sqlite3"
        barrier, results = ctx.Barrier(4), ctx.Queue()
        workers = [ctx.Process(target=_open_new_log, args=(path, barrier, results)) for _ in "abcd"]
        for p in workers:
            p.start()
        outcomes = [results.get(timeout=60) for _ in workers]
        for p in workers:
            p.join()
        assert outcomes == ["ok"] * 4, outcomes
        with Tracker(path, today=TODAY) as log:
            assert log.version == 2


def test_a_negative_schema_version_is_refused_without_a_backup(tmp_path):
    path = tmp_path / "log.sqlite3"
    Tracker(path, today=TODAY).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = -1")
    db.close()
    before = path.read_bytes()
    with pytest.raises(TrackerError, match="unknown schema version") as err:
        Tracker(path, today=TODAY)
    one_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.sqlite3"]
    assert path.read_bytes() == before


def test_a_row_with_a_bad_date_is_a_clear_error(tmp_path):
    path = tmp_path / "log.sqlite3"
    Tracker(path, today=TODAY).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO entry (day, back_pain, leg_pain, reach) VALUES ('soon', 1, 1, 'thigh')"
        )
    db.close()
    with Tracker(path, today=TODAY) as log, pytest.raises(TrackerError, match="bad date") as err:
        log.entries()
    one_line(err)


def test_an_old_log_with_a_bad_date_is_not_migrated_or_backed_up(tmp_path):
    from lowback.tracker import SCHEMA

    path = tmp_path / "log.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA[1])
        db.execute("INSERT INTO entry VALUES ('2026-13-45', 1, 1, 'thigh', '')")
        db.execute("PRAGMA user_version = 1")
    db.close()
    with pytest.raises(TrackerError, match="bad date") as err:
        Tracker(path, today=TODAY)
    one_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.sqlite3"]


def test_an_unknown_user_in_the_data_dir_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "~nosuchuser-lowback/x")
    with pytest.raises(TrackerError, match=ENV_VAR) as err:
        default_path()
    one_line(err)


def test_sqlite_full_disk_says_disk_full(tmp_path, monkeypatch):
    """SQLite's own error on a full disk, not 'cannot rollback - no transaction is active'."""
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        log.add(entry(date(2026, 11, 1), 1, 1, "none", today=TODAY))
        log._db.execute("PRAGMA max_page_count = 2")  # the file may not grow: like a full disk
        notes = [
            entry(date(2026, 11, d), 1, 1, "none", note="x" * 400, today=TODAY)
            for d in range(2, 26)
        ]
        with pytest.raises(TrackerError, match="disk full") as err:
            log.add_all(notes)
        assert "rollback" not in one_line(err)
        assert len(log.entries()) == 1


# --- 8. the CSV export ----------------------------------------------------------------------


def test_export_to_a_missing_folder_is_one_line(tmp_path):
    with Tracker(":memory:", today=TODAY) as log:
        with pytest.raises(TrackerError, match="cannot write") as err:
            log.export_csv(tmp_path / "nowhere" / "log.csv")
        one_line(err)


def test_export_never_replaces_a_file_or_a_link(tmp_path):
    (tmp_path / "old.csv").write_text("mine")
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "gone.csv")
    with Tracker(":memory:", today=TODAY) as log:
        for name in ("old.csv", "dangling.csv"):
            with pytest.raises(TrackerError, match="already exists"):
                log.export_csv(tmp_path / name)
    assert (tmp_path / "old.csv").read_text() == "mine"
    assert not (tmp_path / "gone.csv").exists()


def test_export_is_atomic(tmp_path, monkeypatch):
    """A failure while writing leaves no file behind, so the retry is not refused."""
    import lowback.files

    def broken_fsync(_fd):
        raise OSError(28, "No space left on device")

    with Tracker(":memory:", today=TODAY) as log:
        log.add(entry(TODAY, 1, 1, "none", today=TODAY))
        monkeypatch.setattr(lowback.files.os, "fsync", broken_fsync)
        with pytest.raises(TrackerError, match="disk full") as err:
            log.export_csv(tmp_path / "log.csv")
        one_line(err)
        assert list(tmp_path.iterdir()) == []
        monkeypatch.undo()
        log.export_csv(tmp_path / "log.csv")
    assert (tmp_path / "log.csv").read_text().count("\n") == 2


# --- 9. smaller tracebacks ------------------------------------------------------------------


def test_a_300_character_output_path_is_one_line(tmp_path, capsys):
    status, _out, err = cli(capsys, "handout", "--exercises", "4", "--out", "a" * 300 + ".pdf")
    assert status == 1 and "file name too long" in err and err.count("\n") == 1


@pytest.mark.parametrize("which", ["²", "9" * 5000, "٣"])
def test_odd_exercise_numbers_are_one_line(capsys, which):
    status, _out, err = cli(capsys, "plan", "--exercises", which)
    assert status == 1 and "no exercise number" in err and err.count("\n") == 1
    assert len(err) < 200 and "int()" not in err


def test_a_5000_digit_dosage_is_one_short_line(capsys):
    status, _out, err = cli(capsys, "plan", "--exercises", "4", "--reps", "9" * 5000)
    assert status == 2 and "expected a whole number" in err and len(err) < 200


def test_save_with_a_legal_250_character_name(tmp_path, capsys):
    path = tmp_path / ("b" * 245 + ".json")
    status, out, err = cli(capsys, "plan", "--exercises", "4", "--save", str(path))
    assert status == 0, err
    assert load_routine(path).exercises[0].number == 4


def test_stale_temp_files_are_cleaned_on_the_next_write(tmp_path):
    target = tmp_path / "plan.json"
    stale = tmp_path / ".plan.json.abc123.tmp"
    fresh = tmp_path / ".plan.json.def456.tmp"  # perhaps another write under way: kept
    other = tmp_path / ".other.json.abc123.tmp"  # another file's: kept
    for p in (stale, fresh, other):
        p.write_text("half")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(target, b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, fresh.name, other.name]
    )


def test_a_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    import lowback.files

    monkeypatch.setattr(
        lowback.files.os, "replace", lambda *_a: (_ for _ in ()).throw(OSError(5, "I/O error"))
    )
    with pytest.raises(OSError):
        write_atomic(tmp_path / "x.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_the_widget_form_entry_with_an_entry_check_keeps_the_api(tmp_path):
    """Tracker.add still takes an Entry and returns it (lowback.direction relies on it)."""
    new = Entry(TODAY, 1, 2, "thigh")
    with Tracker(tmp_path / "log.sqlite3", today=TODAY) as log:
        assert log.add(new) == new and log.get(TODAY) == new


def test_a_pdf_note_with_a_byte_order_mark_is_written(tmp_path):
    """Found by the property tests: matplotlib's PDF writer failed on U+FEFF."""
    path = write_handout(
        routine([item(4)], "Sam", "x\ufeff"), tmp_path / "p.pdf", placeholder_figure
    )
    assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--routine", "\x00"],
        ["plan", "--exercises", "4", "--save", "r\x00.json"],
        ["handout", "--exercises", "4", "--out", "p\x00.pdf"],
    ],
)
def test_a_file_name_with_a_null_character_is_one_line(tmp_path, capsys, args, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _out, err = cli(capsys, *args)
    assert status == 2 and "null character" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_loading_a_routine_named_with_a_null_character_is_a_routine_error():
    with pytest.raises(RoutineError, match="not a usable file name"):
        load_routine("r\x00.json")


@pytest.mark.parametrize("option", ["--routine", "--save"])
def test_an_empty_file_name_is_one_line(capsys, option):
    args = (
        ["plan", "--routine", ""]
        if option == "--routine"
        else ["plan", "--exercises", "4", "--save", ""]
    )
    status, _out, err = cli(capsys, *args)
    assert status == 2 and "cannot be empty" in err and err.count("\n") == 1
