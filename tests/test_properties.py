"""Property-based tests (Hypothesis): whatever a learner or a file throws at lowback, the
only outcomes are success or lowback's own one-line error; never another exception, a
partial file, or a changed file after a failure."""

import csv
import io
import json
import os
import tempfile
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

import lowback.handout
from lowback.cli import main
from lowback.handout import placeholder_figure, write_handout
from lowback.routine import EXAMPLE, Routine, RoutineError, item, load_routine, routine
from lowback.tracker import CSV_COLUMNS, ENV_VAR, Tracker, TrackerError, entry, reach_levels

# Hypothesis keeps a cache; keep it out of the learner's clone (no .hypothesis folder).
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "lowback-hypothesis"))
TODAY = date(2026, 11, 26)
QUICK = settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis folder in the learner's clone
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

HOSTILE = ["²", "٣", "--5", "-0", "9" * 5000, "\ud800", "a\udcff", "$5 or $6", r"Sam $\foo$",
           "=HYPERLINK(1)", "@SUM(1)", "\r", "\x00", "\ufeff", "\x1b[31m", "x" * 600]  # fmt: skip
"""Text that broke lowback once (issue 13), so every run tries some of it."""
any_text = st.sampled_from(HOSTILE) | st.text(
    st.characters(codec=None, exclude_categories=()), max_size=40
)
"""Any characters at all, lone surrogates and control characters included."""
numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
scalars = st.one_of(st.none(), numbers, any_text)
json_like = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)


def one_line(message: str) -> None:
    assert message and "\n" not in message.strip(), message


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "data"))


@pytest.fixture
def quick_pictures(monkeypatch):
    """Handouts with a plain card for each picture: the layout is what is under test."""
    monkeypatch.setattr(lowback.handout, "default_figure", placeholder_figure)
    real = lowback.handout.figure_png
    monkeypatch.setattr(
        lowback.handout,
        "figure_png",
        lambda ex, make=None, dpi=40: real(ex, placeholder_figure, 40),
    )


# --- the routine loader ---------------------------------------------------------------------


def _routine_records():
    field = st.sampled_from(
        ["exercise", "name", "reps", "hold", "sets", "rest", "sides", "per_week"]
    )
    record = st.dictionaries(field, scalars, max_size=5) | json_like
    return st.fixed_dictionaries(
        {},
        optional={
            "schema": st.just("lowback-routine") | any_text,
            "version": st.just(1) | numbers,
            "name": any_text | scalars,
            "note": any_text | scalars,
            "items": st.lists(record, max_size=14) | json_like,
            "extra": json_like,
        },
    )


@st.composite
def mutated_example(draw) -> dict:
    """The lesson's example routine with one field, or one item's field, set to anything."""
    data = json.loads(json.dumps(EXAMPLE))
    where = draw(st.sampled_from(["top", "item"]))
    target = data if where == "top" else draw(st.sampled_from(data["items"]))
    keys = [*target, "extra"] if where == "top" else [*target, "sets", "rest", "per_week"]
    target[draw(st.sampled_from(keys))] = draw(json_like | st.sampled_from(HOSTILE))
    return data


@settings(parent=QUICK, max_examples=100)
@given(data=mutated_example() | _routine_records() | json_like)
def test_any_json_is_a_routine_or_one_line_of_explanation(tmp_path, data):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    try:
        plan = load_routine(path)
    except RoutineError as err:
        one_line(str(err))
        return
    assert isinstance(plan, Routine) and 1 <= len(plan.items) <= 12


@QUICK
@given(raw=st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_a_routine_or_one_line_of_explanation(tmp_path, raw):
    path = tmp_path / "r.json"
    path.write_bytes(b'{"schema": "lowback-routine", "version": 1, ' + raw)
    try:
        load_routine(path)
    except RoutineError as err:
        one_line(str(err))


# --- the command line -----------------------------------------------------------------------

words = st.sampled_from(
    [
        "plan",
        "handout",
        "list",
        "--exercises",
        "--routine",
        "--reps",
        "--hold",
        "--sets",
        "--rest",
        "--per-week",
        "--name",
        "--note",
        "--save",
        "--out",
        "4",
        "4,8,11",
        "12",
        "0",
        "-3",
        "²",
        "plan.html",
        "plan.pdf",
        "r.json",
        "sub/plan.html",
        "x" * 300 + ".html",
        "b" * 250,
        "--help",
    ]  # fmt: skip
)
safe_text = any_text.filter(lambda t: "/" not in t and "\\" not in t and ".." not in t)
"""Text that can only name a file in the test's own folder."""
value = words | safe_text | st.integers(-5, 130).map(str)
shaped = st.tuples(
    st.sampled_from([["plan"], ["handout", "--out", "plan.html"], ["plan", "--save", "r.json"]]),
    st.sampled_from(["--exercises", "--routine"]),
    value,
    st.lists(
        st.tuples(
            st.sampled_from(
                ["--reps", "--hold", "--sets", "--rest", "--per-week", "--name", "--note"]
            ),
            value,
        ),
        max_size=3,
    ),  # fmt: skip
).map(lambda t: [*t[0], t[1], t[2], *(x for pair in t[3] for x in pair)])
argv = st.lists(words | safe_text, max_size=9) | shaped


@settings(parent=QUICK, max_examples=80)
@given(args=argv)
def test_any_command_line_succeeds_or_says_why_in_one_line(args, capsys, quick_pictures):
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "r.json").write_text(json.dumps(EXAMPLE))
        (work / "plan.html").write_text("old sheet")
        before = folder_state(work)
        cwd = os.getcwd()
        os.chdir(work)
        try:
            try:
                status = main(args)
            except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
                status = stop.code
        finally:
            os.chdir(cwd)
        out, err = capsys.readouterr()
        assert status in (0, 1, 2), status
        if status:
            assert err.startswith("lowback") and err.count("\n") == 1, err
            assert folder_state(work) == before, "a failed command changed a file"
        names = [p.name for p in work.iterdir()]
        assert not [n for n in names if n.endswith(".tmp")], names


