"""The command line: list the exercises, plan a routine, print a handout without Jupyter."""

import argparse
import sys
from pathlib import Path

from lowback.catalogue import exercises
from lowback.files import reason
from lowback.routine import (
    DOSAGE_FIELDS,
    Routine,
    RoutineError,
    item,
    load_routine,
    routine,
    save,
    shorten,
)

EPILOG = """examples:
  python -m lowback list
  python -m lowback plan --exercises 4,5,11 --save my.json
  python -m lowback handout --exercises 4,5,11 --reps 10 --hold 5 --out plan.pdf
  python -m lowback handout --routine my.json --name "Tuesday class" --out plan.html
  python -m lowback handout --exercises 4,5,11 --paper Letter --out plan.pdf
  python -m lowback handout --routine my.json --out week.ics --at 07:30
"""


class CommandError(Exception):
    """A problem with what was asked on the command line; reported as one line."""


def printable(text: str, stream=None) -> str:
    """``text`` as ``stream`` can show it: characters it cannot encode become escapes."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding)


def say(text: str, stream=None) -> None:
    """Print one message; text from a broken command line never crashes the printing."""
    stream = stream or sys.stdout
    print(printable(text, stream), file=stream)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage plus a message
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see --help)\n")

    def _print_message(self, message: str, file=None) -> None:
        if message:
            file = file or sys.stderr
            file.write(printable(message, file))


def _whole(text: str) -> int:
    """A dosage option's value: a whole number of a sensible size."""
    value = text.strip()
    if not (value.isascii() and value.lstrip("-").isdigit() and len(value) <= 6):
        raise argparse.ArgumentTypeError(f"expected a whole number like 10, got {shorten(text)}")
    return int(value)


def _file(text: str) -> str:
    """A file name option's value: any text the system can use as a path."""
    if not text:
        raise argparse.ArgumentTypeError("a file name cannot be empty")
    if "\x00" in text:
        raise argparse.ArgumentTypeError("a file name cannot contain a null character")
    return text


def _range(b) -> str:
    return f"{b.min}-{b.max}" if b.min != b.max else str(b.min)


def list_exercises() -> str:
    """The catalogue as a plain-text table with each dosage range."""
    rows = [f"{'#':>2}  {'exercise':<30} {'position':<16} {'reps':>6} {'hold s':>7}  sides"]
    for ex in exercises():
        rows.append(
            f"{ex.number:>2}  {ex.name:<30} {ex.position:<16} {_range(ex.reps):>6} "
            f"{_range(ex.hold):>7}  {'each side' if ex.per_side else 'one'}"
        )
    rows.append("Numbers run from easiest (1) to hardest (12); choose two to four.")
    return "\n".join(rows)


def _numbers(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",")]
    if not all(parts):
        raise CommandError(
            f"--exercises takes numbers separated by commas, like 4,5,11; got {text!r}"
        )
    return parts


def build(args: argparse.Namespace) -> Routine:
    """The routine asked for: from a file, or from exercise numbers and dosage options."""
    given = {f: getattr(args, f, None) for f in (*DOSAGE_FIELDS, "per_week")}
    dose = {f: value for f, value in given.items() if value is not None}  # 0 is an answer too
    if args.routine is not None:
        if dose:
            given = ", ".join(f"--{f.replace('_', '-')}" for f in dose)
            raise CommandError(f"{given} only work with --exercises; edit the routine file instead")
        plan = load_routine(args.routine)
    else:
        per_week = dose.pop("per_week", None)
        items = []
        for which in _numbers(args.exercises):
            try:
                items.append(item(which, per_week=per_week, **dose))
            except RoutineError as err:
                hint = " (dosage options apply to every exercise listed)" if dose else ""
                shown = which if len(which) <= 20 else which[:17] + "..."
                raise CommandError(f"exercise {shown}: {err}{hint}") from None
        plan = routine(items)
    return routine(
        plan.items,
        plan.name if args.name is None else args.name,
        plan.note if args.note is None else args.note,
    )


def _plan(args: argparse.Namespace) -> None:
    plan = build(args)
    say(plan.describe())
    if args.save:
        _write(lambda: save(plan, args.save), args.save)
        say(f"Saved to {args.save}")


