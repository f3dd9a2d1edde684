"""Interactive controls (ipywidgets) built from the course's data and drawings."""

from lowback.widgets.anatomy import disc_load, posture_control, root_chooser
from lowback.widgets.builder import routine_builder
from lowback.widgets.direction import direction_test
from lowback.widgets.dosage import reps_slider
from lowback.widgets.exercise import exercise_animation, exercise_controls
from lowback.widgets.live import LiveFigure
from lowback.widgets.player import session_player
from lowback.widgets.quiz import self_check
from lowback.widgets.recovery import recovery_explorer
from lowback.widgets.screen import red_flag_screen
from lowback.widgets.tracker import tracker_entry

__all__ = [
    "LiveFigure",
    "direction_test",
    "disc_load",
    "exercise_animation",
    "exercise_controls",
    "posture_control",
    "recovery_explorer",
    "red_flag_screen",
    "reps_slider",
    "root_chooser",
    "routine_builder",
    "session_player",
    "self_check",
    "tracker_entry",
]
