"""Build a routine by ticking exercises and setting dosage; then save, print or play it."""

import base64
import html
import os
from datetime import date
from pathlib import Path

import ipywidgets as w

from lowback.catalogue import Bounds, Exercise, exercises
from lowback.files import write_atomic
from lowback.handout import PAPERS, file_bytes, plan_view
from lowback.ical import default_time, parse_time
from lowback.routine import Routine, RoutineError, item, per_week_bounds, routine
from lowback.tracker import TrackerError, data_dir
from lowback.widgets.offline import offline
from lowback.widgets.player import session_player

FIELDS = {"reps": "Reps", "hold": "Hold (s)", "sets": "Sets", "per_week": "Per week"}
_BOX = w.Layout(width="7em")
_TYPES = {
    ".json": "application/json",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".ics": "text/calendar",
}
PRESENTER_ENV = "LOWBACK_PRESENTER"
"""Set to "1" by presenter mode (lowback/present.py) for its kernels."""


def save_folder() -> Path:
    """Where the buttons save when no folder is given: beside the notebook; in presenter mode
    the learner's data folder, where the recovery log lives (``$LOWBACK_DATA_DIR``, else
    e.g. ``~/.local/share/lowback``), so nothing lands in the course folder."""
    if os.environ.get(PRESENTER_ENV) != "1":
        return Path(".")
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _number(bounds: Bounds, value: int, name: str) -> w.IntText:
    """A number box for one dose field. Not a bounded box: that would quietly turn 40 into 10;
    the plan names the allowed range instead. No description (the column's heading is the
    label), so the tooltip names the box and its range."""
    return w.IntText(value=value, tooltip=f"{name} ({bounds.min} to {bounds.max})", layout=_BOX)


def download_link(name: str, data: bytes) -> str:
    """An HTML link that downloads ``data`` as a file (works in Voila too)."""
    kind = _TYPES[Path(name).suffix]
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(name)}" href="data:{kind};base64,{encoded}">'
        f"Download {html.escape(name)}</a>"
    )


class _Row:
    """One exercise's tick box and dosage boxes."""

    def __init__(self, ex: Exercise, chosen: dict) -> None:
        self.exercise = ex
        start = chosen.get(ex.number)
        self.tick = w.Checkbox(
            value=start is not None,
            description=str(ex),
            indent=False,
            layout=w.Layout(width="18em"),
        )
        bounds = {"reps": ex.reps, "hold": ex.hold, "sets": ex.sets, "per_week": per_week_bounds()}
        values = {f: b.default for f, b in bounds.items()}
        if start:
            values = {f: getattr(start if f == "per_week" else start.dosage, f) for f in FIELDS}
        names = {f: f"{label}: {ex.name}" for f, label in FIELDS.items()}
        self.boxes = {f: _number(bounds[f], values[f], names[f]) for f in FIELDS}
        self.tick.observe(self._enable, names="value")
        self._enable()

    def _enable(self, _change=None) -> None:
        for box in self.boxes.values():
            box.disabled = not self.tick.value

    @property
    def controls(self) -> list[w.Widget]:
        return [self.tick, *self.boxes.values()]

    def item(self):
        values = {f: box.value for f, box in self.boxes.items()}
        return item(self.exercise, **values)


