"""Find your direction, step by step: reach before, 10 slow repetitions, reach after, verdict."""

import html
from datetime import date
from pathlib import Path

import ipywidgets as w

from lowback._data import load
from lowback.direction import check_direction, directions, repetitions
from lowback.draw.style import PALETTE
from lowback.tracker import Tracker, TrackerError, default_path, entry, reach_levels
from lowback.widgets.notice import notice
from lowback.widgets.offline import offline

_COLOURS = {
    "closer": PALETTE["green"],
    "same": PALETTE["blue"],
    "further": PALETTE["vermillion"],
    "new-signs": PALETTE["vermillion"],
}


def direction_test(path: Path | str | None = None, today: date | None = None) -> w.VBox:
    """The test as four steps; the verdict follows every change; Save adds it to the log."""
    pain = load("recovery")["pain"]
    wide = {"style": {"description_width": "14em"}, "layout": w.Layout(width="34em")}
    before = w.Dropdown(options=reach_levels(), description="1. Symptoms reach now", **wide)
    way = w.Dropdown(
        options=[(f"{d.name}: {d.how}", d.id) for d in directions()],
        description=f"2. Do {repetitions()} slow repetitions",
        **wide,
    )
    after = w.Dropdown(options=reach_levels(), description="3. Symptoms reach after", **wide)
    signs = w.Checkbox(False, description="4. Any new numbness or weakness?", indent=False)
    verdict = w.HTML()
    scores = [("choose", None), *((str(n), n) for n in range(pain["min"], pain["max"] + 1))]
    back = w.Dropdown(options=scores, value=None, description="Back pain now (0-10)", **wide)
    leg = w.Dropdown(options=scores, value=None, description="Leg pain now (0-10)", **wide)
    save = w.Button(description="Save to my log", icon="check")
    message = w.HTML("Nothing is saved until you press <b>Save to my log</b>.")

    def result():
        return check_direction(way.value, before.value, after.value, signs.value)

    def changed(_change=None) -> None:
        r = result()
        body = f"<b>{html.escape(r.verdict)}.</b> {html.escape(r.say)}"
        verdict.value = notice(_COLOURS[r.outcome], body, padding="0.4em 0.8em")

    def saved(_button=None) -> None:
        r, when = result(), today or date.today()
        if back.value is None or leg.value is None:  # a guessed 0 would fake an improvement
            message.value = notice(
                PALETTE["vermillion"], "Not saved: choose your back pain and leg pain first."
            )
            return
        try:
            new = entry(when, back.value, leg.value, r.after, note=r.note, today=when)
            with Tracker(path or default_path(), today=when) as log:
                log.add(new)
        except TrackerError as err:
            message.value = notice(PALETTE["vermillion"], f"Not saved: {html.escape(str(err))}")
            return
        message.value = notice(PALETTE["green"], f"Saved to your log: {html.escape(r.note)}")

    for control in (before, way, after, signs):
        control.observe(changed, names="value")
    save.on_click(saved)
    changed()
    panel = w.VBox([before, way, after, signs, verdict, back, leg, save, message])
    panel.before, panel.way, panel.after, panel.signs = before, way, after, signs
    panel.verdict, panel.save, panel.message = verdict, save, message
    panel.back, panel.leg = back, leg
    return offline(panel, "direction_test", "[Find your direction: a four-step test]")
