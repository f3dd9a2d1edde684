"""A LiveFigure that redraws only its moving artists over a saved background (blitting)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lowback.draw.style import rgba_png, sharpen
from lowback.widgets.live import AltImage, LiveFigure

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure


class BlitFigure(LiveFigure):
    """Render the still parts once; each ``refresh`` paints only the moving artists.

    A refresh costs a few milliseconds (restore the background, draw the moving
    artists, encode the PNG) instead of drawing the whole figure again.
    """

    def __init__(
        self,
        fig: Figure,
        alt: str,
        moving: list[Artist],
        width: str = "100%",
        image: AltImage | None = None,
    ) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        sharpen(fig)  # the background is drawn at the picture's final resolution
        self.canvas = FigureCanvasAgg(fig)
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        self._save_background()
        super().__init__(fig, alt, width, image)  # renders once, over the background (if new)

    def _save_background(self) -> None:
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.canvas.figure.bbox)

    def reset(self) -> None:
        """Redraw the still parts too (after one of them changed), then refresh."""
        self._save_background()
        self.refresh()

    def render(self) -> bytes:
        """PNG bytes of the background with the moving artists drawn on top."""
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in self.moving:
            artist.draw(renderer)
        rgba = self.canvas.buffer_rgba()
        return rgba_png(rgba, rgba.shape[1::-1])
