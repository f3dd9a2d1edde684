"""An entry form for the learner's own recovery log: nothing is written until Save is pressed."""

import html
from datetime import date
from pathlib import Path

import ipywidgets as w

from lowback._data import load
from lowback.draw.style import PALETTE
from lowback.recovery import summarise
from lowback.tracker import Tracker, TrackerError, default_path, entry, reach_levels
from lowback.widgets.notice import notice
from lowback.widgets.offline import offline

_WAITING = "Nothing is saved until you press <b>Save</b>. Leave the date empty for today."


def tracker_entry(path: Path | str | None = None, today: date | None = None) -> w.VBox:
    """Date, pain sliders, reach, exercises and a note; Save adds one day to the learner's log."""
    rules = load("recovery")
    pain, most = rules["pain"], rules["exercises"]["max_per_day"]
    wide = {"style": {"description_width": "10em"}, "layout": w.Layout(width="28em")}
    fields = {
        "day": w.DatePicker(value=None, description="Date", **wide),
        "back_pain": w.IntSlider(0, pain["min"], pain["max"], description="Back pain", **wide),
        "leg_pain": w.IntSlider(0, pain["min"], pain["max"], description="Leg pain", **wide),
        "reach": w.Dropdown(options=reach_levels(), description="Leg symptoms reach", **wide),
        "exercises_done": w.BoundedIntText(0, 0, most, description="Exercises done", **wide),
        "exercises_planned": w.BoundedIntText(0, 0, most, description="Exercises planned", **wide),
        "note": w.Text("", description="Note", placeholder="optional", **wide),
    }
    save = w.Button(description="Save", button_style="primary", icon="check")
    message = w.HTML(notice(PALETTE["grey"], _WAITING))

    def saved(_button=None) -> None:
        values = {k: c.value for k, c in fields.items()}
        when = today or date.today()
        values["day"] = values["day"] or when
        try:
            new = entry(**values, today=when)
            with Tracker(path or default_path(), today=when) as log:
                log.add(new)
                entries = log.entries()
                where = log.path
        except TrackerError as err:
            message.value = notice(PALETTE["vermillion"], f"Not saved: {html.escape(str(err))}")
            return
        lines = [f"Saved {new.day.isoformat()} to {html.escape(str(where))}."]
        if len(entries) >= 2:
            lines += [html.escape(s) for s in summarise(entries).lines()]
        message.value = notice(PALETTE["green"], "<br>".join(lines))

    save.on_click(saved)
    panel = w.VBox([*fields.values(), save, message])
    panel.fields, panel.save, panel.message = fields, save, message  # for tests and callers
    return offline(panel, "live_only", "[Recovery log form]", what="Recovery log.")
