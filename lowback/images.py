"""Write every key illustration to images/ as a PNG, with its alt text in alt-text.json.

A drawing module offers illustrations by defining ``IMAGES``: a mapping from a file stem
to a function that returns ``(figure, alt_text)``. Run ``python -m lowback.images DIR``;
it also writes a contact sheet (every picture on one page, labelled, for review) to
``build/contact-sheet.png`` (or a path given second).
"""

import importlib
import io
import json
import math
import pkgutil
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

import lowback.draw
from lowback.draw.style import new_figure
from lowback.files import write_atomic

ALT_FILE = "alt-text.json"
DPI = 100
SHEET = Path("build") / "contact-sheet.png"
COLUMNS = 4


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


LESSON_IMAGE = re.compile(r"!\[[^\]]*\]\(\.\./images/([^)\s]+)\.png\)")


def sync_lessons(folder: Path, alts: dict[str, str]) -> list[Path]:
    """Give every lesson picture (``![...](../images/NAME.png)``) its drawing's alt text.

    Only markdown cells change, and only their image descriptions; the lessons that
    changed are returned (their outputs are untouched, so nothing needs re-running).
    """
    import nbformat

    changed = []
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = LESSON_IMAGE.sub(
                    lambda m: (
                        f"![{alts.get(m[1], '')}](../images/{m[1]}.png)" if m[1] in alts else m[0]
                    ),
                    cell.source,
                )
        if [c.source for c in nb.cells] != before:
            nbformat.write(nb, path)
            changed.append(path)
    return changed


def contact_sheet(pictures: list[Path], out: Path, columns: int = COLUMNS) -> Path:
    """One PNG holding every picture, each labelled with its file name, for review."""
    rows = math.ceil(len(pictures) / columns)
    fig = new_figure(4.0 * columns, 3.3 * rows)
    for i, path in enumerate(pictures):
        ax = fig.add_subplot(rows, columns, i + 1)
        with Image.open(path) as picture:
            ax.imshow(np.asarray(picture.convert("RGB")))
        ax.set_title(path.stem, fontsize=9)
        ax.set_axis_off()
    fig.subplots_adjust(left=0.01, right=0.99, top=0.98, bottom=0.01, wspace=0.05, hspace=0.15)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=80, facecolor="white")
    return out


if __name__ == "__main__":
    pictures = write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "images"))
    for p in pictures:
        print(p)
    alts = json.loads((pictures[0].parent / ALT_FILE).read_text(encoding="utf-8"))
    for lesson in sync_lessons(Path("notebooks"), alts):
        print(f"{lesson}: picture descriptions brought in line with the drawings")
    print(contact_sheet(pictures, Path(sys.argv[2]) if len(sys.argv) > 2 else SHEET))
