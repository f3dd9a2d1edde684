"""A guided session: a Play widget walks through a routine's moves, holds and rests, with
sound cues (``lowback.cues``) and a large-print floor view to follow from the floor."""

import bisect
import html
import math
from collections.abc import Callable
from functools import partial

import ipywidgets as w

from lowback.cues import Cue, due, floor_words, schedule, silence, sound
from lowback.dosage import format_duration
from lowback.draw.style import PALETTE, SCALE, new_figure
from lowback.drawn import key, lookup
from lowback.poses import motion
from lowback.routine import Routine, RoutineError, Step, days
from lowback.widgets.live import AltImage, LiveFigure
from lowback.widgets.offline import offline

TICKS_PER_SECOND = 10
"""The Play widget counts tenths of a session second; one tick every 100 ms is real time."""
SPEEDS = {"real time": 1, "5 times faster": 5, "10 times faster": 10, "30 times faster": 30}
POSES = 20
"""A rep is shown at this many steps (plus the start); each pose is rendered only once."""
WIDTH, HEIGHT = 640, 300
"""The pose picture's size in CSS pixels."""
EASE = 2.0
"""Seconds a rest takes to ease the figure back to the start pose."""
FLOOR_PX = {"now": 72, "count": 200, "next": 48}
"""Font sizes of the floor view (CSS pixels): readable from 2 metres on a laptop screen."""


def pose_at(step: Step, into: float, before: float) -> float:
    """Where the figure is in the rep (0 start pose, 1 held pose) ``into`` seconds into a step.

    ``before`` is where the previous step left the figure, so no step starts with a jump.
    """
    seg = step.segment
    frac = min(max(into / seg.seconds, 0.0), 1.0) if seg.seconds else 1.0
    if seg.kind == "hold":
        return 1.0
    if seg.kind == "move":
        if before == 0:  # from the start pose: ease in
            return 0.5 - 0.5 * math.cos(math.pi * frac)
        if frac < 0.5:  # release what is left of the last hold ...
            return before * math.cos(math.pi * frac)
        return -math.cos(math.pi * frac)  # ... then go again
    if seg.kind == "rest":
        return before * max(0.0, 1.0 - into / EASE)  # ease back to the start pose
    return 0.0  # getting ready: the next exercise's start pose


def start_poses(steps: tuple[Step, ...]) -> list[float]:
    """Where the figure is as each step begins: where the step before it left it."""
    poses, pose = [], 0.0
    for step in steps:
        poses.append(pose)
        pose = pose_at(step, step.segment.seconds, pose)
    return poses


def _counter(step: Step) -> str:
    seg, dose = step.segment, step.item.dosage
    parts = [f"Rep {seg.rep} of {dose.reps}"]
    if dose.sets > 1:
        parts.append(f"set {seg.set} of {dose.sets}")
    if dose.sides > 1:
        parts.append(("first" if seg.side == 1 else "second") + " side")
    return " · ".join(parts)


def _phase(step: Step, left: int, following: str) -> tuple[str, str]:
    kind = step.segment.kind
    if kind == "move":
        return "Move into the position", PALETTE["blue"]
    if kind == "hold":
        return f"Hold · {left} s", PALETTE["green"]
    if kind == "rest":
        return f"Rest · {left} s", PALETTE["grey"]
    return f"Get ready for {following} · {left} s", PALETTE["orange"]


