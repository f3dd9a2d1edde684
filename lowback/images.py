"""Write every key illustration to images/ as a PNG, with its alt text in alt-text.json.

A drawing module offers illustrations by defining ``IMAGES``: a mapping from a file stem
to a function that returns ``(figure, alt_text)``. Run ``python -m lowback.images DIR``;
it also writes a contact sheet (every picture on one page, labelled, for review) to
``build/contact-sheet.png`` (or a path given second).

Pictures are drawn at :data:`~lowback.draw.style.SCALE` times :data:`DPI` and lessons show
them at their size at :data:`DPI`, in CSS pixels (``<img width height>``, which markdown's
``![alt](src)`` cannot say): crisp on a screen of two device pixels per CSS pixel.
"""

import html
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
from lowback.draw.style import SCALE, new_figure
from lowback.files import write_atomic

ALT_FILE = "alt-text.json"
DPI = 100
"""Dots per inch of a picture's size as shown, in CSS pixels (a 6.4-inch drawing: 640)."""
SHEET = Path("build") / "contact-sheet.png"
COLUMNS = 4


def registry() -> dict[str, Callable[[], tuple[Figure, str]]]:
    """Every illustration offered by a module of ``lowback.draw``, by file stem."""
    found: dict[str, Callable[[], tuple[Figure, str]]] = {}
    for info in pkgutil.iter_modules(lowback.draw.__path__):
        module = importlib.import_module(f"lowback.draw.{info.name}")
        found.update(getattr(module, "IMAGES", {}))
    return dict(sorted(found.items()))


def render(fig: Figure) -> bytes:
    """A drawing as PNG bytes at SCALE times DPI (two pixels to each CSS pixel it is shown at)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI * SCALE, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def css_size(path: Path) -> tuple[int, int]:
    """Width and height in CSS pixels at which a picture in images/ is shown."""
    with Image.open(path) as picture:
        width, height = picture.size
    return round(width / SCALE), round(height / SCALE)


def write_all(folder: Path) -> list[Path]:
    """Draw every illustration into ``folder`` and record its alt text."""
    folder.mkdir(parents=True, exist_ok=True)
    alts, written = {}, []
    for name, make in registry().items():
        fig, alt = make()
        alts[name] = alt
        written.append(write_atomic(folder / f"{name}.png", render(fig)))
    write_atomic(folder / ALT_FILE, (json.dumps(alts, indent=2) + "\n").encode())
    return written


MARKDOWN_PICTURE = re.compile(r"!\[[^\]]*\]\(\.\./images/([^)\s]+)\.png\)")
HTML_PICTURE = re.compile(r"<img\s[^>]*?\bsrc=\"\.\./images/([^\"\s]+)\.png\"[^>]*>")


def picture_tag(name: str, alt: str, size: tuple[int, int]) -> str:
    """How a lesson shows ``images/NAME.png``: an ``<img>`` sized in CSS pixels, with alt."""
    words = html.escape(alt, quote=False).replace('"', "&quot;")
    width, height = size
    return f'<img src="../images/{name}.png" width="{width}" height="{height}" alt="{words}">'


def sync_lessons(
    folder: Path, alts: dict[str, str], sizes: dict[str, tuple[int, int]]
) -> list[Path]:
    """Show every lesson picture from images/ as :func:`picture_tag` does, with its drawing's
    alt text and size: both ``![...](../images/NAME.png)`` and ``<img src="../images/...">``.

    Only markdown cells change, and only their pictures; the lessons that changed are
    returned (their outputs are untouched, so nothing needs re-running).
    """
    import nbformat

    def tag(match: re.Match) -> str:
        name = match[1]
        if name not in alts or name not in sizes:
            return match[0]
        return picture_tag(name, alts[name], sizes[name])

    changed = []
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        before = [c.source for c in nb.cells]
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = HTML_PICTURE.sub(tag, MARKDOWN_PICTURE.sub(tag, cell.source))
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
    sizes = {p.stem: css_size(p) for p in pictures}
    for lesson in sync_lessons(Path("notebooks"), alts, sizes):
        print(f"{lesson}: picture descriptions brought in line with the drawings")
    print(contact_sheet(pictures, Path(sys.argv[2]) if len(sys.argv) > 2 else SHEET))
