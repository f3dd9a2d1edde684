"""Measure the memory one learner needs: a kernel after each lesson, and the servers.

Runs every lesson in a fresh kernel, then reads the kernel's resident memory (RSS, and USS:
the part no other process shares). Then starts an idle JupyterLab and a Voila server and
reads theirs. Numbers feed docs/teaching.md. Run: .venv/bin/python benchmarks/memory.py
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def tree_memory(pid: int) -> tuple[float, float]:
    """RSS and USS in MB of a process and all its children."""
    procs = [psutil.Process(pid)]
    procs += procs[0].children(recursive=True)
    infos = [p.memory_full_info() for p in procs]
    return sum(i.rss for i in infos) / MB, sum(i.uss for i in infos) / MB


def kernel_after(path: Path) -> tuple[float, float]:
    """Memory of a kernel that has just run every cell of a lesson."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return tree_memory(client.km.provisioner.process.pid)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_idle(command: list[str], url: str) -> tuple[float, float]:
    """Memory of a server once it answers, before any kernel starts."""
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.25)
        time.sleep(2)
        return tree_memory(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    print("| what | RSS (MB) | USS (MB) |\n|---|---|---|")
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        rss, uss = kernel_after(path)
        print(f"| kernel after {path.stem} | {rss:.0f} | {uss:.0f} |", flush=True)
    port = free_port()
    lab = [sys.executable, "-m", "jupyterlab", "--no-browser"]
    lab += ["--allow-root"] if os.geteuid() == 0 else []
    lab += ["--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--IdentityProvider.token=x"]
    rss, uss = server_idle(lab, f"http://127.0.0.1:{port}/api/status?token=x")
    print(f"| JupyterLab server, idle | {rss:.0f} | {uss:.0f} |")
    port = free_port()
    voila = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "notebooks"]
    rss, uss = server_idle(voila, f"http://127.0.0.1:{port}/")
    print(f"| Voila server, idle | {rss:.0f} | {uss:.0f} |")


if __name__ == "__main__":
    main()
