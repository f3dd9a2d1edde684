"""One place for colours, sizes and figure plumbing shared by every drawing."""

from __future__ import annotations

import io
import os
import struct
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib and NumPy load when something is drawn, not on import
    from matplotlib.figure import Figure

PALETTE = {
    # Okabe-Ito, a palette that stays distinct for colour-blind readers.
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "light": "#E8E8E8",
    # Plumbing colours beside the palette: the emergency level's dark red (told apart from
    # the same-day orange by lightness too, not by hue alone), text and lines, a see-through fill.
    "alarm": "#B2182B",
    "ink": "#111111",
    "faded": "#FFFFFF00",
}

SCALE = 2
"""Device pixels per CSS pixel that screen pictures are drawn for: crisp on a 2x screen."""

_PNG = b"\x89PNG\r\n\x1a\n"
_BASE = {"label": 10, "title": 12, "small": 8, "line": 1.5}
_classroom = os.environ.get("LOWBACK_CLASSROOM", "") not in ("", "0")


def classroom(on: bool = True) -> None:
    """Switch classroom style (larger text and lines for a projector) on or off."""
    global _classroom
    _classroom = on


def sizes() -> dict[str, float]:
    """Font sizes and line width in force: larger in classroom style."""
    scale = 1.5 if _classroom else 1.0
    return {k: v * scale for k, v in _BASE.items()}


def new_figure(width: float = 6.4, height: float = 4.0, dpi: int = 100) -> Figure:
    """A white figure not tied to pyplot, so nothing shows or leaks by accident."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=dpi, facecolor="white")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def rgba_png(rgba: memoryview, size: tuple[int, int]) -> bytes:
    """Encode an Agg canvas's RGBA pixels, ``size`` (width, height), as a PNG, quickly.

    Written here, not by Pillow: Pillow tries PNG's row filters on every row, which costs
    more than compressing our mostly white pictures. Rows stored unfiltered at zlib's
    fastest level make a file about as small in half the time, which keeps a redraw at
    twice the resolution (:data:`SCALE`) about as quick as one at 1x was.
    """
    import numpy as np

    width, height = size
    rows = np.empty((height, 1 + 4 * width), np.uint8)
    rows[:, 0] = 0  # each row: filter type 0 (none), then its pixels
    rows[:, 1:] = np.frombuffer(rgba, np.uint8).reshape(height, 4 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    idat = zlib.compress(rows.data, 1)
    return _PNG + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def pixel_size(fig: Figure, dpi: float) -> tuple[int, int]:
    """Width and height in pixels of ``fig`` rendered at ``dpi``, counted as matplotlib does."""
    saved = fig.dpi
    fig.dpi = dpi
    try:
        return fig.canvas.get_width_height(physical=True)
    finally:
        fig.dpi = saved


def sharpen(fig: Figure) -> tuple[int, int]:
    """Draw ``fig`` at SCALE times its dpi from now on (once); return its size in CSS pixels.

    Text and lines are sized in points, so the picture looks the same, with SCALE times the
    pixels; shown at its CSS size, it is crisp on a screen of that pixel ratio.
    """
    css = getattr(fig, "css_size", None)
    if css is None:
        css = fig.css_size = pixel_size(fig, fig.dpi)
        fig.set_dpi(fig.dpi * SCALE)
    return css


def css_size(fig: Figure) -> tuple[int, int]:
    """Width and height in CSS pixels at which a figure is shown (its size at its own dpi)."""
    return getattr(fig, "css_size", None) or pixel_size(fig, fig.dpi)


def png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes quickly (light compression), by default for the screen:
    SCALE device pixels to each CSS pixel of :func:`css_size`."""
    if dpi is None:
        dpi = fig.dpi if hasattr(fig, "css_size") else SCALE * fig.dpi
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi, facecolor="white")
    return rgba_png(buf.getbuffer(), pixel_size(fig, dpi))
