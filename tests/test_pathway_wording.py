"""The red-flag pathway is worded once, in safety.toml; every other place shows those words.

A lesson, a data file or the README that says in its own words where to go or how soon
(for example "get emergency care today") fails here: it would be a second wording of the
pathway, free to drift from the first.
"""

import json
import re
from pathlib import Path

import pytest

from lowback.safety import levels, red_flags

ROOT = Path(__file__).resolve().parents[1]
OWN_WORDS = re.compile(
    r"emergenc|same[- ]day|\burgent|24 hours|out-of-hours|straight away|right away"
    r"|call (?:999|911|112)|doctor first|before any exercise|medical care|A&E",
    re.IGNORECASE,
)
DATA = sorted(p for p in (ROOT / "lowback" / "data").rglob("*.toml") if p.stem != "safety")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def own_words(text: str) -> list[str]:
    """Pathway wording in ``text`` that does not come from safety.toml."""
    text = re.sub(r"\{(?:title|action|when):[a-z-]+\}", "", text)
    for lv in levels():
        text = text.replace(lv.action, "")
    return [m.group(0) for m in OWN_WORDS.finditer(text)]


def test_the_check_catches_a_pathway_worded_afresh():
    assert own_words("Saddle numbness: get emergency care today.") == ["emergenc"]
    assert own_words(levels()[0].action) == []
    assert own_words("{action:emergency} and see a clinician") == []


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.stem)
def test_no_data_file_words_the_pathway_itself(path):
    assert not own_words(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_lesson_words_the_pathway_itself(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            found = own_words("".join(cell["source"]))
            assert not found, f"{path.stem}: {found} in {''.join(cell['source'])[:120]!r}"


@pytest.mark.parametrize("name", ["README.md", "docs/teaching.md"])
def test_the_readme_and_teaching_notes_quote_the_pathway_as_it_is(name):
    assert not own_words((ROOT / name).read_text(encoding="utf-8")), name


def test_the_readme_disclaimer_gives_the_emergency_action_word_for_word():
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert levels()[0].action in text


def test_the_readme_lists_the_emergency_signs_exactly_as_the_check_asks_them():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    listed = [line[4:] for line in lines if line.startswith("> - ")]
    assert listed == [f.question for f in red_flags("emergency")]
