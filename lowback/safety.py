"""The red-flag pathway: warning signs, three levels of urgency, stop rules and cautions."""

from dataclasses import dataclass
from functools import cache

from lowback._data import load
from lowback.sources import source

LEVELS = ("emergency", "same-day", "soon")
"""The pathway's levels, most urgent first."""
CLEAR = "clear"
"""The outcome when no warning sign applies."""


@dataclass(frozen=True)
class Level:
    """One level of urgency and what to do at it, in plain words."""

    id: str
    title: str
    when: str
    action: str
    why: str
    heading: str
    sources: tuple[str, ...]

    @property
    def line(self) -> str:
        """The level's title and action in one line, as every view prints it."""
        return f"{self.title}: {self.action}"


@dataclass(frozen=True)
class RedFlag:
    """A warning sign and the level of urgency it belongs to."""

    id: str
    level: str
    question: str


@dataclass(frozen=True)
class Outcome:
    """What the check tells the learner, and which answers led there."""

    level: str
    title: str
    action: str
    message: str
    flags: tuple[RedFlag, ...]

    @property
    def may_exercise(self) -> bool:
        """True when no warning sign was ticked, so the learner may start the exercises."""
        return self.level == CLEAR


@dataclass(frozen=True)
class StopRule:
    """A sign to watch for during exercise and what to do about it."""

    sign: str
    action: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Caution:
    """A condition to check with a clinician before some of the exercises."""

    id: str
    condition: str
    sign: str
    exercises: tuple[int, ...]
    advice: str
    sources: tuple[str, ...]

    @property
    def line(self) -> str:
        """The condition and the advice in one line, as cards and handouts print it."""
        return f"{self.condition}: {self.advice}"


def _tuples(record: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in record.items()}


@cache
def levels() -> tuple[Level, ...]:
    """The three levels of the pathway, most urgent first."""
    found = tuple(Level(**_tuples(r)) for r in load("safety")["level"])
    assert tuple(x.id for x in found) == LEVELS, "safety.toml levels out of order"
    return found


def level(which: str) -> Level:
    """One level by id ("emergency", "same-day" or "soon")."""
    for found in levels():
        if found.id == which:
            return found
    raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {which!r}")


@cache
def stop_rules() -> tuple[StopRule, ...]:
    """The rules for when to stop an exercise (and the one good sign to keep going)."""
    return tuple(StopRule(**_tuples(r)) for r in load("safety")["stop_rule"])


@cache
def cautions(number: int | None = None) -> tuple[Caution, ...]:
    """Conditions to check with a clinician first; or only those that concern one exercise."""
    found = tuple(Caution(**_tuples(r)) for r in load("safety")["check_first"])
    return tuple(c for c in found if number is None or number in c.exercises)


@cache
def red_flags(which: str | None = None) -> tuple[RedFlag, ...]:
    """Every warning sign, most urgent first; or only those of one level."""
    if which is not None:
        level(which)  # a one-line error for an unknown level
    flags = tuple(RedFlag(**f) for f in load("safety")["flag"])
    chosen = (f for f in flags if which in (None, f.level))
    return tuple(sorted(chosen, key=lambda f: LEVELS.index(f.level)))


def outcome_title(which: str) -> str:
    """The heading of one outcome of the check: a level's title, or the all-clear title."""
    if which == CLEAR:
        return load("safety")["clear"]["title"]
    return level(which).title


def screen(present: str | set[str] | list[str] | tuple[str, ...] = ()) -> Outcome:
    """Route the ids of the warning signs a learner ticked to the most urgent level."""
    if isinstance(present, str):  # one id, not a string of one-letter ids
        present = (present,)
    chosen = set(present)
    by_id = {f.id: f for f in red_flags()}
    unknown = sorted(chosen - by_id.keys())
    if unknown:
        raise ValueError(f"unknown red flag {unknown[0]!r}; known flags: {', '.join(by_id)}")
    ticked = tuple(f for f in red_flags() if f.id in chosen)
    found = {f.level for f in ticked}
    if not found:
        clear = load("safety")["clear"]
        return Outcome(CLEAR, clear["title"], clear["action"], clear["why"], ())
    worst = level(min(found, key=LEVELS.index))
    return Outcome(worst.id, worst.title, worst.action, worst.why, ticked)


def lead() -> str:
    """How every printed list of a level's warning signs begins."""
    return load("safety")["lead"]


def pathway_markdown() -> str:
    """The whole pathway as Markdown: each level's action, then its warning signs."""
    parts = []
    for lv in levels():
        signs = "\n".join(f"- {f.question}" for f in red_flags(lv.id))
        parts.append(f"**{lv.title}: {lv.action}** {lead()}:\n\n{signs}")
    keys = dict.fromkeys(k for lv in levels() for k in lv.sources)
    parts.append(f"*Sources: {'; '.join(source(k).cite for k in keys)}.*")
    return "\n\n".join(parts)


def stop_rules_markdown() -> str:
    """The stop rules as a Markdown list: each sign in bold, then what to do."""
    return "\n".join(f"- **{r.sign}:** {r.action}" for r in stop_rules())


def examples_markdown() -> str:
    """A table of example answers and what the check says for each (the most urgent wins)."""
    by_id = {f.id: f for f in red_flags()}
    rows = ["| If you tick | The check says |", "|---|---|"]
    for example in load("safety")["example"]:
        said = [by_id[i].question for i in example["flags"]]
        said[1:] = [q[0].lower() + q[1:] for q in said[1:]]
        ticked = " **and** ".join(said) or "nothing"
        outcome = screen(example["flags"])
        rows.append(f"| {ticked} | **{outcome.title}:** {outcome.action} |")
    return "\n".join(rows)


def cautions_markdown() -> str:
    """The conditions to check with a clinician first, with the exercises each concerns."""
    rows = [
        f"- **{c.condition}** ({c.sign}). {c.advice} Exercises: "
        f"{', '.join(str(n) for n in sorted(c.exercises))}."
        for c in cautions()
    ]
    keys = dict.fromkeys(k for c in cautions() for k in c.sources)
    return "\n".join(rows) + f"\n\n*Sources: {'; '.join(source(k).cite for k in keys)}.*"
