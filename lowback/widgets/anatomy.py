"""Controls for lessons 1-3: the spine's curve, a nerve root's map, a disc under load."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as w

from lowback.anatomy import (
    Posture,
    disc_shape,
    discs,
    herniation_stage,
    lordosis_range,
    posture,
    postures,
    root,
    roots,
)
from lowback.drawn import key, lookup
from lowback.widgets.blit import BlitFigure
from lowback.widgets.live import picture
from lowback.widgets.offline import offline

if TYPE_CHECKING:  # the drawing modules (matplotlib) load when a figure is first built
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

Drawing = tuple["Figure", dict, list["Artist"]]
"""A panel's figure, its artists by part, and those that move."""


class AnatomyPanel(w.VBox):
    """A control, its live figure and a line of text; ``update`` redraws everything.

    The picture shows at once: the one drawn ahead under the key ``ahead``
    (:mod:`lowback.drawn`) if it is current, else ``draw()`` is drawn now. Otherwise the
    figure (``live``, its artists ``art``) is built the first time the learner changes
    something.
    """

    def __init__(
        self,
        name: str,
        control: w.ValueWidget,
        draw: Callable[[], Drawing],
        alt: str,
        info: w.HTML,
        ahead: str | None = None,
    ):
        self.name, self.control, self.info = name, control, info
        self._draw, self._alt, self._live = draw, alt, None
        first = lookup(ahead) if ahead else None
        self.image = self.live.image if first is None else picture(first, alt)
        super().__init__([control, self.image, info])

    @property
    def live(self) -> BlitFigure:
        """The figure behind the picture (built on first use)."""
        if self._live is None:
            fig, self._art, moving = self._draw()
            image = getattr(self, "image", None)
            self._live = BlitFigure(fig, self._alt, moving, image=image)
        return self._live

    @property
    def art(self) -> dict:
        """The figure's artists by part."""
        self.live  # noqa: B018 (builds the figure and its artists on first use)
        return self._art

    def __repr__(self) -> str:
        return f"{self.name} (current value: {self.control.value})"


def _note(title: str, body: str) -> str:
    return f"<b>{html.escape(title)}</b>: {html.escape(body)}"


class PostureControl(AnatomyPanel):
    """Posture presets and a lordosis slider redrawing the side view of the spine."""

    def __init__(self, start: str = "standing") -> None:
        low, high = lordosis_range()
        first = posture(start)
        self.presets = w.ToggleButtons(
            options=[(p.label, p.id) for p in postures()], value=first.id, description="Posture"
        )
        slider = w.IntSlider(
            value=round(first.lordosis_deg), min=low, max=high, description="Curve (°)"
        )
        super().__init__(
            "Posture control",
            slider,
            partial(_spine, first.lordosis_deg),
            "Side view of the lumbar spine; its curve follows the slider.",
            w.HTML(_curve_text(slider.value, _matching(slider.value))),
            key("posture", first.id),
        )
        self.children = (self.presets, *self.children)
        self.presets.observe(self._preset, names="value")
        slider.observe(lambda change: self.update(change["new"]), names="value")

    def _preset(self, change) -> None:
        if change["new"] is not None:
            self.control.value = round(posture(change["new"]).lordosis_deg)

    def update(self, degrees: float) -> None:
        """Redraw the spine for a curve of ``degrees`` and say which posture it matches."""
        from lowback.draw.spine import update_spine

        update_spine(self.art, degrees)
        self.live.refresh()
        match = _matching(degrees)
        self.info.value = _curve_text(degrees, match)
        self.presets.value = match.id if match else None


def _spine(degrees: float) -> Drawing:
    from lowback.draw.spine import spine_figure

    fig, art = spine_figure(degrees)
    for part in ("disc_text", "curve"):  # shown as HTML below: text is slow to repaint
        art[part][0].set_visible(False)
    still = ("label", "disc_text", "curve")  # everything else moves with the curve
    return fig, art, [a for part, artists in art.items() if part not in still for a in artists]


def _curve_text(degrees: float, match: Posture | None) -> str:
    """The matching posture's note (or a prompt) above the discs' heights at this curve."""
    if match:
        note = _note(f"{match.label}, {degrees}°", match.note)
    else:
        note = _note(f"Your own curve, {degrees}°", "Compare the discs' front and back heights.")
    return note + _disc_table(degrees)


def _disc_table(degrees: float) -> str:
    """Each disc's front and back height at this curve, as a small HTML table."""
    rows = "".join(
        f"<tr><td>{s.name}</td><td>{s.front_mm:.1f}</td><td>{s.back_mm:.1f}</td></tr>"
        for s in (disc_shape(d, degrees) for d in discs())
    )
    head = "<tr><th>disc</th><th>front (mm)</th><th>back (mm)</th></tr>"
    return f"<table style='margin-top:0.4em'>{head}{rows}</table>"


def _matching(degrees: float) -> Posture | None:
    """The posture preset with this curve, if any."""
    return next((p for p in postures() if round(p.lordosis_deg) == degrees), None)


