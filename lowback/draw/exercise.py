"""Exercise figures: a posed person with props, updated in place, and a start-to-end figure."""

import math
from functools import cache

import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowback.catalogue import Exercise, exercise, exercises
from lowback.draw.person import PARTS, draw_person, pelvis_direction, rod, update_person
from lowback.draw.props import MAT, draw_props
from lowback.draw.style import PALETTE, new_figure, sizes
from lowback.poses import (
    Mistake,
    Motion,
    Skeleton,
    alt_text,
    feet_view,
    head_radius,
    is_still,
    mistakes,
    motion,
    prop_shapes,
    segments,
)

MARK = PALETTE["black"]
"""The colour of a "not like this" cross: not the vermillion of the movement arrows."""

_MARGIN = 0.06
SECTION_ROOM = 0.42  # room to the right of a bracing figure for the waist's cross-section
_T = np.linspace(0, 2 * np.pi, 48, endpoint=False)


@cache
def _frame(number: int, variation: str | None) -> tuple[float, float, float, float]:
    """Fixed x and y limits that hold the figure at every moment of the motion."""
    mo = motion(number, variation)
    x0, x1, y0, y1 = _limits(mo)
    return x0, x1 + (SECTION_ROOM if _braces(mo) else 0.0), y0, y1


def _braces(mo: Motion) -> bool:
    return any("brace" in a for _, a in mo.frames)


def _limits(mo: Motion) -> tuple[float, float, float, float]:
    """x and y limits that hold a motion's figure at every moment."""
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
    props = draw_props(ax, mo, _span(number, variation))
    section = _waist_section(ax, mo, t) if _braces(mo) else []
    return [floor, *props, *section, *draw_person(ax, sk, _tilt(mo, t), behind=mo.behind)]


def update_pose(
    artists: list[Artist], which: int | str | Exercise, t: float, variation: str | None = None
) -> None:
    """Move the artists returned by :func:`draw_pose` to time t, in place."""
    mo = motion(which, variation)
    sk = mo.skeleton(t)
    update_person(artists[-PARTS:], sk, _tilt(mo, t), mo.behind)  # the props stay put
    if _braces(mo):
        _update_section(artists[-PARTS - len(_MOVING) : -PARTS], mo, t)


_MOVING = ("outline", "wall", "back_muscle", "back_muscle")
"""The parts of the waist's cross-section that change as the brace tightens, last drawn."""

_S = 1.25  # the cross-section's scale (it is drawn larger than the body, for legibility)
_SPINE = 0.022 * _S  # the vertebral body's radius


def _waist(mo: Motion, t: float, brace: float) -> np.ndarray:
    """The waist's outline seen from above, front to the right.

    Bracing stiffens the muscles all round without drawing the belly in: the outline stays
    where it is, at most a touch wider (the braced belly wall pushes out very slightly).
    """
    cx, cy = _section_centre(mo)
    front, back, side = 0.12 * (1 + 0.015 * brace), 0.1, 0.1 * (1 + 0.03 * brace)
    front, back, side = front * _S, back * _S, side * _S
    x = np.where(np.cos(_T) > 0, front, back) * np.cos(_T)
    return np.column_stack([cx + x, cy + side * np.sin(_T)])


def _section(mo: Motion, t: float) -> dict:
    """The cross-section's shapes at time t: outline, muscle wall, spine and back muscles."""
    brace = mo.angles(t).get("brace", 0.0)
    cx, cy = _section_centre(mo)
    outline = _waist(mo, t, brace)
    wall = (0.011 + 0.011 * brace) * _S  # the belly wall's muscles thicken inward as they tighten
    # The wall runs round the front and sides to the back muscles, inside the skin.
    arc = np.linspace(-0.72 * np.pi, 0.72 * np.pi, 37)
    front, side = 0.12 * _S * (1 + 0.015 * brace), 0.1 * _S * (1 + 0.03 * brace)
    radius = np.where(np.cos(arc) > 0, front, 0.1 * _S)

    def ring(inset: float) -> np.ndarray:
        return np.column_stack(
            [cx + (radius - inset) * np.cos(arc), cy + (side - inset) * np.sin(arc)]
        )

    skin = 0.004 * _S
    band = np.vstack([ring(skin), ring(skin + wall)[::-1]])
    spine = (cx - 0.034 * _S, cy)
    muscles = [(cx - 0.076 * _S, cy + 0.03 * _S), (cx - 0.076 * _S, cy - 0.03 * _S)]
    return {
        "outline": outline,
        "wall": wall,
        "band": band,
        "alpha": 0.3 + 0.6 * brace,
        "spine": spine,
        "spine_radius": _SPINE,
        "back_muscles": muscles,
        "back_muscle_size": ((0.03 + 0.006 * brace) * _S, (0.042 + 0.006 * brace) * _S),
    }


