"""Load test of the classroom hub: N learners log in at once and use lesson 4's controls.

``make classroom-check N=20`` runs ``python -m lowback.classroom_check --learners 20``. It
starts the real hub (``lowback.classroom serve``: JupyterHub, configurable-http-proxy, the
classroom spawner with its accounts and limits) on 127.0.0.1 with N test learners (a
test-only authenticator), then for every learner at once:

1. logs in through the hub's login form;
2. spawns their server (the hub's REST API) and waits until it answers through the proxy;
3. opens lesson 4 (the contents API and a kernel session for it), and in that kernel builds
   ``exercise_controls(4)`` and ``exercise_animation(4)``, checks the lesson is trusted and
   that other learners' folders cannot be read;
4. moves the dosage slider and steps the animation, timing each update round trip (request
   sent, until the kernel is idle again with the new picture sent).

It measures each learner's memory (PSS of their server and kernel) and CPU, stops the hub as
Ctrl+C does, checks nothing is left running, removes the test accounts, and prints as its last
line ``N learners: spawn p50 X s p95 Y s, control update p95 Z ms, memory per learner M MB,
failures F``. It exits non-zero if anything failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from lowback.classroom import COURSE_DIR, learner_pids, remove_account, stop_pids

LESSON = f"{COURSE_DIR}/notebooks/04_resting_positions_and_core.ipynb"
UPDATES = 6
"""Dosage-slider changes per learner (and as many animation steps)."""

SETUP = """
import json, os, pathlib
import nbformat
from nbformat.sign import NotebookNotary
from lowback.widgets.exercise import exercise_animation, exercise_controls
box = exercise_controls(4)
reps = box.controls["reps"]
anim = exercise_animation(4)
home = pathlib.Path.home()
nb = nbformat.read(home / {lesson!r}, as_version=4)
readable = []
for other in home.parent.iterdir():
    if other != home:
        try:
            os.listdir(other)
            readable.append(other.name)
        except PermissionError:
            pass
cgroup = open("/proc/self/cgroup").read()
limit = None
for entry in cgroup.splitlines():  # the memory limit this kernel runs under (v1, then v2)
    _, controllers, path = entry.split(":", 2)
    for name in ("memory/" + path.lstrip("/") + "/memory.limit_in_bytes",
                 path.lstrip("/") + "/memory.max"):
        if ("memory" in controllers or not controllers) and "lowback" in path:
            try:
                limit = int(open("/sys/fs/cgroup/" + name).read()) // 2**20
            except (OSError, ValueError):
                pass
print(json.dumps({{"trusted": NotebookNotary().check_signature(nb), "readable": readable,
                  "cgroup": cgroup, "memory_limit_mb": limit}}))
"""
SLIDER = "reps.value = reps.max if reps.value != reps.max else reps.min"
FRAME = "anim.slider.value = (anim.slider.value + 5) % (anim.slider.max + 1)"


@dataclass
class Learner:
    name: str
    login: float | None = None
    spawn: float | None = None
    lesson: float | None = None
    updates_ms: list[float] = field(default_factory=list)
    memory_mb: float | None = None
    cpu_start_s: float | None = None
    """CPU seconds the learner's processes used to start and open lesson 4."""
    cpu_busy: float | None = None
    """CPUs (fraction of one core) used while the learner moves controls without pause."""
    report: dict = field(default_factory=dict)
    error: str | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of these processes (shared pages split between sharers), MB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        except (OSError, IndexError):
            pass
    return total / ticks


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