class RoutineBuilder(w.VBox):
    """Tick exercises, set dosage and times a week; the plan updates; save the routine, print
    the handout, write the week's calendar, or play a guided session."""

    def __init__(self, start: Routine | None = None, folder: str | Path | None = None) -> None:
        self.folder = None if folder is None else Path(folder)  # None: save_folder()
        self._replace: Path | None = None  # a file the learner was warned about
        chosen = {it.exercise.number: it for it in start.items} if start else {}
        self.rows = [_Row(ex, chosen) for ex in exercises()]
        wide = w.Layout(width="36em")
        self.name = w.Text(value=start.name if start else "", description="Name", layout=wide)
        self.note = w.Textarea(value=start.note if start else "", description="Note", layout=wide)
        self.file = w.Text(value="my_routine", description="File name")
        self.paper = w.Dropdown(
            options=list(PAPERS), value="A4", description="Paper", layout=w.Layout(width="12em")
        )
        self.at = w.Text(
            value=f"{default_time():%H:%M}",
            description="Session time",
            tooltip="The time of day the calendar's sessions start, like 18:00",
            layout=w.Layout(width="14em"),
        )
        self.today = date.today  # the date printed on a handout and the calendar's first week
        self.plan_view = w.HTML()
        self.message = w.HTML()
        self.session = w.VBox()
        buttons = {
            "Save routine (.json)": ".json",
            "Handout (.html)": ".html",
            "Handout (.pdf)": ".pdf",
            "Calendar (.ics)": ".ics",
        }
        self.buttons = {}
        for label, suffix in buttons.items():
            button = w.Button(description=label, layout=w.Layout(width="auto"))
            button.on_click(lambda _b, s=suffix: self.write(s))
            self.buttons[suffix] = button
        self.play_button = w.Button(
            description="Start guided session", icon="play", layout=w.Layout(width="auto")
        )
        self.play_button.on_click(lambda _b: self.start_session())
        header = [w.HTML("<b>Exercise</b>", layout=w.Layout(width="18em"))]
        header += [w.HTML(f"<b>{label}</b>", layout=_BOX) for label in FIELDS.values()]
        grid = [w.HBox(header)] + [w.HBox(row.controls) for row in self.rows]
        for control in [self.name, self.note] + [c for r in self.rows for c in r.controls]:
            control.observe(self.update, names="value")
        self.update()
        super().__init__(
            [
                *grid,
                self.name,
                self.note,
                self.plan_view,
                w.HBox([self.file, self.paper, self.at]),
                w.HBox([*self.buttons.values(), self.play_button]),
                self.message,
                self.session,
            ]
        )

    def __repr__(self) -> str:
        return f"RoutineBuilder({len(self.rows)} exercises to choose from)"

    @property
    def plan(self) -> Routine:
        """The routine as the controls stand; raises RoutineError if it is not valid."""
        items = [row.item() for row in self.rows if row.tick.value]
        return routine(items, self.name.value, self.note.value)

    def update(self, _change=None) -> None:
        """Redraw the plan from the controls."""
        try:
            self.plan_view.value = plan_view(self.plan)
        except RoutineError as err:
            text = str(err)
            self.plan_view.value = f"<p><b>{html.escape(text[:1].upper() + text[1:])}.</b></p>"

    def write(self, suffix: str) -> Path | None:
        """Save the routine, its handout or its calendar (see :func:`save_folder`) and offer a
        download link; the same bytes as ``lowback handout`` writes on the same day.

        A file that is already there is not replaced until the same button is pressed again.
        """
        try:
            plan = self.plan
            stem = Path(self.file.value.strip() or "my_routine").name
            folder = save_folder() if self.folder is None else self.folder
            path = folder / (Path(stem).stem + suffix)
            at = parse_time(self.at.value) if suffix == ".ics" else None
            data = file_bytes(plan, suffix, self.today(), at=at, paper=self.paper.value)
            if os.path.lexists(path) and self._replace != path:
                self._replace = path
                self.message.value = (
                    f"<b>Not saved:</b> {html.escape(path.name)} is already in "
                    f"{html.escape(str(folder))}. Press the button again to replace it, or "
                    "change the file name."
                )
                return None
            write_atomic(path, data, replace=self._replace == path)
        except (ValueError, OSError, TrackerError) as err:  # ValueError: a bad routine or time
            self.message.value = f"<b>Could not save:</b> {html.escape(str(err))}"
            return None
        self._replace = None
        self.message.value = f"Saved {html.escape(str(path))}. " + download_link(path.name, data)
        return path

    def start_session(self) -> None:
        """Show a guided session for the routine as it stands."""
        try:
            self.session.children = [session_player(self.plan)]
        except RoutineError as err:
            self.message.value = f"<b>Cannot start:</b> {html.escape(str(err))}"


def routine_builder(
    start: Routine | None = None, folder: str | Path | None = None
) -> RoutineBuilder:
    """Controls to build a routine, starting from ``start`` (nothing ticked if None); the
    buttons save in ``folder``, by default :func:`save_folder`."""
    panel = RoutineBuilder(start, folder)
    if start is None:
        return offline(panel, "live_only", "[Routine builder]", what="Routine builder.")
    return offline(panel, "plan", f"[Routine builder]\n{start.describe()}", routine=start.to_dict())
