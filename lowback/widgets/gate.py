"""Controls that say plainly when no Python is running them yet.

JupyterLab draws a lesson's controls from the notebook's saved state before any cell has
run: a box can be ticked and a slider dragged, yet nothing answers, and a red-flag check
would keep its first verdict. :class:`Gate` is an invisible widget whose page, when it draws
it, sends one message to the kernel that made it. Only a running kernel receives it, and
then ``live`` turns true. Until then :func:`gate` keeps the controls disabled under a line
that says how to start them. A saved notebook keeps that waiting state, since no page drew
its widgets while nbconvert ran it.
"""

import anywidget
import ipywidgets as w
from traitlets import Bool

from lowback.draw.style import PALETTE
from lowback.widgets.notice import notice

WAITING = (
    "<b>Not running yet.</b> Click this cell and press <b>Shift + Enter</b> "
    "(or choose <i>Run &rarr; Run All Cells</i>) to use {what}."
)
"""The line shown above a control while no kernel runs it; ``{what}`` names the control."""

_ESM = """export default {
  render({ model, el }) {
    el.style.display = "none";
    if (!model.get("live")) {
      try { model.send({ shown: true }); } catch (e) { /* a saved copy: no kernel to tell */ }
    }
  }
};
"""


class Gate(anywidget.AnyWidget):
    """Invisible; ``live`` turns true once a page draws it for the kernel that made it."""

    _esm = _ESM
    live = Bool(False).tag(sync=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._message)

    def _message(self, _widget, content, _buffers) -> None:
        if content == {"shown": True}:
            self.live = True

    def __repr__(self) -> str:
        return f"Gate(live={self.live})"


def controls(widget: w.Widget) -> list[w.Widget]:
    """Every widget in ``widget``'s tree that a learner can change (has ``disabled``)."""
    found = [widget] if widget.has_trait("disabled") else []
    for child in getattr(widget, "children", ()):
        found.extend(controls(child))
    return found


def gate(widget: w.Widget, what: str = "this control", hide: tuple[w.Widget, ...] = ()) -> w.Box:
    """``widget`` under a waiting line, its controls disabled and ``hide`` hidden until live.

    Controls already disabled stay so; the others come alive together when a page with a
    running kernel shows the box.
    """
    waiting = w.HTML(
        notice(PALETTE["orange"], WAITING.format(what=what)),
        layout=w.Layout(display="block"),
        _dom_classes=["lowback-waiting"],
    )
    enabled = [c for c in controls(widget) if not c.disabled]
    keeper = Gate()

    def show(live: bool) -> None:
        for control in enabled:
            control.disabled = not live
        waiting.layout.display = "none" if live else "block"
        for part in hide:
            part.layout.display = None if live else "none"

    keeper.observe(lambda change: show(change["new"]), names="live")
    show(False)
    box = w.VBox([waiting, widget, keeper])
    box.gate = widget.gate = keeper  # for tests, and callers who need to know
    return box
