"""Matplotlib figures shown through a picture widget with alt text: live (redrawn in place)
or still (:func:`show`)."""

from __future__ import annotations

import base64
import html
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w
from traitlets import Bytes, Float, Unicode, observe

from lowback.draw.style import SCALE, css_size, png, sharpen

if TYPE_CHECKING:  # matplotlib loads when a figure is drawn, not when a picture is shown
    from matplotlib.figure import Figure

PICTURE_CLASS = "widget-image lowback-picture"
"""Classes of the ``<img>`` a picture widget shows (``widget-image``, as ipywidgets' Image)."""


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels of PNG bytes, from the header (None if they are not PNG)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def img_html(data: bytes, alt: str, scale: float = 1) -> str:
    """An ``<img>`` of PNG bytes with its alt text, its size reserved before it loads.

    A picture drawn at ``scale`` device pixels per CSS pixel is sized in CSS pixels (its
    pixels divided by ``scale``): as big on screen as at 1x, and crisp on a screen that
    has that many pixels to each CSS pixel.
    """
    if not data:
        return ""
    size = png_size(data)
    dims = f' width="{round(size[0] / scale)}" height="{round(size[1] / scale)}"' if size else ""
    src = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return (
        f'<img class="{PICTURE_CLASS}" alt="{html.escape(alt)}" src="{src}"{dims} '
        'style="display:block;width:100%;height:auto">'
    )


def _picture_json(data: bytes, widget: AltImage) -> str:
    return img_html(data, widget.alt, widget.scale)


class AltImage(w.HTML):
    """A PNG picture with alt text: an HTML widget holding ``<img alt=... src=data:...>``.

    ipywidgets' Image has no alt text (and its tooltip breaks its view), so a screen reader
    meets a nameless picture. Here ``value`` is the PNG bytes, as for an Image; the browser
    receives them as an ``<img>`` carrying ``alt``, sized in CSS pixels (``scale`` device
    pixels to each). Changing ``alt`` or ``scale`` resends the picture.
    """

    value = Bytes(b"", help="The picture as PNG bytes.").tag(sync=True, to_json=_picture_json)
    alt = Unicode("", help="What the picture shows, for whoever cannot see it.")
    scale = Float(1.0, help="Pixels of the picture to each CSS pixel it is shown at.")

    @observe("alt", "scale")
    def _alt_changed(self, change) -> None:
        if self.comm is not None and change["old"] != change["new"]:
            self.send_state("value")


class Pictured:
    """Something shown through ``self.image`` (an :class:`AltImage`); its alt text is the
    picture's."""

    image: AltImage

    @property
    def alt(self) -> str:
        """The picture's alt text, as the page gives it."""
        return self.image.alt

    @alt.setter
    def alt(self, text: str) -> None:
        self.image.alt = text


class LiveFigure(Pictured):
    """Hold one figure and a picture widget; ``refresh`` re-renders after artists change.

    Updating artists and swapping the PNG keeps a notebook cell's output stable (no
    Output widget), and costs about 10 ms instead of building a new figure. The picture
    carries the figure's alt text in the page (``alt``). The figure is drawn at
    :data:`~lowback.draw.style.SCALE` times its dpi and shown at its own size in CSS pixels
    (``size``): crisp on a high-density screen, never stretched past that size.
    """

    def __init__(
        self, fig: Figure, alt: str, width: str = "100%", image: AltImage | None = None
    ) -> None:
        self.fig = fig
        self.size = sharpen(fig)
        if image is not None:  # a picture already shown (drawn ahead) is taken over as it is
            self.image = image
            return
        layout = w.Layout(width=width, max_width=f"{self.size[0]}px")
        self.image = AltImage(alt=alt, scale=SCALE, layout=layout)
        self.image.value = self.render()

    def render(self) -> bytes:
        """The figure as PNG bytes."""
        return png(self.fig)

    def refresh(self) -> None:
        """Re-render the figure into the widget."""
        self.image.value = self.render()

    def bind(self, update: Callable[..., None], *controls: w.ValueWidget) -> None:
        """Call ``update(*values)`` and refresh whenever any control changes."""

        def changed(_change=None) -> None:
            update(*(c.value for c in controls))
            self.refresh()

        for control in controls:
            control.observe(changed, names="value")


def picture(data: bytes, alt: str, width: str = "100%") -> AltImage:
    """A picture widget showing PNG bytes drawn at SCALE (e.g. drawn ahead, see
    :mod:`lowback.drawn`), sized as :class:`LiveFigure` sizes its figure's picture."""
    layout = w.Layout(width=width, max_width=f"{round(png_size(data)[0] / SCALE)}px")
    return AltImage(value=data, alt=alt, scale=SCALE, layout=layout)


def show(fig: Figure | bytes, alt: str) -> None:
    """Display a still figure with its alt text in the page, crisp at twice its pixels.

    ``fig`` may also be a picture's PNG bytes drawn at SCALE (one drawn ahead). JupyterLab
    draws an ``image/png`` output without its alt text, so the figure is shown through the
    same ``<img alt>`` picture widget as the live controls (its state is saved with the
    notebook). The output also carries the PNG with its alt and CSS size, which the static
    site and other notebook viewers show; the plain-text view is the alt text.
    """
    from IPython.display import display

    if isinstance(fig, bytes):
        data = fig
        width, height = (round(n / SCALE) for n in png_size(data))
    else:
        width, height = css_size(fig)
        data = png(fig)
    image = AltImage(value=data, alt=alt, scale=SCALE, layout={"max_width": f"{width}px"})
    bundle = image._repr_mimebundle_()
    bundle["image/png"] = base64.b64encode(data).decode("ascii")
    bundle["text/plain"] = f"[figure] {alt}"
    size = {"width": width, "height": height}
    display(bundle, raw=True, metadata={"image/png": {"alt": alt, **size}})
