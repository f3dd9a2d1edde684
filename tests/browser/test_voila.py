"""Presenter mode in a real browser: controls answer, no code shows, nothing needs the internet."""

import http.client
import re
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import psutil
import pytest
from browsing import ROOT, free_port, presenting, remote, serving

from lowback import teach


class Case(NamedTuple):
    """What a presented lesson must show besides its reps slider."""

    redraws_picture: bool  # moving the slider redraws a picture
    has_play: bool  # an animation with a Play widget, whose buttons are icons


CASES = {"00": Case(False, False), "04": Case(True, True)}
PRESENT = [k for k in CASES if any((ROOT / "notebooks").glob(f"{k}_*.ipynb"))]
# The Play button's icon: the font its ::before glyph asks for, and whether that font loaded.
ICON = """async i => {
    await document.fonts.ready;
    const glyph = getComputedStyle(i, '::before');
    const family = glyph.fontFamily.replace(/"/g, '');
    const loaded = [...document.fonts].some(f => f.status === 'loaded'
        && f.family.replace(/"/g, '') === family && String(f.weight) === glyph.fontWeight);
    return {family, loaded, glyph: glyph.content, width: i.getBoundingClientRect().width};
}"""


@pytest.fixture(params=PRESENT)
def presented(request, page, tmp_path):
    """A lesson served by `make present`'s command, opened in the browser."""
    with presenting(page, request.param, tmp_path / "voila.log"):
        yield request.param, page


def code_lines(lesson: str) -> list[str]:
    """The first line of every code cell of a lesson."""
    nb = nbformat.read(teach.find_lesson(lesson, ROOT / "notebooks"), as_version=4)
    return [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "code" and c.source]


def note_openings(lesson: str) -> list[str]:
    """The first words of every instructor note of a lesson, as a page shows them."""
    nb = nbformat.read(teach.find_lesson(lesson, ROOT / "notebooks"), as_version=4)
    notes = [c.source for c in nb.cells if teach.is_instructor(c)]
    return [" ".join(re.sub(r"[*_`#>]", "", note).split()[:8]) for note in notes]


def state(page) -> tuple[list[str], list[str]]:
    """What the learner sees change: the text of every HTML widget and every picture's source."""
    texts = page.locator(".widget-html-content").all_inner_texts()
    pictures = [img.get_attribute("src") for img in page.locator("img.widget-image").all()]
    return texts, pictures


def move(slider, page) -> None:
    """Nudge a slider one step with the keyboard, the other way if it sits at its maximum."""
    readout = slider.locator(".widget-readout")
    before = readout.inner_text()
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    if readout.inner_text() == before:
        page.keyboard.press("ArrowLeft")
    assert readout.inner_text() != before, "the slider did not move"


def wait_for_change(page, before, seconds: float = 15):
    deadline = time.monotonic() + seconds
    while (after := state(page)) == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return after


def test_moving_the_reps_slider_updates_the_summary_and_picture_with_no_internet(presented):
    lesson, page = presented
    slider = page.locator(".widget-slider", has=page.locator("label", has_text="Reps")).first
    slider.wait_for()
    shown = " ".join(page.inner_text("body").split())
    assert not [line for line in code_lines(lesson) if line in shown], "presenter mode shows code"
    assert not [note for note in note_openings(lesson) if note in shown], (
        "notes are for instructors"
    )
    page.wait_for_timeout(500)  # let the kernel-side widgets settle
    before = state(page)
    move(slider, page)
    texts, pictures = wait_for_change(page, before)
    assert texts != before[0], "the summary did not change after moving the slider"
    if CASES[lesson].redraws_picture:
        assert pictures and pictures != before[1], "the picture did not change"
    if CASES[lesson].has_play:
        icon = play_icon(page)
        assert "Font Awesome" in icon["family"] and icon["glyph"] not in ("none", "normal"), icon
        assert icon["loaded"] and icon["width"] > 0, f"the Play icon's font did not load: {icon}"
    assert not remote(page.requested), (
        f"presenter mode needs the internet: {remote(page.requested)}"
    )
    assert not page.problems, page.problems


def play_icon(page) -> dict:
    """How the first Play button's icon is drawn, once the page's fonts have loaded."""
    icon = page.locator(".widget-play button .fa-play").first
    icon.wait_for()
    return icon.evaluate(ICON)


# --- The presenter server: lessons, links, kernels, Host check, saved files, nothing cut ---

READY = "/voila/static/voila.js"  # answers once the server is up, and starts no kernel
LESSON_LINK = re.compile(r"""\]\(([^)\s]+\.ipynb)[^)]*\)|href=["']([^"']+\.ipynb)""")
# Every button and control label on the page whose text does not fit in its box.
CUT = """() => [...document.querySelectorAll(
    '.jupyter-button, .widget-label, .widget-label-basic, .widget-readout, .widget-checkbox label')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth)
  .map(e => `${e.className}: "${e.innerText}" needs ${e.scrollWidth}px, has ${e.clientWidth}px`)"""


