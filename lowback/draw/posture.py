"""Sitting with a lumbar support against slumped, drawn with the lesson-1 spine model."""

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from lowback._data import load
from lowback.draw.parts import COLOURS
from lowback.draw.spine import draw_spine
from lowback.draw.style import PALETTE, new_figure, sizes

_SKIN_MM = 22.0  # the skin of the back lies this far behind the bone
_SEAT_Y, _TOP_Y = -135.0, 205.0


def _back_edge(art: dict) -> list[tuple[float, float]]:
    """The hindmost point of each vertebra's arch and of the sacrum, top to bottom."""
    return [tuple(p.get_xy()[p.get_xy()[:, 0].argmin()]) for p in art["arch"] + art["sacrum"]]


def _chair(ax: Axes, bottom_x: float, top_x: float) -> Polygon:
    seat = Polygon(
        [(bottom_x, _SEAT_Y), (170, _SEAT_Y), (170, _SEAT_Y - 12), (bottom_x, _SEAT_Y - 12)],
        facecolor=COLOURS["chair"],
        edgecolor="none",
    )
    back = Polygon(
        [(bottom_x, _SEAT_Y), (bottom_x - 12, _SEAT_Y), (top_x - 12, _TOP_Y), (top_x, _TOP_Y)],
        facecolor=COLOURS["chair"],
        edgecolor="none",
    )
    ax.add_patch(seat)
    ax.add_patch(back)
    return back


def draw_sitting(ax: Axes, supported: bool) -> dict[str, object]:
    """One seated spine: with a cushion in the small of the back, or slumped against nothing."""
    setting = load("habits")["sitting"]["supported" if supported else "slumped"]
    art: dict[str, object] = dict(draw_spine(ax, setting["lordosis_deg"], labels=False))
    art["curve"][0].set_text(setting["title"])
    edge = _back_edge(art)
    skin = [(x - _SKIN_MM, y) for x, y in edge]
    (art["skin"],) = ax.plot(
        *zip(*skin, strict=True), color=COLOURS["back_skin"], lw=sizes()["line"] * 2, zorder=1
    )
    art["muscle"] = Polygon(
        [*skin, *edge[::-1]], facecolor=COLOURS["soft_tissue"], edgecolor="none", zorder=0
    )
    ax.add_patch(art["muscle"])
    low = skin[2:5]  # level with L3 to L5, the small of the back
    hind = min(x for x, _ in low)
    if supported:
        back = hind - 16
        cushion = [(back, low[0][1] + 20), *low, (back, low[-1][1] - 20)]
        art["support"] = Polygon(cushion, facecolor=PALETTE["green"], edgecolor="none")
        ax.add_patch(art["support"])
        art["chair"] = _chair(ax, back, back)
    else:
        art["chair"] = _chair(ax, hind - 15, hind - 55)
    art["note"] = ax.text(0.05, -0.02, setting["note"], transform=ax.transAxes, va="top",
                          fontsize=sizes()["label"])  # fmt: skip
    return art


def sitting_figure() -> Figure:
    """Two panels side by side: supported on the left, slumped on the right."""
    fig = new_figure(9.0, 4.8)
    for i, supported in enumerate((True, False)):
        draw_sitting(fig.add_axes((i / 2, 0.12, 0.5, 0.78)), supported)
    fig.text(0.5, 0.97, load("habits")["sitting"]["figure_title"], ha="center", va="top",
             fontsize=sizes()["title"])  # fmt: skip
    return fig


def _sitting_image() -> tuple[Figure, str]:
    return sitting_figure(), load("habits")["sitting"]["alt"]


IMAGES = {"posture_sitting": _sitting_image}
