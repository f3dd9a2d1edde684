"""Presenter mode: the course in Voila on this computer, code hidden, every control live.

``python -m lowback.teach present 04`` (``make present LESSON=04``) opens lesson 4; the links
between lessons ("Next: Lesson 5") open the other lessons in the same server.

What it exposes, and to whom:

- It listens on 127.0.0.1 only, and answers only requests whose ``Host`` is this computer
  (``localhost``, ``127.0.0.1`` or ``[::1]``, any port): a web page that renames its own
  address to 127.0.0.1 (DNS rebinding) gets 403. This is jupyter_server's own check
  (``allow_remote_access=False``, ``local_hostnames``), applied here to every address the
  server has, static files included.
- It serves the course's lessons (``notebooks/NN_*.ipynb``) at ``/voila/render/NAME``,
  without their code or instructor notes, and the files Voila's page needs. No folder
  listing, no file contents, no other notebook.
- A lesson's page comes at once and fills in cell by cell (Voila's progressive rendering),
  so its first control is live while the cells after it still run. With
  ``--PresenterVoila.preheat=True`` instead (Voila allows only one of the two), the lesson it
  opens at, and the lesson after each one opened, are run ahead in a waiting kernel
  (pre-heated kernels), so "Next" arrives already run. A waiting kernel counts toward the
  cap below and is the first shut down to make room; a lesson whose file changed since it
  was run ahead is run again. benchmarks/README.md compares the two.
- Each open page (tab) runs one kernel. Closing or reloading the page shuts it down. A
  kernel no page is connected to is shut down after :data:`CULL_IDLE` seconds without
  activity, and at most :data:`MAX_KERNELS` run at once: a page asked for beyond that
  first shuts down the oldest kernel no page uses, else it is refused with a message. A
  page asked for by another web site (``Sec-Fetch-Site: cross-site``) starts no kernel.
- Files saved from a lesson (lesson 8's routine and handouts) go to the learner's data
  folder, where the recovery log lives (``$LOWBACK_DATA_DIR``, else
  ``~/.local/share/lowback`` on Linux), never into the course folder; each also comes as a
  download link.
"""

import asyncio
import os
import time
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_escape, url_path_join
from tornado import web
from tornado.routing import Matcher, Rule
from traitlets import Bool, Integer, Unicode
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from lowback import teach

PRESENTER_ENV = "LOWBACK_PRESENTER"
"""Set to "1" for presenter mode's kernels: the routine builder then saves in the data folder."""
MAX_KERNELS = 4
"""Kernels running at once (one per open page, about 120 to 160 MB each)."""
CULL_IDLE = 300
"""Seconds without activity after which a kernel no page is connected to is shut down."""
CULL_INTERVAL = 30
"""How often, in seconds, kernels are checked for that."""
GRACE = 30
"""Seconds a new kernel is kept for its page before it may make room for another."""
LOCAL_HOSTNAMES = ["localhost"]
"""Names besides loopback addresses (127.0.0.1, ::1) that a request's Host may carry."""