@contextmanager
def presenter(folder: Path, lesson: str, *options: str) -> Iterator[str]:
    """`make present`'s command on a free port, with a private data folder; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "lowback.teach", "present", lesson, "--port", str(port)]
    command += ["--no-browser", *options]
    base = f"http://127.0.0.1:{port}"
    env = {"LOWBACK_DATA_DIR": str(folder / "data")}
    with serving(command, base + READY, ROOT, folder / "voila.log", env):
        yield base


def kernels(base: str) -> int:
    """How many kernels the server at ``base`` runs (its ipykernel child processes)."""
    port = f"--port={urlsplit(base).port}"
    for proc in psutil.process_iter(["cmdline"]):
        line = " ".join(proc.info["cmdline"] or []).replace("--port ", "--port=")
        if "lowback.teach present" in line and port in line:
            return sum(is_kernel(child) for child in proc.children(recursive=True))
    raise AssertionError(f"no presenter server at {base}")


def is_kernel(proc: psutil.Process) -> bool:
    try:
        return "ipykernel" in " ".join(proc.cmdline())
    except psutil.Error:  # it ended meanwhile
        return False


def settle(base: str, most: int, seconds: float = 20) -> int:
    """The number of kernels, once it is at most ``most`` or ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    while (count := kernels(base)) > most and time.monotonic() < deadline:
        time.sleep(0.25)
    return count


def steady(base: str, seconds: float = 30) -> set[str]:
    """The server's kernels, once they have not changed for two seconds."""
    deadline, last, since = time.monotonic() + seconds, None, time.monotonic()
    while time.monotonic() < deadline:
        now = kernel_ids(base)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= 2:
            break
        time.sleep(0.25)
    return last


def ask(base: str, path: str, method: str = "GET", **headers) -> http.client.HTTPResponse:
    """One raw HTTP request to the server, with exactly these extra headers (Host included)."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    conn.putrequest(method, path, skip_host="Host" in headers)
    for name, value in headers.items():
        conn.putheader(name.replace("_", "-"), value)
    conn.endheaders()
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def ready(page) -> None:
    """Wait until a presented lesson has drawn its controls."""
    page.locator(".jupyter-button").first.wait_for()
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module", params=["cell by cell", "run ahead"])
def server(request, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """One presenter server for the course, opening at lesson 4, each way presenter mode
    can draw a lesson (cell by cell, the default, or run ahead); its data folder."""
    folder = tmp_path_factory.mktemp("presenter")
    ahead = request.param == "run ahead"
    with presenter(folder, "4", f"--PresenterVoila.preheat={ahead}") as base:
        steady(base)  # lesson 4 has started running ahead
        yield base, folder / "data"


def test_every_link_between_lessons_opens_a_lesson_in_presenter_mode(server):
    base, _ = server
    running = kernels(base)
    start = ask(base, "/")
    assert start.status == 302, "/ opens the lesson asked for"
    queue, seen = [urljoin(base, start.getheader("Location"))], {}
    while queue:
        url = queue.pop()
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        if name in seen:
            continue
        answer = ask(base, urlsplit(url).path, "HEAD")
        assert answer.status == 200, f"{url} answers {answer.status}"
        source = (ROOT / "notebooks" / name).read_text(encoding="utf-8")
        seen[name] = [urljoin(url, a or b) for a, b in LESSON_LINK.findall(source)]
        queue += seen[name]
    assert sorted(seen) == [p.name for p in teach.lesson_paths(ROOT / "notebooks")]
    assert all(seen.values()), "every lesson links to another"
    assert ask(base, "/voila/render/nowhere.ipynb", "HEAD").status == 404
    assert kernels(base) == running, "asking whether a lesson is there starts no kernel"


def page_kernel(page) -> str:
    """The id of the kernel a presented lesson's page runs on."""
    return page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data')"
                         ".textContent).kernelId")  # fmt: skip


def server_pid(base: str) -> int:
    """The process id of the presenter server at ``base``."""
    port = f"--port={urlsplit(base).port}"
    for proc in psutil.process_iter(["cmdline"]):
        line = " ".join(proc.info["cmdline"] or []).replace("--port ", "--port=")
        if "lowback.teach present" in line and port in line:
            return proc.pid
    raise AssertionError(f"no presenter server at {base}")


def kernel_ids(base: str) -> set[str]:
    """The ids of the kernels the server at ``base`` runs (from their connection files)."""
    lines = []
    for child in psutil.Process(server_pid(base)).children(recursive=True):
        try:
            lines.append(" ".join(child.cmdline()))
        except psutil.Error:  # it ended meanwhile
            continue
    kernels = " ".join(line for line in lines if "ipykernel" in line)
    return set(re.findall(r"kernel-([0-9a-f-]{36})\.json", kernels))


