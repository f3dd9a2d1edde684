"""Try the tracker's rules on a demo log: change the last day and watch chart and summary."""

import html
from dataclasses import replace

import ipywidgets as w

from lowback._data import load
from lowback.draw.recovery import draw_recovery, recovery_alt
from lowback.draw.style import new_figure
from lowback.recovery import demo_entries, summarise
from lowback.tracker import reach_levels
from lowback.widgets.live import LiveFigure
from lowback.widgets.offline import offline


def _summary_html(entries) -> str:
    return "<br>".join(html.escape(line) for line in summarise(entries).lines())


def recovery_explorer(kind: str = "improving") -> w.VBox:
    """A demo log (in memory only) whose last day's leg pain and reach you can change."""
    base = demo_entries(kind)
    last = base[-1]
    fig = new_figure(7.2, 6.0)
    art = draw_recovery(fig, base)
    wide = {"style": {"description_width": "12em"}, "layout": w.Layout(width="30em")}
    pain = load("recovery")["pain"]
    leg = w.IntSlider(
        last.leg_pain, pain["min"], pain["max"], description="Last day: leg pain", **wide
    )
    reach = w.Dropdown(
        options=reach_levels(), value=last.reach, description="Last day: reaches", **wide
    )
    live = LiveFigure(fig, recovery_alt(base))
    summary = w.HTML(_summary_html(base))

    shown = {"reach": last.reach}

    def update(leg_pain: int, reaches: str | None) -> None:
        if reaches not in reach_levels():  # no choice (None): show the last one again
            reach.value = shown["reach"]
            return
        shown["reach"] = reaches
        entries = [*base[:-1], replace(last, leg_pain=leg_pain, reach=reaches)]
        art["leg_pain"].set_ydata([e.leg_pain for e in entries])
        art["reach"].set_ydata([e.reach_level for e in entries])
        summary.value = _summary_html(entries)

    live.bind(update, leg, reach)
    panel = w.VBox([leg, reach, live.image, summary])
    panel.leg, panel.reach, panel.summary, panel.live = leg, reach, summary, live
    plain = f"[Recovery explorer: {recovery_alt(base)}]"
    return offline(panel, "picture", plain, control="recovery_explorer", kind=kind)