class PresenterKernelManager(AsyncMappingKernelManager):
    """Kernels for presenter mode: idle ones without a page are culled, and they are capped."""

    max_kernels = Integer(MAX_KERNELS, config=True, help="Kernels running at once.")
    cull_idle_timeout = Integer(CULL_IDLE, config=True, help="Seconds idle before culling.")
    cull_interval = Integer(CULL_INTERVAL, config=True, help="Seconds between culling checks.")
    grace = Integer(
        GRACE, config=True, help="Seconds a new kernel is kept for its page to connect."
    )

    _starting: asyncio.Lock | None = None

    async def start_kernel(self, *args, **kwargs):
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:  # one at a time, so two pages cannot both pass the cap
            await self._make_room()
            kernel_id = await super().start_kernel(*args, **kwargs)
            self._born = {**getattr(self, "_born", {}), kernel_id: time.monotonic()}
            if kwargs.get("env", {}).get("VOILA_PREHEAT") == "True":  # a lesson run ahead
                self._waiting = {*getattr(self, "_waiting", ()), kernel_id}
            return kernel_id

    def unused(self) -> list[str]:
        """Kernels no page is connected to: waiting ones first, then least recently active.

        A kernel younger than ``grace`` seconds is never among them unless it is waiting (a
        lesson run ahead, which no page has taken): its page is still being drawn and has
        not connected yet (shutting it down would break that page).
        """
        now, born = time.monotonic(), getattr(self, "_born", {})
        waiting = getattr(self, "_waiting", set())
        spare = [
            k
            for k in self.list_kernel_ids()
            if k in waiting
            or (not self._kernel_connections.get(k, 0) and now - born.get(k, 0) >= self.grace)
        ]
        return sorted(spare, key=lambda k: (k not in waiting, self.get_kernel(k).last_activity))

    # --- Lessons run ahead: these work on Voila's pre-heated kernel pools (``_pools``) ---

    def heat(self, lesson: str | None) -> None:
        """Run ``lesson`` ahead in a waiting kernel, unless it is already or the cap is reached."""
        pools = getattr(self, "_pools", None)
        if not lesson or pools is None or pools.get(lesson):
            return
        if len(self.list_kernel_ids()) >= self.max_kernels:
            return  # a guess never shuts down another kernel
        self.kernel_pools_config[lesson] = {"pool_size": 1}
        self.fill_if_needed(delay=0, notebook_name=lesson)
        self.kernel_pools_config[lesson] = {"pool_size": 0}  # Voila refills none when taken
        self._heated = {**getattr(self, "_heated", {}), lesson: time.time()}

    def take(self, lesson: str, changed: float) -> None:
        """A page asks for ``lesson``, whose file last ``changed``: drop a waiting kernel that
        is gone or ran an older file; the kernel the page takes gets its grace from now."""
        pool = getattr(self, "_pools", {}).get(lesson, [])
        stale = changed >= getattr(self, "_heated", {}).get(lesson, float("inf"))
        for task in [t for t in pool if t.done()]:
            kernel = None if task.exception() else task.result()["kernel_id"]
            if stale or kernel not in self:
                pool.remove(task)
                if kernel in self:
                    asyncio.ensure_future(self.shutdown_kernel(kernel))
        if pool:
            pool[0].add_done_callback(self._taken)

    def _taken(self, task: asyncio.Future) -> None:
        if not task.cancelled() and task.exception() is None:
            kernel = task.result()["kernel_id"]
            getattr(self, "_waiting", set()).discard(kernel)
            self._born = {**getattr(self, "_born", {}), kernel: time.monotonic()}

    async def _make_room(self) -> None:
        for _ in range(self.max_kernels + 1):
            if len(self.list_kernel_ids()) < self.max_kernels:
                return
            spare = self.unused()
            if not spare:
                break
            self.log.info(
                "%d kernels running: shutting down %s, no page uses it", self.max_kernels, spare[0]
            )
            try:
                await self.shutdown_kernel(spare[0])
            except (KeyError, RuntimeError) as err:  # already on its way out
                self.log.debug("kernel %s: %s", spare[0], err)
        if len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(
                503,
                "%d lessons are open, the most presenter mode runs at once: close a tab, "
                "then reload this page.",
                self.max_kernels,
            )


class LessonHandler(TornadoVoilaHandler):
    """Voila's page for one of the course's lessons, and nothing else."""

    def initialize(self, **kwargs):
        self.lessons = kwargs.pop("lessons")  # each lesson's file name -> the next one's
        self.folder = kwargs.pop("folder")
        super().initialize(**kwargs)

    async def prepare(self):
        await super().prepare()  # jupyter_server's Host check happens here
        # Voila's page reads the _xsrf cookie to shut its kernel down on unload, but nothing
        # sets it (voila-dashboards/voila#1458): asking for the token sets the cookie.
        self.xsrf_token  # noqa: B018
        if self.request.headers.get("Sec-Fetch-Site") == "cross-site":
            raise web.HTTPError(403, "A page from another site asked for a lesson.")

    @web.authenticated
    async def get(self, path=None):
        self._check(path)
        manager = self.kernel_manager
        if hasattr(manager, "take"):
            manager.take(path, (self.folder / path).stat().st_mtime)
        await super().get(path)
        if hasattr(manager, "heat"):
            manager.heat(self.lessons[path])  # the next lesson, ready for "Next"

    @web.authenticated
    async def head(self, path=None):
        """Whether a lesson is there, without starting its kernel."""
        self._check(path)
        self.set_header("Content-Type", "text/html")

    def _check(self, path) -> None:
        if path not in self.lessons:
            raise web.HTTPError(404, "No lesson %s in presenter mode.", path)


