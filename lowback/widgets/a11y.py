"""What ipywidgets and JupyterLab leave out for a screen reader or a keyboard, added to the page.

ipywidgets gives a slider's handle no name and the Play widget's buttons only icons, so a
screen reader meets "slider" and "button"; JupyterLab shows no strong focus ring on them and
breaks printed lines inside words. :class:`Accessibility` is an invisible widget that adds
to its page, once, the two files every other view uses: ``templates/a11y.css`` (focus rings,
link underlines, unbroken words, readable code colours) and ``templates/lowback_voila/a11y.js``
(names slider handles from their label and icon buttons from their icon, as the page
changes). Every control is shown beside one (:func:`beside`), so this works wherever a
control is live: JupyterLab (run, or first opened from its saved state) and presenter mode.
"""

import json
from pathlib import Path

import anywidget
import ipywidgets as w

TEMPLATES = Path(__file__).parents[1] / "templates"
STYLE = TEMPLATES / "a11y.css"
SCRIPT = TEMPLATES / "lowback_voila" / "a11y.js"


def _esm() -> str:
    css = json.dumps(STYLE.read_text(encoding="utf-8"))
    script = SCRIPT.read_text(encoding="utf-8")
    return f"""export default {{
  render({{ el }}) {{
    el.style.display = "none";
    if (globalThis.lowbackAccessibility) {{ return; }}
    globalThis.lowbackAccessibility = true;
    const style = document.createElement("style");
    style.id = "lowback-a11y";
    style.textContent = {css};
    document.head.appendChild(style);
{script}
  }}
}};
"""


class Accessibility(anywidget.AnyWidget):
    """An invisible widget that adds the course's accessibility rules to its page, once."""

    _esm = _esm()

    def __repr__(self) -> str:
        return "Accessibility()"


def beside(widget: w.Widget) -> w.Box:
    """``widget`` with an :class:`Accessibility` beside it, in a box that adds no space."""
    return w.Box([widget, Accessibility()], layout=w.Layout(display="block"))
