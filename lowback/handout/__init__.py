"""A printable handout of a routine, the same in HTML and in PDF.

``layout`` describes the pages as data (the plan on one page, a page per exercise, a two-week
log); ``html`` and ``pdf`` draw that one description. This module adds the exercise pictures
(matplotlib) and writes files. The PDF is made with fpdf2: see ``lowback/handout/pdf.py`` for
why that library.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date, time
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from lowback.catalogue import Exercise
from lowback.draw.style import PALETTE, new_figure, png
from lowback.drawn import drawn, key
from lowback.files import write_atomic
from lowback.handout import html as _html
from lowback.handout.layout import PAPERS, Document, ask_first, document, dose_line, words
from lowback.routine import Routine

if TYPE_CHECKING:  # matplotlib loads when a drawing is made, not for a picture drawn ahead
    from matplotlib.figure import Figure

__all__ = [
    "PAPERS",
    "ask_first",
    "default_figure",
    "dose_line",
    "figure_alt",
    "figure_png",
    "file_bytes",
    "handout_document",
    "placeholder_figure",
    "plan_view",
    "preview",
    "render",
    "safety_html",
    "to_html",
    "to_pdf",
    "write_handout",
]

TITLE = words()["title"]
FigureMaker = Callable[[Exercise], "Figure"]
SUFFIXES = (".html", ".htm", ".pdf")
DPI = 150
"""Resolution of the exercise drawings on a handout (sharp on paper and on screen)."""


def placeholder_figure(ex: Exercise) -> Figure:
    """A plain card with the exercise's name: a quick stand-in for the drawing (tests, drafts)."""
    from matplotlib.patches import Rectangle

    fig = new_figure(6, 2.4)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.add_patch(Rectangle((0.02, 0.04), 0.96, 0.92, fill=False, ec=PALETTE["grey"], lw=1.5))
    ax.text(0.5, 0.5, f"Exercise {ex.number}", ha="center", va="center", fontsize=14)
    return fig


def default_figure(ex: Exercise) -> Figure:
    """The exercise's start-to-end drawing without its title (the page heads it once)."""
    from lowback.draw.exercise import exercise_figure

    fig = exercise_figure(ex.number)
    for text in list(fig.texts):
        if text.get_text() == str(ex):
            text.remove()
    return fig


def thumbnail_figure(ex: Exercise) -> Figure:
    """The exercise's drawing with no words on it, small on the plan page."""
    from matplotlib.text import Text

    fig = default_figure(ex)
    for text in fig.findobj(lambda a: isinstance(a, Text) and a.get_text()):
        text.set_visible(False)
    return fig


def figure_alt(ex: Exercise) -> str:
    """Alt text for an exercise's picture on the handout: what the drawing shows."""
    from lowback.poses import alt_text

    return alt_text(ex.number)


def _trimmed(data: bytes) -> bytes:
    """A PNG with its plain white border cut off, so the picture fills its box."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data)) as im:
        rgb = im.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    if not box:
        return data
    pad = 6
    box = (max(box[0] - pad, 0), max(box[1] - pad, 0),
           min(box[2] + pad, rgb.width), min(box[3] + pad, rgb.height))  # fmt: skip
    out = io.BytesIO()
    rgb.crop(box).save(out, format="png", optimize=True)
    return out.getvalue()


def _drawing_png(number: int, dpi: int, small: bool) -> bytes:
    return _kept_png(key("handout", number, dpi, int(small)), number, dpi, small)


@lru_cache(maxsize=64)
def _kept_png(name: str, number: int, dpi: int, small: bool) -> bytes:
    return drawn(name, partial(_draw_png, number, dpi, small))


def _draw_png(number: int, dpi: int, small: bool) -> bytes:
    from lowback.catalogue import exercise

    make = thumbnail_figure if small else default_figure
    return _trimmed(png(make(exercise(number)), dpi=dpi))


def drawn_ahead() -> list[tuple[str, Callable[[], bytes]]]:
    """Each exercise's handout drawing, large and small, for :mod:`lowback.drawn`."""
    from lowback.catalogue import exercises

    return [
        (key("handout", ex.number, DPI, int(small)), partial(_draw_png, ex.number, DPI, small))
        for ex in exercises()
        for small in (False, True)
    ]


def figure_png(ex: Exercise, make: FigureMaker | None = None, dpi: int = DPI) -> bytes:
    """An exercise's picture as PNG bytes, white border trimmed (drawings are cached)."""
    if make is None or make is default_figure or make is thumbnail_figure:
        return _drawing_png(ex.number, dpi, make is thumbnail_figure)
    return _trimmed(png(make(ex), dpi=dpi))


