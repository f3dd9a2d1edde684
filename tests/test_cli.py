"""The command line as an instructor uses it: good commands work, bad ones say why in one line."""

import json
import subprocess
import sys

import pytest

from lowback import exercise
from lowback.routine import EXAMPLE


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "lowback", *args], cwd=cwd, capture_output=True, text=True
    )


def test_list_shows_all_twelve_exercises_with_their_ranges(tmp_path):
    done = run("list", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    hold = exercise("Prone press").hold
    assert "12  Cobra" in done.stdout and f"{hold.min}-{hold.max}" in done.stdout


def test_help_explains_each_command(tmp_path):
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert all(word in done.stdout for word in ("list", "plan", "handout", "examples:"))
    handout = run("handout", "--help", cwd=tmp_path).stdout
    assert all(opt in handout for opt in ("--exercises", "--routine", "--reps", "--out"))


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_handout_from_exercise_numbers(tmp_path, suffix):
    out = tmp_path / f"plan{suffix}"
    done = run(
        "handout",
        "--exercises",
        "4,8,11",
        "--reps",
        "10",
        "--hold",
        "5",
        "--out",
        out.name,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    head = out.read_bytes()[:15]
    assert head.startswith(b"%PDF") if suffix == ".pdf" else head.startswith(b"<!DOCTYPE html>")


def test_a_dosage_of_zero_is_used_not_replaced_by_the_default(tmp_path):
    done = run("plan", "--exercises", "4", "--rest", "0", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "0 s rest between sets" in done.stdout


def test_plan_saved_then_printed_from_the_routine_file(tmp_path):
    assert run("plan", "--exercises", "11,4", "--save", "my.json", cwd=tmp_path).returncode == 0
    done = run(
        "handout",
        "--routine",
        "my.json",
        "--name",
        "Tuesday class",
        "--out",
        "p.html",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Tuesday class" in page and page.index("Lying down pelvic tilt") < page.index(
        "Prone press"
    )


BAD = {
    "unknown exercise": (["--exercises", "4,13"], "no exercise number 13"),
    "not a number list": (["--exercises", "4,,8"], "separated by commas"),
    "reps out of one exercise's range": (
        ["--exercises", "4,8", "--reps", "15"],
        "exercise 8: reps must be from 1 to 10 for Knees to chest",
    ),
    "hold out of range": (["--exercises", "11", "--hold", "3"], "from 5 to 120 seconds"),
    "times a week out of range": (["--exercises", "4", "--per-week", "9"], "from 1 to 7"),
    "zero reps": (["--exercises", "4", "--reps", "0"], "reps must be from 1 to"),
    "reps not a number": (["--exercises", "4", "--reps", "ten"], "expected a whole number"),
    "no exercises given": ([], "--exercises --routine is required"),
    "wrong output type": (["--exercises", "4", "--out", "plan.docx"], ".html, .pdf or .ics"),
    "output folder missing": (
        ["--exercises", "4", "--out", "nowhere/plan.pdf"],
        "not an existing folder",
    ),
    "output is a folder": (["--exercises", "4", "--out", "old.pdf"], "is a folder"),
    "routine file missing": (["--routine", "gone.json"], "no such file"),
    "routine file broken": (["--routine", "broken.json"], "not valid JSON"),
    "routine file of another kind": (["--routine", "other.json"], "not a routine file"),
    "paper not offered": (["--exercises", "4", "--paper", "A5"], "invalid choice: 'A5'"),
    "paper for a calendar": (
        ["--exercises", "4", "--paper", "A4", "--out", "plan.ics"],
        "--paper only works with a handout",
    ),
    "routine plus dosage": (
        ["--routine", "good.json", "--reps", "3"],
        "only work with --exercises",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_gives_one_line_and_a_failing_exit(tmp_path, case):
    (tmp_path / "broken.json").write_text('{"schema": "lowback-routine", ')
    (tmp_path / "other.json").write_text(json.dumps({**EXAMPLE, "schema": "shopping-list"}))
    (tmp_path / "good.json").write_text(json.dumps(EXAMPLE))
    (tmp_path / "old.pdf").mkdir()
    args, message = BAD[case]
    if "--out" not in args:
        args = [*args, "--out", "plan.pdf"]
    done = run("handout", *args, cwd=tmp_path)
    assert done.returncode != 0
    assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "plan.pdf").exists() and not (tmp_path / "plan.ics").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc, never writable")
def test_unwritable_output_path_is_an_error_not_a_traceback(tmp_path):
    done = run("handout", "--exercises", "4", "--out", "/proc/plan.pdf", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("lowback: error: cannot write")
    assert done.stderr.count("\n") == 1


def test_existing_handout_is_replaced_whole(tmp_path):
    out = tmp_path / "plan.html"
    out.write_text("old sheet")
    assert run("handout", "--exercises", "2", "--out", "plan.html", cwd=tmp_path).returncode == 0
    assert "Brace your abs" in out.read_text(encoding="utf-8")
    assert run("handout", "--exercises", "99", "--out", "plan.html", cwd=tmp_path).returncode == 1
    assert "Brace your abs" in out.read_text(encoding="utf-8"), "a failed run leaves it alone"
