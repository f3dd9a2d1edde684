"""lowback: helpers for an open course on a pinched nerve in the lower back.

Importing the package loads only the pure-Python logic; drawings live in
``lowback.draw`` and interactive controls in ``lowback.widgets``.
"""

from lowback.anatomy import disc, discs, natural_history, root, roots
from lowback.catalogue import Exercise, UnknownExerciseError, exercise, exercises
from lowback.dosage import Dosage, dosage, format_duration
from lowback.safety import Outcome, RedFlag, red_flags, screen

__all__ = [
    # anatomy: discs, nerve roots, what usually happens next
    "disc",
    "discs",
    "natural_history",
    "root",
    "roots",
    # the exercise catalogue
    "Exercise",
    "UnknownExerciseError",
    "exercise",
    "exercises",
    # dosage
    "Dosage",
    "dosage",
    "format_duration",
    # red-flag screen
    "Outcome",
    "RedFlag",
    "red_flags",
    "screen",
]
