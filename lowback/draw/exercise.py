"""Exercise figures: a posed person with props, updated in place, and a start-to-end figure."""

import math
from functools import cache

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowback.catalogue import Exercise, exercise, exercises
from lowback.draw.person import PARTS, draw_person, pelvis_direction, update_person
from lowback.draw.props import MAT, draw_props, update_props
from lowback.draw.style import PALETTE, new_figure, sizes
from lowback.poses import Motion, Skeleton, head_radius, motion

_MARGIN = 0.06


@cache
def _frame(number: int, variation: str | None) -> tuple[float, float, float, float]:
    """Fixed x and y limits that hold the figure at every moment of the motion."""
    mo = motion(number, variation)
    xs, ys = [], []
    for t in np.linspace(0, 1, 11):
        for x, y in mo.skeleton(t).points.values():
            xs.append(x)
            ys.append(y)
    pad = _MARGIN + head_radius()
    return min(xs) - pad, max(xs) + pad, -MAT - 0.03, max(ys) + pad


def _span(number: int, variation: str | None) -> tuple[float, float]:
    x0, x1, _, _ = _frame(number, variation)
    return x0 + 0.02, x1 - 0.02


def _tilt(mo: Motion, t: float) -> float:
    return mo.angles(t).get("pelvis", 0.0)


def _setup(ax: Axes, number: int, variation: str | None) -> None:
    x0, x1, y0, y1 = _frame(number, variation)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()


def draw_pose(
    ax: Axes, which: int | str | Exercise, t: float = 1.0, variation: str | None = None
) -> list[Artist]:
    """Draw an exercise's figure and props at time t (0 start pose, 1 end pose)."""
    mo = motion(which, variation)
    number = mo.exercise.number
    _setup(ax, number, variation)
    sk = mo.skeleton(t)
    floor = ax.axhline(-MAT if "mat" in mo.props else 0.0, color=PALETTE["grey"], lw=1.2, zorder=0)
    props = draw_props(ax, mo.props, sk, _span(number, variation))
    return [floor, *props, *draw_person(ax, sk, _tilt(mo, t), behind=mo.behind)]


def update_pose(
    artists: list[Artist], which: int | str | Exercise, t: float, variation: str | None = None
) -> None:
    """Move the artists returned by :func:`draw_pose` to time t, in place."""
    mo = motion(which, variation)
    sk = mo.skeleton(t)
    props, person = artists[1:-PARTS], artists[-PARTS:]
    update_props(props, mo.props, sk, _span(mo.exercise.number, variation))
    update_person(person, sk, _tilt(mo, t), mo.behind)


def _landmark(sk: Skeleton, name: str, tilt: float = 0.0) -> tuple[float, float]:
    """A joint, the middle of a segment, or "pelvis": the top of the pelvis oval."""
    if name == "pelvis":  # a point beyond the top of the pelvis, so its tilt shows
        (x0, y0), a = sk.points["hip"], pelvis_direction(sk, tilt)
        return (x0 + 0.17 * math.cos(a), y0 + 0.17 * math.sin(a))
    return sk.points[name] if name in sk.points else sk.along(name, 0.5)


def _paths(ax: Axes, mo: Motion) -> None:
    """Arrows tracing how the chosen landmarks travel from the start to the end pose."""
    times = np.linspace(0, 1, 15)
    for name in mo.paths:
        xy = np.array([_landmark(mo.skeleton(t), name, _tilt(mo, t)) for t in times])
        colour = PALETTE["vermillion"]
        ax.plot(xy[:-1, 0], xy[:-1, 1], color=colour, lw=2.2, zorder=6, solid_capstyle="round")
        ax.annotate(
            "",
            xy[-1],
            xy[-3],
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.2, "mutation_scale": 14},
            zorder=6,
        )


def _annotate(ax: Axes, mo: Motion, sk: Skeleton) -> None:
    x0, x1, y0, y1 = ax.get_xlim() + ax.get_ylim()
    for text, at in mo.notes:
        x, y = _landmark(sk, at)
        beside = y1 - y < 0.15  # a landmark near the top: label to its left instead
        tx = min(max(x - (0.35 if beside else 0.0), x0 + 0.25), x1 - 0.25)
        ax.annotate(
            text,
            (x, y),
            (tx, y1 - 0.03),
            ha="center",
            va="top",
            fontsize=sizes()["label"],
            color=PALETTE["black"],
            arrowprops={"arrowstyle": "->", "color": PALETTE["vermillion"], "lw": 1.2},
            zorder=5,
        )


def _size(
    number: int, variation: str | None, extra: float = 0.2, tallest: float = 6.0
) -> tuple[float, float]:
    """Figure size that fits the motion, plus ``extra`` height (fraction of body height)."""
    x0, x1, y0, y1 = _frame(number, variation)
    width = 6.4
    return width, min(max(width * (y1 - y0 + extra) / (x1 - x0), 2.4), tallest)


def pose_figure(which: int | str | Exercise, variation: str | None = None) -> tuple[Figure, Axes]:
    """An empty figure shaped for an exercise's motion, with one axes filling it."""
    mo = motion(which, variation)
    fig = new_figure(*_size(mo.exercise.number, variation, extra=0.0, tallest=4.0))
    return fig, fig.add_axes((0, 0, 1, 1))


def exercise_figure(which: int | str | Exercise, variation: str | None = None) -> Figure:
    """Start pose (grey ghost) and end pose (blue) overlaid, with labels and a title."""
    mo = motion(which, variation)
    number = mo.exercise.number
    fig = new_figure(*_size(number, variation))
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.8))
    _setup(ax, number, variation)
    draw_pose(ax, mo.exercise, 1.0, variation)
    for at, _ in mo.frames[:-1]:
        draw_person(ax, mo.skeleton(at), _tilt(mo, at), faded=True, behind=mo.behind)
    _paths(ax, mo)
    _annotate(ax, mo, mo.skeleton(1.0))
    title = str(mo.exercise) + (f" ({variation})" if variation else "")
    fig.text(0.5, 0.97, title, ha="center", va="top", fontsize=sizes()["title"], weight="bold")
    fig.text(
        0.5,
        0.89,
        "grey: where you start    blue: the position you hold",
        ha="center",
        va="top",
        fontsize=sizes()["small"],
        color=PALETTE["black"],
    )
    return fig


def alt_text(which: int | str | Exercise, variation: str | None = None) -> str:
    """The alt text of an exercise's figure: what the picture shows, start to end."""
    return motion(which, variation).alt


def image_name(which: int | str | Exercise, variation: str | None = None) -> str:
    """The file stem of an exercise's figure (or a variation's) in images/."""
    ex = exercise(which)
    stem = f"exercise_{ex.number:02d}_{ex.slug}"
    return f"{stem}_{variation.replace(' ', '-')}" if variation else stem


def _maker(ex: Exercise, variation: str | None):
    def make() -> tuple[Figure, str]:
        return exercise_figure(ex, variation), alt_text(ex, variation)

    return make


IMAGES = {image_name(ex, v): _maker(ex, v) for ex in exercises() for v in (None, *ex.variations)}
"""One picture per exercise and per variation, start to end."""
