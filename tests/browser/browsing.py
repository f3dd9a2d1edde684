"""Helpers for the real-browser tests: Debian's chromium, local servers, lesson copies.

Playwright cannot download its own browser here, so these tests use /usr/bin/chromium. Without
it they are skipped on a developer's machine (install it with `apt-get install chromium`) and
fail in CI, where `.ci/run` installs it.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
START_TIMEOUT = 90  # seconds for a server to answer
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "file"}
# Keep a test's JupyterLab state (workspaces, settings, runtime files) out of the user's.
PRIVATE_DIRS = (
    "JUPYTER_DATA_DIR",  # where the trusted notebooks' signatures are kept
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_CONFIG_DIR",
    "JUPYTERLAB_WORKSPACES_DIR",
    "JUPYTERLAB_SETTINGS_DIR",
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(
    command: list[str], url: str, cwd: Path, log: Path, env: dict | None = None
) -> Iterator[str]:
    """Run a server, wait until ``url`` answers, yield it, then stop the server."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"server did not answer {url}:\n{log.read_text()[-3000:]}")
                time.sleep(0.25)
        yield url
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End a server started by ``serving`` and everything it started (its kernels)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=15)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def lesson_copy(folder: Path, *names: str) -> Path:
    """Copy lessons and their images into ``folder`` so a browser session cannot change them."""
    (folder / "notebooks").mkdir()
    for name in names:
        shutil.copy(ROOT / "notebooks" / name, folder / "notebooks" / name)
    shutil.copytree(ROOT / "images", folder / "images")
    return folder / "notebooks"


def remote(urls: list[str]) -> list[str]:
    """The addresses that would need the internet: neither this machine nor the page itself."""
    return [
        u
        for u in urls
        if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).hostname not in LOCAL_HOSTS
    ]


@contextmanager
def presenting(page, lesson: str, log: Path) -> Iterator:
    """A lesson served by `make present`'s command, opened in the browser tab ``page``."""
    port = free_port()
    command = [sys.executable, "-m", "lowback.teach", "present", lesson]
    command += ["--port", str(port), "--no-browser"]
    url = f"http://127.0.0.1:{port}/"
    with serving(command, url, ROOT, log):
        page.goto(url)
        yield page


@contextmanager
def in_lab(page, folder: Path, lesson: str) -> Iterator:
    """JupyterLab as `make lab` starts it (lessons trusted first) on a copy of a lesson in
    ``folder``, behind a token, opened at the lesson."""
    notebooks = lesson_copy(folder, lesson)
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "lowback.lab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
    command += [f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={folder}"]
    command += ["--allow-root"] if os.geteuid() == 0 else []
    env = {name: str(folder / name.lower()) for name in PRIVATE_DIRS}
    base = f"http://127.0.0.1:{port}"
    with serving(command, f"{base}/api/status?token={token}", folder, folder / "lab.log", env):
        page.goto(f"{base}/lab/tree/{notebooks.name}/{lesson}?token={token}")
        yield page


def run_all_cells(page) -> None:
    """Run every cell of the open notebook from JupyterLab's Run menu, once the kernel is up."""
    page.locator(".jp-Notebook").first.wait_for()
    page.get_by_text(re.compile(r"\| Idle$")).first.wait_for()  # the kernel is connected
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


# --- accessibility checks in the open page ----------------------------------------------

AXE = ROOT / "vendor" / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("critical", "serious")
# axe's findings in a context (the whole page, or one element), as plain data.
RUN = """async context => {
    const found = await axe.run(context || document, {resultTypes: ['violations']});
    return found.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(' ')),
        summary: v.nodes.length ? v.nodes[0].failureSummary : ''}));
}"""


def audit(page, script: Path, context: str | None = None) -> list[dict]:
    """axe's violations in the open page (or in the element ``context`` selects)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(script))
    return page.evaluate(RUN, context)


# Pictures whose alt text is empty (axe takes alt="" as decorative; every picture here teaches).
NO_ALT = """() => [...document.images].filter(i => !(i.alt || '').trim())
    .map(i => i.outerHTML.slice(0, 120))"""


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING]


def report(violations: list[dict], where: str = "") -> str:
    """One line per rule: impact, rule id, how many elements, the first of them and why."""
    lines = [
        f"{where}{v['impact']} {v['id']} x{len(v['targets'])} ({v['help']}): first at "
        f"{v['targets'][0] if v['targets'] else '?'}; {' '.join(v['summary'].split())[:240]}"
        for v in violations
    ]
    return "\n".join(lines)


# Words a line break cuts in two: a line ends between two letters of one word ("shor|ter").
# Each text node's letters are measured where the browser drew them; a letter drawn on a
# lower line than the letter before it, with no space or hyphen between, is a split.
SPLIT_WORDS = """root => {
    const LONGEST = 30, found = [];
    const walker = document.createTreeWalker(document.querySelector(root) || document.body,
                                             NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        if (text.trim().length < 2) continue;
        let before = null;
        for (let i = 0; i < text.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getClientRects()[0];
            if (!box || !box.width) { before = null; continue; }
            if (before && box.top >= before.bottom - 1 && /\\p{L}/u.test(text[i])
                && /\\p{L}/u.test(text[i - 1])) {
                const word = text.slice(0, i).split(/\\s/).pop() + text.slice(i).split(/\\s/)[0];
                if (word.length <= LONGEST) {  // a longer word (an address) must break
                    found.push(text.slice(Math.max(0, i - 12), i) + "|" + text.slice(i, i + 12));
                }
            }
            before = box;
        }
    }
    return found;
}"""


def split_words(page, root: str = "body") -> list[str]:
    """Every place in ``root`` where a line break falls inside a word, as "wor|d"."""
    return page.evaluate(SPLIT_WORDS, root)
