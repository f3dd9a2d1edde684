"""Text drawn into pictures breaks lines between words, never inside one."""

import pytest

import lowback.draw.disc as disc
from lowback.anatomy import herniation_stage, herniation_stage_number


@pytest.mark.parametrize("load", [0.0, 0.3, 0.6, 0.95])
def test_the_disc_stage_caption_keeps_every_word_whole(load):
    stage, (number, count) = herniation_stage(load), herniation_stage_number(load)
    source = f"Stage {number} of {count}: {stage.name}. {stage.text}"
    text = disc.stage_text(load)
    assert text.split() == source.split()  # the same words, none cut in two
    assert all(len(line) <= 95 for line in text.splitlines())


def test_a_word_longer_than_a_line_stays_whole(monkeypatch):
    long = "x" * 120
    stage = type("Stage", (), {"name": "a", "text": f"short words then {long} here"})()
    monkeypatch.setattr(disc, "herniation_stage", lambda load, which: stage)
    assert long in disc.stage_text(0.5).splitlines()
