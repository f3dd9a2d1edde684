"""The handout's pages as plain data: blocks that the HTML and the PDF writers both draw.

One description, two formats: :func:`document` decides what goes on each page and in what
order; ``html.py`` and ``pdf.py`` only draw these blocks, with the sizes named here, so the
printed web page and the PDF look the same. No matplotlib, no widgets.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from lowback._data import load
from lowback.dosage import format_duration
from lowback.routine import Item, Routine, days
from lowback.safety import cautions, lead, levels, red_flags, stop_rules
from lowback.tracker import reach_levels

PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
"""Page sizes in millimetres, portrait."""
MARGIN = 12.0
"""Page margin in millimetres, all round."""
CONTENT = (186.0, 255.0)
"""The area every page is laid out in (mm): it fits inside A4 and Letter alike."""
PT = {"title": 19, "h1": 15, "h2": 13, "read": 12, "body": 11, "small": 8.5, "tiny": 7.5}
"""Font sizes in points, shared by both writers ("read": an exercise page's steps and words)."""


@cache
def words() -> dict:
    """The handout's own wording, from data/handout.toml."""
    return load("handout")


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A heading; ``bookmark`` (if set) names it in the PDF's outline."""

    text: str
    level: int = 1
    bookmark: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph; ``tone`` is "body", "small", "note", "hint" or "ask"."""

    text: str
    tone: str = "body"


@dataclass(frozen=True)
class Picture:
    """An exercise's drawing (by exercise number), ``height`` mm tall at most."""

    number: int
    alt: str
    height: float

    @property
    def key(self) -> str:
        """Which picture: the full drawing of an exercise."""
        return f"page-{self.number}"


@dataclass(frozen=True)
class ListBlock:
    """A titled list, numbered (steps) or not."""

    title: str
    entries: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class PlanRow:
    """One exercise on the plan: its picture, name, dose and the days it is planned."""

    number: int
    name: str
    dose: str
    alt: str
    planned: tuple[bool, ...]

    @property
    def key(self) -> str:
        """Which picture: the exercise's small drawing, without labels."""
        return f"plan-{self.number}"


@dataclass(frozen=True)
class PlanGrid:
    """The week as a grid: a row per exercise, a tick box on each day it is planned."""

    heading: str
    days: tuple[str, ...]
    rows: tuple[PlanRow, ...]
    totals: tuple[str, ...]  # minutes on each day (rounded up), "-" on a rest day
    time_label: str
    row_height: float  # mm


@dataclass(frozen=True)
class FlagGroup:
    """One level of urgency: what to do, then its warning signs."""

    level: str
    action: str
    lead: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class RedFlags:
    """The red flags, boxed: each level's action and its signs."""

    heading: str
    groups: tuple[FlagGroup, ...]


@dataclass(frozen=True)
class Rules:
    """The stop rules: a sign, then what to do."""

    heading: str
    rules: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LogRow:
    """One day of the log: its week, its day and the exercises planned on it (numbers)."""

    week: str
    day: str
    planned: tuple[int, ...]


@dataclass(frozen=True)
class LogTable:
    """The two-week log: a row per day with large boxes to fill in."""

    columns: tuple[str, ...]  # day, done, back pain, leg pain, reach
    reach: tuple[str, ...]
    rows: tuple[LogRow, ...]
    rest: str
    row_height: float  # mm


Block = Heading | Para | Picture | ListBlock | PlanGrid | RedFlags | Rules | LogTable


@dataclass(frozen=True)
class Page:
    """One printed page: what it holds (for alt text and tests) and its blocks."""

    about: str
    bookmark: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """The whole handout: title, language, who it is for and when it was made, and pages."""

    title: str
    language: str
    name: str
    made: date | None
    pages: tuple[Page, ...]

    def header(self, number: int) -> tuple[str, str, str]:
        """The strip on every page: the title, the name line and the date line."""
        w = words()
        name = self.name or "_" * 22
        made = self.made.strftime("%d %b %Y").lstrip("0") if self.made else "_" * 14
        return (
            f"{self.title} · {w['page'].format(page=number, pages=len(self.pages))}",
            f"{w['name_label']}: {name}",
            f"{w['date_label']}: {made}",
        )


# ---------------------------------------------------------------- wording from data


def dose_line(it: Item) -> str:
    """What to do and how often, in one line."""
    return f"{it.dosage.amount()}. {it.per_week} times a week."


def ask_first(number: int) -> str:
    """One line naming the conditions to check with a clinician before this exercise."""
    names = ", ".join(c.condition.lower() for c in cautions(number))
    return words()["exercise"]["ask"].format(conditions=names)


def plan_conditions(plan: Routine) -> str:
    """ "Health education, not diagnosis", then who should check with a clinician first: the
    conditions that concern the routine's exercises, or any health condition."""
    numbers = {it.exercise.number for it in plan.items}
    names = [c.condition.lower() for c in cautions() if numbers & set(c.exercises)]
    check = words()["plan"]["check_first"].format(conditions=", ".join(names))
    return f"{words()['not_diagnosis']} {check if names else words()['plan']['check_any']}"


def red_flag_block() -> RedFlags:
    """Every level's action with its own warning signs, from the one red-flag data file."""
    groups = tuple(
        FlagGroup(lv.title, lv.action, lead(), tuple(f.question for f in red_flags(lv.id)))
        for lv in levels()
    )
    return RedFlags(words()["red_flags"]["heading"], groups)


def stop_block() -> Rules:
    """The stop rules, sign then action."""
    return Rules(words()["stop"]["heading"], tuple((r.sign, r.action) for r in stop_rules()))


# ---------------------------------------------------------------- the pages


def plan_grid(plan: Routine, alt=lambda number: "") -> PlanGrid:
    """The week as a grid: each exercise's dose and a tick box on each day it is planned."""
    w = words()["plan"]
    count = len(plan.items)
    return PlanGrid(
        w["heading"],
        days(),
        tuple(
            PlanRow(
                it.exercise.number,
                str(it.exercise),
                it.dosage.amount(),
                alt(it.exercise.number),
                tuple(d in it.days for d in range(len(days()))),
            )
            for it in plan.items
        ),
        tuple(f"{-(-d.seconds // 60)} min" if d.items else "-" for d in plan.week()),
        w["time"].format(session=format_duration(plan.session_seconds)),
        row_height=max(10.0, min(16.0, 50.0 / count)),
    )


def session_line(plan: Routine) -> str:
    """How to use the grid, and how long a session and a week take."""
    w = words()["plan"]
    return (
        w["intro"]
        + " "
        + w["session"].format(
            session=format_duration(plan.session_seconds),
            week=format_duration(plan.weekly_seconds),
        )
    )


def _plan_page(plan: Routine, alt) -> Page:
    w = words()["plan"]
    grid = plan_grid(plan, alt)
    blocks: list[Block] = [
        Heading(words()["title"], 0, w["bookmark"]),
        Para(plan_conditions(plan), "ask"),
    ]
    if plan.note:
        blocks.append(Para(plan.note, "note"))
    blocks.append(grid)
    blocks += [Para(h, "hint") for h in plan.advice()]
    blocks += [red_flag_block(), stop_block()]
    return Page(w["about"], w["bookmark"], tuple(blocks))


def _exercise_page(it: Item, alt) -> Page:
    w = words()["exercise"]
    ex = it.exercise
    blocks: list[Block] = [
        Heading(str(ex), 1, str(ex)),
        Picture(ex.number, alt(ex.number), 80.0),
        Para(ex.purpose),
        ListBlock(w["steps"], tuple(ex.steps), numbered=True),
        ListBlock(w["dose"], (dose_line(it),)),
        ListBlock(w["feel"], (ex.feel,)),
        ListBlock(w["care"], tuple(ex.cautions)),
    ]
    if cautions(ex.number):
        blocks.append(Para(ask_first(ex.number), "ask"))
    return Page(w["about"].format(name=ex.name), str(ex), tuple(blocks))


def log_rows(plan: Routine) -> tuple[LogRow, ...]:
    """A row per day of the log's weeks, with the exercises planned that day."""
    w = words()["log"]
    week = plan.week()
    return tuple(
        LogRow(
            w["week"].format(week=n + 1),
            day.name,
            tuple(i.exercise.number for i in day.items),
        )
        for n in range(w["weeks"])
        for day in week
    )


def _log_page(plan: Routine) -> Page:
    w = words()["log"]
    leg_rules = tuple(r for r in stop_rules() if "leg" in r.sign.lower())
    rows = log_rows(plan)
    table = LogTable(
        (w["day"], w["done"], w["back"], w["leg"], w["reach"]),
        reach_levels(),
        rows,
        w["rest"],
        row_height=min(15.5, 196.0 / len(rows)),
    )
    legend = " ".join(f"{r.sign}: {r.action}" for r in leg_rules)
    return Page(
        w["about"],
        w["bookmark"],
        (
            Heading(w["heading"], 1, w["bookmark"]),
            Para(w["intro"], "small"),
            table,
            Para(legend, "small"),
        ),  # fmt: skip
    )


def document(plan: Routine, alt, made: date | None = None) -> Document:
    """The handout for a routine: the plan page, a page per exercise, the two-week log.

    ``alt(number)`` gives an exercise picture's alt text; ``made`` is printed as the date
    (None: a blank line to write it on).
    """
    pages = (
        _plan_page(plan, alt),
        *(_exercise_page(it, alt) for it in plan.items),
        _log_page(plan),
    )
    return Document(words()["title"], words()["language"], plan.name, made, pages)


PLAN_COLUMNS = (36.0, 74.0)
"""Widths (mm) of the plan's picture and exercise columns; the days share the rest."""


LOG_COLUMNS = (20.0, 38.0, 19.0, 19.0)
"""Widths (mm) of the log's day, exercises-done and two pain columns; reach shares the rest."""


def done_box(width: float, count: int) -> tuple[float, float]:
    """The size of each exercise's tick box in the log's done column, and its label's width."""
    label = 4.6
    return max(2.5, min(6.5, (width - 2) / count - label - 0.8)), label


def reach_box(height: float) -> float:
    """The size of a reach tick box: below the level's name, which may take two lines."""
    return min(5.0, height * 0.33)


def font_files() -> dict[str, Path]:
    """The DejaVu Sans files matplotlib ships: regular, bold ("B") and italic ("I")."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {
        "": folder / "DejaVuSans.ttf",
        "B": folder / "DejaVuSans-Bold.ttf",
        "I": folder / "DejaVuSans-Oblique.ttf",
    }