class SessionPlayer(w.VBox):
    """Play, pause and skip through a routine; figure, rep counter, countdown and progress."""

    def __init__(self, plan: Routine, speed: int = 10, day: int | None = None) -> None:
        if speed not in SPEEDS.values():
            raise ValueError(f"speed must be one of {', '.join(map(str, SPEEDS.values()))}")
        self.plan, self.steps = plan, plan.session(day)
        if not self.steps:
            raise RoutineError(f"nothing is planned on {days()[day]}: it is a rest day")
        self.starts = [s.start for s in self.steps]
        self.poses = start_poses(self.steps)
        self.total = self.steps[-1].end
        self.play = w.Play(
            value=0,
            min=0,
            max=self.total * TICKS_PER_SECOND,
            step=speed,
            interval=1000 // TICKS_PER_SECOND,
            description="Play",
        )
        self.speed = w.Dropdown(
            options=SPEEDS, value=speed, description="Speed", layout=w.Layout(width="max-content")
        )
        self.skip = w.Button(description="Next exercise", icon="forward")
        self.sound = w.ToggleButton(
            value=True,
            description="Sound cues",
            icon="volume-up",
            tooltip="Tones as each hold starts and ends, pips for the reps left, rest and end",
        )
        self.floor_view = w.ToggleButton(
            value=False,
            description="Floor view",
            icon="expand",
            tooltip="Large print to read from the floor: the step, the countdown, what is next",
        )
        self.floor = w.HTML(layout=w.Layout(display="none"))
        self.audio = w.Audio(
            value=silence(), format="wav", autoplay=True, controls=False, loop=False
        )
        self.cues = schedule(self.steps)
        self.played: list[Cue] = []  # the cues sounded, in order
        self._odd = False
        self.title = w.HTML()
        self.phase = w.HTML()
        self.counter = w.HTML(layout=w.Layout(margin="0 0 0 2em"))
        self.progress = w.FloatProgress(value=0, min=0, max=self.total, description="Session")
        self.clock = w.HTML()
        self.image = AltImage(
            alt="", scale=SCALE, layout=w.Layout(width=f"{WIDTH}px", max_width=f"{WIDTH}px")
        )
        self._live: LiveFigure | None = None  # the figure, built when a pose is not drawn ahead
        self.shown: int | None = None  # the exercise the artists show
        self.artists: list = []
        self.frames: dict[tuple[int, int], bytes] = {}  # rendered poses, reused every rep
        self.play.observe(self._tick, names="value")
        self.speed.observe(self._speed, names="value")
        self.skip.on_click(self._skip)
        self.floor_view.observe(self._floor, names="value")
        self.show(0)
        super().__init__(
            [
                self.title,
                w.HBox([self.play, self.speed, self.skip]),
                w.HBox([self.sound, self.floor_view]),
                self.floor,
                self.image,
                w.HBox([self.phase, self.counter]),
                w.HBox([self.progress, self.clock]),
                self.audio,
            ]
        )

    def __repr__(self) -> str:
        count = len(self.plan.items)
        exercises = f"{count} exercise" + "s" * (count != 1)
        return f"SessionPlayer({exercises}, {format_duration(self.total)})"

    def _position(self, seconds: float) -> int:
        return max(0, bisect.bisect_right(self.starts, seconds) - 1)

    def step_at(self, seconds: float) -> Step:
        """The step under way at a time in the session."""
        return self.steps[self._position(seconds)]

    def _speed(self, change: dict) -> None:
        if change["new"] not in SPEEDS.values():  # no choice (None): keep the speed playing
            self.speed.value = self.play.step
            return
        self.play.step = change["new"]

    def _tick(self, change: dict) -> None:
        self.show(change["new"] / TICKS_PER_SECOND)
        cue = due(self.cues, change["old"] / TICKS_PER_SECOND, change["new"] / TICKS_PER_SECOND)
        if cue is not None and self.sound.value:
            self.played.append(cue)
            self._odd = not self._odd  # two cues in a row always differ, so both play
            self.audio.value = sound(cue.kind, cue.reps_left, self._odd)

    def _floor(self, change: dict) -> None:
        self.floor.layout.display = "block" if change["new"] else "none"
        self.show(self.play.value / TICKS_PER_SECOND)

    def _skip(self, _button=None) -> None:
        now = self.step_at(self.play.value / TICKS_PER_SECOND).index
        later = [s.start for s in self.steps if s.index > now]
        self.play.value = (later[0] if later else self.total) * TICKS_PER_SECOND

    def _draw(self, step: Step, pose: float) -> None:
        ex, level = step.item.exercise, round(pose * POSES)
        alt = motion(ex).alt
        if self.image.alt != alt:
            self.image.alt = alt
        frame = self.frames.get((ex.number, level)) or lookup(pose_key(ex, level))
        if frame is None:  # first time at this pose: move the artists and render once
            from lowback.draw.exercise import draw_pose, update_pose

            live = self.live
            if self.shown != ex.number:
                self.ax.clear()
                self.artists = draw_pose(self.ax, ex, level / POSES)
                self.shown = ex.number
            else:
                update_pose(self.artists, ex, level / POSES)
            frame = live.render()
        self.frames[(ex.number, level)] = frame
        self.image.value = frame

    @property
    def live(self) -> LiveFigure:
        """The figure the poses are drawn in (built on first use)."""
        if self._live is None:
            fig = new_figure(WIDTH / 100, HEIGHT / 100)
            self.ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
            self._live = LiveFigure(fig, self.image.alt, image=self.image)
        return self._live

    def show(self, seconds: float) -> None:
        """Bring every part of the player to a moment of the session."""
        position = self._position(seconds)
        step = self.steps[position]
        count, ex = len(self.plan.items), step.item.exercise
        done = seconds >= self.total
        name = html.escape(ex.name)
        self.title.value = f"<h3 style='margin:0'>Exercise {step.index + 1} of {count}: {name}</h3>"
        left = max(0, math.ceil(step.end - seconds))
        text, colour = _phase(step, left, name)
        if done:
            text, colour = "Session done: note how your back and leg feel", PALETTE["green"]
        self.phase.value = f"<b style='font-size:1.4em;color:{colour}'>{text}</b>"
        kind = step.segment.kind
        self.counter.value = (
            f"<span style='font-size:1.4em'>{_counter(step)}</span>"
            if kind in ("move", "hold")
            else ""
        )
        if self.floor_view.value:
            self.floor.value = self._floor_html(position, seconds, colour)
        self.progress.value = min(seconds, self.total)
        self.clock.value = (
            f"{format_duration(int(min(seconds, self.total)))} of {format_duration(self.total)}"
        )
        self._draw(step, pose_at(step, seconds - step.start, self.poses[position]))

    def _floor_html(self, position: int, seconds: float, colour: str) -> str:
        now, left, following = floor_words(self.steps, position, seconds)
        px = FLOOR_PX
        return (
            "<div role='status' style='text-align:center;line-height:1.1;padding:0.2em'>"
            f"<div style='font-size:{px['now']}px;font-weight:bold;color:{colour}'>"
            f"{html.escape(now)}</div>"
            f"<div style='font-size:{px['count']}px;font-weight:bold'>{left}</div>"
            f"<div style='font-size:{px['next']}px'>{html.escape(following)}</div></div>"
        )


def session_player(plan: Routine, speed: int = 10, day: int | None = None) -> SessionPlayer:
    """A guided session for a routine (all its exercises, or one day's), sped up for a demo."""
    plain = f"[Guided session]\n{plan.describe()}"
    panel = SessionPlayer(plan, speed, day)
    return offline(panel, "plan", plain, routine=plan.to_dict(), what="session")


def pose_key(ex, level: int) -> str:
    """The key of an exercise's pose at ``level`` (of POSES) among the pictures drawn ahead."""
    return key("player", ex.number, level)


def drawn_ahead() -> list[tuple[str, Callable[[], bytes]]]:
    """Each exercise's start pose as the player first shows it, for :mod:`lowback.drawn`."""
    from lowback.catalogue import exercises

    return [(pose_key(ex, 0), partial(_start_pose, ex)) for ex in exercises()]


def _start_pose(ex) -> bytes:
    from lowback.draw.exercise import draw_pose

    fig = new_figure(WIDTH / 100, HEIGHT / 100)
    draw_pose(fig.add_axes((0.01, 0.01, 0.98, 0.98)), ex, 0.0)
    return LiveFigure(fig, motion(ex).alt).render()
