"""Time every interactive control against the usual redraw-a-new-figure baseline.

Each entry of CONTROLS builds a control once, then changes it many times; its baseline
does what an ``interact`` callback would: build a new figure, draw, render to PNG. Prints
the median kernel-side time per update and the ratio baseline / control (aim: >= 5).
Other lessons add their controls by appending a Case to CONTROLS.
"""

import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402  (the baseline is the usual pyplot redraw)
from matplotlib.axes import Axes  # noqa: E402

from lowback.dosage import dosage  # noqa: E402
from lowback.draw.exercise import draw_pose  # noqa: E402
from lowback.draw.timeline import draw_timeline  # noqa: E402
from lowback.routine import example  # noqa: E402
from lowback.widgets.exercise import exercise_animation, exercise_controls  # noqa: E402
from lowback.widgets.player import TICKS_PER_SECOND, session_player  # noqa: E402

ROUNDS = 40


@dataclass
class Case:
    """A control to time: ``update(i)`` changes it; ``baseline(i)`` redraws from scratch."""

    name: str
    update: Callable[[int], None]
    baseline: Callable[[int], None]
    note: str = ""


def _timed(step: Callable[[int], None], i: int) -> float:
    start = time.perf_counter()
    step(i)
    return time.perf_counter() - start


def medians_ms(case: Case, rounds: int = ROUNDS) -> tuple[float, float]:
    """Median ms of the control and of its baseline, timed in turn so load hits both alike."""
    pairs = [(_timed(case.update, i), _timed(case.baseline, i)) for i in range(rounds)]
    return tuple(1000 * statistics.median(p[k] for p in pairs) for k in (0, 1))


def _interact_redraw(size: tuple[float, float], draw: Callable[[Axes], object]) -> None:
    """What an ``interact`` callback does: a new pyplot figure, drawn, shown inline, closed."""
    fig, ax = plt.subplots(figsize=size)
    draw(ax)
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")  # the inline backend's call
    plt.close(fig)


def _dosage_case(number: int) -> Case:
    box = exercise_controls(number)
    reps = box.controls["reps"]
    values = list(range(reps.min, reps.max + 1))

    def update(i: int) -> None:
        reps.value = values[i % len(values)]

    def baseline(i: int) -> None:
        dose = dosage(number, reps=values[i % len(values)])
        _interact_redraw((6.4, 1.5), lambda ax: draw_timeline(ax, dose))

    return Case(f"exercise {number} dosage sliders", update, baseline)


def _animation_case(number: int) -> Case:
    start = time.perf_counter()
    box = exercise_animation(number)
    frames = box.slider.max + 1
    build = 1000 * (time.perf_counter() - start)
    times = box.animation.times

    def update(i: int) -> None:
        box.slider.value = i % frames

    def baseline(i: int) -> None:
        _interact_redraw((6.4, 3.2), lambda ax: draw_pose(ax, number, times[i % frames]))

    note = f"  (built once: {build:.0f} ms for {frames} frames, {build / frames:.1f} ms a frame)"
    return Case(f"exercise {number} animation", update, baseline, note)


def _player_case() -> Case:
    player = session_player(example())
    ticks = range(0, player.play.max, 7 * TICKS_PER_SECOND // 2)  # frames across the session

    def update(i: int) -> None:
        player.play.value = ticks[i % len(ticks)]

    def baseline(i: int) -> None:
        step = player.step_at(ticks[i % len(ticks)] / TICKS_PER_SECOND)
        _interact_redraw((6.4, 3.0), lambda ax: draw_pose(ax, step.item.exercise, 0.5))

    return Case("lesson 8 session player frame", update, baseline)


def _anatomy_cases() -> list[Callable[[], Case]]:
    """Lessons 1-3: the spine's curve, the root chooser and the disc load (one control each)."""
    from lowback.draw.body import draw_body, highlight_root
    from lowback.draw.disc import draw_disc_side, draw_disc_top
    from lowback.draw.spine import draw_spine
    from lowback.widgets.anatomy import disc_load, posture_control, root_chooser

    def case(name, build, values, size, draw) -> Callable[[], Case]:
        def make() -> Case:
            panel = build()

            def update(i: int) -> None:
                panel.control.value = values[i % len(values)]

            def baseline(i: int) -> None:
                _interact_redraw(size, lambda ax: draw(ax, values[i % len(values)]))

            return Case(name, update, baseline)

        return make

    def halves(ax: Axes) -> tuple[Axes, Axes]:
        """Both panels of a two-panel control, as an ``interact`` redraw would make them."""
        ax.set_position((0, 0, 0.5, 1))
        return ax, ax.figure.add_axes((0.5, 0, 0.5, 1))

    def body(ax, name):
        for view, half in zip(("back", "front"), halves(ax), strict=True):
            highlight_root(draw_body(half, view, nerve=False, legs=True), name)

    def disc(ax, load):
        top, side = halves(ax)
        draw_disc_top(top, load)
        draw_disc_side(side, load)

    return [
        case("lesson 1 spine curve", posture_control, range(-15, 66, 7), (7.2, 7.0), draw_spine),
        case("lesson 2 root chooser", root_chooser, ("L4", "L5", "S1"), (6.4, 5.0), body),
        case("lesson 3 disc load", disc_load, [i / 20 for i in range(21)], (9.6, 4.0), disc),
    ]  # fmt: skip


CONTROLS: list[Callable[[], Case]] = [
    *(lambda n=n: _dosage_case(n) for n in (2, 8, 10)),
    *(lambda n=n: _animation_case(n) for n in (5, 9, 12)),
    _player_case,
    *_anatomy_cases(),
]
"""Builders of the cases to time; append yours."""


def main() -> int:
    """Run every case; return 1 if any control is under 5 times faster than its baseline."""
    worst = float("inf")
    print(f"{'control':32} {'median ms':>10} {'baseline ms':>12} {'ratio':>7}")
    for build in CONTROLS:
        case = build()
        ms, base = medians_ms(case)
        worst = min(worst, base / ms)
        print(f"{case.name:32} {ms:10.1f} {base:12.1f} {base / ms:7.1f}{case.note}")
    print(f"lowest ratio: {worst:.1f} (goal: 5 or more)")
    return 0 if worst >= 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
