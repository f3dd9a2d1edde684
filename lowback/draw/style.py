"""One place for colours, sizes and figure plumbing shared by every drawing."""

import base64
import io
import os

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


def png(fig: Figure, dpi: int | None = None) -> bytes:
    """Render a figure to PNG bytes quickly (light compression)."""
    buf = io.BytesIO()
    fig.savefig(
        buf, format="png", dpi=dpi or fig.dpi, facecolor="white", pil_kwargs={"compress_level": 1}
    )
    return buf.getvalue()


def show(fig: Figure, alt: str) -> None:
    """Display a figure in a notebook with its alt text; the plain-text view is the alt text."""
    from IPython.display import display

    data = base64.b64encode(png(fig)).decode("ascii")
    display(
        {"image/png": data, "text/plain": f"[figure] {alt}"},
        raw=True,
        metadata={"image/png": {"alt": alt}},
    )
