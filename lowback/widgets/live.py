"""A matplotlib figure shown through an Image widget and redrawn in place."""

from collections.abc import Callable

import ipywidgets as w
from matplotlib.figure import Figure

from lowback.draw.style import png


class LiveFigure:
    """Hold one figure and an Image widget; ``refresh`` re-renders after artists change.

    Updating artists and swapping the PNG keeps a notebook cell's output stable (no
    Output widget), and costs about 10 ms instead of building a new figure.
    """

    def __init__(self, fig: Figure, alt: str, width: str = "100%") -> None:
        self.fig = fig
        natural = f"{round(fig.get_figwidth() * fig.dpi)}px"  # never stretched past its pixels
        layout = w.Layout(width=width, max_width=natural)
        self.image = w.Image(value=self.render(), format="png", layout=layout)
        # ipywidgets' Image has no alt text, and its tooltip breaks the view (it reads a
        # description the Image lacks); lessons give each picture's alt text beside it.
        self.alt = alt

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
