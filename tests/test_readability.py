"""Plain words, short sentences: each lesson's learner prose measured with textstat.

Learner prose is every markdown cell except instructor notes, the "for the curious"
appendices and reference lists. textstat 0.7.4 counts syllables with Pyphen's bundled
dictionaries; later versions download a pronouncing dictionary at run time, which fails offline.
"""

import json
import re
from pathlib import Path

import pytest
import textstat

from lowback._data import load
from lowback.course import lessons

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = {x.number: ROOT / "notebooks" / x.file for x in lessons()}
SKIP_TAGS = {"instructor", "curious"}
MAX_GRADE = 7.0
MAX_WORDS = 30
MAX_SAFETY_WORDS = 20


def plain(markdown: str) -> str:
    """Markdown as a reader hears it: no images (markdown or ``<img>``: their alt text is
    measured with the drawings), links, code, emphasis or table rules."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"<img\b[^>]*>", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`[^`]*`", "code", text)
    text = re.sub(r"[*_#>|]", "", text).replace("et al.", "et al")
    return text


def sentences(text: str) -> list[str]:
    """Sentences; a blank line, a heading or a list item also ends one."""
    blocks = re.split(r"\n\s*\n|\n(?=\s*(?:-|\d+\.)\s)", text)
    out = []
    for block in blocks:
        block = re.sub(r"^\s*(?:-|\d+\.)\s+", "", " ".join(block.split()))
        out += [s for s in re.split(r"(?<=[.!?])\s+", block) if s]
    return out


def words(sentence: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", sentence))


def learner_prose(number: int) -> str:
    cells = json.loads(NOTEBOOKS[number].read_text(encoding="utf-8"))["cells"]
    keep = []
    for cell in cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        src = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or tags & SKIP_TAGS:
            continue
        keep.append(src.split("## References")[0])
    return plain("\n\n".join(keep))


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_each_lesson_reads_at_grade_7_or_below(number):
    text = " ".join(sentences(learner_prose(number)))
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"lesson {number}: Flesch-Kincaid grade {grade}"


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_no_lesson_sentence_runs_past_30_words(number):
    long = [s for s in sentences(learner_prose(number)) if words(s) > MAX_WORDS]
    assert not long, f"lesson {number}: {len(long)} long sentences, first: {long[0]!r}"


def safety_texts() -> list[str]:
    data = load("safety")
    texts = [f["question"] for f in data["flag"]]
    for group in ("level", "stop_rule", "check_first"):
        for row in data[group]:
            texts += [v for k, v in row.items() if isinstance(v, str) and k not in ("id", "level")]
    texts += [v for v in data["clear"].values() if isinstance(v, str)]
    for row in load("habits")["walking_stop"]:
        texts += [row["sign"], row["action"]]
    return texts


def test_red_flag_and_stop_rule_sentences_stay_within_20_words():
    long = [s for t in safety_texts() for s in sentences(t) if words(s) > MAX_SAFETY_WORDS]
    assert not long, f"{len(long)} safety sentences over {MAX_SAFETY_WORDS} words: {long}"


def test_the_measures_can_tell_hard_prose_from_plain_prose():
    hard = (
        "Posterolateral intervertebral herniations characteristically compress the "
        "traversing nerve root, precipitating radiculopathy with dermatomal paraesthesia."
    )
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE
    assert textstat.flesch_kincaid_grade("Lie on your back. Breathe out slowly.") < MAX_GRADE
    assert sentences("A short one. Another one.\n- an item") == [
        "A short one.",
        "Another one.",
        "an item",
    ]


DEVELOPER_WORDS = re.compile(
    r"\b(?:kernel|JSON|SQLite|database|schema|transaction|environment variable|traceback"
    r"|ValueError|command line|terminal|posterolateral|python -m)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_learner_prose_has_no_developer_words(number):
    found = sorted({m.group(0) for m in DEVELOPER_WORDS.finditer(learner_prose(number))})
    assert not found, f"lesson {number} learner prose uses {found}: move it to an appendix"


def faq_answers() -> dict[str, str]:
    from lowback.faq import answers

    return {a.id: plain(a.markdown()) for a in answers()}


def test_every_faq_answer_reads_at_grade_7_or_below_in_short_sentences():
    """Lessons 9-10 show the FAQ as it is in data: it must read as plainly as the lessons."""
    found = faq_answers()
    assert len(found) >= 5
    for key, text in found.items():
        said = sentences(text)
        assert not [s for s in said if words(s) > MAX_WORDS], key
        grade = textstat.flesch_kincaid_grade(" ".join(said))
        assert grade <= MAX_GRADE, f"FAQ {key!r}: grade {grade}"
