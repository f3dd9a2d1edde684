"""Helpers for the real-browser tests: Debian's chromium, local servers, lesson copies.

Playwright cannot download its own browser here, so these tests use /usr/bin/chromium. Without
it they are skipped on a developer's machine (install it with `apt-get install chromium`) and
fail in CI, where `.ci/run` installs it.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
