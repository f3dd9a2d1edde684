"""A printable handout of a routine: self-contained HTML, or PDF from matplotlib."""

import base64
import html
import io
import os
import string
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.patches import Rectangle

from lowback.catalogue import Exercise
from lowback.dosage import format_duration
from lowback.draw.exercise import exercise_figure
from lowback.draw.style import PALETTE, new_figure, png
from lowback.files import write_atomic
from lowback.routine import Item, Routine, days
from lowback.safety import cautions, lead, levels, red_flags, stop_rules

WEEKS = 2
"""How many weeks the tick-off table covers."""
TITLE = "My exercise routine"
A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.7  # inches
FigureMaker = Callable[[Exercise], Figure]
PLAIN = {"parse_math": False, "usetex": False}
"""Text on the PDF is drawn as given: a learner's "$5 or $6" is never read as maths."""


def placeholder_figure(ex: Exercise) -> Figure:
    """A plain card with the exercise's name: a quick stand-in for the drawing (tests, drafts)."""
    fig = new_figure(6, 2.4)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.add_patch(Rectangle((0.02, 0.04), 0.96, 0.92, fill=False, ec=PALETTE["grey"], lw=1.5))
    ax.text(0.5, 0.5, str(ex), ha="center", va="center", fontsize=14, **PLAIN)
    return fig


def default_figure(ex: Exercise) -> Figure:
    """The exercise's start-to-end drawing."""
    return exercise_figure(ex.number)


def figure_alt(ex: Exercise) -> str:
    """Alt text for an exercise's picture on the handout."""
    return f"Drawing of exercise {ex.number}, {ex.name}: the start and end positions"


def figure_png(ex: Exercise, make: FigureMaker = default_figure, dpi: int = 150) -> bytes:
    """An exercise's picture as PNG bytes."""
    return png(make(ex), dpi=dpi)


def tick_days(it: Item) -> tuple[bool, ...]:
    """For each day of the tick-off weeks, whether this exercise is planned."""
    return tuple(d in it.days for _ in range(WEEKS) for d in range(len(days())))


def dose_line(it: Item) -> str:
    """What to do and how often, in one line."""
    return f"{it.dosage.summary()}. {it.per_week} times a week."


# ---------------------------------------------------------------- HTML

CSS = string.Template("""
body { font-family: system-ui, sans-serif; color: $ink; max-width: 50em; margin: 1.5em auto;
       padding: 0 1em; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid $blue; padding-bottom: 0.1em; }
.note { font-style: italic; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid $grey; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
.week td, .week th, .tick td, .tick th { text-align: center; }
table.tick { table-layout: fixed; font-size: 0.85em; }
table.tick th:first-child { width: 11em; text-align: left; font-weight: normal; }
table.tick td { height: 2.4em; padding: 0; vertical-align: middle; }
.tick td.off { background: $light; }
.tick td.on::before { content: ""; display: inline-block; width: 1em; height: 1em;
                      border: 1.5px solid $ink; }
.safety { border: 2px solid $vermillion; padding: 0.2em 1em 0.6em; margin: 1em 0; }
.safety h3 { color: $vermillion; margin: 0.6em 0 0.2em; }
.exercise img { width: 100%; max-width: 36em; display: block; margin: 0.5em auto; }
.exercise, .safety, .plan { break-inside: avoid; page-break-inside: avoid; }
.pagebreak { break-before: page; page-break-before: always; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
               h2 { break-after: avoid; page-break-after: avoid; } }
""").substitute(PALETTE)
HINT = f"border-left:6px solid {PALETTE['orange']};padding:0.3em 0.8em;background:#FFF8E6"
"""Inline style of a hint, so it shows the same in a notebook widget and in the handout."""


