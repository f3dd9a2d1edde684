"""The recovery log: one entry a day, kept in a local SQLite file that is never put at risk.

Where the log lives: ``$LOWBACK_DATA_DIR/tracker.sqlite3`` when that variable is set;
otherwise a per-user data folder (``$XDG_DATA_HOME/lowback`` or ``~/.local/share/lowback``
on Linux, ``~/Library/Application Support/lowback`` on macOS, ``%LOCALAPPDATA%\\lowback``
on Windows). Every write runs in its own transaction; the schema carries a version
(``PRAGMA user_version``) and older files are migrated after a backup copy is made. A file
that is not a tracker database is reported and left exactly as it is.
"""

import csv
import io
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path

from lowback._data import load

ENV_VAR = "LOWBACK_DATA_DIR"
FILE_NAME = "tracker.sqlite3"
SCHEMA_VERSION = 2
CSV_COLUMNS = (
    "date",
    "back_pain",
    "leg_pain",
    "reach",
    "exercises_done",
    "exercises_planned",
    "note",
)
_SQLITE_HEADER = b"SQLite format 3\x00"
_COLUMNS = ("day", *CSV_COLUMNS[1:])
_INSERT = f"INSERT INTO entry ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"

SCHEMA = {
    # Version 1 logged pain and reach only.
    1: """
        CREATE TABLE entry (
            day TEXT PRIMARY KEY,
            back_pain INTEGER NOT NULL CHECK (back_pain BETWEEN 0 AND 10),
            leg_pain INTEGER NOT NULL CHECK (leg_pain BETWEEN 0 AND 10),
            reach TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
    """,
    # Version 2 adds the exercises done against those planned.
    2: """
        CREATE TABLE entry (
            day TEXT PRIMARY KEY,
            back_pain INTEGER NOT NULL CHECK (back_pain BETWEEN 0 AND 10),
            leg_pain INTEGER NOT NULL CHECK (leg_pain BETWEEN 0 AND 10),
            reach TEXT NOT NULL,
            exercises_done INTEGER NOT NULL DEFAULT 0 CHECK (exercises_done >= 0),
            exercises_planned INTEGER NOT NULL DEFAULT 0 CHECK (exercises_planned >= 0),
            note TEXT NOT NULL DEFAULT ''
        );
    """,
}

MIGRATIONS = {
    # from version 1 to 2: entries logged before exercises were counted planned none
    1: """
        ALTER TABLE entry ADD COLUMN exercises_done INTEGER NOT NULL DEFAULT 0
            CHECK (exercises_done >= 0);
        ALTER TABLE entry ADD COLUMN exercises_planned INTEGER NOT NULL DEFAULT 0
            CHECK (exercises_planned >= 0);
    """,
}


class TrackerError(Exception):
    """A problem with the log or an entry, said in one line a learner can act on."""


def reach_levels() -> tuple[str, ...]:
    """How far down the leg symptoms can reach, from none to the foot."""
    return tuple(level["name"] for level in load("recovery")["reach"])


@dataclass(frozen=True)
class Entry:
    """One day of the log."""

    day: date
    back_pain: int
    leg_pain: int
    reach: str
    exercises_done: int = 0
    exercises_planned: int = 0
    note: str = ""

    @property
    def reach_level(self) -> int:
        """0 for no leg symptoms up to 4 for symptoms reaching the foot."""
        return reach_levels().index(self.reach)


