"""A full disk (a tiny tmpfs): the old file is kept whole and the message says "disk full".

Mounting needs root on Linux; elsewhere these tests are skipped with the reason.
"""

import os
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

from lowback.handout import placeholder_figure, write_handout
from lowback.routine import example, item, routine, save
from lowback.tracker import Tracker, TrackerError, entry

TODAY = date(2026, 11, 26)
SIZE = "96k"


def _mount(folder: Path) -> str | None:
    """Mount a tiny tmpfs on ``folder``; the reason it could not be done, or None."""
    if not sys.platform.startswith("linux"):
        return "tmpfs is Linux only"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}"
    return None


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a 96 KB file system, unmounted again whatever the test does."""
    folder = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    why = _mount(folder)
    if why:
        pytest.skip(why)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Take every free byte, so the next write fails with ENOSPC."""
    for name, chunk in (("filler", 4096), ("filler2", 64)):
        with (folder / name).open("wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * chunk)
            except OSError:
                pass


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_routine_save_on_a_full_disk_keeps_the_old_file(small_disk, capsys):
    from lowback.cli import main

    path = small_disk / "r.json"
    save(routine([item(4)]), path)
    old = path.read_bytes()
    fill(small_disk)
    with pytest.raises(OSError):
        save(example(), path)
    assert path.read_bytes() == old and leftovers(small_disk) == []
    status = main(["plan", "--exercises", "4,8,11", "--name", "x" * 80, "--save", str(path)])
    assert status == 1 and "disk full" in capsys.readouterr().err
    assert path.read_bytes() == old and leftovers(small_disk) == []


def test_handout_on_a_full_disk_keeps_the_old_file(small_disk, capsys):
    from lowback.cli import main

    path = small_disk / "plan.html"
    path.write_text("old sheet")
    fill(small_disk)
    status = main(["handout", "--exercises", "4,8", "--out", str(path)])
    err = capsys.readouterr().err
    assert status == 1 and "disk full" in err and err.count("\n") == 1, err
    assert path.read_text() == "old sheet" and leftovers(small_disk) == []
    with pytest.raises(OSError):
        write_handout(example(), path, placeholder_figure)
    assert path.read_text() == "old sheet"


def test_log_write_on_a_full_disk_says_disk_full_and_keeps_the_entries(small_disk):
    path = small_disk / "log.sqlite3"
    with Tracker(path, today=TODAY) as log:
        log.add(entry(date(2026, 1, 1), 3, 2, "thigh", today=TODAY))
    fill(small_disk)
    many = [
        entry(date(2026, 1, 2) + timedelta(days=n), 3, 2, "thigh", note="x" * 500, today=TODAY)
        for n in range(300)
    ]
    with pytest.raises(TrackerError, match="disk full") as err:
        with Tracker(path, today=TODAY) as log:
            log.add_all(many)
    assert "rollback" not in str(err.value)
    (small_disk / "filler").unlink()
    with Tracker(path, today=TODAY) as log:
        assert [e.day for e in log.entries()] == [date(2026, 1, 1)]


def test_csv_export_on_a_full_disk_leaves_nothing_and_the_retry_works(small_disk):
    path = small_disk / "log.csv"
    with Tracker(":memory:", today=TODAY) as log:
        log.add_all(
            entry(date(2026, 1, 1) + timedelta(days=n), 3, 2, "thigh", note="y" * 300, today=TODAY)
            for n in range(100)
        )
        fill(small_disk)
        with pytest.raises(TrackerError, match="disk full") as err:
            log.export_csv(path)
        assert "\n" not in str(err.value)
        assert not path.exists() and leftovers(small_disk) == []
        (small_disk / "filler").unlink()
        (small_disk / "filler2").unlink(missing_ok=True)
        log.export_csv(path)  # not refused as "already exists": nothing was left behind
    assert path.read_text().count("\n") == 101