def ask_first(ex: Exercise) -> str:
    """One line naming the conditions to check with a clinician before this exercise."""
    names = ", ".join(c.condition.lower() for c in cautions(ex.number))
    return f"Check with a clinician first if you have: {names}."


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _list(tag: str, entries: tuple[str, ...] | list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{_e(x)}</li>" for x in entries) + f"</{tag}>"


def plan_html(plan: Routine) -> str:
    """The plan as an HTML fragment: the exercises, session time, the week and any hint."""
    rows = "".join(
        f"<tr><td>{it.exercise.number}</td><td>{_e(it.exercise.name)}</td>"
        f"<td>{_e(it.dosage.amount())}</td><td>{it.per_week}</td></tr>"
        for it in plan.items
    )
    head = "".join(f"<th>{_e(d.name)}</th>" for d in plan.week())
    marks = "".join(
        "<tr>"
        + f"<th>{it.exercise.number}</th>"
        + "".join(f"<td>{'●' if d in it.days else ''}</td>" for d in range(len(days())))
        + "</tr>"
        for it in plan.items
    )
    times = "".join(
        f"<td>{_e(format_duration(d.seconds)) if d.items else '-'}</td>" for d in plan.week()
    )
    hints = "".join(f'<p class="hint" style="{HINT}">{_e(h)}</p>' for h in plan.advice())
    return (
        '<section class="plan"><h2>The plan</h2>'
        "<table><tr><th>#</th><th>Exercise</th><th>How much</th><th>Times a week</th></tr>"
        f"{rows}</table>"
        f"<p>All exercises in one session take about "
        f"<b>{_e(format_duration(plan.session_seconds))}</b>; about "
        f"<b>{_e(format_duration(plan.weekly_seconds))}</b> over a week.</p>"
        f'<table class="week"><tr><th>Exercise</th>{head}</tr>{marks}'
        f"<tr><th>Time</th>{times}</tr></table>{hints}</section>"
    )


def safety_html() -> str:
    """The red-flag reminder and the stop rules as an HTML fragment."""
    parts = ['<section class="safety"><h2>Stay safe</h2>']
    for lv in levels():
        parts.append(f'<div class="level {lv.id}"><h3>{_e(lv.line)}</h3><p>{_e(lead())}:</p>')
        parts.append(_list("ul", [f.question for f in red_flags(lv.id)]) + "</div>")
    parts.append("<h3>While you exercise</h3>")
    parts.append(_list("ul", [f"{r.sign} – {r.action}" for r in stop_rules()]))
    return "".join(parts) + "</section>"


def exercise_html(it: Item, make: FigureMaker = default_figure) -> str:
    """One exercise's card: picture, steps, dose, what to feel and cautions."""
    ex = it.exercise
    data = base64.b64encode(figure_png(ex, make)).decode("ascii")
    ask = f'<p class="ask"><b>{_e(ask_first(ex))}</b></p>' if cautions(ex.number) else ""
    return (
        f'<section class="exercise"><h2>{_e(ex)}</h2>'
        f'<img src="data:image/png;base64,{data}" alt="{_e(figure_alt(ex))}">'
        f"<p>{_e(ex.purpose)}</p><h3>How to do it</h3>{_list('ol', ex.steps)}"
        f"<p><b>Dose:</b> {_e(dose_line(it))}</p>"
        f"<p><b>What you should feel:</b> {_e(ex.feel)}</p>"
        f"<h3>Take care</h3>{_list('ul', ex.cautions)}{ask}</section>"
    )


def tick_html(plan: Routine) -> str:
    """A table to tick off each planned session over two weeks, with a pain score row."""
    week_heads = "".join(f'<th colspan="{len(days())}">Week {w + 1}</th>' for w in range(WEEKS))
    day_heads = "".join(f"<th>{_e(d)}</th>" for _ in range(WEEKS) for d in days())
    rows = "".join(
        f"<tr><th>{_e(it.exercise)}</th>"
        + "".join('<td class="on"></td>' if on else '<td class="off"></td>' for on in tick_days(it))
        + "</tr>"
        for it in plan.items
    )
    pain = "<tr><th>Pain after, 0 to 10</th>" + "<td></td>" * (WEEKS * len(days())) + "</tr>"
    return (
        '<section class="tick pagebreak"><h2>Tick off your sessions</h2>'
        "<p>Tick a box when you have done that exercise; grey days are rest days for it. "
        "Write down your pain after the session (0 is none, 10 the worst imaginable).</p>"
        f'<table class="tick"><tr><th></th>{week_heads}</tr><tr><th>Exercise</th>{day_heads}</tr>'
        f"{rows}{pain}</table></section>"
    )


def to_html(plan: Routine, make: FigureMaker = default_figure) -> str:
    """The whole handout as one self-contained HTML page (pictures embedded)."""
    who = f"<p><b>For:</b> {_e(plan.name)}</p>" if plan.name else ""
    note = f'<p class="note">{_e(plan.note)}</p>' if plan.note else ""
    cards = "".join(exercise_html(it, make) for it in plan.items)
    title = f"{TITLE}: {plan.name}" if plan.name else TITLE
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{TITLE}</h1>{who}{note}</header>"
        f"{plan_html(plan)}{safety_html()}"
        f'<div class="pagebreak"></div>{cards}{tick_html(plan)}</body></html>\n'
    )


# ---------------------------------------------------------------- PDF


