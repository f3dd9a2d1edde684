"""Pictures drawn ahead of time, so a lesson shows its first pictures without drawing them.

A control's first picture (an exercise's first frame, a dose's timeline, a handout's
drawing) is the same every time a lesson runs, yet drawing it costs a lesson most of its
time. ``python -m lowback.drawn`` (run by ``make``) draws each one once, through the very
code that draws it live, into ``lowback/_drawn/`` (not in git: it is built, like a venv).

A picture is found only while it is *current*: the folder's index carries a digest of the
course's code and data and of the drawing libraries' versions, and any change to them
makes every picture missing, so the control draws it live as before. A stale picture is
never shown.
"""

import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from lowback.files import write_atomic

PACKAGE = Path(__file__).parent
FOLDER = PACKAGE / "_drawn"
INDEX = "index.json"
MODULES = (
    "lowback.widgets.anatomy",
    "lowback.widgets.exercise",
    "lowback.widgets.player",
    "lowback.widgets.recovery",
    "lowback.handout",
)
"""The modules whose ``drawn_ahead()`` lists the pictures they show first, with their makers."""
Maker = Callable[[], bytes]
"""Draws one picture and returns its PNG bytes."""


def digest() -> str:
    """A digest of everything a picture depends on: the package's code and data, and the
    versions of Python, matplotlib and NumPy."""
    from importlib.metadata import version  # read, not imported: matplotlib loads slowly

    h = hashlib.sha256()
    h.update(f"{sys.version_info[:2]} {version('matplotlib')} {version('numpy')}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and FOLDER not in path.parents and path.suffix in (".py", ".toml"):
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def key(*parts: object) -> str:
    """The key of a picture drawn from ``parts`` in the style now in force (plain or
    classroom: the same drawing differs in its text sizes)."""
    from lowback.draw.style import sizes

    return "/".join(map(str, parts)) + f"@{sizes()['label']:g}"


def _file(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:24] + ".png"


@cache
def _index(folder: Path) -> frozenset[str]:
    """The keys of the pictures in ``folder`` if they are current, else none."""
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(index, dict) or index.get("digest") != digest():
        return frozenset()
    return frozenset(index.get("keys", ()))


def lookup(key: str, folder: Path | None = None) -> bytes | None:
    """The picture drawn ahead under ``key``, or None (not drawn ahead, or not current).

    Each picture found puts off loading the drawing code until the lesson is quiet
    (:func:`warm`), so the learner's first change is as quick as the next ones.
    """
    folder = FOLDER if folder is None else folder
    if key not in _index(folder):
        return None
    warm()
    try:
        return (folder / _file(key)).read_bytes()
    except OSError:
        return None


WARM = (
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "lowback.draw.exercise",
    "lowback.draw.timeline",
)
"""The drawing code a control needs for its first change, loaded by :func:`warm`."""


QUIET = 0.5
"""Seconds without a new picture looked up before the drawing code loads."""
_warming: dict = {}


def warm() -> None:
    """Load the drawing code (matplotlib: about half a second) once the lesson has gone
    quiet: :data:`QUIET` seconds after the latest picture drawn ahead was looked up, so it
    never slows the cells still being run, and the learner's first change finds it loaded.

    It runs in the kernel's own event loop, between messages, never in a thread: matplotlib
    imported by two threads at once breaks (a change arriving meanwhile imported it too).
    Outside a kernel nothing is scheduled. Once per process.
    """
    loop = _kernel_loop()
    if loop is None or _warming.get("done"):
        return
    pending = _warming.pop("timer", None)
    if pending is not None:
        loop.remove_timeout(pending)
    _warming["timer"] = loop.call_later(QUIET, load_now)


def _kernel_loop():
    """The running kernel's event loop, or None outside a kernel."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return getattr(getattr(shell, "kernel", None), "io_loop", None)


def load_now() -> None:
    """Load the drawing code now (what :func:`warm` schedules)."""
    from importlib import import_module

    _warming.pop("timer", None)
    _warming["done"] = True
    for module in WARM:
        import_module(module)
    import_module("matplotlib.font_manager").fontManager  # noqa: B018 (reads the font list)


def drawn(key: str, make: Maker, folder: Path | None = None) -> bytes:
    """The picture under ``key``: drawn ahead if it is current, else drawn now by ``make``."""
    found = lookup(key, folder)
    return make() if found is None else found


def build(makers: Iterable[tuple[str, Maker]], folder: Path | None = None) -> list[str]:
    """Draw every picture into ``folder`` and write its index last; return the keys.

    The pictures are readable by every account (the class hub's learners share them).
    """
    folder = FOLDER if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    (folder / INDEX).unlink(missing_ok=True)  # while drawing, nothing here counts as current
    _index.cache_clear()
    keys = []
    for name, make in makers:
        write_atomic(folder / _file(name), make()).chmod(0o644)
        keys.append(name)
    wanted = {_file(k) for k in keys}
    for old in folder.glob("*.png"):
        if old.name not in wanted:
            old.unlink()
    index = {"digest": digest(), "keys": sorted(keys)}
    write_atomic(folder / INDEX, (json.dumps(index, indent=1) + "\n").encode()).chmod(0o644)
    _index.cache_clear()
    return keys


def makers() -> list[tuple[str, Maker]]:
    """Every picture a lesson shows first, in plain and classroom style, by key."""
    from importlib import import_module

    from lowback.draw.style import classroom, sizes

    was = sizes()["label"] != 10
    found = []
    for style in (False, True):
        classroom(style)
        for module in MODULES:
            for name, make in import_module(module).drawn_ahead():
                found.append((name, _styled(make, style)))
    classroom(was)
    return found


def _styled(make: Maker, style: bool) -> Maker:
    def styled() -> bytes:
        from lowback.draw.style import classroom, sizes

        was = sizes()["label"] != 10
        classroom(style)
        try:
            return make()
        finally:
            classroom(was)

    return styled


def current(folder: Path | None = None) -> bool:
    """Whether ``folder`` holds pictures drawn from the course as it is now."""
    _index.cache_clear()
    return bool(_index(FOLDER if folder is None else folder))


def main(argv: list[str] | None = None) -> None:
    """``python -m lowback.drawn [--if-stale]``: draw every first picture ahead."""
    args = sys.argv[1:] if argv is None else argv
    if "--if-stale" in args and current():
        return
    keys = build(makers())
    print(f"{len(keys)} pictures drawn ahead into {FOLDER}")


if __name__ == "__main__":
    main()
