"""One place for colours, sizes and figure plumbing shared by every drawing."""

import base64
import html
import io
import os

from matplotlib.figure import Figure
from PIL import Image

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
    # Two plumbing colours beside the palette: text and lines, and a see-through fill.
    "ink": "#111111",
    "faded": "#FFFFFF00",
}

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
    return Figure(figsize=(width, height), dpi=dpi, facecolor="white")


def rgba_png(rgba: memoryview, size: tuple[int, int]) -> bytes:
    """Encode an Agg canvas's RGBA pixels, ``size`` (width, height), as a quick opaque PNG."""
    buf = io.BytesIO()
    image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def pixel_size(fig: Figure, dpi: float) -> tuple[int, int]:
    """Width and height in pixels of ``fig`` rendered at ``dpi``, counted as matplotlib does."""
    saved = fig.dpi
    fig.dpi = dpi
    try:
        return fig.canvas.get_width_height(physical=True)
    finally:
        fig.dpi = saved


def png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes quickly (light compression)."""
    dpi = dpi or fig.dpi
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi, facecolor="white")
    return rgba_png(buf.getbuffer(), pixel_size(fig, dpi))


def show(fig: Figure, alt: str) -> None:
    """Display a figure in a notebook with its alt text; the plain-text view is the alt text."""
    from IPython.display import display

    data = base64.b64encode(png(fig)).decode("ascii")
    bundle = {"image/png": data, "text/plain": f"[figure] {alt}"}
    if os.environ.get("LOWBACK_PRESENTER") == "1":  # Voila's page drops the metadata's alt
        bundle["text/html"] = f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'
    display(bundle, raw=True, metadata={"image/png": {"alt": alt}})
