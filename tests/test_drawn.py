"""Pictures drawn ahead (lowback.drawn): a lesson shows them at once, never a stale one."""

import json
import shutil
import sys

import pytest

from lowback import drawn
from lowback.draw.style import classroom


@pytest.fixture
def ahead(tmp_path, monkeypatch):
    """An empty folder of pictures drawn ahead, used by every control in the test."""
    monkeypatch.setattr(drawn, "FOLDER", tmp_path / "drawn")
    drawn._index.cache_clear()
    yield tmp_path / "drawn"
    drawn._index.cache_clear()


SOME = ("pose/1/", "pose/4/", "pose/8/head lift", "timeline/4/", "player/5/", "recovery/")
SOME += ("posture/", "root/", "disc/")


def _some(prefixes=SOME):
    return [(k, m) for k, m in drawn.makers() if k.startswith(prefixes)]


def test_every_picture_drawn_ahead_is_the_one_the_control_draws_live(ahead):
    """In plain and classroom style, each control's first picture (a first frame, a
    timeline, the player's start pose, a demo chart, a handout drawing) equals the picture
    it draws itself when nothing was drawn ahead."""
    from lowback.handout import figure_png
    from lowback.routine import example
    from lowback.widgets import (
        disc_load,
        exercise_animation,
        exercise_controls,
        posture_control,
        root_chooser,
        session_player,
    )
    from lowback.widgets.recovery import recovery_explorer

    plan = example()
    ex = plan.items[0].exercise

    def firsts():
        return [
            exercise_animation(1).animation.image.value,
            exercise_animation(8, variation="head lift").animation.image.value,
            exercise_controls(4).live.image.value,
            session_player(plan).image.value,
            recovery_explorer("spreading").image.value,
            figure_png(ex),
            posture_control().image.value,
            root_chooser().image.value,
            disc_load().image.value,
        ]

    def each_style():
        try:
            return {style: (classroom(style), firsts())[1] for style in (False, True)}
        finally:
            classroom(False)

    live = each_style()  # nothing drawn ahead yet: each control draws its own
    assert live[True] != live[False], "classroom style draws larger text"
    keys = drawn.build(_some() + [k for k in drawn.makers() if "handout" in k[0]], ahead)
    assert len(keys) > 12
    shown = each_style()
    for style in (False, True):
        assert [len(p) for p in shown[style]] == [len(p) for p in live[style]]
        assert shown[style] == live[style], f"a picture drawn ahead differs (classroom {style})"


def test_controls_with_pictures_drawn_ahead_build_no_figure_until_changed(ahead, monkeypatch):
    """What makes a lesson quick: its controls show the pictures drawn ahead and build
    their figures only when the learner moves something; then the picture changes."""
    from lowback.draw import exercise
    from lowback.widgets import exercise_animation, exercise_controls

    drawn.build(_some(), ahead)
    calls = []
    real = exercise.pose_figure
    monkeypatch.setattr(exercise, "pose_figure", lambda *a: calls.append(a) or real(*a))
    anim, dose = exercise_animation(4), exercise_controls(4)
    assert calls == [] and dose.live._live is None, "a figure was built before any change"
    first, timeline = anim.animation.image.value, dose.live.image.value
    anim.slider.value = 6
    dose.controls["reps"].value += 1
    assert len(calls) == 1 and anim.animation.image.value != first
    assert dose.live.image.value != timeline
    anim.slider.value = 0
    assert anim.animation.image.value == first


