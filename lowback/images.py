"""Write every key illustration to images/ as a PNG, with its alt text in alt-text.json.

A drawing module offers illustrations by defining ``IMAGES``: a mapping from a file stem
to a function that returns ``(figure, alt_text)``. Run ``python -m lowback.images DIR``.
"""

import importlib
import io
import json
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure

import lowback.draw
from lowback.files import write_atomic

ALT_FILE = "alt-text.json"
DPI = 100


def registry() -> dict[str, Callable[[], tuple[Figure, str]]]:
    """Every illustration offered by a module of ``lowback.draw``, by file stem."""
    found: dict[str, Callable[[], tuple[Figure, str]]] = {}
    for info in pkgutil.iter_modules(lowback.draw.__path__):
        module = importlib.import_module(f"lowback.draw.{info.name}")
        found.update(getattr(module, "IMAGES", {}))
    return dict(sorted(found.items()))


def write_all(folder: Path) -> list[Path]:
    """Draw every illustration into ``folder`` and record its alt text."""
    folder.mkdir(parents=True, exist_ok=True)
    alts, written = {}, []
    for name, make in registry().items():
        fig, alt = make()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
        alts[name] = alt
        written.append(write_atomic(folder / f"{name}.png", buf.getvalue()))
    write_atomic(folder / ALT_FILE, (json.dumps(alts, indent=2) + "\n").encode())
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "images")):
        print(p)
