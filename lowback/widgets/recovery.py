"""Try the tracker's rules on a demo log: change the last day and watch chart and summary."""

import html
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import ipywidgets as w

from lowback._data import load
from lowback.draw.style import new_figure, png
from lowback.drawn import drawn, key
from lowback.recovery import DEMO_KINDS, demo_entries, recovery_alt, summarise
from lowback.tracker import reach_levels
from lowback.widgets.live import LiveFigure, picture, show
from lowback.widgets.offline import offline


def _summary_html(entries) -> str:
    return "<br>".join(html.escape(line) for line in summarise(entries).lines())


def recovery_explorer(kind: str = "improving") -> w.VBox:
    """A demo log (in memory only) whose last day's leg pain and reach you can change.

    Its chart shows at once (drawn ahead, :mod:`lowback.drawn`); the figure is built the
    first time the learner changes a value.
    """
    base = demo_entries(kind)
    last = base[-1]
    wide = {"style": {"description_width": "12em"}, "layout": w.Layout(width="30em")}
    pain = load("recovery")["pain"]
    leg = w.IntSlider(
        last.leg_pain, pain["min"], pain["max"], description="Last day: leg pain", **wide
    )
    reach = w.Dropdown(
        options=reach_levels(), value=last.reach, description="Last day: reaches", **wide
    )
    image = picture(demo_png(kind), recovery_alt(base))
    summary = w.HTML(_summary_html(base))
    built: dict = {}  # the figure and its artists, once the learner changes something

    def figure() -> dict:
        if not built:
            from lowback.draw.recovery import SIZE, draw_recovery

            fig = new_figure(*SIZE)
            built["art"] = draw_recovery(fig, base)
            built["live"] = LiveFigure(fig, image.alt, image=image)
        return built

    shown = {"reach": last.reach}

    def update(_change=None) -> None:
        if reach.value not in reach_levels():  # no choice (None): show the last one again
            reach.value = shown["reach"]
            return
        shown["reach"] = reach.value
        entries = [*base[:-1], replace(last, leg_pain=leg.value, reach=reach.value)]
        art = figure()["art"]
        art["leg_pain"].set_ydata([e.leg_pain for e in entries])
        art["reach"].set_ydata([e.reach_level for e in entries])
        built["live"].refresh()  # the picture first: the words never run ahead of it
        summary.value = _summary_html(entries)

    leg.observe(update, names="value")
    reach.observe(update, names="value")
    panel = w.VBox([leg, reach, image, summary])
    panel.leg, panel.reach, panel.summary, panel.image = leg, reach, summary, image
    panel.figure = figure
    plain = f"[Recovery explorer: {recovery_alt(base)}]"
    return offline(panel, "picture", plain, control="recovery_explorer", kind=kind)


def recovery_demo(kind: str = "improving") -> None:
    """Show the chart of a demo log ("improving" or "spreading") with its alt text."""
    show(demo_png(kind), recovery_alt(demo_entries(kind)))


def demo_png(kind: str) -> bytes:
    """A demo log's chart as PNG bytes: the picture drawn ahead, else drawn now."""
    return drawn(key("recovery", kind), partial(_draw_demo, kind))


def _draw_demo(kind: str) -> bytes:
    from lowback.draw.recovery import SIZE, draw_recovery

    fig = new_figure(*SIZE)
    draw_recovery(fig, demo_entries(kind))
    return png(fig)


def drawn_ahead() -> list[tuple[str, Callable[[], bytes]]]:
    """Each demo log's chart, for :mod:`lowback.drawn`."""
    return [(key("recovery", kind), partial(_draw_demo, kind)) for kind in DEMO_KINDS]
