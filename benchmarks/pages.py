"""Time the first minute of a lesson against a floor, side by side in one run.

1. **Presenter mode** (``make present``) in headless Chromium: from navigation to the first
   live control. *Live*: the page's first control (a slider, else a tick box) is on screen,
   it is changed with the keyboard the moment it shows (one step), and the kernel's answer
   has changed a picture or a text on the page (a round trip through the kernel). Lessons 4
   and 8, each opened the way ``make present LESSON=NN`` opens it (a new server, left to
   settle, then the page at ``/``), against the floor: a one-slider notebook (ipywidgets
   only, the slider redrawing a small picture) served by the same command. Also timed: the
   page opened the moment the server answers, as ``make present``'s own browser does.
   Every load has a new browser profile (nothing cached); lessons and floor take turns.
2. **JupyterLab Run All**: each lesson executed in a fresh kernel (nbclient runs the cells
   one after another, as Run All does), from asking for the kernel to the last cell's
   answer, against the floor: a fresh kernel running one cell of the imports the lessons
   build on (ipywidgets, matplotlib, IPython.display, lowback).

Prints each median of ``--rounds`` (3) with the floor beside it and the ratio (goal: at most
1.3), and the load averages before and after. ``make bench`` runs it after
benchmarks/controls.py; ``--only present`` or ``--only lab`` runs one part; ``--mode``
chooses how presenter mode draws a lesson (``cell by cell``, its default; ``run ahead``;
``plain``).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = "/usr/bin/chromium"
ROUNDS = 3
GOAL = 1.3
PRESENT = ("04", "08")
MODES = {
    "cell by cell": [],
    "run ahead": ["--PresenterVoila.preheat=True"],
    "plain": ["--VoilaConfiguration.progressive_rendering=False"],
}
"""How presenter mode may draw a lesson, and the options that choose it."""
FLOOR_CELL = """\
import ipywidgets as w

size = w.IntSlider(value=20, min=5, max=45, description="Size")
picture = w.HTML()


def draw(change=None):
    circle = f'<circle cx="50" cy="50" r="{size.value}"/>'
    picture.value = f'<svg width="100" height="100">{circle}</svg>'


draw()
size.observe(draw, names="value")
w.VBox([size, picture])"""
LAB_FLOOR_CELL = (
    "import ipywidgets\nimport matplotlib.figure\nimport IPython.display\nimport lowback"
)
CONTROL = ".widget-slider .noUi-handle, .widget-checkbox input[type=checkbox]"
"""The controls a page's first live control may be: a slider's handle, a tick box."""
# What the learner sees change: every picture's source and every HTML widget's content.
SNAPSHOT = """() => [...document.querySelectorAll('img')].map(i => i.src).join('|') + '#'
    + [...document.querySelectorAll('.widget-html-content')].map(e => e.innerHTML).join('|')"""


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes), as uptime prints them."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def presenter(
    folder: Path, lesson: str, log: Path, *options: str, settle: bool = True
) -> Iterator[str]:
    """`make present`'s command serving ``folder``/notebooks at ``lesson``; yields its URL
    once it answers and (``settle``) it and its kernels have settled (under 5% of a core
    for a second)."""
    import psutil

    port = free_port()
    command = [sys.executable, "-m", "lowback.teach", "present", lesson, "--port", str(port)]
    env = {**os.environ, "LOWBACK_CLASSROOM": "1", "LOWBACK_DATA_DIR": str(log.parent / "data")}
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [*command, "--no-browser", *options], cwd=folder, env=env, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/voila/static/voila.js", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_text()[-2000:]
                    raise SystemExit(f"presenter mode did not start:\n{tail}") from None
                time.sleep(0.25)
        server = psutil.Process(proc.pid)
        time.sleep(3 if settle else 0)  # the lesson starts running ahead
        while settle and time.monotonic() < deadline:
            tree = [server, *server.children(recursive=True)]
            for p in tree:
                p.cpu_percent()
            time.sleep(1)
            if sum(p.cpu_percent() for p in tree if p.is_running()) < 5:
                break
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def first_live_control(browser, url: str) -> dict[str, float]:
    """Seconds from navigation to the first control showing, and to the kernel's answer."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        control = page.locator(CONTROL).first
        control.wait_for(state="visible")
        shown = time.perf_counter() - start
        page.evaluate(f"window.__before = ({SNAPSHOT})()")
        control.focus()
        slider = control.evaluate("e => e.classList.contains('noUi-handle')")
        page.keyboard.press("ArrowRight" if slider else "Space")
        page.wait_for_function(f"() => ({SNAPSHOT})() !== window.__before", polling="raf")
        live = time.perf_counter() - start
        return {"shown": shown, "live": live}
    finally:
        page.close(run_before_unload=True)
        context.close()


def floor_folder(tmp: Path) -> Path:
    """A course folder holding one lesson: the one-slider notebook."""
    (tmp / "notebooks").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# One slider"),
        nbformat.v4.new_code_cell(FLOOR_CELL),
    ]
    nbformat.write(nb, tmp / "notebooks" / "00_one_slider.ipynb")
    return tmp


