"""Every clinical claim carries a source that resolves, and each lesson lists what it cites."""

import json
import re
from pathlib import Path

import pytest

from lowback._data import load
from lowback.course import lessons
from lowback.quiz import questions
from lowback.sources import references, source, sources

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "lowback" / "data"
NOTEBOOKS = {lesson.number: ROOT / "notebooks" / lesson.file for lesson in lessons()}
# Data files whose records make clinical statements: each such record names its sources.
CLINICAL = {
    "safety": ["level", "stop_rule", "check_first", "clear"],
    "faq": ["question"],
    "exercises": ["exercise"],
    "habits": ["walking_stop"],
}
YEAR_IN_BRACKETS = re.compile(r"\([^()]*\b(?:19|20)\d{2}\b[^()]*\)")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", ""))


def notebook_text(path: Path) -> tuple[str, str]:
    """(markdown prose, everything shown: prose and outputs), reference lists left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    prose, shown = [], []
    for cell in cells:
        src = "".join(cell["source"])
        if "references(" in src:
            continue
        if cell["cell_type"] == "markdown":
            prose.append(src)
        for out in cell.get("outputs", []):
            for kind in ("text/plain", "text/markdown", "text/html"):
                shown.append("".join(out.get("data", {}).get(kind, "")))
            shown.append("".join(out.get("text", "")))
    return flat("\n".join(prose)), flat("\n".join(prose + shown))


def cited(text: str) -> set[str]:
    return {s.key for s in sources().values() if flat(s.cite) in text}


def quiz_keys(number: int) -> set[str]:
    try:
        return {k for q in questions(number) for k in q.sources}
    except ValueError:
        return set()


def records(name: str, table: str) -> list[dict]:
    found = load(name).get(table, [])
    return found if isinstance(found, list) else [found]


@pytest.mark.parametrize(
    ("name", "table"), [(n, t) for n, tables in CLINICAL.items() for t in tables]
)
def test_every_clinical_record_names_sources_that_resolve(name, table):
    rows = records(name, table)
    assert rows, f"{name}.toml has no [{table}]"
    for row in rows:
        assert row.get("sources"), f"{name}.toml [{table}] {row} names no source"
        for key in row["sources"]:
            source(key)


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_every_quiz_question_names_sources_that_resolve(number):
    for q in questions(number):
        assert q.sources, f"lesson {number} question {q.id} names no source"
        for key in q.sources:
            source(key)


def test_every_source_key_named_anywhere_in_the_data_resolves():
    keys = set()
    for path in DATA.rglob("*.toml"):
        keys |= set(
            re.findall(
                r'"([a-z0-9-]+)"', " ".join(re.findall(r"sources = \[[^\]]*\]", path.read_text()))
            )
        )
    missing = keys - set(sources())
    assert not missing, f"unknown source keys: {sorted(missing)}"


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_each_lesson_lists_exactly_the_sources_its_cells_use(number):
    _, shown = notebook_text(NOTEBOOKS[number])
    lesson = next(x for x in lessons() if x.number == number)
    expected = cited(shown) | quiz_keys(number)
    assert set(lesson.sources) == expected, (
        f"lesson {number}: add {sorted(expected - set(lesson.sources))} to lessons.toml, "
        f"drop {sorted(set(lesson.sources) - expected)}"
    )


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_no_lesson_cites_a_source_missing_from_the_bibliography(number):
    prose, _ = notebook_text(NOTEBOOKS[number])
    for s in sources().values():
        prose = prose.replace(flat(s.cite), "")
    leftovers = YEAR_IN_BRACKETS.findall(prose)
    assert not leftovers, f"lesson {number} cites sources not in sources.toml: {leftovers}"


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_each_lesson_ends_with_its_generated_reference_list(number):
    cells = json.loads(NOTEBOOKS[number].read_text(encoding="utf-8"))["cells"]
    last = cells[-1]
    assert f"references({number})" in "".join(last["source"])
    shown = "".join(last["outputs"][0]["data"]["text/markdown"])
    assert shown == references(number) and shown.count("\n- ") + 1 == len(
        next(x for x in lessons() if x.number == number).sources
    )
