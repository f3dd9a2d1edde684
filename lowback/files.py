"""Write a learner's file so that a crash part-way leaves the old one whole (temp file + rename).

Every file lowback writes for a learner (a routine, a handout, a CSV export) goes through
:func:`write_atomic`:

- a new file is private to its owner (mode 0600: it may hold health notes); replacing a file
  keeps that file's own mode, so a file the learner shared stays shared;
- a symlink is followed: the file it points to is replaced and the link itself is kept;
- the data goes to a short temporary name in the same folder, is synced, then renamed over
  the target, so a full disk or a crash leaves the old file exactly as it was; temporary
  files left behind by a killed run are removed on the next write to the same file.
"""

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

NEW_FILE_MODE = 0o600
"""A learner's new file is readable and writable by its owner only."""
TMP_SUFFIX = ".tmp"
STALE_SECONDS = 60
"""A temporary file older than this was left by a run that died; the next write removes it."""
_NAME_BYTES = 120  # room for the temp name's dot, random part and suffix under NAME_MAX (255)

_REASONS = {
    getattr(errno, code): words
    for code, words in (
        ("ENOSPC", "disk full"),
        ("EDQUOT", "disk quota exceeded"),
        ("ENAMETOOLONG", "file name too long"),
        ("EACCES", "permission denied"),
        ("EPERM", "permission denied"),
        ("EROFS", "read-only file system"),
        ("ENOENT", "no such folder"),
        ("ENOTDIR", "a part of the path is not a folder"),
        ("EISDIR", "it is a folder"),
        ("ELOOP", "too many levels of symbolic links"),
    )
    if hasattr(errno, code)
}


def reason(err: OSError) -> str:
    """What went wrong with a file, in a few plain words (e.g. "disk full")."""
    words = _REASONS.get(err.errno)
    if words:
        return words
    return " ".join(str(err.strerror or err).split()) or err.__class__.__name__


def _tmp_prefix(name: str) -> str:
    """The temp-file prefix for ``name``: short enough that any legal name still fits."""
    raw = os.fsencode(name)
    while len(raw) > _NAME_BYTES:
        name = name[:-1]
        raw = os.fsencode(name)
    return f".{name}."


def _clean_stale(folder: Path, prefix: str) -> None:
    """Remove temporary files of this target left by a run that was killed part-way."""
    cutoff = time.time() - STALE_SECONDS
    try:
        candidates = list(folder.glob(f"{_glob_escape(prefix)}*{TMP_SUFFIX}"))
    except (OSError, ValueError):
        return
    for old in candidates:
        try:
            if old.is_file() and not old.is_symlink() and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def target_of(path: str | os.PathLike) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself, or where its symlink points."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def write_atomic(path: str | os.PathLike, data: bytes, *, replace: bool = True) -> Path:
    """Write ``data`` to ``path`` via a synced temp file in the same folder, then rename.

    Returns ``path`` as given. A new file is created 0600; an existing one keeps its mode;
    a symlink is written through to its target. An OSError leaves any old file untouched.
    With ``replace=False`` an existing ``path`` (even a dangling link) raises
    FileExistsError and nothing is written.
    """
    if not replace:
        return _write_new(Path(path), data)
    given = Path(path)
    path = target_of(given)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    prefix = _tmp_prefix(path.name)
    _clean_stale(path.parent, prefix)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return given


def _write_new(path: Path, data: bytes) -> Path:
    """Write a file that must not exist yet: all of it appears at once, or nothing does."""
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    prefix = _tmp_prefix(path.name)
    _clean_stale(path.parent, prefix)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # fails if the name was taken meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: check, then rename
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows syncing a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
