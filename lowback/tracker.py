"""The recovery log: one entry a day, kept in a local SQLite file that is never put at risk.

Where the log lives: ``$LOWBACK_DATA_DIR/tracker.sqlite3`` when that variable is set;
otherwise a per-user data folder (``$XDG_DATA_HOME/lowback`` or ``~/.local/share/lowback``
on Linux, ``~/Library/Application Support/lowback`` on macOS, ``%LOCALAPPDATA%\\lowback``
on Windows). Every write runs in its own transaction; the schema carries a version
(``PRAGMA user_version``) and older files are migrated after a backup copy is made. A file
that is not a tracker database is reported and left exactly as it is.

The log, its backups and CSV exports are created private to their owner (mode 0600), in a
folder made 0700; a CSV export never replaces a file and is written whole or not at all
(:func:`lowback.files.write_atomic`). In an export, a note that a spreadsheet would run as a
formula (starting with ``= + - @``, a tab or a carriage return) is stored with a leading
``'``, as OWASP advises; :meth:`Tracker.import_csv` takes it off again, so nothing is lost.
"""

import csv
import io
import os
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from datetime import date, datetime
from pathlib import Path

from lowback._data import load
from lowback.files import NEW_FILE_MODE, reason, write_atomic

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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
"""A CSV cell starting with one of these gets a leading ' (the last so "'" round-trips)."""
_WHOLE = re.compile(r"-?[0-9]{1,6}")
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