def _handout(args: argparse.Namespace) -> None:
    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm", ".pdf", ".ics"):
        raise CommandError(f"--out must end in .html, .pdf or .ics; got {shorten(args.out)}")
    try:
        if out.is_dir():
            raise CommandError(f"--out {args.out!r} is a folder; give a file name like plan.pdf")
        if not out.parent.is_dir():
            raise CommandError(
                f"cannot write {args.out}: {str(out.parent)!r} is not an existing folder"
            )
    except OSError as err:
        raise CommandError(f"cannot write {args.out}: {reason(err)}") from None
    if args.at is not None and out.suffix.lower() != ".ics":
        raise CommandError("--at only works with a calendar: --out week.ics")
    if args.paper is not None and out.suffix.lower() == ".ics":
        raise CommandError("--paper only works with a handout: --out plan.pdf or plan.html")
    plan = build(args)
    if out.suffix.lower() == ".ics":
        _calendar(plan, out, args)
        return
    from datetime import date

    from lowback.files import write_atomic
    from lowback.handout import file_bytes  # matplotlib loads only when needed

    data = file_bytes(plan, out.suffix, date.today(), paper=args.paper or "A4")
    _write(lambda: write_atomic(out, data), args.out)
    for hint in plan.advice():
        say(hint)
    count = f"{len(plan.items)} exercise{'s' if len(plan.items) > 1 else ''}"
    say(f"Wrote {args.out}: the plan, {count} and a two-week log")


def _calendar(plan: Routine, out: Path, args: argparse.Namespace) -> None:
    from datetime import date

    from lowback.files import write_atomic
    from lowback.handout import file_bytes
    from lowback.ical import default_time, parse_time

    try:
        at = default_time() if args.at is None else parse_time(args.at)
    except ValueError as err:
        raise CommandError(f"--at: {err}") from None
    data = file_bytes(plan, ".ics", date.today(), at=at)
    _write(lambda: write_atomic(out, data), args.out)
    sessions = sum(1 for day in plan.week() if day.items)
    say(f"Wrote {args.out}: {sessions} sessions a week at {at:%H:%M}, repeating weekly")


def _write(action, target: str) -> None:
    try:
        action()
    except OSError as err:
        raise CommandError(f"cannot write {target}: {reason(err)}") from None


def _routine_options(p: argparse.ArgumentParser) -> None:
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--exercises",
        metavar="N,N,...",
        help="exercise numbers from `lowback list`, separated by commas, e.g. 4,5,11",
    )
    source.add_argument(
        "--routine", type=_file, metavar="FILE", help="a routine saved as JSON (lesson 8)"
    )
    dose = p.add_argument_group("dosage for every chosen exercise (defaults: each exercise's own)")
    dose.add_argument("--reps", type=_whole, help="repetitions per set")
    dose.add_argument("--hold", type=_whole, help="seconds to hold each repetition")
    dose.add_argument("--sets", type=_whole, help="sets per side")
    dose.add_argument("--rest", type=_whole, help="seconds of rest between sets or sides")
    dose.add_argument("--per-week", type=_whole, help="times a week (1 to 7)")
    p.add_argument("--name", help="the learner's or the class's name, printed on every page")
    p.add_argument("--note", help="a short note printed under the name")


def parser() -> argparse.ArgumentParser:
    """The argument parser, with help for every command and option."""
    top = _Parser(
        prog="lowback",
        description="Gentle home exercises for a pinched lower-back nerve root: list them, plan "
        "a routine and print a handout. Health education, not medical advice.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("list", help="list the twelve exercises with their dosage ranges")
    plan = sub.add_parser("plan", help="print a routine's plan: order, time and weekly schedule")
    _routine_options(plan)
    plan.add_argument("--save", type=_file, metavar="FILE", help="also save the routine as JSON")
    out = sub.add_parser(
        "handout", help="write a printable handout (.html or .pdf) or a calendar (.ics)"
    )
    _routine_options(out)
    out.add_argument(
        "--out",
        type=_file,
        required=True,
        metavar="FILE",
        help="plan.html or plan.pdf, or week.ics for a calendar of the sessions",
    )
    out.add_argument("--at", metavar="HH:MM", help="with .ics: the time sessions start (18:00)")
    out.add_argument(
        "--paper", choices=("A4", "Letter"), help="with .pdf or .html: the paper size (A4)"
    )
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors are one line on stderr and a non-zero exit status."""
    args = parser().parse_args(argv)
    try:
        if args.command == "list":
            say(list_exercises())
        else:
            {"plan": _plan, "handout": _handout}[args.command](args)
    except (CommandError, RoutineError) as err:
        say(f"lowback: error: {' '.join(str(err).split())}", sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
