"""Interactive controls (ipywidgets) built from the course's data and drawings.

Each control's module is imported the first time the control is asked for, so a lesson
loads only what it shows (the routine builder, for one, brings in the PDF writer).
"""

from importlib import import_module

_HOMES = {
    "LiveFigure": "live",
    "direction_test": "direction",
    "disc_load": "anatomy",
    "exercise_animation": "exercise",
    "exercise_controls": "exercise",
    "posture_control": "anatomy",
    "recovery_demo": "recovery",
    "recovery_explorer": "recovery",
    "red_flag_screen": "screen",
    "reps_slider": "dosage",
    "root_chooser": "anatomy",
    "routine_builder": "builder",
    "session_player": "player",
    "self_check": "quiz",
    "show": "live",
    "tracker_entry": "tracker",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
