"""Props for the exercise figures: mat, chair, rolled towel and pillow, placed from a pose."""

import math
from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from lowback.draw.style import PALETTE
from lowback.poses import Skeleton

MAT = 0.022  # mat thickness, fraction of height
_T = np.linspace(0, 2 * np.pi, 32, endpoint=False)


def _box(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def _oval(cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    return np.column_stack([cx + rx * np.cos(_T), cy + ry * np.sin(_T)])


def _underside(sk: Skeleton, segment: str) -> tuple[float, float]:
    """x of the middle of a trunk segment and the height of its lower surface."""
    x, y = sk.along(segment, 0.5)
    return x, max(y - 0.058, 0.0)


def mat(sk: Skeleton, span: tuple[float, float]) -> list[np.ndarray]:
    """An exercise mat under the whole figure, its top at the floor line."""
    return [_box(span[0], -MAT, span[1], 0.0)]


def towel(sk: Skeleton, span: tuple[float, float]) -> list[np.ndarray]:
    """A rolled towel under the small of the back."""
    x, _ = sk.along("lumbar", 0.6)
    return [_oval(x, 0.028, 0.03, 0.028)]


def pillow(sk: Skeleton, span: tuple[float, float]) -> list[np.ndarray]:
    """A soft pillow filling the gap under the chest."""
    x, under = _underside(sk, "thorax")
    height = max(under, 0.02) / 2 + 0.004
    return [_oval(x, height, 0.11, height)]


def chair(sk: Skeleton, span: tuple[float, float]) -> list[np.ndarray]:
    """A plain chair: seat under the buttocks, a backrest behind, two legs to the floor."""
    hx, hy = sk.points["hip"]
    seat = hy - 0.055
    front, back = hx + 0.17, hx - 0.12
    lean = math.radians(100)
    top = (back + 0.3 * math.cos(lean), seat + 0.3 * math.sin(lean))
    return [
        _box(back, seat - 0.03, front, seat),
        np.array([(back, seat), (back + 0.025, seat), (top[0] + 0.025, top[1]), top]),
        _box(back, 0.0, back + 0.022, seat - 0.03),
        _box(front - 0.022, 0.0, front, seat - 0.03),
    ]


PROPS = {"mat": mat, "towel": towel, "pillow": pillow, "chair": chair}
_STYLE = {
    "mat": {"facecolor": PALETTE["green"], "alpha": 0.45},
    "towel": {"facecolor": PALETTE["yellow"], "edgecolor": PALETTE["orange"], "zorder": 4},
    "pillow": {
        "facecolor": PALETTE["light"],
        "edgecolor": PALETTE["grey"],
        "zorder": 4,
        "alpha": 0.9,
    },
    "chair": {"facecolor": PALETTE["grey"], "edgecolor": PALETTE["grey"]},
}


def draw_props(
    ax: Axes, names: Iterable[str], sk: Skeleton, span: tuple[float, float]
) -> list[Polygon]:
    """Draw the named props for a pose; returns their patches in order."""
    artists = []
    for name in names:
        for outline in PROPS[name](sk, span):
            patch = Polygon(outline, closed=True, linewidth=1.0, **({"zorder": 1} | _STYLE[name]))
            ax.add_patch(patch)
            artists.append(patch)
    return artists


def update_props(
    artists: list[Polygon], names: Iterable[str], sk: Skeleton, span: tuple[float, float]
) -> None:
    """Move already drawn props to follow a new pose, in place."""
    outlines = [o for name in names for o in PROPS[name](sk, span)]
    for patch, outline in zip(artists, outlines, strict=True):
        patch.set_xy(outline)
