"""Course facts as short Markdown lists, so a lesson shows each one with a single call."""

from lowback.anatomy import common_discs, imaging_advice, phases, roots, symptoms
from lowback.habits import walking_plan, walking_stop_signs, workstation_checklist
from lowback.routine import item, routine


def _bullets(lines) -> str:
    return "\n".join(f"- {line}" for line in lines)


def root_exits() -> str:
    """Where each nerve root leaves the spine."""
    return _bullets(f"The **{r.name}** root leaves the spine {r.leaves}" for r in roots())


def symptom_list() -> str:
    """The four symptoms of a pinched nerve and what each feels like."""
    return _bullets(f"**{s.name}:** {s.feels_like}" for s in symptoms())


def disc_roots() -> str:
    """The two discs that herniate most and the root each presses on."""
    return _bullets(
        f"The **{d.name}** disc presses on the **{d.presses_on}** root" for d in common_discs()
    )


def phase_list() -> str:
    """Acute, subacute and chronic, with how long each lasts."""
    return _bullets(f"**{name.capitalize()}:** {span}" for name, span in phases().items())


def scan_reasons() -> str:
    """When a specialist may consider a scan (it is never routine)."""
    return _bullets(imaging_advice())


def checklist() -> str:
    """The workstation checklist, each line with an empty box to tick on paper."""
    return _bullets(f"☐ {line}" for line in workstation_checklist())


def walking_weeks(start_minutes: int | None = None, start_days: int | None = None) -> str:
    """A walking plan, one line a week."""
    return _bullets(str(week) for week in walking_plan(start_minutes, start_days))


def walking_stops() -> str:
    """When to stop or scale back a walking plan."""
    return _bullets(f"**{s.sign}:** {s.action}" for s in walking_stop_signs())


def size_hint(*numbers: int) -> str:
    """The hint a routine of these exercises gets about its size (or that it has none)."""
    hints = routine([item(n) for n in numbers]).size_advice()
    return hints[0] if hints else "No hint: this routine is a good size."


def week_days(plan) -> str:
    """What falls on each day of a routine's week."""
    return _bullets(
        f"**{day.name}:** {', '.join(it.exercise.name for it in day.items) or 'rest day'}"
        for day in plan.week()
    )


def phases_and_scans() -> str:
    """The three phases of sciatica, then the few cases where a scan may be considered."""
    return f"{phase_list()}\n\n**A scan may be considered when:**\n\n{scan_reasons()}"


def first_days(kind: str = "improving", days: int = 3) -> str:
    """The first days of a demo log: pain scores, how far down the leg, and the note."""
    from lowback.recovery import demo_entries

    return _bullets(
        f"**{e.day:%d %B}:** back {e.back_pain}, leg {e.leg_pain}, reaches {e.reach}"
        + (f". {e.note}" if e.note else "")
        for e in demo_entries(kind)[:days]
    )
