"""A session timeline: every move, hold and rest of one exercise as coloured bars.

The bars run from the start (left) to the end (right) of the session whatever its length;
the time labels under them change with the dosage. So an update moves only the bars and
the labels, which lets a widget repaint just those (see ``lowback.widgets.blit``).
"""

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

TICKS = (0.5, 1.0)  # where the changing time labels sit; "0 s" never changes
ROWS = {1: (0.0, 1.0), 2: (-1.3, -0.3)}  # y range of the bars of each side


def _bars(dose: Dosage) -> tuple[list[list[tuple[float, float]]], list[str]]:
    verts, colours = [], []
    for seg in dose.timeline():
        y0, y1 = ROWS[seg.side]
        x0, x1 = seg.start / dose.seconds, seg.end / dose.seconds
        verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        colours.append(KINDS[seg.kind][1])
    return verts, colours


def _side_labels(dose: Dosage) -> list[str]:
    if not dose.exercise.per_side:
        return ["", ""]
    return ["first side", "second side" if dose.sides == 2 else ""]


def draw_timeline(ax: Axes, dose: Dosage) -> list[Artist]:
    """Draw a dosage's timeline on ax: one row per side, elapsed time along the bottom.

    Returns the changing artists for :func:`update_timeline`: the bars and time labels
    (which change with every value) and then the side labels (which change only with sides).
    """
    bars = ax.broken_barh([(0, 1)], (0, 1), edgecolor="white", linewidth=0.4)
    ax.set_xlim(0, 1)
    ax.set_ylim(-1.45, 1.15)
    ax.set_axis_off()
    small = sizes()["small"]
    ax.text(0, -1.55, format_duration(0), ha="left", va="top", fontsize=small)
    ticks = [
        ax.text(x, -1.55, "", ha="right" if x == 1 else "center", va="top", fontsize=small)
        for x in TICKS
    ]
    sides = [
        ax.text(-0.01, sum(ROWS[s]) / 2, "", ha="right", va="center", fontsize=small) for s in ROWS
    ]
    artists = [bars, *ticks, *sides]
    update_timeline(artists, dose)
    return artists


def kinds(dose: Dosage) -> tuple[str, ...]:
    """The kinds of segment a dose's timeline holds (no "resting" when there is no rest)."""
    present = {seg.kind for seg in dose.timeline()}
    return tuple(k for k in KINDS if k in present)


def _legend(ax: Axes, shown: tuple[str, ...]) -> None:
    ax.legend(
        handles=[Patch(color=KINDS[k][1], label=KINDS[k][0]) for k in shown],
        loc="lower right",
        bbox_to_anchor=(1.0, 1.02),
        ncol=len(shown),
        fontsize=sizes()["small"],
        frameon=False,
    )
    ax.legend_kinds = shown


def update_timeline(artists: list[Artist], dose: Dosage) -> bool:
    """Move the bars and relabel the times for a new dosage, in place.

    Returns True when a still part changed too (the legend's kinds or the side labels), so
    a view that repaints only the moving parts must redraw everything once.
    """
    bars, ticks, sides = artists[0], artists[1 : 1 + len(TICKS)], artists[1 + len(TICKS) :]
    still = (getattr(bars.axes, "legend_kinds", None), [s.get_text() for s in sides])
    if still[0] != kinds(dose):
        _legend(bars.axes, kinds(dose))
    verts, colours = _bars(dose)
    bars.set_verts(verts)
    bars.set_facecolor(colours)
    for text, x in zip(ticks, TICKS, strict=True):
        text.set_text(format_duration(round(x * dose.seconds)))
    for text, label in zip(sides, _side_labels(dose), strict=True):
        text.set_text(label)
    return still != (bars.axes.legend_kinds, [s.get_text() for s in sides])
