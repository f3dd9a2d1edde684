"""A lesson opened in JupyterLab before anything runs: its controls say they are not running.

The red-flag check drawn from saved state must not take ticks and keep its first answer;
once the lesson runs, the same check answers every tick.
"""

from browsing import in_lab, presenting, run_all_cells

from lowback.safety import red_flags, screen
from lowback.widgets.gate import WAITING

LESSON = "00_start_here.ipynb"
NOT_RUNNING = WAITING.split("</b>")[0].removeprefix("<b>")


def test_the_saved_red_flag_check_waits_for_the_lesson_to_run_then_answers(page, tmp_path):
    urgent = red_flags("emergency")[0]
    with in_lab(page, tmp_path, LESSON):
        box = page.get_by_role("checkbox", name=urgent.question)
        box.wait_for(timeout=60_000)
        assert box.is_disabled()  # saved state: nothing would answer a tick
        assert page.get_by_text(NOT_RUNNING).first.is_visible()
        verdicts = page.locator(".jupyter-widgets").get_by_text(screen(set()).title + ":")
        assert not [v for v in verdicts.all() if v.is_visible()]  # no unasked all-clear
        run_all_cells(page)
        box.wait_for(timeout=60_000)
        page.wait_for_function(
            "name => [...document.querySelectorAll('input[type=checkbox]')].some("
            "b => !b.disabled && b.closest('.widget-checkbox').textContent.includes(name))",
            arg=urgent.question,
            timeout=120_000,
        )
        box = page.get_by_role("checkbox", name=urgent.question)
        box.check()
        page.get_by_text(screen({urgent.id}).action).first.wait_for(timeout=15_000)


def test_presenter_mode_wakes_the_check_at_once_and_it_answers(page, tmp_path):
    urgent = red_flags("emergency")[0]
    with presenting(page, "00", tmp_path / "voila.log"):
        box = page.get_by_role("checkbox", name=urgent.question)
        box.check(timeout=60_000)  # waits until the page's kernel has enabled it
        page.get_by_text(screen({urgent.id}).action).first.wait_for(timeout=15_000)
        assert not page.get_by_text(NOT_RUNNING).first.is_visible()


ICONS = """() => {
    const marked = [...document.querySelectorAll('.jupyter-widgets-disconnected')]
        .filter(e => getComputedStyle(e, '::before').content !== 'none');
    const outputs = new Set(marked.map(e => e.closest('.jp-OutputArea-output')));
    return {icons: marked.length, outputs: outputs.size};
}"""


def test_a_waiting_control_shows_one_broken_link_icon_not_one_per_inner_box(page, tmp_path):
    with in_lab(page, tmp_path, "04_resting_positions_and_core.ipynb"):
        page.get_by_text(NOT_RUNNING).first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)  # every saved control drawn
        seen = page.evaluate(ICONS)
        assert seen["outputs"] >= 3 and seen["icons"] == seen["outputs"], seen