def test_a_lesson_with_its_pictures_drawn_ahead_does_not_load_matplotlib(ahead):
    """Loading matplotlib costs a new kernel about half a second: a lesson's controls, with
    their pictures drawn ahead, show them without it (it loads once the lesson is quiet)."""
    import subprocess

    drawn.build(_some(("pose/2/", "timeline/2/", "posture/", "recovery/")), ahead)
    code = f"""
import sys
from pathlib import Path
from lowback import drawn
drawn.FOLDER = Path({str(ahead)!r})
from lowback.widgets import exercise_animation, exercise_controls, posture_control
from lowback.widgets import recovery_explorer
exercise_animation(2), exercise_controls(2), posture_control(), recovery_explorer()
print("matplotlib" in sys.modules)
drawn.load_now()
print(all(m in sys.modules for m in drawn.WARM))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.split() == ["False", "True"], run.stdout + run.stderr


def test_a_picture_drawn_from_other_code_is_never_shown(ahead, monkeypatch):
    """Change the course's code (or matplotlib) and every picture drawn ahead goes unused:
    the control draws its picture now."""
    drawn.build(_some(("pose/1/",)), ahead)
    name = _some(("pose/1/",))[0][0]
    assert drawn.lookup(name) is not None
    index = json.loads((ahead / drawn.INDEX).read_text())
    index["digest"] = "0" * 64
    (ahead / drawn.INDEX).write_text(json.dumps(index))
    drawn._index.cache_clear()
    assert drawn.lookup(name) is None
    assert not drawn.current()


def test_the_digest_changes_with_any_code_or_data_file(tmp_path, monkeypatch):
    package = tmp_path / "lowback"
    shutil.copytree(drawn.PACKAGE / "draw", package / "draw")
    shutil.copytree(drawn.PACKAGE / "data", package / "data")
    monkeypatch.setattr(drawn, "PACKAGE", package)
    monkeypatch.setattr(drawn, "FOLDER", package / "_drawn")
    before = drawn.digest()
    (package / "_drawn").mkdir()
    (package / "_drawn" / "x.py").write_text("# built files do not count\n")
    assert drawn.digest() == before
    for changed in (package / "draw" / "person.py", package / "data" / "poses.toml"):
        text = changed.read_text()
        changed.write_text(text + "\n")
        assert drawn.digest() != before, f"editing {changed.name} kept the old pictures"
        changed.write_text(text)
    assert drawn.digest() == before


def test_a_missing_or_broken_index_means_drawing_now(ahead):
    assert drawn.lookup("pose/1/@10") is None
    ahead.mkdir()
    (ahead / drawn.INDEX).write_text("not json")
    drawn._index.cache_clear()
    assert drawn.lookup("pose/1/@10") is None and not drawn.current()


def test_the_pictures_drawn_ahead_are_readable_by_every_learner_account(ahead):
    drawn.build(_some(("recovery/",)), ahead)
    assert ahead.stat().st_mode & 0o755 == 0o755
    for path in ahead.iterdir():
        assert path.stat().st_mode & 0o777 == 0o644, path.name


def test_building_again_removes_pictures_no_longer_listed(ahead):
    drawn.build(_some(("recovery/", "player/5/")), ahead)
    drawn.build(_some(("recovery/",)), ahead)
    assert len(list(ahead.glob("*.png"))) == len(_some(("recovery/",)))


def test_every_command_that_runs_lessons_draws_ahead_first(make_dry_run):
    for target in ("lab", "test", "notebooks", "bench", "present"):
        lines = make_dry_run(target)
        assert any("lowback.drawn --if-stale" in line for line in lines), target


class Loop:
    """A kernel's event loop as warm() uses it: timed callbacks, run when told to."""

    def __init__(self):
        self.pending = []

    def call_later(self, delay, callback):
        self.pending.append(callback)
        return callback

    def remove_timeout(self, handle):
        self.pending.remove(handle)


def test_the_drawing_code_loads_only_once_the_lesson_has_gone_quiet(monkeypatch):
    """Each picture looked up puts loading off again (it would slow the cells still being
    run); once they stop, it loads in the kernel's own loop (never a thread), once."""
    loop = Loop()
    monkeypatch.setattr(drawn, "_warming", {})
    monkeypatch.setattr(drawn, "_kernel_loop", lambda: loop)
    drawn.warm()
    drawn.warm()
    assert loop.pending == [drawn.load_now], "one pending load, put off by the second picture"
    loop.pending.pop()()
    assert all(m in sys.modules for m in drawn.WARM)
    drawn.warm()
    assert loop.pending == [], "loaded once"


def test_outside_a_kernel_nothing_is_scheduled(monkeypatch):
    monkeypatch.setattr(drawn, "_warming", {})
    drawn.warm()
    assert drawn._warming == {}
