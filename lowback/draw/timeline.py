"""A session timeline: every move, hold and rest of one exercise as coloured bars."""

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from lowback.dosage import Dosage, format_duration
from lowback.draw.style import PALETTE, sizes

KINDS = {
    "move": ("getting into position", PALETTE["grey"]),
    "hold": ("holding", PALETTE["blue"]),
    "rest": ("resting", PALETTE["orange"]),
}
"""What each kind of segment is called on the picture, and its colour."""


def _bars(dose: Dosage) -> tuple[list[list[tuple[float, float]]], list[str]]:
    verts, colours = [], []
    for seg in dose.timeline():
        y0, y1 = (0.0, 1.0) if seg.side == 1 else (-1.3, -0.3)
        x0, x1 = seg.start, seg.end
        verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        colours.append(KINDS[seg.kind][1])
    return verts, colours


def _title(dose: Dosage) -> str:
    return f"One session: about {format_duration(dose.seconds)}"


def draw_timeline(ax: Axes, dose: Dosage) -> list[Artist]:
    """Draw a dosage's timeline on ax: one row per side, time in seconds along the bottom."""
    verts, colours = _bars(dose)
    bars = ax.broken_barh([(0, 1)], (0, 1))  # a PolyCollection, reshaped below
    bars.set_verts(verts)
    bars.set_facecolor(colours)
    bars.set_edgecolor("white")
    bars.set_linewidth(0.4)
    ax.set_ylim(-1.6, 1.3)
    ax.set_xlim(0, max(dose.seconds, 1))
    ax.tick_params(labelsize=sizes()["small"])
    ax.set_xlabel("time (seconds)", fontsize=sizes()["small"], loc="left")
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    title = ax.set_title(_title(dose), fontsize=sizes()["label"], loc="left")
    legend = ax.legend(
        handles=[Patch(color=c, label=label) for label, c in KINDS.values()],
        loc="upper right",
        bbox_to_anchor=(1.0, -0.22),
        ncol=3,
        fontsize=sizes()["small"],
        frameon=False,
    )
    _show_sides(ax, dose)
    return [bars, title, legend]


def _show_sides(ax: Axes, dose: Dosage) -> None:
    labels = ["first side", "second side"] if dose.exercise.per_side else [""]
    ax.set_yticks([0.5, -0.8][: dose.sides], labels[: dose.sides])
    ax.set_ylim(-1.6 if dose.sides == 2 else -0.3, 1.3)


def update_timeline(artists: list[Artist], dose: Dosage) -> None:
    """Redraw the bars and the total time for a new dosage, in place."""
    bars, title, _ = artists
    verts, colours = _bars(dose)
    bars.set_verts(verts)
    bars.set_facecolor(colours)
    bars.axes.set_xlim(0, max(dose.seconds, 1))
    title.set_text(_title(dose))
    _show_sides(bars.axes, dose)