class Hub:
    """The classroom hub, started for the test on loopback and stopped as Ctrl+C stops it."""

    def __init__(self, names: list[str], log: Path) -> None:
        self.names = names
        self.port, api, proxy_api = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_url = f"http://127.0.0.1:{api}/hub/api"
        self.token = secrets.token_hex(32)
        self.state = Path(tempfile.mkdtemp(prefix="lowback-classroom-"))
        self.homes = Path(tempfile.mkdtemp(prefix="lowback-homes-"))
        self.homes.chmod(0o755)  # like /home: each learner's own home inside is mode 0700
        self.prefix = f"lbc{secrets.token_hex(2)}-"
        env = dict(
            os.environ,
            LOWBACK_CHECK_USERS=",".join(names),
            LOWBACK_CHECK_TOKEN=self.token,
            LOWBACK_HUB_API_PORT=str(api),
            LOWBACK_PROXY_API_PORT=str(proxy_api),
            LOWBACK_ACCOUNT_PREFIX=self.prefix,
            LOWBACK_HOME_ROOT=str(self.homes),
            LOWBACK_HUB_LOG_LEVEL="WARN",
        )
        self.log = log.open("w")
        cmd = [sys.executable, "-m", "lowback.classroom", "serve", "--port", str(self.port)]
        self.proc = subprocess.Popen(
            [*cmd, "--state", str(self.state)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> list[int]:
        """Ctrl+C (SIGINT) the hub, wait; return the pids of anything it left running."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        left = [p for n in self.names for p in learner_pids(n, self.api_url)]
        left += proxy_pids(self.port)
        stop_pids(left, grace=2.0)
        self.log.close()
        return left

    def clean(self) -> None:
        if os.geteuid() == 0:
            for name in self.names:
                remove_account(self.prefix + name)
        shutil.rmtree(self.state, ignore_errors=True)
        shutil.rmtree(self.homes, ignore_errors=True)


def proxy_pids(port: int) -> list[int]:
    """configurable-http-proxy processes serving ``port`` (by their command line)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(b"configurable-http-proxy" in c for c in cmd) and str(port).encode() in cmd:
            found.append(int(proc.name))
    return found


class Client:
    def __init__(self, hub: Hub) -> None:
        from tornado.httpclient import AsyncHTTPClient

        AsyncHTTPClient.configure(None, max_clients=1000)
        self.http = AsyncHTTPClient()
        self.hub = hub

    async def fetch(self, path: str, method: str = "GET", body=None, token=True, **kw):
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"token {self.hub.token}"
        if body is not None and not isinstance(body, str | bytes):
            body = json.dumps(body)
        return await self.http.fetch(
            self.hub.url + path,
            method=method,
            body=body,
            headers=headers,
            raise_error=False,
            request_timeout=180,
            **kw,
        )

    async def wait_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.hub.proc.poll() is not None:
                raise RuntimeError("the hub exited at start: see its log")
            try:
                if (await self.fetch("/hub/api/")).code == 200:
                    return
            except OSError:
                pass
            await asyncio.sleep(0.3)
        raise RuntimeError("the hub did not answer within {timeout} s")

    async def login(self, name: str) -> None:
        page = await self.fetch("/hub/login", token=False)
        cookies = "; ".join(
            c.split(";", 1)[0] for c in page.headers.get_list("Set-Cookie") if "=" in c
        )
        xsrf = next((c.split("=", 1)[1] for c in cookies.split("; ") if c.startswith("_xsrf=")), "")
        body = urlencode({"username": name, "password": "learner", "_xsrf": xsrf})
        reply = await self.fetch(
            "/hub/login",
            "POST",
            body,
            token=False,
            headers={"Cookie": cookies},
            follow_redirects=False,
        )
        logged_in = any("jupyterhub-session-id" in c for c in reply.headers.get_list("Set-Cookie"))
        if reply.code != 302 or not logged_in:
            raise RuntimeError(f"login failed: HTTP {reply.code}")

    async def spawn(self, name: str, timeout: float = 320) -> None:
        reply = await self.fetch(f"/hub/api/users/{name}/server", "POST", {})
        if reply.code not in (201, 202):
            raise RuntimeError(f"spawn request: HTTP {reply.code} {reply.body[:200]!r}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = json.loads((await self.fetch(f"/hub/api/users/{name}")).body)
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                status = await self.fetch(f"/user/{name}/api/status")
                if status.code == 200:
                    return
            elif not server and not user.get("pending"):
                raise RuntimeError("the server stopped while starting: see the hub log")
            await asyncio.sleep(0.25)
        raise RuntimeError(f"spawn took over {timeout} s")

    async def open_lesson(self, name: str):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        nb = await self.fetch(f"/user/{name}/api/contents/{LESSON}?content=1")
        if nb.code != 200:
            raise RuntimeError(f"lesson 4 is not in the learner's folder: HTTP {nb.code}")
        body = {"path": LESSON, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
        session = await self.fetch(f"/user/{name}/api/sessions", "POST", body)
        if session.code != 201:
            raise RuntimeError(f"opening a kernel for lesson 4: HTTP {session.code}")
        kernel = json.loads(session.body)["kernel"]["id"]
        ws_url = self.hub.url.replace("http", "ws") + f"/user/{name}/api/kernels/{kernel}/channels"
        request = HTTPRequest(ws_url, headers={"Authorization": f"token {self.hub.token}"})
        return await websocket_connect(request, max_message_size=256 * 1024 * 1024)


async def execute(ws, code: str, timeout: float = 120) -> str:
    """Run ``code`` in the kernel; its printed output once the kernel is idle again."""
    msg_id = uuid.uuid4().hex
    header = {"msg_id": msg_id, "msg_type": "execute_request", "username": "loadtest"}
    header.update(session=uuid.uuid4().hex, date="", version="5.3")
    content = {"code": code, "silent": False, "store_history": False, "user_expressions": {}}
    content.update(allow_stdin=False, stop_on_error=True)
    msg = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
    await ws.write_message(json.dumps({**msg, "channel": "shell"}))
    out, replied, idle = [], None, False
    deadline = time.monotonic() + timeout
    while replied is None or not idle:
        raw = await asyncio.wait_for(ws.read_message(), max(0.1, deadline - time.monotonic()))
        if raw is None:
            raise RuntimeError("the kernel's websocket closed")
        if isinstance(raw, bytes):
            continue  # a binary buffer message: not ours to read
        reply = json.loads(raw)
        if reply.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = reply["header"]["msg_type"]
        if kind == "stream":
            out.append(reply["content"]["text"])
        elif kind == "error":
            raise RuntimeError("kernel error: " + reply["content"]["evalue"])
        elif kind == "execute_reply":
            replied = reply["content"]["status"]
        elif kind == "status" and reply["content"]["execution_state"] == "idle":
            idle = True
    if replied != "ok":
        raise RuntimeError(f"execute_reply status {replied}")
    return "".join(out)


async def one_learner(client: Client, learner: Learner, isolated: bool) -> None:
    name = learner.name
    try:
        t = time.perf_counter()
        await client.login(name)
        learner.login = time.perf_counter() - t
        t = time.perf_counter()
        await client.spawn(name)
        learner.spawn = time.perf_counter() - t
        t = time.perf_counter()
        ws = await client.open_lesson(name)
        try:
            learner.report = json.loads(await execute(ws, SETUP.format(lesson=LESSON)))
            learner.lesson = time.perf_counter() - t
            if not learner.report["trusted"]:
                raise RuntimeError("lesson 4 is not trusted in the learner's copy")
            if isolated and learner.report["readable"]:
                raise RuntimeError(f"can read others' folders: {learner.report['readable']}")
            pids = learner_pids(name, client.hub.api_url)
            learner.cpu_start_s, busy = cpu_seconds(pids), time.perf_counter()
            for _ in range(UPDATES):
                for code in (SLIDER, FRAME):
                    t = time.perf_counter()
                    await execute(ws, code)
                    learner.updates_ms.append(1000 * (time.perf_counter() - t))
            busy = time.perf_counter() - busy
            learner.cpu_busy = (cpu_seconds(pids) - learner.cpu_start_s) / busy
            learner.memory_mb = pss_mb(learner_pids(name, client.hub.api_url))
        finally:
            ws.close()
    except Exception as exc:  # every failure is counted and named, none stops the others
        learner.error = f"{type(exc).__name__}: {exc}"


async def drive(hub: Hub, learners: list[Learner]) -> None:
    client = Client(hub)
    await client.wait_up()
    isolated = os.geteuid() == 0
    await asyncio.gather(*(one_learner(client, learner, isolated) for learner in learners))


def summary(learners: list[Learner], left: list[int]) -> dict:
    ok = [x for x in learners if x.error is None]
    spawns = [x.spawn for x in learners if x.spawn is not None]
    updates = [u for x in ok for u in x.updates_ms]
    return {
        "learners": len(learners),
        "spawn_p50_s": percentile(spawns, 50),
        "spawn_p95_s": percentile(spawns, 95),
        "spawn_max_s": max(spawns, default=float("nan")),
        "login_max_s": max((x.login for x in learners if x.login), default=float("nan")),
        "lesson_open_p95_s": percentile([x.lesson for x in ok if x.lesson], 95),
        "update_p50_ms": percentile(updates, 50),
        "update_p95_ms": percentile(updates, 95),
        "memory_mb": statistics.mean([x.memory_mb for x in ok]) if ok else float("nan"),
        "memory_max_mb": max((x.memory_mb for x in ok), default=float("nan")),
        "cpu_start_s": statistics.mean([x.cpu_start_s for x in ok]) if ok else float("nan"),
        "cpu_busy": statistics.mean([x.cpu_busy for x in ok]) if ok else float("nan"),
        "limited": all("lowback" in x.report.get("cgroup", "") for x in ok) and bool(ok),
        "memory_limit_mb": min((x.report.get("memory_limit_mb") or 0 for x in ok), default=0),
        "isolated": os.geteuid() == 0,
        "left_running": len(left),
        "failures": len(learners) - len(ok) + (1 if left else 0),
        "errors": {x.name: x.error for x in learners if x.error},
    }


def line(s: dict) -> str:
    return (
        f"{s['learners']} learners: spawn p50 {s['spawn_p50_s']:.1f} s p95 "
        f"{s['spawn_p95_s']:.1f} s, control update p95 {s['update_p95_ms']:.0f} ms, "
        f"memory per learner {s['memory_mb']:.0f} MB, failures {s['failures']}"
    )


def run(n: int, log: Path) -> dict:
    """The whole load test with ``n`` learners; its summary (see :func:`summary`)."""
    names = [f"learner{i:02d}" for i in range(1, n + 1)]
    learners = [Learner(name) for name in names]
    hub = Hub(names, log)
    left: list[int] = []
    start = time.perf_counter()
    try:
        asyncio.run(drive(hub, learners))
    except Exception as exc:
        for x in learners:
            x.error = x.error or f"{type(exc).__name__}: {exc}"
    finally:
        left = hub.stop()
        hub.clean()
    result = summary(learners, left)
    result["wall_s"] = time.perf_counter() - start
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m lowback.classroom_check", description=__doc__)
    p.add_argument("--learners", "-n", type=int, default=3)
    p.add_argument("--json", help="also write the summary to this JSON file")
    p.add_argument("--log", default=None, help="the hub's log file (default: a temp file)")
    args = p.parse_args(argv)
    log = Path(args.log or tempfile.mkstemp(prefix="lowback-hub-", suffix=".log")[1])
    result = run(args.learners, log)
    for name, error in result["errors"].items():
        print(f"failed: {name}: {error}")
    if result["left_running"]:
        print(f"failed: {result['left_running']} processes were left running after Ctrl+C")
    print(f"hub log: {log}")
    print(
        f"login max {result['login_max_s']:.1f} s, lesson 4 ready p95"
        f" {result['lesson_open_p95_s']:.1f} s, control update p50 {result['update_p50_ms']:.0f}"
        f" ms, memory max {result['memory_max_mb']:.0f} MB, CPU to start"
        f" {result['cpu_start_s']:.1f} s, CPU while busy {result['cpu_busy']:.2f},"
        f" separate accounts {result['isolated']},"
        f" cgroup limits {result['limited']} ({result['memory_limit_mb']} MB),"
        f" wall {result['wall_s']:.0f} s"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    print(line(result))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
