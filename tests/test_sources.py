"""Every clinical claim carries a source that resolves, and each lesson lists what it cites."""

import json
import re
import tomllib
from pathlib import Path

import pytest

from lowback import anatomy
from lowback.course import lessons
from lowback.glossary import terms
from lowback.quiz import questions
from lowback.sources import references, sources

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "lowback" / "data"
NOTEBOOKS = {lesson.number: ROOT / "notebooks" / lesson.file for lesson in lessons()}
FILES = {p.relative_to(DATA).with_suffix("").as_posix(): p for p in sorted(DATA.rglob("*.toml"))}
QUIZZES = [name for name in FILES if name.startswith("quiz/")]

# Every table of every data file is in CLINICAL or in NOT_CLINICAL, so a new table fails until
# someone decides which. In a CLINICAL table each record names its `sources`, unless the file
# names one list for all its tables (a top-level `sources`). A path is dotted: "herniation.stage"
# is the array [[herniation.stage]]; "family.*" is every sub-table of [family].
CLINICAL = {
    "anatomy": [
        "sacrum",
        "disc",
        "disc_facts",
        "lordosis",
        "posture",
        "root",
        "sciatic_nerve",
        "skin_area",
        "symptom",
        "pain_kind",
        "natural_history",
        "phase",
        "imaging",
        "herniation.stage",
    ],
    "cards": ["family.*"],
    "direction": ["reps", "direction", "outcome.*"],
    "exercises": ["exercise"],
    "faq": ["question"],
    "glossary": ["term"],
    "habits": ["sitting", "checklist", "walking", "walking_stop", "massage"],
    "recovery": ["pain", "words"],
    "routine": ["advice"],
    "safety": ["level", "clear", "stop_rule", "check_first"],
    **{name: ["question"] for name in QUIZZES},
}
# Records whose clinical content is sourced by a record they name: each red flag belongs to
# a level of urgency (its `level` field names the [[level]] with that id), which names sources.
INHERITED = {("safety", "flag"): ("level", "level")}
NOT_CLINICAL = {
    "anatomy": {
        "vertebra": "sizes of the bone blocks the drawings use (typical, not a claim)",
        "coccyx": "size of the tailbone the drawings use",
        "body": "the body outline and nerve path the drawings use",
    },
    "handout": dict.fromkeys(
        ("title", "language", "name_label", "date_label", "page", "not_diagnosis")
        + ("plan", "red_flags", "stop", "exercise", "log"),
        "the printed handout's own headings, labels and instructions; its clinical words come"
        " from safety.toml, recovery.toml and exercises.toml",
    ),
    "lessons": {"lesson": "the course map; each lesson's sources are its reference list"},
    "pose_checks": {
        "general": "tolerances of the picture audit",
        "check": "what each exercise picture must show (drawing checks)",
    },
    "poses": {
        "body": "body proportions for the drawings (Winter 2009, cited by the lessons)",
        "motion": "the poses of each exercise's drawing",
        "mistake": "pictures of the cautions in exercises.toml, which name the sources",
    },
    "recovery": {
        "reach": "names of places on the leg the log records",
        "exercises": "a limit on what a log entry accepts",
        "note": "a limit on what a log entry accepts",
    },
    "routine": {
        "per_week": "a starting choice, not a clinical rule",
        "change": "seconds to get ready between exercises",
        "week": "the names of the days",
        "calendar": "the default time of day and how many weeks a calendar file repeats",
    },
    "safety": {
        "lead": "the words every printed list of a level's signs begins with",
        "example": "worked examples: sets of red flags the check is shown with",
    },
}
# Records in a CLINICAL table that state no fact to cite: plain definitions of a word.
PLAIN = {
    ("glossary", "term"): (
        "term",
        {
            "Clinician",
            "Core",
            "Dosage",
            "Extension",
            "Flexion",
            "Natural history",
            "Nerve root",
            "Pelvic tilt",
            "Prone",
            "Spinal canal",
            "Supine",
        },
    ),
}
YEAR_IN_BRACKETS = re.compile(r"\([^()]*\b(?:19|20)\d{2}\b[^()]*\)")


def raw(name: str) -> dict:
    """A data file as written (level words not filled in)."""
    return tomllib.loads(FILES[name].read_text(encoding="utf-8"))


def records(data: dict, path: str) -> list:
    """The records at a dotted path: an array's tables, a table, or each sub-table for "*"."""
    found = [data]
    for part in path.split("."):
        step = []
        for node in found:
            if part == "*":
                step += list(node.values())
            elif part in node:
                value = node[part]
                step += value if isinstance(value, list) else [value]
        found = step
    return found