def drawable(text: str) -> str:
    """Text as the PDF draws it: invisible format characters (such as U+FEFF) left out.

    matplotlib's PDF writer fails on some of them, and none of them shows on paper.
    """
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def fit_lines(words: str, points: float, size: float, weight: str = "normal") -> list[str]:
    """``words`` broken between words into lines no wider than ``points`` in the page's font.

    Each line is measured with matplotlib's own text layout, so bold text (wider than plain)
    never runs off the page; a single word too long for a line is broken by characters.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font, measure = FontProperties(size=size, weight=weight), TextToPath()

    def fits(text: str) -> bool:
        return measure.get_text_width_height_descent(text, font, ismath=False)[0] <= points

    lines: list[str] = []
    for word in words.split():
        while not fits(word):  # a very long word: break it where it must
            cut = next((i for i in range(len(word) - 1, 0, -1) if fits(word[:i])), 1)
            lines.append(word[:cut])
            word = word[cut:]
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        elif word:
            lines.append(word)
    return lines


class _Sheet:
    """Lays text and pictures down A4 pages from the top, starting a page when one fills."""

    def __init__(self, keep: Callable[[Figure, str], object]) -> None:
        self.keep, self.fig, self.y = keep, None, 0.0
        self.pages, self.about = 0, ""

    def new_page(self, about: str | None = None) -> None:
        """Start a page; ``about`` says what is on it (for alt text), else it continues."""
        self.finish()
        self.about = about or self.about
        self.fig = new_figure(*A4)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, A4[0])
        self.ax.set_ylim(A4[1], 0)  # inches from the top
        self.ax.set_axis_off()
        self.y = MARGIN

    def finish(self) -> None:
        if self.fig is not None:
            self.pages += 1
            self.ax.text(
                A4[0] / 2,
                A4[1] - 0.35,
                f"{TITLE}  ·  page {self.pages}",
                ha="center",
                fontsize=7,
                color=PALETTE["grey"],
                **PLAIN,
            )
            self.keep(self.fig, f"Page {self.pages} of the handout: {self.about}")
            self.fig = None

    def room(self, inches: float) -> None:
        if self.fig is None or self.y + inches > A4[1] - MARGIN:
            self.new_page()

    def text(self, words: str, size: float = 10, indent: float = 0, **style) -> None:
        words = drawable(words)
        width = A4[0] - 2 * MARGIN - indent
        lines = fit_lines(words, width * 72, size, style.get("weight", "normal")) or [""]
        step = size * 1.45 / 72
        for line in lines:
            self.room(step)
            self.ax.text(MARGIN + indent, self.y, line, fontsize=size, va="top", **PLAIN, **style)
            self.y += step

    def heading(self, words: str, size: float = 14, color: str = PALETTE["blue"]) -> None:
        self.room(size * 4 / 72)
        self.y += size * 0.5 / 72
        self.text(words, size, weight="bold", color=color)
        self.y += size * 0.25 / 72

    def items(
        self, entries: list[str] | tuple[str, ...], numbered: bool = False, size: float = 10
    ) -> None:
        for n, entry in enumerate(entries, 1):
            mark = f"{n}." if numbered else "•"
            self.room(size * 1.45 / 72)
            self.ax.text(MARGIN + 0.1, self.y, mark, fontsize=size, va="top", **PLAIN)
            self.text(entry, size, indent=0.35)

    def picture(self, data: bytes, height: float = 3.8) -> None:
        image = imread(io.BytesIO(data))
        h, w = image.shape[:2]
        width = min(A4[0] - 2 * MARGIN, height * w / h)
        height = width * h / w
        self.room(height + 0.1)
        left = (A4[0] - width) / 2
        self.ax.imshow(image, extent=(left, left + width, self.y + height, self.y))
        self.y += height + 0.15

    def gap(self, inches: float = 0.12) -> None:
        self.y += inches


def _tick_page(sheet: _Sheet, plan: Routine) -> None:
    sheet.new_page("a table to tick off each planned session over two weeks, with a pain row")
    sheet.heading("Tick off your sessions", 16)
    sheet.text(
        "Tick a box when you have done that exercise; grey days are rest days for it. "
        "Write down your pain after the session (0 is none, 10 the worst imaginable)."
    )
    sheet.gap(0.25)
    ax, label_w = sheet.ax, 1.9
    cols = WEEKS * len(days())
    cell = (A4[0] - 2 * MARGIN - label_w) / cols
    x0, y = MARGIN + label_w, sheet.y
    for w in range(WEEKS):
        span = len(days()) * cell
        ax.text(
            x0 + w * span + span / 2,
            y,
            f"Week {w + 1}",
            ha="center",
            va="top",
            fontsize=10,
            weight="bold",
            **PLAIN,
        )
    y += 0.25
    for c, name in enumerate(days() * WEEKS):
        ax.text(x0 + (c + 0.5) * cell, y, name, ha="center", va="top", fontsize=8, **PLAIN)
    y += 0.22
    rows = [(textwrap.fill(str(it.exercise), 24), tick_days(it), True) for it in plan.items]
    rows.append(("Pain after,\n0 to 10", (True,) * cols, False))  # a number, not a tick
    row_h = 0.5
    for label, on, tick in rows:
        ax.text(MARGIN, y + row_h / 2, label, va="center", fontsize=8.5, **PLAIN)
        for c, planned in enumerate(on):
            face = "white" if planned else PALETTE["light"]
            ax.add_patch(Rectangle((x0 + c * cell, y), cell, row_h, fc=face, ec=PALETTE["grey"]))
            if planned and tick:
                s = min(cell, row_h) * 0.45
                ax.add_patch(
                    Rectangle(
                        (x0 + (c + 0.5) * cell - s / 2, y + row_h / 2 - s / 2),
                        s,
                        s,
                        fill=False,
                        ec="black",
                        lw=1.2,
                    )
                )
        y += row_h
    sheet.y = y


def _lay_out(keep: Callable[[Figure, str], object], plan: Routine, make: FigureMaker) -> int:
    sheet = _Sheet(keep)
    sheet.new_page("the plan, the weekly schedule and the safety reminders")
    sheet.text(TITLE, 22, weight="bold")
    if plan.name:
        sheet.text(f"For: {plan.name}", 12)
    if plan.note:
        sheet.text(plan.note, 10, style="italic")
    sheet.heading("The plan")
    sheet.items([dose_line(it) for it in plan.items], numbered=True)
    sheet.gap()
    sheet.text(
        f"All exercises in one session take about {format_duration(plan.session_seconds)}; "
        f"about {format_duration(plan.weekly_seconds)} over a week."
    )
    for day in plan.week():
        numbers = ", ".join(str(i.exercise.number) for i in day.items) or "rest"
        when = f"  ({format_duration(day.seconds)})" if day.items else ""
        sheet.text(
            f"{day.name}: exercise {numbers}{when}" if day.items else f"{day.name}: rest",
            10,
            indent=0.2,
        )
    for hint in plan.advice():
        sheet.gap()
        sheet.text(hint, 10, color=PALETTE["vermillion"])
    sheet.heading("Stay safe", color=PALETTE["vermillion"])
    for lv in levels():
        sheet.text(f"{lv.line} {lead()}:", 9.5, weight="bold")
        sheet.items([f.question for f in red_flags(lv.id)], size=8.5)
    sheet.text("While you exercise", 9.5, weight="bold")
    sheet.items([f"{r.sign} – {r.action}" for r in stop_rules()], size=8.5)
    for it in plan.items:
        ex = it.exercise
        sheet.new_page(f"{ex.name}, with its drawing, steps, dose, what to feel and cautions")
        sheet.text(str(ex), 18, weight="bold", color=PALETTE["blue"])
        sheet.gap()
        sheet.picture(figure_png(ex, make))
        sheet.text(ex.purpose)
        sheet.heading("How to do it", 12)
        sheet.items(ex.steps, numbered=True)
        sheet.heading("Dose", 12)
        sheet.text(dose_line(it))
        sheet.heading("What you should feel", 12)
        sheet.text(ex.feel)
        sheet.heading("Take care", 12, color=PALETTE["vermillion"])
        sheet.items(ex.cautions)
        if cautions(ex.number):
            sheet.gap()
            sheet.text(ask_first(ex), 10, weight="bold", color=PALETTE["vermillion"])
    _tick_page(sheet, plan)
    sheet.finish()
    return sheet.pages


def to_pdf(plan: Routine, make: FigureMaker = default_figure) -> bytes:
    """The whole handout as PDF bytes: plan and safety, one page per exercise, tick-off sheet."""
    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": TITLE, "Creator": "lowback"}) as pdf:
        _lay_out(lambda fig, _about: pdf.savefig(fig), plan, make)
    return buf.getvalue()


def preview(plan: Routine, page: int = 1, make: FigureMaker = default_figure) -> tuple[Figure, str]:
    """One page of the PDF handout (from 1) as a figure, with alt text saying what it holds."""
    pages: list[tuple[Figure, str]] = []
    _lay_out(lambda fig, about: pages.append((fig, about)), plan, make)
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= len(pages):
        raise ValueError(f"page must be a number from 1 to {len(pages)}; got {page!r}")
    return pages[page - 1]


def render(plan: Routine, suffix: str, make: FigureMaker = default_figure) -> bytes:
    """The handout in the format a file suffix asks for (.html or .pdf)."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        return to_pdf(plan, make)
    if suffix in (".html", ".htm"):
        return to_html(plan, make).encode("utf-8")
    raise ValueError(f"a handout is written as .html or .pdf, not {suffix or 'no suffix'!r}")


def write_handout(
    plan: Routine, path: str | os.PathLike, make: FigureMaker = default_figure
) -> Path:
    """Write the handout to ``path`` (.html or .pdf); an existing file is replaced atomically."""
    path = Path(path)
    return write_atomic(path, render(plan, path.suffix, make))