def _short(value: object, most: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= most else text[: most - 3] + "..."


def _whole(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise TrackerError(
            f"{field} must be a whole number from {low} to {high}; got {_short(value)}"
        )
    return value


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())  # its forms are all 10 characters or fewer
    except ValueError:
        raise TrackerError(f"date must look like 2026-11-26; got {_short(value)}") from None


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
    if not isinstance(reach, str) or reach not in reach_levels():
        raise TrackerError(f"reach must be one of {', '.join(reach_levels())}; got {_short(reach)}")
    note = str(note)
    if len(note) > rules["note"]["max_characters"]:
        raise TrackerError(f"note must be at most {rules['note']['max_characters']} characters")
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise TrackerError("note has characters that cannot be saved; retype it") from None
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
    try:
        return _data_dir()
    except RuntimeError as err:  # "~nouser/x", or no home folder at all
        where = f"{ENV_VAR}={os.environ[ENV_VAR]!r}" if os.environ.get(ENV_VAR) else "home"
        raise TrackerError(
            f"cannot find the folder for the log ({where}: {_one_line(err)}); "
            f"set {ENV_VAR} to a folder"
        ) from None


def _data_dir() -> Path:
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


def _why(err: Exception) -> str:
    """What SQLite or the system said, in a few words; a full disk says "disk full"."""
    if isinstance(err, OSError):
        return reason(err)
    code = getattr(err, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in str(err):  # SQLITE_FULL: Python 3.11+
        return "disk full"
    return _one_line(err)


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it already exists."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE))
    except FileExistsError:
        pass


def _from_row(row: tuple) -> Entry:
    """An entry read back from the file, checked: a damaged row is named, not a traceback."""
    day, back, leg, reach, done, planned, note = row
    try:
        when = date.fromisoformat(day) if isinstance(day, str) and len(day) == 10 else None
    except ValueError:
        when = None
    if when is None:
        raise TrackerError(f"the log has an entry with a bad date {_short(day)}")
    numbers = (back, leg, done, planned)
    if any(isinstance(n, bool) or not isinstance(n, int) for n in numbers) or (
        reach not in reach_levels() or not isinstance(note, str)
    ):
        raise TrackerError(f"the log's entry for {day} is damaged")
    return Entry(when, back, leg, reach, done, planned, note)


def _cell(text: str) -> str:
    """A text cell made safe for a spreadsheet (OWASP CSV injection guidance)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _uncell(text: str) -> str:
    """The text :func:`_cell` was given."""
    return text[1:] if text.startswith("'") else text


def _csv_row(e: Entry) -> tuple:
    return (*_row(e)[:-1], _cell(e.note))


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
            try:
                _check_is_database(self.path)
            except OSError as err:
                raise TrackerError(f"cannot read {self.path}: {_why(err)}") from None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as err:
                raise TrackerError(
                    f"cannot make the folder {self.path.parent}: {_why(err)}"
                ) from None
            try:
                _create_private(self.path)
            except OSError as err:
                raise TrackerError(f"cannot create {self.path}: {_why(err)}") from None
        try:
            self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            self._db.execute("PRAGMA synchronous = FULL")
            self._open()
        except TrackerError:
            self.close()
            raise
        except sqlite3.DatabaseError as err:
            self.close()
            if _why(err) == "disk full":
                raise TrackerError(f"cannot open {self.path}: disk full") from None
            raise TrackerError(
                f"{self.path} cannot be read ({_one_line(err)}); it was left untouched"
            ) from None

    def _open(self) -> None:
        verdict = self._db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"damaged: {verdict}")
        version, tables = self._layout()
        if version == 0 and not tables:
            with self.transaction():
                version, tables = self._layout()  # another process may have just made it
                if version == 0 and not tables:
                    self._run(SCHEMA[SCHEMA_VERSION])
                    self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    return
        if version == 0 or "entry" not in tables:
            raise TrackerError(f"{self.path} is a database but not a tracker log; left untouched")
        if version > SCHEMA_VERSION:
            raise TrackerError(f"{self.path} was made by a newer lowback; please update lowback")
        if version < 1:
            raise TrackerError(
                f"{self.path} has an unknown schema version ({version}); it was left untouched"
            )
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _layout(self) -> tuple[int, set[str]]:
        # One read transaction, so the version and the tables come from the same moment: read
        # apart, another process creating the log in between left a new log looking foreign.
        own = not self._db.in_transaction
        if own:
            self._db.execute("BEGIN")
        try:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        finally:
            if own:
                self._db.execute("COMMIT")
        return version, tables

    def _migrate(self, version: int) -> None:
        for (day,) in self._db.execute("SELECT day FROM entry"):  # refuse before any backup
            _from_row((day, 0, 0, reach_levels()[0], 0, 0, ""))
        if isinstance(self.path, Path):
            backup = self.path.with_name(f"{self.path.stem}.v{version}-backup{self.path.suffix}")
            if not backup.exists():
                _create_private(backup)
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
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # SQLite may already have rolled back (disk full)
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

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
        today = self.today or date.today()
        new = [self._checked(e, today) for e in new]
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
            raise TrackerError(f"could not save ({_why(err)}); nothing was saved") from None
        return len(new)

    @staticmethod
    def _checked(e: object, today: date) -> Entry:
        """The entry as :func:`entry` would make it; anything else is refused, not saved."""
        if not isinstance(e, Entry):
            raise TrackerError(f"expected an Entry, got {type(e).__name__}; nothing was saved")
        if not isinstance(e.note, str):
            raise TrackerError("note must be text; nothing was saved")
        try:
            fields = astuple(e)
            return entry(*fields, today=max(today, _day(e.day)))  # the future: checked below
        except TrackerError as err:
            raise TrackerError(f"{err}; nothing was saved") from None

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
        return [_from_row(r) for r in rows]

    def export_csv(self, path: Path | str) -> Path:
        """Write every entry to a new CSV file; an existing file is never overwritten.

        The file is written whole or not at all, created private (0600); a note a
        spreadsheet would run as a formula gets a leading ``'`` that ``import_csv`` removes.
        """
        path = Path(path)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: a \\r in a note is quoted
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(e) for e in self.entries())
        try:
            write_atomic(path, buffer.getvalue().encode("utf-8"), replace=False)
        except FileExistsError:
            raise TrackerError(f"{path} already exists; choose a new file name") from None
        except OSError as err:
            raise TrackerError(f"cannot write {path}: {_why(err)}; nothing was written") from None
        return path

    def import_csv(self, path: Path | str) -> int:
        """Add every row of a CSV file made by ``export_csv``: all rows, or none if any is bad."""
        path = Path(path)
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:  # a spreadsheet adds a BOM
                text = f.read()
        except (OSError, UnicodeDecodeError) as err:
            raise TrackerError(
                f"{path} cannot be read as text ({err.__class__.__name__})"
            ) from None
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader, None)
        except csv.Error as err:
            raise TrackerError(f"{path.name} line 1: {_one_line(err)}") from None
        if header is None or tuple(header) != CSV_COLUMNS:
            raise TrackerError(f"{path} must start with the header {','.join(CSV_COLUMNS)}")
        parsed = []
        try:
            for row in reader:
                if len(row) != len(CSV_COLUMNS):
                    raise TrackerError(f"expected {len(CSV_COLUMNS)} columns, found {len(row)}")
                parsed.append(entry(*row[:-1], _uncell(row[-1]), today=self.today))
        except (TrackerError, csv.Error) as err:
            raise TrackerError(
                f"{path.name} line {reader.line_num}: {_one_line(err)}; nothing was imported"
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