# --- entry() and import_csv -----------------------------------------------------------------

days = st.one_of(
    st.dates(date(1900, 1, 1), date(2100, 1, 1)),
    st.dates(date(2000, 1, 1), date(2030, 1, 1)).map(date.isoformat),
    any_text,
    numbers,
)
counts = st.one_of(st.integers(-3, 30), st.integers(0, 30).map(str), any_text, numbers)
reaches = st.sampled_from(reach_levels()) | any_text | st.none()
notes = any_text | st.text(max_size=600)


FIELDS = ("day", "back", "leg", "reach", "done", "planned", "note")
good_values = st.fixed_dictionaries(
    {
        "day": st.dates(date(2020, 1, 1), TODAY),
        "back": st.integers(0, 10),
        "leg": st.integers(0, 10).map(str),
        "reach": st.sampled_from(reach_levels()),
        "done": st.integers(0, 5),
        "planned": st.integers(0, 5),
        "note": st.text(max_size=50),
    }
)
bad_values = {"day": days, "back": counts, "leg": counts, "reach": reaches, "done": counts,
              "planned": counts, "note": notes}  # fmt: skip


@st.composite
def entry_fields(draw) -> dict:
    """Good fields with one or two of them replaced by anything at all."""
    fields = draw(good_values)
    for name in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=2, unique=True)):
        fields[name] = draw(bad_values[name])
    return fields


@settings(parent=QUICK, max_examples=100)
@given(fields=entry_fields())
def test_entry_is_checked_or_one_line_of_explanation(fields):
    try:
        e = entry(*(fields[f] for f in FIELDS), today=TODAY)
    except TrackerError as err:
        one_line(str(err))
        return
    assert 0 <= e.back_pain <= 10 and 0 <= e.leg_pain <= 10 and e.reach in reach_levels()
    assert e.day <= TODAY
    with Tracker(":memory:", today=TODAY) as log:
        log.add(e)
        assert log.entries() == [e]


cells = st.one_of(st.integers(-2, 12).map(str), st.sampled_from(reach_levels()), any_text)
rows = st.lists(st.lists(cells, min_size=6, max_size=8), max_size=5)


@QUICK
@given(header=st.booleans(), body=rows, tail=st.sampled_from(["", "\n", '"', "\0", "\r"]))
def test_any_csv_imports_whole_or_not_at_all(tmp_path, header, body, tail):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows([[f"2026-11-{n + 1:02d}", *r[1:]] if r else r for n, r in enumerate(body)])
    path = tmp_path / "in.csv"
    path.write_bytes((buffer.getvalue() + tail).encode("utf-8", "surrogatepass"))
    with Tracker(":memory:", today=TODAY) as log:
        try:
            added = log.import_csv(path)
        except TrackerError as err:
            one_line(str(err))
            assert log.entries() == []
            return
        assert added == len(log.entries())


valid_entries = st.lists(
    st.builds(
        lambda n, b, leg, r, note: entry(
            date(2026, 1, 1) + timedelta(days=n), b, leg, r, note=note, today=TODAY
        ),  # fmt: skip
        st.integers(0, 300),
        st.integers(0, 10),
        st.integers(0, 10),
        st.sampled_from(reach_levels()),
        st.text(st.characters(codec="utf-8"), max_size=80),
    ),
    max_size=6,
    unique_by=lambda e: e.day,
)


@QUICK
@given(log_entries=valid_entries)
def test_export_then_import_gives_back_every_note_exactly(log_entries):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        with Tracker(":memory:", today=TODAY) as log:
            log.add_all(log_entries)
            log.export_csv(path)
        text = path.read_text(encoding="utf-8")
        for row in list(csv.reader(io.StringIO(text, newline="")))[1:]:
            assert row[-1][:1] not in ("=", "+", "-", "@", "\t", "\r")
        with Tracker(":memory:", today=TODAY) as copy:
            copy.import_csv(path)
            assert copy.entries() == sorted(log_entries, key=lambda e: e.day)


# --- the handout writers --------------------------------------------------------------------


def _handout_whole_or_old_kept(name: str, note: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        path = Path(folder) / f"plan{suffix}"
        path.write_bytes(b"old sheet")
        try:
            plan = routine([item(4)], name, note)
            write_handout(plan, path)
        except RoutineError as err:
            one_line(str(err))
            assert path.read_bytes() == b"old sheet"
        else:
            data = path.read_bytes()
            assert data.startswith(b"%PDF" if suffix == ".pdf" else b"<!DOCTYPE html>")
            assert data.rstrip().endswith(b"%%EOF" if suffix == ".pdf" else b"</html>")
        assert [p.name for p in Path(folder).iterdir()] == [path.name]


@settings(parent=QUICK, max_examples=40)
@given(name=any_text, note=any_text | st.text(max_size=600))
def test_an_html_handout_is_written_whole_or_the_old_one_is_kept(name, note, quick_pictures):
    _handout_whole_or_old_kept(name, note, ".html")


@settings(parent=QUICK, max_examples=8)
@given(name=any_text, note=any_text)
def test_a_pdf_handout_is_written_whole_or_the_old_one_is_kept(name, note, quick_pictures):
    _handout_whole_or_old_kept(name, note, ".pdf")
