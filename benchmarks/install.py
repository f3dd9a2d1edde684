"""Time the set-up step two ways, side by side in one run, each in a new empty venv:

- baseline: ``pip install -e '.[test]'`` (whatever versions the registry serves today);
- the project's way (``make``): uv installs the exact versions in ``requirements.lock``
  (hashes checked), then the course itself without dependencies.

Each is timed with a cold cache (nothing downloaded before) and a warm one (the second
install on the same machine), so the ratio is fair both ways. Run: ``python benchmarks/install.py``.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UV = "uv==" + re.search(r"^UV_VERSION := (\S+)", (ROOT / "Makefile").read_text(), re.M)[1]


def run(*command: str, env: dict | None = None) -> None:
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def timed(steps) -> float:
    start = time.perf_counter()
    steps()
    return time.perf_counter() - start


def pip_way(venv: Path, cache: Path) -> None:
    run(sys.executable, "-m", "venv", str(venv))
    run(str(venv / "bin/python"), "-m", "pip", "install", "-q", "--cache-dir", str(cache),
        "-e", ".[test]")  # fmt: skip


def uv_way(venv: Path, cache: Path) -> None:
    run(sys.executable, "-m", "venv", str(venv))
    py, env = str(venv / "bin/python"), {"UV_CACHE_DIR": str(cache)}
    run(py, "-m", "pip", "install", "-q", "--cache-dir", str(cache / "pip"), UV)
    uv = str(venv / "bin/uv")
    run(uv, "pip", "sync", "--python", py, "requirements.lock", env=env)
    run(uv, "pip", "install", "--python", py, "--no-deps", "-e", ".", env=env)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, way in (
            ("pip install -e '.[test]'", pip_way),
            ("uv + requirements.lock", uv_way),
        ):
            cache = tmp / f"cache-{way.__name__}"
            cold = timed(lambda w=way, c=cache: w(tmp / f"{w.__name__}-cold", c))
            warm = timed(lambda w=way, c=cache: w(tmp / f"{w.__name__}-warm", c))
            rows.append((name, cold, warm))
    base = rows[0]
    print(f"{'set-up step':28} {'cold cache':>11} {'warm cache':>11}")
    for name, cold, warm in rows:
        print(f"{name:28} {cold:9.1f} s {warm:9.1f} s")
    for label, i in (("cold", 1), ("warm", 2)):
        print(
            f"speed-up with a {label} cache: {base[i] / rows[1][i]:.1f}x (baseline / project's way)"
        )


if __name__ == "__main__":
    main()