def _section_centre(mo: Motion) -> tuple[float, float]:
    x0, x1, y0, y1 = _frame(mo.exercise.number, mo.variation)
    return x1 - SECTION_ROOM / 2, (y0 + y1) / 2


def _waist_section(ax: Axes, mo: Motion, t: float) -> list[Artist]:
    """A cross-section of the waist from above: at rest (grey dashes) and as braced now.

    The outline stays where it is; the muscle ring round the belly (front and sides) and the
    back muscles behind the spine thicken and darken as the brace tightens. The spine sits
    deep in the waist. The changing parts are the last artists (see :data:`_MOVING`), so
    :func:`update_pose` can move them.
    """
    from matplotlib.patches import Circle, Ellipse, Polygon

    cx, cy = _section_centre(mo)
    small = sizes()["small"]
    shape = _section(mo, t)
    words = ax.text(cx, cy + 0.14 * _S, "waist seen from above\n(back left, belly right)",
                    ha="center", va="bottom", fontsize=small, color=PALETTE["black"])  # fmt: skip
    spine = Circle(shape["spine"], _SPINE, facecolor="#EFE6D2", edgecolor="#6E6250", zorder=6)
    sx, sy = shape["spine"]
    tail = cx - 0.094 * _S
    process = Polygon([(sx - 0.01, sy + 0.007), (tail, sy + 0.005),
                       (tail, sy - 0.005), (sx - 0.01, sy - 0.007)], closed=True,
                      facecolor="#EFE6D2", edgecolor="#6E6250", lw=0.8, zorder=6)  # fmt: skip
    rest = Polygon(_waist(mo, 0.0, 0.0), closed=True, fill=False, linestyle="--", lw=1.2,
                   edgecolor=PALETTE["grey"], zorder=7)  # fmt: skip
    now = Polygon(shape["outline"], closed=True, facecolor=PALETTE["sky"],
                  edgecolor=PALETTE["blue"], lw=1.5, alpha=0.35, zorder=3)  # fmt: skip
    muscle = {"facecolor": PALETTE["purple"], "edgecolor": "none", "zorder": 4}
    wall = Polygon(shape["band"], closed=True, alpha=shape["alpha"], **muscle)
    w, h = shape["back_muscle_size"]
    backs = [Ellipse(c, w, h, alpha=shape["alpha"], **muscle) for c in shape["back_muscles"]]
    calm = _section(mo, 0.0)["band"]  # the muscle ring's inner edge at rest, dashed
    inner = calm[len(calm) // 2 :]
    (rest_wall,) = ax.plot(inner[:, 0], inner[:, 1], linestyle="--", lw=1.0,
                           color=PALETTE["grey"], zorder=7)  # fmt: skip
    tip = shape["band"][6]
    line = {"arrowstyle": "-", "color": PALETTE["black"], "lw": 0.8}
    label = ax.annotate("muscle ring: thicker,\nstiffer; outline stays\n(dashes: at rest)",
                        tip, (cx + 0.02, cy - 0.13 * _S), ha="center", va="top", fontsize=small,
                        color=PALETTE["black"], arrowprops=line)  # fmt: skip
    for patch in (spine, process, rest, now, wall, *backs):
        ax.add_patch(patch)
    return [words, label, rest_wall, spine, process, rest, now, wall, *backs]


def _update_section(artists: list[Artist], mo: Motion, t: float) -> None:
    """Move the changing parts of the cross-section (see :data:`_MOVING`) to time t."""
    now, wall, *backs = artists
    shape = _section(mo, t)
    now.set_xy(shape["outline"])
    wall.set_xy(shape["band"])
    wall.set_alpha(shape["alpha"])
    w, h = shape["back_muscle_size"]
    for patch in backs:
        patch.set_width(w)
        patch.set_height(h)
        patch.set_alpha(shape["alpha"])


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


def back_line(sk: Skeleton) -> np.ndarray:
    """The surface of the back from the pelvis to the shoulder blades, as a smooth curve.

    A quadratic curve from low on the lower back to high on the upper back that passes
    through the back's surface at the waist, so a rounded back bulges and a hollow one dips.
    """
    (wx, wy) = sk.points["waist"]
    low, high = sk.along("lumbar", 0.15, 1.0), sk.along("thorax", 0.85, 1.0)
    a, b = sk.along("lumbar", 1.0, 1.0), sk.along("thorax", 0.0, 1.0)
    nx, ny = (a[0] + b[0]) / 2 - wx, (a[1] + b[1]) / 2 - wy
    r = segments()["lumbar"].r1 / (math.hypot(nx, ny) or 1.0)
    mid = np.array([wx + nx * r, wy + ny * r])
    p0, p2 = np.array(low), np.array(high)
    control = 2 * mid - (p0 + p2) / 2
    u = np.linspace(0, 1, 25)[:, None]
    return (1 - u) ** 2 * p0 + 2 * u * (1 - u) * control + u**2 * p2


def _back_lines(ax: Axes, mo: Motion) -> list[Artist]:
    """The line of the back at the start (grey dashes) and the hold (solid), over the figure."""
    out = []
    halo = [patheffects.withStroke(linewidth=5, foreground="white")]
    for t, style, colour, name in (
        (0.0, "--", PALETTE["ink"], "line of the back: start"),
        (1.0, "-", PALETTE["ink"], "line of the back: hold"),
    ):
        xy = back_line(mo.skeleton(t))
        (line,) = ax.plot(xy[:, 0], xy[:, 1], linestyle=style, color=colour, lw=2.2,
                          zorder=7, label=name, path_effects=halo)  # fmt: skip
        out.append(line)
    return out


def _annotate(ax: Axes, mo: Motion, sk: Skeleton) -> None:
    x0, x1, y0, y1 = ax.get_xlim() + ax.get_ylim()
    shapes = prop_shapes(mo)
    for text, at in mo.notes:
        if at in shapes:  # a prop: point at its centre
            ring = np.array(shapes[at][0])
            x, y = ring.mean(axis=0)
        else:
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
    """Start pose (grey ghost) and end pose (blue) overlaid, with labels and a title.

    An exercise with a view from the feet (figure 4) gets it as a second panel; bracing
    shows the waist's cross-section beside the figure.
    """
    mo = motion(which, variation)
    number = mo.exercise.number
    second = feet_view(number) if variation is None else {}
    width, height = _size(number, variation)
    fig = new_figure(width, height * (0.72 if second else 1.0))
    ax = fig.add_axes((0.01, 0.02, 0.64, 0.8) if second else (0.02, 0.02, 0.96, 0.8))
    _setup(ax, number, variation)
    draw_pose(ax, mo.exercise, 1.0, variation)
    still = is_still(mo)
    plain = still or bool(second)  # one pose: a resting position, or a side view kept clear
    for at, _ in [] if plain else mo.frames[:-1]:
        draw_person(ax, mo.skeleton(at), _tilt(mo, at), faded=True, behind=mo.behind)
    if mo.backline:
        _back_lines(ax, mo)
    _paths(ax, mo)
    _annotate(ax, mo, mo.skeleton(1.0))
    if second:
        _draw_feet_view(fig.add_axes((0.66, 0.02, 0.33, 0.8)), second)
    title = str(mo.exercise) + (f" ({variation})" if variation else "")
    fig.text(0.5, 0.97, title, ha="center", va="top", fontsize=sizes()["title"], weight="bold")
    key = "grey: where you start    blue: the position you hold"
    if still:
        key = "the position you rest in"
    elif second:
        key = "the position you hold (the arrow: how the knee comes toward the chest)"
    if mo.backline:
        key += "\nblack line: the back's shape (dashed at the start, solid at the hold)"
    if _braces(mo):
        key = "the body does not move: the muscles round the waist tighten (right)"
    fig.text(0.5, 0.89, key, ha="center", va="top", fontsize=sizes()["small"],
             color=PALETTE["black"])  # fmt: skip
    return fig


_FEET_RODS = (  # (from, to, radius at each end, colour key) in the view from the feet
    ("shoulder_far", "hand_far", 0.022, 0.014, "far"),
    ("shoulder_near", "hand_near", 0.022, 0.014, "near"),
    ("hip_near", "knee_near", 0.05, 0.036, "near"),
    ("knee_near", "foot_near", 0.034, 0.03, "near"),
    ("hip_far", "knee_far", 0.05, 0.036, "far"),
    ("knee_far", "ankle_far", 0.034, 0.022, "far"),
    ("ankle_far", "toe_far", 0.02, 0.012, "far"),
)
"""The crossed (painful) leg is the far one, light blue, as in the side view."""


def _draw_feet_view(ax: Axes, p: dict[str, tuple[float, float]]) -> list[Artist]:
    """The held figure 4 seen from the feet: the crossed shin across the other knee."""
    from matplotlib.patches import Ellipse, Polygon

    from lowback.draw.person import COLOURS

    ax.set_xlim(-0.36, 0.46)
    ax.set_ylim(-MAT - 0.1, 0.52)
    ax.set_aspect("equal")
    ax.set_axis_off()
    out: list[Artist] = [ax.axhline(-MAT, color=PALETTE["grey"], lw=1.2, zorder=0)]
    out.append(ax.add_patch(Polygon([(-0.29, -MAT), (0.35, -MAT), (0.35, 0), (-0.29, 0)],
                                    facecolor=PALETTE["green"], alpha=0.45, zorder=1)))  # fmt: skip
    out.append(ax.add_patch(Ellipse((0.0, 0.16), 0.13, 0.13, color=COLOURS["near"], zorder=2)))
    out.append(ax.add_patch(Ellipse((0.0, 0.065), 0.3, 0.13, color=COLOURS["near"], zorder=3)))
    for start, end, r0, r1, key in _FEET_RODS:
        outline = rod(p[start], p[end], r0, r1)
        out.append(ax.add_patch(Polygon(outline, closed=True, facecolor=COLOURS[key],
                                        edgecolor="white", lw=1.1, zorder=4)))  # fmt: skip
    small = sizes()["small"]
    arrow = {"arrowstyle": "->", "color": PALETTE["vermillion"], "lw": 1.2}
    out.append(ax.annotate("crossed ankle on\nthe other knee", p["ankle_far"], (-0.2, 0.47),
                           fontsize=small, ha="center", va="center", arrowprops=arrow))  # fmt: skip
    out.append(ax.annotate("knee falls out:\nhip turned out", p["knee_far"], (0.3, 0.43),
                           fontsize=small, ha="center", va="center", arrowprops=arrow))  # fmt: skip
    out.append(ax.annotate("thigh being\npulled", p["knee_near"], (-0.28, 0.16),
                           fontsize=small, ha="center", va="center", arrowprops=arrow))  # fmt: skip
    out.append(ax.text(0.03, -0.06, "seen from the feet", ha="center", va="top",
                       fontsize=sizes()["label"], weight="bold"))  # fmt: skip
    return out


def mistake_name(m: Mistake) -> str:
    """The file stem of a "not like this" picture in images/."""
    return f"mistake_{m.exercise.number:02d}_{m.exercise.slug}_{m.slug}"


def mistake_figure(m: Mistake) -> Figure:
    """A common mistake, crossed out under the words "Not like this".

    The cross is black (:data:`MARK`), not the vermillion of the movement arrows, with a white
    edge so it stands clear of the figure.
    """
    import textwrap

    mo = m.pose
    x0, x1, y0, y1 = _limits(mo)
    width = 4.8
    fig = new_figure(width, min(max(width * (y1 - y0 + 0.3) / (x1 - x0), 2.4), 4.4))
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.72))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.axhline(-MAT if "mat" in mo.props else 0.0, color=PALETTE["grey"], lw=1.2, zorder=0)
    draw_props(ax, mo, (x0 + 0.02, x1 - 0.02))
    draw_person(ax, mo.skeleton(1.0), _tilt(mo, 1.0), behind=mo.behind)
    edge = [patheffects.withStroke(linewidth=9, foreground="white")]
    for ys in ((y0 + 0.03, y1 - 0.03), (y1 - 0.03, y0 + 0.03)):
        ax.plot((x0 + 0.06, x1 - 0.06), ys, color=MARK, lw=6, alpha=0.85, zorder=2.5,
                solid_capstyle="round", path_effects=edge)  # fmt: skip
    fig.text(0.5, 0.98, "Not like this", ha="center", va="top", color=MARK, weight="bold",
             fontsize=sizes()["title"] + 2)  # fmt: skip
    caption = textwrap.fill(
        f"{m.exercise.name}: {m.caption}", 62, break_long_words=False, break_on_hyphens=False
    )
    fig.text(0.5, 0.87, caption, ha="center", va="top", fontsize=sizes()["small"] + 1)
    return fig


def image_name(which: int | str | Exercise, variation: str | None = None) -> str:
    """The file stem of an exercise's figure (or a variation's) in images/."""
    ex = exercise(which)
    stem = f"exercise_{ex.number:02d}_{ex.slug}"
    return f"{stem}_{variation.replace(' ', '-')}" if variation else stem


def _maker(ex: Exercise, variation: str | None):
    def make() -> tuple[Figure, str]:
        return exercise_figure(ex, variation), alt_text(ex, variation)

    return make


def _mistake_maker(m: Mistake):
    def make() -> tuple[Figure, str]:
        return mistake_figure(m), m.alt

    return make


IMAGES = {image_name(ex, v): _maker(ex, v) for ex in exercises() for v in (None, *ex.variations)}
IMAGES |= {mistake_name(m): _mistake_maker(m) for m in mistakes()}
"""One picture per exercise and per variation, start to end, and each "not like this"."""
