"""Props for the exercise figures: mat, chair, rolled towel and pillow, where the pose put them.

Their shapes come from :func:`lowback.poses.prop_shapes` (placed once from the start pose,
so they stay put through a repetition, and the pose audit checks the body against them).
"""

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from lowback.draw.style import PALETTE
from lowback.poses import Motion, prop_shapes

MAT = 0.022  # mat thickness, fraction of height

_STYLE = {
    "mat": {"facecolor": PALETTE["green"], "alpha": 0.45},
    "towel": {"facecolor": PALETTE["yellow"], "edgecolor": PALETTE["orange"], "zorder": 4},
    "pillow": {
        "facecolor": PALETTE["light"],
        "edgecolor": PALETTE["grey"],
        "zorder": 4,
        "alpha": 0.9,
    },
    "chair seat": {"facecolor": PALETTE["grey"], "edgecolor": PALETTE["grey"]},
    "chair back": {"facecolor": PALETTE["grey"], "edgecolor": PALETTE["grey"]},
    "chair legs": {"facecolor": PALETTE["grey"], "edgecolor": PALETTE["grey"]},
}


def outlines(mo: Motion, span: tuple[float, float]) -> list[tuple[str, np.ndarray]]:
    """(prop name, outline) for every prop of a motion; the mat runs across ``span``."""
    out = []
    if "mat" in mo.props:
        x0, x1 = span
        out.append(("mat", np.array([(x0, -MAT), (x1, -MAT), (x1, 0.0), (x0, 0.0)])))
    for name, polygons in prop_shapes(mo).items():
        out.extend((name, np.array(p)) for p in polygons)
    return out


def draw_props(ax: Axes, mo: Motion, span: tuple[float, float]) -> list[Polygon]:
    """Draw a motion's props; returns their patches in order. They do not move."""
    artists = []
    for name, outline in outlines(mo, span):
        style = {"zorder": 1} | _STYLE[name]
        patch = Polygon(outline, closed=True, linewidth=1.0, **style)
        ax.add_patch(patch)
        artists.append(patch)
    return artists