def bench_present(rounds: int, options: list[str]) -> dict[str, list[dict]]:
    """Each page, ``rounds`` times, in turns: each time a new server, settled, then one load."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        pages = {"floor": (floor_folder(tmp / "floor"), "00")}
        pages |= {f"lesson {n}": (ROOT, n) for n in PRESENT}
        for _ in range(rounds):
            for key, (folder, lesson) in pages.items():
                with presenter(folder, lesson, tmp / "voila.log", *options) as base:
                    timing = first_live_control(browser, base + "/")
                with presenter(folder, lesson, tmp / "voila.log", *options, settle=False) as base:
                    timing["at once"] = first_live_control(browser, base + "/")["live"]
                results.setdefault(key, []).append(timing)
        browser.close()
    return results


def report_present(results) -> list[float]:
    runs = next(iter(results.values()))
    med = {k: {m: statistics.median(r[m] for r in v) for m in runs[0]} for k, v in results.items()}
    floor, first = med["floor"]["live"], med["floor"]["at once"]
    print(f"Presenter mode (make present), Chromium, median of {len(runs)}: navigation to the "
          "first control answered by the kernel, on a settled server")  # fmt: skip
    print(f"{'page':10} {'live s':>7} {'floor s':>8} {'ratio':>6}   (control shown; page opened "
          "as the server starts: live s, floor s, ratio)")  # fmt: skip
    ratios = []
    for key, m in med.items():
        ratio = m["live"] / floor
        if key != "floor":
            ratios.append(ratio)
        print(f"{key:10} {m['live']:7.2f} {floor:8.2f} {ratio:6.2f}   ({m['shown']:.2f}; "
              f"{m['at once']:.2f}, {first:.2f}, {m['at once'] / first:.2f})")  # fmt: skip
    return ratios


def run_all(cells: list, folder: Path) -> tuple[float, list[float]]:
    """Seconds from asking for a fresh kernel to the last cell's answer, and each cell's."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.from_dict(c) for c in cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    client = NotebookClient(nb, resources={"metadata": {"path": str(folder)}}, allow_errors=True)
    client.extra_arguments = ["--IPKernelApp.log_level=ERROR"]  # no TCP warning per kernel
    start = time.perf_counter()
    each = []
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                before = time.perf_counter()
                client.execute_cell(cell, i)
                each.append(time.perf_counter() - before)
        total = time.perf_counter() - start
    return total, each


def bench_lab(rounds: int) -> tuple[dict[str, list[float]], dict[str, list[str]]]:
    """Every lesson run as Run All does, ``rounds`` times in turns with the floor."""
    lessons = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    floor = [nbformat.v4.new_code_cell(LAB_FLOOR_CELL)]
    times: dict[str, list[float]] = {}
    slow: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as data:
        os.environ["LOWBACK_DATA_DIR"] = data  # a lesson that saves, saves here
        for _ in range(rounds):
            times.setdefault("floor", []).append(run_all(floor, NOTEBOOKS)[0])
            for path in lessons:
                cells = nbformat.read(path, as_version=4).cells
                total, each = run_all(cells, NOTEBOOKS)
                times.setdefault(path.name[:2], []).append(total)
                code = [c.source.splitlines()[-1][:48] for c in cells if c.cell_type == "code"]
                worst = sorted(zip(each, code, strict=True), reverse=True)[:2]
                slow[path.name[:2]] = [f"{t:.2f} s {line}" for t, line in worst]
    return times, slow


def report_lab(times, slow) -> list[float]:
    med = {k: statistics.median(v) for k, v in times.items()}
    floor = med.pop("floor")
    print(f"\nJupyterLab Run All in a fresh kernel, median of {len(times['floor'])} (floor: a "
          "fresh kernel importing IPython.display, ipywidgets, matplotlib, lowback)")  # fmt: skip
    print(f"{'lesson':8} {'run all s':>9} {'floor s':>8} {'ratio':>6}   slowest cells")
    for key, value in med.items():
        print(f"{key:8} {value:9.2f} {floor:8.2f} {value / floor:6.2f}   {'; '.join(slow[key])}")
    return [v / floor for v in med.values()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("present", "lab"))
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="cell by cell",
        help="how presenter mode draws a lesson: its default (cell by cell), lessons run ahead "
        "(--PresenterVoila.preheat=True), or plain (neither: the page comes once every cell ran)",
    )
    args = parser.parse_args()
    print(load())
    ratios = []
    if args.only in (None, "present"):
        options = MODES[args.mode]
        print(f"presenter mode: {args.mode} {' '.join(options)}")
        ratios += report_present(bench_present(args.rounds, options))
    if args.only in (None, "lab"):
        ratios += report_lab(*bench_lab(args.rounds))
    print(load())
    return 0 if all(r <= GOAL for r in ratios) else 1


if __name__ == "__main__":
    raise SystemExit(main())
