"""One control panel for every exercise: dosage sliders with a live timeline, and an animation."""

import html

import ipywidgets as w
from matplotlib.figure import Figure

from lowback.catalogue import Exercise, exercise
from lowback.dosage import FIELDS, bounds, dosage
from lowback.draw.exercise import alt_text, draw_pose, pose_figure, update_pose
from lowback.draw.style import new_figure, sizes
from lowback.draw.timeline import TICKS, draw_timeline, update_timeline
from lowback.poses import rep_times
from lowback.widgets.blit import BlitFigure
from lowback.widgets.offline import offline

_LABELS = {"reps": "Reps", "hold": "Hold (s)", "sets": "Sets", "rest": "Rest (s)"}
_SIDES = (("both sides", 2), ("one side only", 1))
FPS = 12
"""Frames per second of the animation (the Play widget's pace)."""


def _control(ex: Exercise, field: str) -> w.ValueWidget:
    if field == "sides":
        return w.ToggleButtons(options=_SIDES, value=2, description="Sides")
    b = bounds(ex, field)
    return w.IntSlider(value=b.default, min=b.min, max=b.max, description=_LABELS[field])


def timeline_figure(dose) -> tuple[Figure, str, list]:
    """A dose's timeline: the figure, its alt text and its artists."""
    scale = sizes()["small"] / 8  # classroom style: taller, so the legend is never cut off
    fig = new_figure(6.4, 1.5 * scale, dpi=80)
    ax = fig.add_axes((0.14 * scale, 0.3, 0.97 - 0.14 * scale, 0.5))
    artists = draw_timeline(ax, dose)
    alt = f"Timeline of one session of {dose.exercise.name}: moves, holds and rests in order."
    return fig, alt, artists


def _timeline_figure(dose) -> tuple[BlitFigure, list]:
    fig, alt, artists = timeline_figure(dose)
    return BlitFigure(fig, alt, artists[: 1 + len(TICKS)]), artists


def exercise_controls(
    which: int | str | Exercise, fields: tuple[str, ...] = FIELDS, timeline: bool = True
) -> w.VBox:
    """Sliders for an exercise's dosage (bounds from the catalogue), its summary and timeline.

    Per-side exercises get a side choice. ``box.controls`` maps each field to its control,
    ``box.summary`` is the summary line and ``box.live`` the timeline picture (or None).
    """
    ex = exercise(which)
    shown = [f for f in fields if f != "sides" or ex.per_side]
    controls = {f: _control(ex, f) for f in shown}

    def current():
        return dosage(ex, **{f: c.value for f, c in controls.items()})

    dose = current()
    summary = w.HTML(html.escape(dose.summary()))
    live, artists = _timeline_figure(dose) if timeline else (None, None)

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
        summary.value = html.escape(dose.summary())
        if live is not None:
            if update_timeline(artists, dose):
                live.reset()  # the legend or side labels changed: they are the still background
            else:
                live.refresh()

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

    Only the first frame is drawn when the lesson runs; the rest are drawn as Play or the
    slider first reaches them, then kept, so a lesson shows its pictures sooner.
    """

    def __init__(self, which: int | str | Exercise, variation: str | None = None) -> None:
        self.exercise = exercise(which)
        self.variation = variation
        self.times = rep_times(frames=2 * FPS)
        self.fig, self.ax = pose_figure(self.exercise, variation)
        self.artists = draw_pose(self.ax, self.exercise, self.times[0], variation)
        moving = self.artists[1:]  # everything but the floor line
        self.live = BlitFigure(self.fig, alt_text(self.exercise, variation), moving, width="80%")
        self._frames: list[bytes | None] = [None] * len(self.times)
        self.live.image.value = self.frame(0)

    def _render(self, t: float) -> bytes:
        update_pose(self.artists, self.exercise, t, self.variation)
        return self.live.render()

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
        self.live.image.value = self.frame(frame)


def exercise_animation(which: int | str | Exercise, variation: str | None = None) -> w.VBox:
    """A Play button and a slider that step the figure through one repetition."""
    anim = PoseAnimation(which, variation)
    last = len(anim.times) - 1
    play = w.Play(value=0, min=0, max=last, step=1, interval=1000 // FPS, description="Play")
    slider = w.IntSlider(value=0, min=0, max=last, description="Moment", readout=False)
    w.jslink((play, "value"), (slider, "value"))
    slider.observe(lambda change: anim.show(change["new"]), names="value")
    box = w.VBox([w.HBox([play, slider]), anim.live.image])
    box.play, box.slider, box.animation = play, slider, anim
    plain = f"[Animation: {anim.live.alt}]"
    return offline(
        box, "exercise_animation", plain, which=anim.exercise.number, variation=variation
    )
