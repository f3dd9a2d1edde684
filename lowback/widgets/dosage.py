"""A first slider: change the reps of one exercise and watch the session time follow."""

import html

import ipywidgets as w

from lowback.dosage import dosage


def reps_slider(which: int | str) -> w.VBox:
    """A reps slider for one exercise with its dosage summary beneath."""
    start = dosage(which)
    bounds = start.exercise.reps
    slider = w.IntSlider(
        value=bounds.default,
        min=bounds.min,
        max=bounds.max,
        description="Reps",
        continuous_update=True,
    )
    summary = w.HTML(html.escape(start.summary()))

    def changed(_change=None) -> None:
        summary.value = html.escape(dosage(which, reps=slider.value).summary())

    slider.observe(changed, names="value")
    box = w.VBox([slider, summary])
    box.slider, box.summary = slider, summary
    return box
