"""Pictures of a recovery log: pain with the 2-point band, and how far down the leg it reaches."""

from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter, DayLocator
from matplotlib.figure import Figure

from lowback._data import load
from lowback.draw.style import PALETTE, new_figure, sizes
from lowback.recovery import demo_entries, recovery_alt, summarise
from lowback.tracker import Entry, reach_levels

SIZE = (7.2, 6.0)
"""A recovery chart's size in inches."""
_SERIES = (
    ("leg_pain", "Leg pain", PALETTE["vermillion"]),
    ("back_pain", "Back pain", PALETTE["blue"]),
)
_REACH_LABELS = ("none", "buttock", "thigh", "below knee", "foot")


def _dates(ax: Axes, entries: list[Entry]) -> None:
    ax.xaxis.set_major_locator(DayLocator(interval=max(1, len(entries) // 6)))
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    ax.tick_params(labelsize=sizes()["small"])
    ax.set_facecolor("white")
    ax.grid(axis="y", color=PALETTE["light"], lw=0.8)
    ax.spines[["top", "right"]].set_visible(False)


def draw_pain(ax: Axes, entries: list[Entry]) -> dict[str, object]:
    """Back and leg pain (0-10) by day, with a band 2 points either side of where leg pain began."""
    s, lw = summarise(entries), sizes()["line"]
    pain = load("recovery")["pain"]
    step = pain["meaningful_change"]
    days = [e.day for e in entries]
    band = ax.axhspan(
        s.leg.start - step,
        s.leg.start + step,
        color=PALETTE["orange"],
        alpha=0.18,
        lw=0,
        label=f"within {step} points of where leg pain began",
    )
    art: dict[str, object] = {"band": band}
    for field, name, colour in _SERIES:
        (art[field],) = ax.plot(
            days, [getattr(e, field) for e in entries], "o-", color=colour, lw=lw, ms=4, label=name
        )
    ax.set_ylim(pain["min"] - 0.3, pain["max"] + 0.3)
    ax.set_yticks(range(pain["min"], pain["max"] + 1, 2))
    ax.set_ylabel(f"Pain, {pain['min']} (none) to {pain['max']} (worst)", fontsize=sizes()["label"])
    ax.set_title("Pain each day", fontsize=sizes()["title"], loc="left")
    art["legend"] = ax.legend(fontsize=sizes()["small"], loc="upper right", frameon=False)
    _dates(ax, entries)
    return art


def draw_reach(ax: Axes, entries: list[Entry]) -> dict[str, object]:
    """How far down the leg symptoms reach each day; lower on the picture is further down."""
    (line,) = ax.plot(
        [e.day for e in entries],
        [e.reach_level for e in entries],
        "o-",
        color=PALETTE["green"],
        lw=sizes()["line"],
        ms=4,
        drawstyle="steps-mid",
    )
    ax.set_ylim(len(reach_levels()) - 0.5, -0.5)  # the foot at the bottom, like a leg
    ax.set_yticks(range(len(reach_levels())), _REACH_LABELS, fontsize=sizes()["small"])
    ax.set_ylabel("Symptoms reach down to", fontsize=sizes()["label"])
    ax.set_title(
        "How far down the leg: up is good, further down means stop",
        fontsize=sizes()["title"],
        loc="left",
    )
    _dates(ax, entries)
    return {"line": line}


def draw_recovery(fig: Figure, entries: list[Entry]) -> dict[str, object]:
    """Pain above and reach below on ``fig``, sharing the dates; return the artists."""
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    art = draw_pain(top, entries)
    art["reach"] = draw_reach(bottom, entries)["line"]
    fig.tight_layout()
    return art


def recovery_figure(entries: list[Entry]) -> Figure:
    """A new figure with pain above and reach below."""
    fig = new_figure(*SIZE)
    draw_recovery(fig, entries)
    return fig


def _demo_image() -> tuple[Figure, str]:
    entries = demo_entries("improving")
    return recovery_figure(entries), recovery_alt(entries)


IMAGES = {"recovery_demo": _demo_image}
