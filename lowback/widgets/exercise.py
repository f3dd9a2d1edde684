"""One control panel for every exercise: dosage sliders with a live timeline, and an animation.

The drawing modules (and so matplotlib) load only when a figure is built: a lesson whose
first pictures were drawn ahead (:mod:`lowback.drawn`) shows them without loading them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as w

from lowback.catalogue import Exercise, exercise, exercises
from lowback.dosage import FIELDS, bounds, dosage
from lowback.draw.style import new_figure, sizes
from lowback.drawn import key, lookup
from lowback.poses import is_still, motion, rep_times
from lowback.widgets.blit import BlitFigure
from lowback.widgets.live import Pictured, picture
from lowback.widgets.offline import offline

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_LABELS = {"reps": "Reps", "hold": "Hold (s)", "sets": "Sets", "rest": "Rest (s)"}
_SIDES = (("both sides", 2), ("one side only", 1))
FPS = 12
"""Frames per second of the animation (the Play widget's pace)."""
STILL = "Nothing moves in this position: you rest in it for the time below."
"""Said beside a position held still, in place of a Play button."""
WIDTH = "80%"
"""How wide an animation is shown, of the space it has (never wider than its pixels)."""


def _control(ex: Exercise, field: str) -> w.ValueWidget:
    if field == "sides":
        return w.ToggleButtons(options=_SIDES, value=2, description="Sides")
    b = bounds(ex, field)
    return w.IntSlider(value=b.default, min=b.min, max=b.max, description=_LABELS[field])


def timeline_figure(dose) -> tuple[Figure, str, list]:
    """A dose's timeline: the figure, its alt text and its artists."""
    from lowback.draw.timeline import draw_timeline

    scale = sizes()["small"] / 8  # classroom style: taller, so the legend is never cut off
    fig = new_figure(6.4, 1.5 * scale, dpi=80)
    ax = fig.add_axes((0.14 * scale, 0.3, 0.97 - 0.14 * scale, 0.5))
    artists = draw_timeline(ax, dose)
    return fig, timeline_alt(dose), artists


def timeline_alt(dose) -> str:
    """What a dose's timeline shows, for whoever cannot see it."""
    return f"Timeline of one session of {dose.exercise.name}: moves, holds and rests in order."


class Timeline(Pictured):
    """A dose's timeline as a picture; its figure is built the first time the dose changes.

    The first picture is the one drawn ahead for that dose (:mod:`lowback.drawn`) when
    there is one, so a lesson shows it without drawing.
    """

    def __init__(self, dose, ahead: bool = True) -> None:
        self.start = dose
        self._live: BlitFigure | None = None
        first = lookup(timeline_key(dose)) if ahead else None
        self.image = self.live.image if first is None else picture(first, timeline_alt(dose))

    @property
    def live(self) -> BlitFigure:
        """The figure behind the picture (built on first use)."""
        if self._live is None:
            from lowback.draw.timeline import TICKS

            fig, alt, self.artists = timeline_figure(self.start)
            moving = self.artists[: 1 + len(TICKS)]
            self._live = BlitFigure(fig, alt, moving, image=getattr(self, "image", None))
        return self._live

    @property
    def fig(self) -> Figure:
        return self.live.fig

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in CSS pixels the picture is shown at."""
        return self.live.size

    def show(self, dose) -> None:
        """Show the timeline of ``dose``."""
        from lowback.draw.timeline import update_timeline

        live = self.live
        if update_timeline(self.artists, dose):
            live.reset()  # the legend or side labels changed: they are the still background
        else:
            live.refresh()


def timeline_key(dose) -> str:
    """The key of a dose's timeline among the pictures drawn ahead."""
    return key("timeline", dose.exercise.number, *(getattr(dose, f) for f in FIELDS))


def starting_dose(ex: Exercise, fields: tuple[str, ...] = FIELDS):
    """The dose an exercise's controls start at."""
    shown = [f for f in fields if f != "sides" or ex.per_side]
    return dosage(ex, **{f: _control(ex, f).value for f in shown})


def exercise_controls(
    which: int | str | Exercise, fields: tuple[str, ...] = FIELDS, timeline: bool = True
) -> w.VBox:
    """Sliders for an exercise's dosage (bounds from the catalogue), its summary and timeline.

    Per-side exercises get a side choice. ``box.controls`` maps each field to its control,
    ``box.summary`` is the summary line and ``box.live`` the timeline (or None).
    """
    ex = exercise(which)
    shown = [f for f in fields if f != "sides" or ex.per_side]
    controls = {f: _control(ex, f) for f in shown}

    def current():
        return dosage(ex, **{f: c.value for f, c in controls.items()})

    dose = current()
    summary = w.HTML(html.escape(dose.summary()))
    live = Timeline(dose) if timeline else None

    rest, sets = controls.get("rest"), controls.get("sets")

    def rest_counts() -> None:  # rest comes between sets: with one set a rest slider is dead
        if rest is not None:
            rest.disabled = sets is not None and sets.value < 2
            rest.tooltip = "Rest between sets" + (": choose 2 or more sets" * rest.disabled)

    rest_counts()

    def changed(change) -> None:
        if change["owner"] is sets:
            rest_counts()
        dose = current()
        if live is not None:  # the picture first: the words never run ahead of it
            live.show(dose)
        summary.value = html.escape(dose.summary())

    for control in controls.values():
        control.observe(changed, names="value")
    box = w.VBox([*controls.values(), summary, *([live.image] if live else [])])
    box.controls, box.summary, box.live = controls, summary, live
    plain = f"[Dosage control for {ex.name}: {dose.summary()}]"
    return offline(
        box, "exercise_controls", plain, which=ex.number, fields=shown, timeline=timeline
    )


class PoseAnimation:
    """One repetition of an exercise as frames, each rendered the first time it is shown.

    Only the first frame is shown when the lesson runs: the one drawn ahead
    (:mod:`lowback.drawn`) if there is one, else drawn now. The figure is built the first
    time another frame is asked for; each frame is drawn as Play or the slider first
    reaches it, then kept.
    """

    def __init__(
        self, which: int | str | Exercise, variation: str | None = None, ahead: bool = True
    ) -> None:
        self.exercise = exercise(which)
        self.variation = variation
        self.motion = motion(self.exercise, variation)
        self.alt = self.motion.alt
        self.times = rep_times(frames=2 * FPS)
        self._frames: list[bytes | None] = [None] * len(self.times)
        self._live: BlitFigure | None = None
        first = lookup(pose_key(self.exercise, variation)) if ahead else None
        if first is None:
            self.image = self.live.image
            self.image.value = self.frame(0)
        else:
            self._frames[0] = first
            self.image = picture(first, self.alt, width=WIDTH)

    @property
    def live(self) -> BlitFigure:
        """The figure behind the picture (built on first use)."""
        if self._live is None:
            from lowback.draw.exercise import draw_pose, pose_figure

            self.fig, self.ax = pose_figure(self.exercise, self.variation)
            self.artists = draw_pose(self.ax, self.exercise, self.times[0], self.variation)
            moving = self.artists[1:]  # everything but the floor line
            image = getattr(self, "image", None)
            self._live = BlitFigure(self.fig, self.alt, moving, width=WIDTH, image=image)
        return self._live

    def _render(self, t: float) -> bytes:
        from lowback.draw.exercise import update_pose

        live = self.live
        update_pose(self.artists, self.exercise, t, self.variation)
        return live.render()

    def frame(self, number: int) -> bytes:
        """Frame ``number`` as PNG bytes, drawn the first time it is asked for."""
        if self._frames[number] is None:
            self._frames[number] = self._render(self.times[number])
        return self._frames[number]

    @property
    def frames(self) -> list[bytes]:
        """Every frame of the repetition (drawing any not shown yet)."""
        return [self.frame(i) for i in range(len(self.times))]

    def show(self, frame: int) -> None:
        """Show frame number ``frame`` of the repetition."""
        self.image.value = self.frame(frame)


def pose_key(ex: Exercise, variation: str | None) -> str:
    """The key of an exercise's first frame among the pictures drawn ahead."""
    return key("pose", ex.number, variation or "")


def drawn_ahead() -> list[tuple[str, Callable[[], bytes]]]:
    """Each exercise's first frames and its starting timeline, for :mod:`lowback.drawn`."""
    found = []
    for ex in exercises():
        for variation in (None, *ex.variations):
            found.append((pose_key(ex, variation), partial(_first_frame, ex.number, variation)))
        dose = starting_dose(ex)
        found.append((timeline_key(dose), partial(_timeline_png, dose)))
    return found


def _first_frame(number: int, variation: str | None) -> bytes:
    return PoseAnimation(number, variation, ahead=False).frame(0)


def _timeline_png(dose) -> bytes:
    return Timeline(dose, ahead=False).image.value


def exercise_animation(which: int | str | Exercise, variation: str | None = None) -> w.VBox:
    """A Play button and a slider that step the figure through one repetition.

    A position held still (lying face down) has nothing to play: it is shown as its picture
    with a line saying so, never with a Play button and slider that change nothing.
    """
    anim = PoseAnimation(which, variation)
    if is_still(anim.motion):
        info = w.HTML(html.escape(STILL))
        box = w.VBox([info, anim.image])
        box.play = box.slider = None
        box.animation, box.info, box.image = anim, info, anim.image
        args = {"which": anim.exercise.number, "variation": variation}
        return offline(
            box, "picture", f"[Picture: {anim.alt}]", control="exercise_animation", **args
        )
    last = len(anim.times) - 1
    play = w.Play(value=0, min=0, max=last, step=1, interval=1000 // FPS, description="Play")
    slider = w.IntSlider(value=0, min=0, max=last, description="Moment", readout=False)
    w.jslink((play, "value"), (slider, "value"))
    slider.observe(lambda change: anim.show(change["new"]), names="value")
    box = w.VBox([w.HBox([play, slider]), anim.image])
    box.play, box.slider, box.animation = play, slider, anim
    plain = f"[Animation: {anim.alt}]"
    return offline(
        box, "exercise_animation", plain, which=anim.exercise.number, variation=variation
    )