def pictures(plan: Routine, make: FigureMaker | None = None) -> dict[str, bytes]:
    """Each exercise's pictures, by key: "page-N" its drawing, "plan-N" the plan's small one
    (the same picture when ``make`` is given)."""
    found = {}
    for it in plan.items:
        ex, n = it.exercise, it.exercise.number
        found[f"page-{n}"] = figure_png(ex, make)
        found[f"plan-{n}"] = figure_png(ex, thumbnail_figure if make is None else make)
    return found


def handout_document(plan: Routine, made: date | None = None) -> Document:
    """The handout's pages as data (see ``lowback.handout.layout``)."""
    by_number = {it.exercise.number: it.exercise for it in plan.items}
    return document(plan, lambda n: figure_alt(by_number[n]), made)


def to_html(plan: Routine, make: FigureMaker | None = None, *, made: date | None = None,
            paper: str = "A4") -> str:  # fmt: skip
    """The whole handout as one self-contained HTML page (pictures embedded)."""
    return _html.to_html(handout_document(plan, made), pictures(plan, make), paper)


def to_pdf(plan: Routine, make: FigureMaker | None = None, *, made: date | None = None,
           paper: str = "A4") -> bytes:  # fmt: skip
    """The whole handout as PDF bytes: the plan page, a page per exercise, the two-week log."""
    from lowback.handout import pdf  # fpdf2 loads only when a PDF is asked for

    return pdf.to_pdf(handout_document(plan, made), pictures(plan, make), paper)


def safety_html() -> str:
    """The boxed red flags (each level's action and its signs) as an HTML fragment."""
    from lowback.handout.layout import red_flag_block

    return _html.red_flags_html(red_flag_block())


class PagePreview:
    """One page of the handout as it prints, for a notebook: HTML, with alt text as text."""

    def __init__(self, html: str, about: str) -> None:
        self.html, self.about = html, about

    def _repr_html_(self) -> str:
        return (
            f'<div class="lb-handout"><style>{_html.css(printing=False)}</style>{self.html}</div>'
        )

    def __repr__(self) -> str:
        return self.about


def preview(
    plan: Routine, page: int = 1, make: FigureMaker | None = None, made: date | None = None
) -> PagePreview:
    """One page of the handout (from 1), drawn as in the HTML handout, saying what it holds."""
    doc = handout_document(plan, made)
    count = len(doc.pages)
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= count:
        raise ValueError(f"page must be a number from 1 to {count}; got {page!r}")
    about = f"Page {page} of the handout: {doc.pages[page - 1].about}"
    return PagePreview(_html.page_html(doc, page, pictures(plan, make)), about)


def plan_view(plan: Routine) -> str:
    """The plan page's week grid and session times as an HTML fragment (no pictures)."""
    from lowback.handout.layout import plan_grid, session_line

    return (
        f'<div class="lb-handout"><style>{_html.css(printing=False)}</style>'
        f"{_html.plan_html(plan_grid(plan), None)}"
        f"{''.join(_html.para_html(b) for b in _plan_paras(plan, session_line))}</div>"
    )


def _plan_paras(plan: Routine, session_line):
    from lowback.handout.layout import Para

    return [Para(session_line(plan), "small"), *(Para(h, "hint") for h in plan.advice())]


def file_bytes(plan: Routine, suffix: str, made: date, *, at: time | None = None,
               paper: str = "A4", make: FigureMaker | None = None) -> bytes:  # fmt: skip
    """What lesson 8's buttons and ``lowback handout`` write for a file suffix, made on ``made``:
    the routine (.json), the handout (.html, .pdf) or the week's calendar from then (.ics)."""
    suffix = suffix.lower()
    if suffix == ".json":
        from lowback.routine import dumps

        return dumps(plan).encode("utf-8")
    if suffix == ".ics":
        from lowback.ical import week_calendar

        return week_calendar(plan, made, at)
    return render(plan, suffix, make, made=made, paper=paper)


def render(plan: Routine, suffix: str, make: FigureMaker | None = None, *,
           made: date | None = None, paper: str = "A4") -> bytes:  # fmt: skip
    """The handout in the format a file suffix asks for (.html or .pdf)."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        return to_pdf(plan, make, made=made, paper=paper)
    if suffix in (".html", ".htm"):
        return to_html(plan, make, made=made, paper=paper).encode("utf-8")
    raise ValueError(f"a handout is written as .html or .pdf, not {suffix or 'no suffix'!r}")


def write_handout(plan: Routine, path: str | os.PathLike, make: FigureMaker | None = None, *,
                  made: date | None = None, paper: str = "A4") -> Path:  # fmt: skip
    """Write the handout to ``path`` (.html or .pdf); an existing file is replaced atomically.

    ``made`` is the date printed on every page (None: a blank line to write it on).
    """
    path = Path(path)
    return write_atomic(path, render(plan, path.suffix, make, made=made, paper=paper))