def source_lists(value, where: str = ""):
    """Every (place, value) of a `sources` key at any depth of a parsed data file."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources":
                yield where or "(top level)", item
            yield from source_lists(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from source_lists(item, f"{where}[{i}]")


def bad_sources(data: dict) -> list[str]:
    """Each `sources` that is not a non-empty list of keys found in sources.toml."""
    known, bad = set(sources()), []
    for where, keys in source_lists(data):
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            bad.append(f"{where}: sources must be a non-empty list of keys, got {keys!r}")
        else:
            bad += [f"{where}: no source {k!r} in sources.toml" for k in keys if k not in known]
    return bad


def unsourced(name: str, data: dict, path: str) -> list[str]:
    """Records at ``path`` that name no sources (and are neither plain nor file-sourced)."""
    if data.get("sources"):
        return []
    field, plain = PLAIN.get((name, path), ("", set()))
    out = []
    for row in records(data, path):
        if isinstance(row, dict) and (row.get("sources") or row.get(field) in plain):
            continue
        shown = row.get(field) or row.get("id") or row.get("name") if isinstance(row, dict) else row
        out.append(f"{name}.toml [{path}] {str(shown)[:60]!r} names no source")
    return out


def unclassified(name: str, data: dict) -> list[str]:
    """Top-level tables of a data file in neither CLINICAL nor NOT_CLINICAL."""
    known = {p.split(".")[0] for p in CLINICAL.get(name, [])}
    known |= set(NOT_CLINICAL.get(name, {})) | {"sources"}
    known |= {table for (file, table) in INHERITED if file == name}
    return [f"{name}.toml [{key}]" for key in data if key not in known]


@pytest.mark.parametrize("name", [n for n in FILES if n != "sources"])
def test_every_source_key_in_a_data_file_resolves(name):
    assert not bad_sources(raw(name)), bad_sources(raw(name))


@pytest.mark.parametrize("name", [n for n in FILES if n != "sources"])
def test_every_table_is_listed_as_clinical_or_not(name):
    assert not unclassified(name, raw(name)), (
        "add each table to CLINICAL (and give its records sources) or to NOT_CLINICAL "
        f"with the reason: {unclassified(name, raw(name))}"
    )


@pytest.mark.parametrize(("name", "path"), [(n, p) for n, paths in CLINICAL.items() for p in paths])
def test_every_clinical_record_names_sources(name, path):
    data = raw(name)
    assert records(data, path), f"{name}.toml has no [{path}]"
    assert not unsourced(name, data, path), unsourced(name, data, path)


@pytest.mark.parametrize(("name", "table"), sorted(INHERITED))
def test_records_sourced_by_another_record_name_one_with_sources(name, table):
    field, parent = INHERITED[(name, table)]
    data = raw(name)
    sourced = {p["id"] for p in data[parent] if p.get("sources")}
    for row in data[table]:
        assert row[field] in sourced, f"{name}.toml [{table}] {row} has no sourced {parent}"


def test_plain_definitions_are_still_in_the_data():
    for (name, path), (field, plain) in PLAIN.items():
        present = {row.get(field) for row in records(raw(name), path)}
        assert plain <= present, f"stale names in PLAIN: {sorted(plain - present)}"


def test_the_files_listed_are_the_files_there():
    assert set(CLINICAL) | set(NOT_CLINICAL) <= set(FILES)
    assert all(paths for paths in CLINICAL.values())


def test_the_checks_catch_an_unsourced_record_a_dangling_key_and_a_new_table():
    data = {"term": [{"term": "Sciatica", "meaning": "..."}, {"term": "Prone"}]}
    assert unsourced("glossary", data, "term") == [
        "glossary.toml [term] 'Sciatica' names no source"
    ]
    assert unsourced("glossary", {**data, "sources": ["koes2007"]}, "term") == []
    nested = {"family": {"core": {"suits": "x", "sources": ["koes2007"]}, "tilt": {}}}
    assert len(unsourced("cards", nested, "family.*")) == 1
    assert bad_sources({"a": [{"sources": ["koes2007", "nobody1999"]}], "sources": []}) == [
        "a[0]: no source 'nobody1999' in sources.toml",
        "(top level): sources must be a non-empty list of keys, got []",
    ]
    assert unclassified("routine", {"advice": {}, "new_table": {}}) == ["routine.toml [new_table]"]


def test_every_source_in_the_bibliography_is_cited_somewhere():
    cited = {
        key
        for name in FILES
        if name != "sources"
        for _, keys in source_lists(raw(name))
        for key in keys
    }
    unused = set(sources()) - cited
    assert not unused, f"sources.toml entries nothing cites: {sorted(unused)}"


def test_the_loaders_carry_each_record_s_sources():
    data = raw("anatomy")
    assert [r.sources for r in anatomy.roots()] == [tuple(r["sources"]) for r in data["root"]]
    assert [s.sources for s in anatomy.symptoms()] == [tuple(s["sources"]) for s in data["symptom"]]
    assert all(k.sources for k in anatomy.pain_kinds())
    assert all(d.sources for d in anatomy.discs()) and all(p.sources for p in anatomy.postures())
    assert all(a.sources for a in anatomy.skin_areas())
    assert anatomy.herniation_stage(1.0).sources == tuple(
        data["herniation"]["stage"][-1]["sources"]
    )
    by_term = {t["term"]: tuple(t.get("sources", ())) for t in raw("glossary")["term"]}
    assert {t.term: t.sources for t in terms()} == by_term


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_every_quiz_question_names_sources_that_resolve(number):
    for q in questions(number):
        assert q.sources, f"lesson {number} question {q.id} names no source"
        assert set(q.sources) <= set(sources()), q.sources


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