def test_clicking_next_in_presenter_mode_opens_the_next_lesson(server, page):
    base, _ = server
    page.goto(base)
    ready(page)
    ahead = steady(base) - {page_kernel(page)}  # lesson 5, if run ahead
    page.locator("a", has_text="Lesson 5").last.click()
    page.wait_for_url("**/voila/render/05_*.ipynb")
    assert "Lesson 5" in page.locator("h1").first.inner_text()
    ready(page)
    if "preheat=True" in " ".join(psutil.Process(server_pid(base)).cmdline()):
        assert page_kernel(page) in ahead, "lesson 5 was not run ahead while lesson 4 was open"
    # the page left sends its kernel's shutdown as a beacon, which the browser calls aborted
    problems = [p for p in page.problems if "/voila/api/shutdown/" not in p]
    assert not problems, problems
    page.close(run_before_unload=True)  # as closing a tab does: its kernel stops


def test_reloading_or_closing_a_page_shuts_its_kernel_down(server, page):
    base, _ = server
    page.goto(base)
    ready(page)
    others = steady(base) - {page_kernel(page)}  # lessons run ahead, earlier tests' tabs
    for _ in range(5):
        page.reload()
        ready(page)
    assert steady(base) == others | {page_kernel(page)}, "reloading leaves kernels running"
    page.close(run_before_unload=True)
    assert steady(base) == others, "closing the tab leaves its kernel running"


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil"]
)
def test_presenter_mode_refuses_a_host_that_is_not_this_computer(server, host):
    base, _ = server
    port, running = urlsplit(base).port, kernels(base)
    for path in ("/", READY, "/voila/render/04_resting_positions_and_core.ipynb"):
        assert ask(base, path, Host=host).status == 403, f"{host} {path}"
    for local in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert ask(base, READY, Host=local).status == 200, local
        assert ask(base, "/", Host=local).status == 302, local
    assert kernels(base) <= running, "a refused request started a kernel"


def test_presenter_mode_saves_lesson_8_files_in_the_data_folder_never_in_the_course(server, page):
    base, data = server
    before = sorted((ROOT / "notebooks").iterdir())
    page.goto(f"{base}/voila/render/08_your_routine.ipynb")
    ready(page)
    save = page.locator(".jupyter-button", has_text="Save routine (.json)")
    save.click()
    page.get_by_text(re.compile(r"^Saved .*my_routine\.json\.")).wait_for()
    assert (data / "my_routine.json").is_file(), page.locator(
        ".widget-html-content"
    ).all_inner_texts()
    assert sorted((ROOT / "notebooks").iterdir()) == before, "a file was saved into the course"
    save.click()
    page.get_by_text(re.compile(r"Not saved: my_routine\.json is already in ")).wait_for()
    assert page.locator("a", has_text="Download my_routine.json").count() == 0
    page.close(run_before_unload=True)


@pytest.mark.parametrize("lesson", ["04_resting_positions_and_core", "08_your_routine"])
def test_no_button_or_label_is_cut_in_presenter_mode(server, page, lesson):
    base, _ = server
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/voila/render/{lesson}.ipynb")
    ready(page)
    page.wait_for_timeout(500)
    assert page.locator(".jupyter-button").count() > 0
    cut = page.evaluate(CUT)
    page.close(run_before_unload=True)
    assert cut == []


def test_kernels_are_capped_idle_ones_culled_and_other_sites_start_none(tmp_path):
    options = ["--PresenterVoila.preheat=True", "--PresenterKernelManager.max_kernels=2"]
    options += ["--PresenterKernelManager.cull_idle_timeout=3"]
    options += ["--PresenterKernelManager.cull_interval=1"]
    with presenter(tmp_path, "0", *options) as base:
        lesson = "/voila/render/00_start_here.ipynb"
        ahead = steady(base)  # lesson 0, run ahead of its first page
        assert len(ahead) == 1
        assert ask(base, lesson, Sec_Fetch_Site="cross-site").status == 403
        assert kernel_ids(base) == ahead, "a page from another site started a kernel"
        most, done = 0, threading.Event()

        def count():
            nonlocal most
            while not done.is_set():
                most = max(most, kernels(base))
                time.sleep(0.1)

        counter = threading.Thread(target=count)
        counter.start()
        try:
            with ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(lambda _: ask(base, lesson).status, range(4)))
        finally:
            done.set()
            counter.join()
        assert answers.count(200) >= 2 and set(answers) <= {200, 503}, answers
        assert most <= 2, f"{most} kernels ran at once, the cap is 2"
        left = settle(base, 1, 30)  # lesson 1, run ahead for the page after lesson 0
        assert left <= 1 and not kernel_ids(base) & ahead, "kernels no page uses were not culled"
