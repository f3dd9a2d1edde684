import pytest

import lowback
from lowback.catalogue import EQUIPMENT, FAMILIES, POSITIONS, UnknownExerciseError

ARTICLE_NAMES = [
    "Lie down on your stomach",
    "Brace your abs",
    "Lie on your back with a towel",
    "Lying down pelvic tilt",
    "Hands and knees pelvic tilt",
    "Seated pelvic tilt",
    "Standing pelvic tilt",
    "Knees to chest",
    "Figure 4",
    "Toes to the sky",
    "Prone press",
    "Cobra",
]


def test_catalogue_holds_the_twelve_exercises_in_the_articles_order():
    assert [(e.number, e.name) for e in lowback.exercises()] == list(
        enumerate(ARTICLE_NAMES, start=1)
    )


def test_every_exercise_is_complete_and_uses_known_vocabulary():
    slugs = set()
    for ex in lowback.exercises():
        assert ex.position in POSITIONS and ex.family in FAMILIES
        assert set(ex.equipment) <= set(EQUIPMENT)
        assert len(ex.steps) >= 3 and ex.feel and ex.cautions and ex.purpose
        assert any("stop" in c.lower() or "ease off" in c.lower() for c in ex.cautions), ex.name
        for b in (ex.reps, ex.hold, ex.sets):
            assert 1 <= b.min <= b.default <= b.max
        slugs.add(ex.slug)
    assert len(slugs) == 12


def test_the_article_variations_and_sides_are_recorded():
    assert "pillow under the chest" in lowback.exercise(1).variations
    assert {"both knees", "head lift"} <= set(lowback.exercise(8).variations)
    assert [e.number for e in lowback.exercises() if e.per_side] == [8, 9, 10]


def test_positions_follow_the_article():
    by_position = {e.number: e.position for e in lowback.exercises()}
    assert by_position[1] == by_position[11] == by_position[12] == "prone"
    assert by_position[5] == "hands and knees" and by_position[7] == "standing"
    assert by_position[2] == by_position[6] == "seated"


@pytest.mark.parametrize("key", [10, "10", "toes-to-sky", "Toes to the sky", "  TOES TO THE SKY "])
def test_lookup_by_number_slug_or_name(key):
    assert lowback.exercise(key).number == 10


def test_unknown_name_suggests_the_closest():
    with pytest.raises(UnknownExerciseError, match="did you mean 'Toes to the sky'"):
        lowback.exercise("toes to sky")


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_unknown_number_says_the_range(bad):
    with pytest.raises(UnknownExerciseError, match="from 1 to 12"):
        lowback.exercise(bad)


def test_lookup_rejects_other_types_clearly():
    with pytest.raises(TypeError, match="by number or name"):
        lowback.exercise(3.5)


def test_exercises_are_frozen():
    with pytest.raises(AttributeError):
        lowback.exercise(1).name = "Something else"
