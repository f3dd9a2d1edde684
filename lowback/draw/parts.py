"""Colours and small helpers shared by the anatomy drawings (spine, body, disc)."""

from collections.abc import Iterable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from lowback.draw.style import PALETTE, sizes

COLOURS = {
    "bone": "#EFE6D2",
    "bone_edge": "#6E6250",
    "disc": PALETTE["sky"],
    "disc_close": "#BFE3F7",  # a disc's rings seen close up (disc pictures)
    "disc_edge": "#1F5F8B",
    "nucleus": PALETTE["blue"],
    "nucleus_edge": "#0B3C66",
    "canal": "#FBF3B8",
    "foramen": "#E9D98A",  # the side opening a root leaves by, between two arches
    "sac": "#FFF9DA",  # the sac of nerves inside the canal
    "sac_edge": "#C9B458",
    "nerve": PALETTE["orange"],
    "nerve_edge": "#7A4A00",
    "pressed": PALETTE["vermillion"],
    "skin": "#F7F7F7",
    "outline": "#444444",
    "muted": "#555555",  # leader lines and direction words (front, back, left, right)
    "crease": "#BBBBBB",  # the knee crease on the body outline
    "back_skin": "#C9A27E",  # the skin of the back, beside the spine (sitting pictures)
    "soft_tissue": "#F6E3D3",  # between that skin and the bone
    "chair": "#8C8C8C",
}
ROOT_COLOURS = {"L4": PALETTE["sky"], "L5": PALETTE["green"], "S1": PALETTE["purple"]}
XY = Sequence[float]
"""A point as (x, y)."""


def shape(
    ax: Axes, points: Iterable[XY], colour: str, edge: str = "black", z: float = 2, **kw
) -> Polygon:
    """Add a closed filled polygon and return it (update later with ``set_xy``)."""
    kw.setdefault("lw", sizes()["line"] * 0.6)
    patch = Polygon(list(points), closed=True, facecolor=colour, edgecolor=edge, zorder=z, **kw)
    ax.add_patch(patch)
    return patch


def label(ax: Axes, text: str, target: XY, where: XY, ha: str = "left", **kw) -> list[Artist]:
    """A plain-words label at ``where`` with a thin leader line to ``target``.

    Returns ``[text, line]``; move the line's far end with :func:`point_leader`.
    """
    words = ax.text(*where, text, ha=ha, va="center", zorder=10,
                    fontsize=kw.pop("fontsize", sizes()["label"]), **kw)  # fmt: skip
    (line,) = ax.plot(
        *xs_ys([where, target]), color=COLOURS["muted"], lw=0.8, zorder=9, clip_on=False
    )
    return [words, line]


def point_leader(line: Line2D, target: XY) -> None:
    """Point a label's leader line at a new target, keeping its start by the text."""
    xs, ys = line.get_data()
    line.set_data([xs[0], target[0]], [ys[0], target[1]])


def bare(ax: Axes) -> None:
    """Hide the axes frame and ticks and keep shapes true to scale."""
    ax.set_aspect("equal")
    ax.set_axis_off()


def xs_ys(points: Iterable[XY]) -> tuple[list[float], list[float]]:
    """Split a list of (x, y) points into the two lists ``plot`` and ``set_data`` take."""
    return [p[0] for p in points], [p[1] for p in points]