def _whole(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise TrackerError(f"{field} must be a whole number from {low} to {high}; got {value!r}")
    return value


def _day(value: object) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise TrackerError(f"date must look like 2026-11-26; got {value!r}") from None


def entry(
    day: date | str,
    back_pain: int | str,
    leg_pain: int | str,
    reach: str,
    exercises_done: int | str = 0,
    exercises_planned: int | str = 0,
    note: str = "",
    *,
    today: date | None = None,
) -> Entry:
    """A checked entry: pain 0 to 10, a known reach, no future date; else TrackerError."""
    rules = load("recovery")
    pain, most = rules["pain"], rules["exercises"]["max_per_day"]
    when = _day(day)
    if when > (today or date.today()):
        raise TrackerError(f"{when.isoformat()} is in the future; log a day once it has happened")
    if reach not in reach_levels():
        raise TrackerError(f"reach must be one of {', '.join(reach_levels())}; got {reach!r}")
    note = str(note)
    if len(note) > rules["note"]["max_characters"]:
        raise TrackerError(f"note must be at most {rules['note']['max_characters']} characters")
    return Entry(
        when,
        _whole(back_pain, "back pain", pain["min"], pain["max"]),
        _whole(leg_pain, "leg pain", pain["min"], pain["max"]),
        reach,
        _whole(exercises_done, "exercises done", 0, most),
        _whole(exercises_planned, "exercises planned", 0, most),
        note,
    )


def data_dir() -> Path:
    """The folder for the learner's own log: $LOWBACK_DATA_DIR, else the platform's data dir."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        return Path(base or Path.home() / "AppData" / "Local") / "lowback"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "lowback"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "lowback"


def default_path() -> Path:
    """Where the learner's own log lives (see the module docstring)."""
    return data_dir() / FILE_NAME


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def _row(e: Entry) -> tuple:
    return (e.day.isoformat(), *astuple(e)[1:])


def _check_is_database(path: Path) -> None:
    """Refuse any existing file that is not an SQLite database, before SQLite touches it."""
    if not path.exists():
        return
    if not path.is_file():
        raise TrackerError(f"{path} is not a file")
    with path.open("rb") as f:
        head = f.read(len(_SQLITE_HEADER))
    if head and head != _SQLITE_HEADER:
        raise TrackerError(f"{path} is not a tracker database; it was left untouched")


class Tracker:
    """A recovery log in one SQLite file (or in memory with ``path=":memory:"``)."""

    def __init__(self, path: Path | str | None = None, *, today: date | None = None) -> None:
        path = default_path() if path is None else path
        self.path = path if path == ":memory:" else Path(path)
        self.today = today
        if isinstance(self.path, Path):
            _check_is_database(self.path)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise TrackerError(f"cannot make the folder {self.path.parent}: {err}") from None
        try:
            self._db = sqlite3.connect(str(self.path), isolation_level=None)
            self._db.execute("PRAGMA synchronous = FULL")
            self._open()
        except TrackerError:
            self.close()
            raise
        except sqlite3.DatabaseError as err:
            self.close()
            raise TrackerError(
                f"{self.path} cannot be read ({_one_line(err)}); it was left untouched"
            ) from None

    def _open(self) -> None:
        verdict = self._db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"damaged: {verdict}")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if version == 0 and not tables:
            with self.transaction():
                self._run(SCHEMA[SCHEMA_VERSION])
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version == 0 or "entry" not in tables:
            raise TrackerError(f"{self.path} is a database but not a tracker log; left untouched")
        elif version > SCHEMA_VERSION:
            raise TrackerError(f"{self.path} was made by a newer lowback; please update lowback")
        elif version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        if isinstance(self.path, Path):
            backup = self.path.with_name(f"{self.path.stem}.v{version}-backup{self.path.suffix}")
            if not backup.exists():
                with sqlite3.connect(backup) as copy:
                    self._db.backup(copy)
                copy.close()
        with self.transaction():
            for step in range(version, SCHEMA_VERSION):
                self._run(MIGRATIONS[step])
                self._db.execute(f"PRAGMA user_version = {step + 1}")

    def _run(self, script: str) -> None:
        """Run SQL statements one by one inside the caller's transaction."""
        for statement in script.split(";"):
            if statement.strip():
                self._db.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one transaction: all of it is saved, or none of it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @property
    def version(self) -> int:
        """The schema version of the open file."""
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def add(self, new: Entry) -> Entry:
        """Save one entry in its own transaction; a day already logged is refused."""
        self.add_all([new])
        return new

    def add_all(self, new: Iterable[Entry]) -> int:
        """Save several entries in one transaction: all of them, or none if any is refused."""
        new = list(new)
        today = self.today or date.today()
        seen: set[date] = set()
        for e in new:
            if e.day > today:
                raise TrackerError(f"{e.day.isoformat()} is in the future; nothing was saved")
            if e.day in seen or self.get(e.day) is not None:
                raise TrackerError(f"{e.day.isoformat()} is already in the log; nothing was saved")
            seen.add(e.day)
        try:
            with self.transaction() as db:
                db.executemany(_INSERT, map(_row, new))
        except sqlite3.DatabaseError as err:
            raise TrackerError(f"could not save ({_one_line(err)}); nothing was saved") from None
        return len(new)

    def get(self, day: date | str) -> Entry | None:
        """The entry for one day (a date or text like 2026-11-26), or None."""
        rows = self._select("WHERE day = ?", (_day(day).isoformat(),))
        return rows[0] if rows else None

    def entries(self) -> list[Entry]:
        """Every entry, oldest first."""
        return self._select("ORDER BY day", ())

    def _select(self, where: str, args: tuple) -> list[Entry]:
        cols = ", ".join(_COLUMNS)
        try:
            rows = self._db.execute(f"SELECT {cols} FROM entry {where}", args).fetchall()
        except sqlite3.DatabaseError as err:
            raise TrackerError(f"cannot read the log ({_one_line(err)})") from None
        return [Entry(date.fromisoformat(r[0]), *r[1:]) for r in rows]

    def export_csv(self, path: Path | str) -> Path:
        """Write every entry to a new CSV file; an existing file is never overwritten."""
        path = Path(path)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_row(e) for e in self.entries())
        try:
            with path.open("x", encoding="utf-8", newline="") as f:
                f.write(buffer.getvalue())
        except FileExistsError:
            raise TrackerError(f"{path} already exists; choose a new file name") from None
        return path

    def import_csv(self, path: Path | str) -> int:
        """Add every row of a CSV file made by ``export_csv``: all rows, or none if any is bad."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")  # a spreadsheet may add a BOM
        except (OSError, UnicodeDecodeError) as err:
            raise TrackerError(
                f"{path} cannot be read as text ({err.__class__.__name__})"
            ) from None
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or tuple(rows[0]) != CSV_COLUMNS:
            raise TrackerError(f"{path} must start with the header {','.join(CSV_COLUMNS)}")
        parsed = []
        for number, row in enumerate(rows[1:], start=2):
            try:
                if len(row) != len(CSV_COLUMNS):
                    raise TrackerError(f"expected {len(CSV_COLUMNS)} columns, found {len(row)}")
                parsed.append(entry(*row, today=self.today))
            except TrackerError as err:
                raise TrackerError(
                    f"{path.name} line {number}: {err}; nothing was imported"
                ) from None
        try:
            return self.add_all(parsed)
        except TrackerError as err:
            raise TrackerError(f"{path.name}: {err}") from None

    def close(self) -> None:
        """Close the file (safe to call twice)."""
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
            self._db = None

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Tracker({str(self.path)!r})"
