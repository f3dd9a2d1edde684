"""A first slider: change the reps of one exercise and watch the session time follow."""

import ipywidgets as w

from lowback.widgets.exercise import exercise_controls


def reps_slider(which: int | str) -> w.VBox:
    """A reps slider for one exercise with its dosage summary beneath (the simplest panel)."""
    box = exercise_controls(which, fields=("reps",), timeline=False)
    box.slider = box.controls["reps"]
    return box
