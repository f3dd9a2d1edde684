"""Sound cues and large-print words for a guided session, so a learner on the floor can
follow it without watching the screen.

Pure logic on a session's steps (``Routine.session()``): which cue sounds when, and what the
"floor view" says. The sounds are short tones made here as WAV data with numpy (no network,
no speech engine): a rising pair as a hold starts, a falling pair as it ends, then one short
pip for each rep left in the set; a low long tone for a rest, three pips before the next
exercise, and a rising chord at the end.
"""

import io
import wave
from dataclasses import dataclass
from functools import cache

import numpy as np

from lowback.routine import Step

RATE = 22_050
"""Samples a second in the cue sounds."""
MAX_PIPS = 10
"""At most this many pips count the reps left; more reps left are said as ten pips."""
# Each kind of cue as (frequency Hz, seconds) notes; 0 Hz is a silence.
NOTES: dict[str, tuple[tuple[float, float], ...]] = {
    "hold": ((660, 0.12), (0, 0.03), (880, 0.2)),
    "release": ((880, 0.12), (0, 0.03), (587, 0.2)),
    "rest": ((392, 0.6),),
    "change": ((523, 0.1), (0, 0.1), (523, 0.1), (0, 0.1), (784, 0.25)),
    "end": ((523, 0.15), (659, 0.15), (784, 0.15), (1047, 0.5)),
}
PIP = ((1175, 0.07), (0, 0.09))
"""One rep left: a short high pip and a gap, after the release tones."""


@dataclass(frozen=True)
class Cue:
    """A sound at a moment of the session: its kind, and how many reps are left after it."""

    at: int  # seconds into the session
    kind: str  # "hold", "release", "rest", "change" or "end"
    reps_left: int = 0

    @property
    def words(self) -> str:
        """What the cue means, in a few words (for captions and tests)."""
        if self.kind == "release":
            left = f"{self.reps_left} rep{'s' * (self.reps_left != 1)} left"
            return f"Release: {left}" if self.reps_left else "Release: set done"
        return {
            "hold": "Hold",
            "rest": "Rest",
            "change": "Get ready for the next exercise",
            "end": "Session done",
        }[self.kind]


def schedule(steps: tuple[Step, ...]) -> tuple[Cue, ...]:
    """Every cue of a session in time order: a hold's start and end (with the reps left in
    its set), each rest, each change of exercise, and the end; one cue at a time."""
    cues: list[Cue] = []
    for step in steps:
        seg = step.segment
        if seg.kind == "hold":
            cues.append(Cue(step.start, "hold"))
            left = step.item.dosage.reps - seg.rep
            if step.end != steps[-1].end:  # the last hold's end is the session's end
                cues.append(Cue(step.end, "release", left))
        elif seg.kind in ("rest", "change") and seg.seconds:
            if cues and cues[-1].at == step.start and cues[-1].kind == "release":
                cues.pop()  # the set is done: the rest's own sound says so
            cues.append(Cue(step.start, seg.kind))
    if steps:
        cues.append(Cue(steps[-1].end, "end"))
    return tuple(cues)


def due(cues: tuple[Cue, ...], before: float, now: float) -> Cue | None:
    """The cue to sound when the session moves from ``before`` to ``now`` (the latest one
    passed); None if none was passed, or the session jumped back."""
    if now <= before:
        return None
    passed = [c for c in cues if before < c.at <= now]
    return passed[-1] if passed else None


def _notes(cue: Cue) -> tuple[tuple[float, float], ...]:
    notes = NOTES[cue.kind]
    if cue.kind == "release" and cue.reps_left:
        notes = notes + ((0, 0.15),) + PIP * min(cue.reps_left, MAX_PIPS)
    return notes


@cache
def sound(cue_kind: str, reps_left: int = 0, odd: bool = False) -> bytes:
    """A cue's sound as WAV bytes (16-bit mono). ``odd`` adds one silent sample, so two cues
    in a row differ and a web page plays the second too."""
    parts = []
    for freq, seconds in _notes(Cue(0, cue_kind, reps_left)):
        t = np.arange(int(RATE * seconds)) / RATE
        tone = np.sin(2 * np.pi * freq * t) if freq else np.zeros_like(t)
        fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01) if len(t) else t  # no clicks
        parts.append(0.5 * tone * fade)
    samples = np.concatenate([*parts, np.zeros(1 + int(odd))])
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((samples * 32767).astype("<i2").tobytes())
    return buf.getvalue()


@cache
def silence() -> bytes:
    """A WAV of a few silent samples: what the player holds before its first cue (a browser
    refuses an empty sound)."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(2 * 8))
    return buf.getvalue()


def seconds_of(data: bytes) -> float:
    """How long a WAV sound lasts."""
    with wave.open(io.BytesIO(data)) as found:
        return found.getnframes() / found.getframerate()


# ---------------------------------------------------------------- the floor view


def _what(step: Step) -> str:
    seg, dose = step.segment, step.item.dosage
    if seg.kind == "move":
        return f"Move · rep {seg.rep} of {dose.reps}"
    if seg.kind == "hold":
        return f"Hold · rep {seg.rep} of {dose.reps}"
    if seg.kind == "rest":
        return "Rest"
    return f"Get ready: {step.item.exercise.name}"


def floor_words(steps: tuple[Step, ...], position: int, seconds: float) -> tuple[str, int, str]:
    """What the floor view shows at a moment: the step now, the seconds left in it, and what
    comes next."""
    step = steps[position]
    if seconds >= steps[-1].end:
        return "Session done", 0, "Note how your back and leg feel"
    left = max(0, int(-(-(step.end - seconds) // 1)))
    later = [s for s in steps[position + 1 :] if s.segment.seconds]
    if not later:
        following = "Then: done"
    elif later[0].index != step.index:
        following = f"Next: {later[0].item.exercise.name}"
    else:
        following = f"Then: {_what(later[0]).lower()}"
    return _what(step), left, following
