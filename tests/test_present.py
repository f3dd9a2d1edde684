"""Presenter mode without a browser: the command line, and where lesson 8 saves its files.

The server itself (links, Host check, kernels) is tested in tests/browser/test_voila.py.
"""

import asyncio
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from tornado import web

from lowback import present
from lowback.routine import example
from lowback.widgets import builder
from lowback.widgets.builder import routine_builder

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("key", ["4x", "99", "", " ", "-1", "4.0", "١", "1\n2"])
def test_a_lesson_that_is_not_in_the_course_is_a_one_line_error(key):
    run = subprocess.run(
        [sys.executable, "-m", "lowback.teach", "present", key, "--port", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and run.stderr.startswith("error:"), run.stderr


def test_presenter_mode_tells_its_kernels_the_name_the_builder_reads():
    assert present.PRESENTER_ENV == builder.PRESENTER_ENV


@pytest.fixture
def presenting(tmp_path, monkeypatch):
    """A kernel as presenter mode starts it: the course folder as working folder, a data dir."""
    course = tmp_path / "course" / "notebooks"
    course.mkdir(parents=True)
    monkeypatch.chdir(course)
    monkeypatch.setenv(builder.PRESENTER_ENV, "1")
    monkeypatch.setenv("LOWBACK_DATA_DIR", str(tmp_path / "data"))
    return course, tmp_path / "data"


@pytest.mark.parametrize("suffix", [".json", ".html", ".pdf"])
def test_in_presenter_mode_the_builder_saves_in_the_data_folder_not_the_course(presenting, suffix):
    course, data = presenting
    panel = routine_builder(example())
    path = panel.write(suffix)
    assert path == data / f"my_routine{suffix}" and path.is_file(), panel.message.value
    assert list(course.iterdir()) == [], "presenter mode wrote into the course folder"
    assert str(data) in panel.message.value and "Download" in panel.message.value
    assert (data.stat().st_mode & 0o777) == 0o700


def test_outside_presenter_mode_the_builder_saves_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(builder.PRESENTER_ENV, raising=False)
    panel = builder.RoutineBuilder(example())
    assert (
        panel.write(".json") == Path("my_routine.json") and (tmp_path / "my_routine.json").is_file()
    )


def test_the_builder_never_replaces_a_file_without_a_second_press(presenting):
    _, data = presenting
    data.mkdir(mode=0o700)
    (data / "my_routine.pdf").write_bytes(b"the learner's own file")
    panel = builder.RoutineBuilder(example())
    assert panel.write(".pdf") is None
    assert (data / "my_routine.pdf").read_bytes() == b"the learner's own file"
    message = panel.message.value
    assert "Not saved" in message and "already" in message and "again" in message
    assert "\n" not in message
    assert panel.write(".json") == data / "my_routine.json", "another file is not held up"
    panel.file.value = "other"
    assert panel.write(".pdf") == data / "other.pdf", "a new name saves at once"
    panel.file.value = "my_routine"
    assert panel.write(".pdf") is None, "the warning is about the file now named"
    assert panel.write(".pdf") == data / "my_routine.pdf", "the second press replaces it"
    assert (data / "my_routine.pdf").read_bytes().startswith(b"%PDF")
    assert panel.write(".pdf") is None, "after replacing, the next save asks again"


def test_a_data_folder_that_cannot_be_made_is_a_one_line_message(presenting, monkeypatch):
    _, data = presenting
    data.write_text("a file, not a folder")
    panel = builder.RoutineBuilder(example())
    assert panel.write(".json") is None
    assert panel.message.value.startswith("<b>Could not save:</b>")
    assert "\n" not in panel.message.value


def run(coroutine):
    """Run a coroutine to its end, in a thread of its own (a browser test may hold a loop)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


class Kernels(present.PresenterKernelManager):
    """The cap's bookkeeping with pretend kernels: id -> (last activity, connections)."""

    def __init__(self, kernels: dict[str, tuple[int, int]], **kwargs):
        super().__init__(**kwargs)
        self.pretend = dict(kernels)
        self._kernel_connections = {k: c for k, (_, c) in kernels.items()}
        self.stopped = []

    def list_kernel_ids(self):
        return list(self.pretend)

    def __contains__(self, kernel_id):
        return kernel_id in self.pretend

    def get_kernel(self, kernel_id):
        return SimpleNamespace(last_activity=self.pretend[kernel_id][0])

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self.stopped.append(kernel_id)
        del self.pretend[kernel_id]


def test_at_the_cap_the_oldest_kernel_no_page_uses_makes_room():
    kernels = Kernels({"open": (1, 1), "new": (9, 0), "old": (5, 0)}, max_kernels=3)
    run(kernels._make_room())
    assert kernels.stopped == ["old"]
    run(kernels._make_room())
    assert kernels.stopped == ["old"], "below the cap, nothing is stopped"


def test_at_the_cap_with_every_kernel_in_use_a_new_page_is_refused():
    kernels = Kernels({"a": (1, 1), "b": (2, 2)}, max_kernels=2)
    with pytest.raises(web.HTTPError) as refused:
        run(kernels._make_room())
    assert refused.value.status_code == 503 and "close a tab" in refused.value.log_message
    assert kernels.stopped == []


def test_presenter_kernels_are_capped_and_idle_ones_culled_by_default():
    kernels = present.PresenterKernelManager()
    assert kernels.max_kernels == present.MAX_KERNELS <= 4
    assert 0 < kernels.cull_idle_timeout <= 600 and 0 < kernels.cull_interval <= 60
    assert not kernels.cull_connected, "a page that is open keeps its kernel"


@pytest.mark.parametrize("lesson", ["", "4x"])
def test_make_present_passes_any_lesson_on_as_one_argument(make_dry_run, lesson):
    command = make_dry_run("present", f"LESSON={lesson}")[-1]
    run = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        f"error: a lesson is a number such as 4 or 04, not {lesson!r}"
    ]


def test_a_kernel_whose_page_is_still_being_drawn_is_never_shut_down_to_make_room():
    """Four pages asked for at once: shutting down a starting kernel broke its page."""
    import time

    kernels = Kernels({"drawing": (1, 0), "old": (5, 0)}, max_kernels=2)
    kernels._born = {"drawing": time.monotonic()}
    run(kernels._make_room())
    assert kernels.stopped == ["old"]
    kernels.pretend["next"] = (9, 0)
    kernels._born["next"] = time.monotonic()
    with pytest.raises(web.HTTPError) as refused:
        run(kernels._make_room())
    assert refused.value.status_code == 503 and kernels.stopped == ["old"]


# --- Lessons run ahead (Voila's pre-heated kernels): the waiting kernel, the cap, the grace ---


class Done:
    """A pool entry as Voila keeps it (a finished task) once a lesson runs in ``kernel_id``."""

    def __init__(self, kernel_id: str) -> None:
        self.kernel_id = kernel_id

    def done(self) -> bool:
        return True

    def cancelled(self) -> bool:
        return False

    def exception(self) -> None:
        return None

    def result(self) -> dict:
        return {"kernel_id": self.kernel_id}

    def add_done_callback(self, callback) -> None:
        callback(self)


class Ahead(Kernels):
    """Pretend kernels with Voila's pools: heating a lesson starts a pretend kernel for it."""

    def __init__(self, kernels, pools=(), **kwargs):
        super().__init__(kernels, **kwargs)
        self._pools = {lesson: [Done(k)] for lesson, k in pools}
        self._waiting = {k for _, k in pools}
        self.kernel_pools_config = {}

    def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
        size = self.kernel_pools_config[notebook_name]["pool_size"]
        for _ in range(size - len(self._pools.get(notebook_name, []))):
            self.pretend[f"ahead {notebook_name}"] = (0, 0)
            self._pools.setdefault(notebook_name, []).append(Done(f"ahead {notebook_name}"))


def test_the_next_lesson_runs_ahead_in_one_kernel_and_never_past_the_cap():
    kernels = Ahead({"page": (1, 1)}, max_kernels=3)
    kernels.heat("05_pelvic_tilts.ipynb")
    kernels.heat("05_pelvic_tilts.ipynb")
    kernels.heat(None)  # the last lesson has no next one
    assert sorted(kernels.pretend) == ["ahead 05_pelvic_tilts.ipynb", "page"]
    assert kernels.kernel_pools_config["05_pelvic_tilts.ipynb"] == {"pool_size": 0}, (
        "a lesson taken from the pool is not run ahead again by itself"
    )
    kernels.pretend["other page"] = (2, 1)
    kernels.heat("06_stretches.ipynb")
    assert "ahead 06_stretches.ipynb" not in kernels.pretend, "running ahead passed the cap"


def test_a_kernel_waiting_with_a_lesson_is_the_first_to_make_room_even_when_new():
    import time

    kernels = Ahead({"closed tab": (1, 0), "waiting": (9, 0)}, [("05.ipynb", "waiting")])
    kernels.max_kernels = 2
    kernels._born = {"waiting": time.monotonic()}
    run(kernels._make_room())
    assert kernels.stopped == ["waiting"], "a guess kept a kernel a page could use"


def test_a_page_taking_a_waiting_kernel_gets_the_grace_from_then():
    import time

    async def take():
        kernels = Ahead({"waiting": (1, 0)}, [("05.ipynb", "waiting")], max_kernels=2)
        kernels._born = {"waiting": time.monotonic() - 3600}
        kernels._heated = {"05.ipynb": time.time()}
        kernels.take("05.ipynb", changed=time.time() - 60)
        await asyncio.sleep(0.01)
        kernels._pools["05.ipynb"].pop(0)  # what Voila then does
        await asyncio.sleep(0.01)
        return kernels

    kernels = run(take())
    assert kernels._waiting == set() and kernels.unused() == [], "the page's kernel can go"
    kernels.pretend["new"] = (2, 0)
    kernels._born["new"] = time.monotonic()  # another page, just asked for
    with pytest.raises(web.HTTPError):
        run(kernels._make_room())
    assert kernels.stopped == []


def test_a_lesson_edited_since_it_was_run_ahead_is_run_again_from_the_file():
    import time

    async def take():
        kernels = Ahead({"waiting": (1, 0)}, [("05.ipynb", "waiting")], max_kernels=2)
        kernels._heated = {"05.ipynb": time.time() - 60}
        kernels.take("05.ipynb", changed=time.time())
        await asyncio.sleep(0.01)
        return kernels

    kernels = run(take())
    assert kernels._pools["05.ipynb"] == [], "the page would show the lesson before the edit"
    assert kernels.stopped == ["waiting"]
