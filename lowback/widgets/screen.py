"""The red-flag screen as a set of checkboxes with its outcome shown beneath."""

import html

import ipywidgets as w

from lowback.draw.style import PALETTE
from lowback.safety import red_flags, screen
from lowback.widgets.notice import notice

_COLOURS = {"urgent": PALETTE["vermillion"], "soon": PALETTE["orange"], "start": PALETTE["green"]}
_HEADINGS = {
    "urgent": "Needs urgent care: tick any that are new for you",
    "soon": "Needs a doctor's check first: tick any that apply",
}


def outcome_html(ticked: set[str]) -> str:
    """The outcome of the screen as an HTML box, coloured by how serious it is."""
    result = screen(ticked)
    body = f"<b>{html.escape(result.title)}</b><br>{html.escape(result.message)}"
    return notice(_COLOURS[result.level], body, padding="0.4em 0.8em")


def red_flag_screen() -> w.VBox:
    """Checkboxes for every red flag; the outcome updates as boxes are ticked."""
    boxes = {
        f.id: w.Checkbox(
            value=False, description=f.question, indent=False, layout=w.Layout(width="auto")
        )
        for f in red_flags()
    }
    result = w.HTML(outcome_html(set()))

    def changed(_change=None) -> None:
        result.value = outcome_html({i for i, box in boxes.items() if box.value})

    rows: list[w.Widget] = []
    for level, heading in _HEADINGS.items():
        rows.append(w.HTML(f"<b>{heading}</b>"))
        for f in red_flags(level):
            rows.append(boxes[f.id])
            boxes[f.id].observe(changed, names="value")
    panel = w.VBox([*rows, result])
    panel.boxes = boxes  # for tests and callers who want to set answers
    panel.result = result
    return panel
