"""The glossary and the FAQ: every term defined once and taught somewhere, answers sourced."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from lowback.faq import answers, faq
from lowback.glossary import glossary_markdown, lookup, terms

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9]*.ipynb"))


def lesson_prose() -> str:
    """The markdown a learner reads in every lesson (not the rendered glossary itself)."""
    cells = [c for nb in NOTEBOOKS for c in json.loads(nb.read_text())["cells"]]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_every_term_and_other_name_is_defined_once():
    names = Counter(name.lower() for t in terms() for name in t.names)
    assert [n for n, count in names.items() if count > 1] == []


@pytest.mark.parametrize("term", terms(), ids=lambda t: t.term)
def test_every_glossary_term_is_used_in_a_lesson(term):
    prose = re.sub(r"\s+", " ", lesson_prose().replace("*", ""))  # as markdown renders it
    pattern = "|".join(rf"\b{re.escape(name)}" for name in term.names)
    assert re.search(pattern, prose, re.IGNORECASE), f"no lesson uses {term.term!r}"


def test_a_term_is_found_by_any_of_its_names_in_any_case():
    assert lookup("SLIPPED DISC") is lookup("Herniated disc")
    with pytest.raises(LookupError, match="not in the glossary"):
        lookup("flux capacitor")


def test_the_rendered_glossary_lists_each_term_once_in_order():
    bold = re.findall(r"^- \*\*(.+?)\*\*", glossary_markdown(), re.M)
    assert bold == sorted(bold, key=str.lower) and len(bold) == len(terms())


def test_the_faq_answers_the_common_questions_with_sources_and_lessons():
    ids = {a.id for a in answers()}
    assert {"calm", "best-exercise", "walking", "how-long", "massage", "release", "stretch"} <= ids
    for a in answers():
        assert a.sources and a.lessons and all(0 <= n <= 10 for n in a.lessons)
    assert "non-specific back pain, not sciatica" in faq("walking")
    with pytest.raises(LookupError, match="known: calm"):
        faq("cure")