class _NotLocal(Matcher):
    """Matches a request whose Host is not this computer, by jupyter_server's own rule."""

    def __init__(self, settings: dict, log) -> None:
        self.settings, self.log = settings, log

    def match(self, request):
        probe = SimpleNamespace(settings=self.settings, request=request, log=self.log)
        return None if JupyterHandler.check_host(probe) else {}


class _Refused(web.RequestHandler):
    def prepare(self):
        raise web.HTTPError(403, "Host %s is not this computer", self.request.host)


class PresenterVoila(Voila):
    """Voila for presenter mode: offline page, lessons only, local Host only, capped kernels."""

    start_lesson = Unicode(config=True, help="The lesson's file name, which / opens.")
    preheat = Bool(
        False,
        config=True,
        help="Run the first lesson and each next one ahead, instead of cell by cell.",
    )

    def init_settings(self) -> dict:
        # Voila refuses a prelaunch hook beside pre-heated kernels, but it only reads the
        # hook when it renders a lesson, so it is set here, after that check.
        self.voila_configuration.preheat_kernel = self.preheat
        if self.preheat:
            self.voila_configuration.progressive_rendering = False
        self.voila_configuration.default_pool_size = 0  # only the lessons heat() names
        settings = super().init_settings()
        folder = Path(self.root_dir)
        self.voila_configuration.prelaunch_hook = lambda _request, notebook, cwd: (
            teach.presenter_view(notebook, folder)
        )
        if self.preheat:
            self.kernel_manager.heat(self.start_lesson)
        return settings

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # the page loads nothing from the internet (see templates/lowback_voila)
        self.template_paths.insert(0, str(teach.TEMPLATES / "lowback_voila"))

    def init_handlers(self) -> list:
        self.app.settings.update(allow_remote_access=False, local_hostnames=LOCAL_HOSTNAMES)
        folder = Path(self.root_dir)
        names = [p.name for p in teach.lesson_paths(folder)]
        lessons = dict(zip(names, [*names[1:], None], strict=True))
        start = url_path_join(self.server_url, "voila/render", url_escape(self.start_lesson))
        handlers = [
            Rule(_NotLocal(self.app.settings, self.log), _Refused),
            (self.server_url, web.RedirectHandler, {"url": start, "permanent": False}),
        ]
        for spec in super().init_handlers():
            kind = spec[1]
            if kind in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue  # no folder listing, no file contents
            if kind is TornadoVoilaHandler:
                spec = (spec[0], LessonHandler, {**spec[2], "lessons": lessons, "folder": folder})
            handlers.append(spec)
        return handlers


def present(path: Path, port: int = 8866, extra: Iterable[str] = ()) -> None:
    """Serve the course from ``path``'s folder on 127.0.0.1, opening at the lesson ``path``."""
    from traitlets.config import Config

    os.environ.setdefault("LOWBACK_CLASSROOM", "1")  # kernels inherit it: larger figures
    os.environ[PRESENTER_ENV] = "1"
    folder = path.resolve().parent
    config = Config()
    config.VoilaConfiguration.progressive_rendering = True  # the first control live sooner
    config.VoilaConfiguration.multi_kernel_manager_class = PresenterKernelManager
    config.PresenterVoila.start_lesson = path.name
    argv = [str(folder), "--Voila.ip=127.0.0.1", f"--Voila.port={port}", *extra]
    PresenterVoila.launch_instance(argv=argv, config=config)
