"""The red-flag check: each level's action in words, its warning signs as checkboxes, a verdict."""

import html

import ipywidgets as w

from lowback.draw.style import PALETTE
from lowback.safety import CLEAR, Outcome, levels, red_flags, screen
from lowback.widgets.gate import gate
from lowback.widgets.notice import notice
from lowback.widgets.offline import offline

COLOURS = {
    "emergency": PALETTE["alarm"],
    "same-day": PALETTE["orange"],
    "soon": PALETTE["blue"],
    CLEAR: PALETTE["green"],
}
"""The bar colour of each level's box, most urgent first."""


def outcome_html(result: Outcome) -> str:
    """The verdict as an HTML box: the level, its action, why, and the signs that led there."""
    signs = "".join(f"<li>{html.escape(f.question)}</li>" for f in result.flags)
    body = (
        f"<b>{html.escape(result.title)}: {html.escape(result.action)}</b><br>"
        f"{html.escape(result.message)}"
        + (f"<br>Because you ticked:<ul>{signs}</ul>" if signs else "")
    )
    return notice(COLOURS[result.level], body, padding="0.4em 0.8em")


def level_html(which) -> str:
    """A level's heading: its title and action, so the rule reads even where boxes are dead."""
    return notice(
        COLOURS[which.id], f"<b>{html.escape(which.line)}</b><br>{html.escape(which.heading)}:"
    )


def red_flag_screen() -> w.VBox:
    """Checkboxes for every warning sign under its level; the verdict follows every tick."""
    boxes = {
        f.id: w.Checkbox(
            value=False, description=f.question, indent=False, layout=w.Layout(width="auto")
        )
        for f in red_flags()
    }
    result = w.HTML(outcome_html(screen()))

    def changed(_change=None) -> None:
        result.value = outcome_html(screen({i for i, box in boxes.items() if box.value}))

    rows: list[w.Widget] = []
    for lv in levels():
        rows.append(w.HTML(level_html(lv)))
        rows.extend(boxes[f.id] for f in red_flags(lv.id))
    for box in boxes.values():
        box.observe(changed, names="value")
    heading = w.HTML("<b>What to do</b>")
    panel = gate(
        w.VBox([*rows, heading, result]),
        what="the check. Until it runs, each coloured heading below says what to do",
        hide=(heading, result),  # never a verdict the ticks did not make
    )
    panel.boxes = boxes  # for tests and callers who want to set answers
    panel.result = result
    plain = (
        "[Red-flag check. "
        + " ".join(
            f"{lv.line} If you have: {'; '.join(f.question for f in red_flags(lv.id))}."
            for lv in levels()
        )
        + "]"
    )
    return offline(panel, "red_flag_screen", plain)
