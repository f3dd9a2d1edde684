"""Matplotlib drawings. Every drawing function takes ``ax`` and returns its artists."""

from lowback.draw.style import PALETTE, classroom, new_figure, png, sizes

__all__ = ["PALETTE", "classroom", "new_figure", "png", "sizes"]