def root_text(name: str) -> str:
    """A root's skin area, weakness and reflex as a small HTML table, from lowback's data."""
    r = root(name)
    rows = [("Numbness or tingling", r.skin), ("Weakness", r.weakness), ("Reflex", r.reflex)]
    cells = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{k}</th><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<b>{r.name} root</b><table>{cells}</table>"


class RootChooser(AnatomyPanel):
    """Pick L4, L5 or S1: its skin areas light up and its weakness and reflex are listed."""

    def __init__(self, start: str = "L5") -> None:
        start = root(start).name  # "l5" works; an unknown root is a one-line error
        chooser = w.ToggleButtons(
            options=[r.name for r in roots()], value=start, description="Root"
        )
        super().__init__(
            "Root chooser",
            chooser,
            partial(_legs, start),
            "Legs from behind and the front with one root's skin area filled.",
            w.HTML(root_text(start)),
            key("root", start),
        )
        chooser.observe(lambda change: self.update(change["new"]), names="value")

    def update(self, name: str) -> None:
        """Fill the chosen root's skin areas and list its weakness and reflex."""
        from lowback.draw.body import highlight_root

        for view in self.art.values():
            highlight_root(view, name)
        self.live.refresh()
        self.info.value = root_text(name)


def _legs(name: str) -> Drawing:
    from lowback.draw.body import body_figure

    fig, art = body_figure(name)
    return fig, art, [a for view in art.values() for a in view["areas"]]


class DiscLoad(AnatomyPanel):
    """A load slider pushing a disc's gel centre through its rings onto a nerve root."""

    def __init__(self, which: str = "L4-L5", start: float = 0.0) -> None:
        self.which = which
        slider = w.FloatSlider(
            value=start, min=0.0, max=1.0, step=0.05, description="Load", readout_format=".0%"
        )
        super().__init__(
            "Disc load",
            slider,
            partial(_disc, which, start),
            f"The {which} disc from above and the side under load.",
            w.HTML(self._text(start)),
            key("disc", which, start),
        )
        slider.observe(self._moved, names="value")

    def _moved(self, change) -> None:
        new = change["new"]
        if not _is_load(new):  # NaN or None from a front end: put the slider back
            self.control.value = change["old"] if _is_load(change["old"]) else 0.0
            return
        self.update(new)

    def _text(self, load: float) -> str:
        stage = herniation_stage(load, self.which)
        state = "pressed" if stage.pressed else "free"
        return _note(stage.name.capitalize(), f"{stage.text} (nerve root: {state})")

    def update(self, load: float) -> None:
        """Push the gel to ``load`` (0 to 1), recolour the root and describe the stage."""
        from lowback.draw.disc import update_disc

        text = self._text(load)  # a bad load is refused here, before anything changes
        update_disc(self.art, load, self.which)
        self.live.refresh()
        self.info.value = text


def _disc(which: str, load: float) -> Drawing:
    from lowback.draw.disc import disc_figure

    fig, art = disc_figure(load, which, caption=False)  # the stage is shown as HTML
    moving = [
        *(art[view][part][0] for view in ("top", "side") for part in ("nucleus", "root")),
        *(a for view in ("top", "side") for a in art[view]["label"] if _is_line(a)),
    ]
    return fig, art, moving


def _is_load(value: object) -> bool:
    """A load the disc can show: a finite number (the slider keeps it from 0 to 1)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_line(artist) -> bool:
    """Leader lines are cheap to repaint and must stay above the moving gel."""
    from matplotlib.lines import Line2D

    return isinstance(artist, Line2D)


def _pictured(panel: AnatomyPanel, name: str, **args) -> AnatomyPanel:
    """The panel, marked so kernel-free views show its starting picture and text."""
    return offline(panel, "picture", f"[{panel!r}]", control=name, **args)


def posture_control(start: str = "standing") -> PostureControl:
    """The spine's side view with posture presets and a curve slider."""
    return _pictured(PostureControl(start), "posture_control", start=start)


def root_chooser(start: str = "L5") -> RootChooser:
    """The legs with one root's skin area lit, and its weakness and reflex."""
    return _pictured(RootChooser(start), "root_chooser", start=start)


def disc_load(which: str = "L4-L5", start: float = 0.0) -> DiscLoad:
    """A disc from above and the side with a load slider."""
    return _pictured(DiscLoad(which, start), "disc_load", which=which, start=start)


def drawn_ahead() -> list[tuple[str, Callable[[], bytes]]]:
    """Each panel's picture as a lesson first shows it, for :mod:`lowback.drawn`."""
    standing = posture("standing")
    return [
        (key("posture", standing.id), partial(_first, partial(_spine, standing.lordosis_deg))),
        (key("root", "L5"), partial(_first, partial(_legs, "L5"))),
        (key("disc", "L4-L5", 0.0), partial(_first, partial(_disc, "L4-L5", 0.0))),
    ]


def _first(draw: Callable[[], Drawing]) -> bytes:
    fig, _, moving = draw()
    return BlitFigure(fig, "", moving).image.value
