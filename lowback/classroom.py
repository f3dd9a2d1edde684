"""A class on a real JupyterHub: each learner's own account, copy of the course and limits.

``make classroom`` runs ``python -m lowback.classroom serve``: JupyterHub with its proxy
(configurable-http-proxy, installed in ``classroom/``), the configuration in
``classroom/jupyterhub_config.py`` and the pieces below:

- :class:`ClassroomSpawner` starts each learner's JupyterLab as a separate system account
  (``lb-<name>``, home directory mode 0700) inside its own memory and CPU cgroup;
- ``python -m lowback.classroom singleuser`` is what it starts: it copies the course into
  ``~/lowback`` file by file (never over a learner's file), trusts the unchanged lessons so
  their saved controls show, then runs ``jupyterhub-singleuser``.

See docs/classroom.md for the whole recipe and ``lowback.classroom_check`` for the load test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HUB_DIR = ROOT / "classroom"
COURSE_DIR = "lowback"
"""The folder, in each learner's home, that holds their copy of the course."""
COURSE_PARTS = ("notebooks", "images")
FIRST_LESSON = "notebooks/00_start_here.ipynb"
USERNAME_PATTERN = r"^[a-z][a-z0-9_-]{0,23}$"
"""Learner names the hub accepts: each becomes part of a system account name (32 at most)."""
CGROUP = Path("/sys/fs/cgroup")


# -- the learner's side: copy, trust, start ---------------------------------------------------


def _course_files(source: Path) -> list[Path]:
    skip = {".ipynb_checkpoints", "__pycache__"}
    files = []
    for part in COURSE_PARTS:
        for path in sorted((source / part).rglob("*")):
            if path.is_file() and not skip & set(path.parts):
                files.append(path.relative_to(source))
    return files


def copy_course(source: Path, dest: Path) -> list[Path]:
    """Copy the course's files into ``dest``, never over a file already there.

    Returns the files copied. A learner's edited lesson stays as they left it; a lesson they
    deleted comes back (fresh) on their next start.
    """
    copied = []
    for rel in _course_files(source):
        target = dest / rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, target)
        copied.append(target)
    return copied


def lessons(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9]*.ipynb"))


def trust(paths: list[Path]) -> list[Path]:
    """Sign each notebook not yet trusted (as lowback.lab does, without schema validation,
    which costs seconds per learner start); return the ones newly signed."""
    import json

    import nbformat
    from nbformat.sign import NotebookNotary

    notary, signed = NotebookNotary(), []
    for path in paths:
        nb = nbformat.from_dict(json.loads(path.read_text(encoding="utf-8")))
        if not notary.check_signature(nb):
            notary.sign(nb)
            signed.append(path)
    return signed


def trust_unchanged(source: Path, dest: Path) -> list[Path]:
    """Trust each of the learner's lessons that is still exactly the course's; return them.

    A lesson the learner changed is theirs: JupyterLab signed it when they saved it.
    """
    same = []
    for lesson in lessons(source / "notebooks"):
        mine = dest / lesson.relative_to(source)
        if mine.is_file() and mine.read_bytes() == lesson.read_bytes():
            same.append(mine)
    trust(same)
    return same


def private_runtime_dir() -> Path | None:
    """A short folder only this account can open, for kernels' sockets; None if not safe.

    Kernels talk to the server over Unix sockets there (``transport=ipc``) rather than TCP
    ports on 127.0.0.1: other learners cannot even connect, and many kernels starting at once
    no longer race for the same free port ("Address already in use", seen at 10 learners).
    A socket path must stay under 108 characters, too short for ~/.local/share/jupyter.
    """
    import stat
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"lowback-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    info = folder.lstat()  # refuse a folder (or link) someone else made first
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077:
        return folder
    return None


def singleuser(argv: list[str]) -> None:
    """The learner's server: copy the course to ~/lowback, trust it, run jupyterhub-singleuser."""
    source = Path(os.environ.get("LOWBACK_COURSE", ROOT))
    home = Path.home()
    dest = home / COURSE_DIR
    copied = copy_course(source, dest)
    fonts = home / ".cache" / "matplotlib"
    if FONT_CACHE.is_dir() and not fonts.exists():
        shutil.copytree(FONT_CACHE, fonts)
    trust_unchanged(source, dest)
    print(f"lowback: {len(copied)} course files copied into {dest}", file=sys.stderr)
    os.chdir(home)
    runtime = private_runtime_dir()
    if runtime:
        os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime)
        argv = [*argv, "--KernelManager.transport=ipc"]
    from jupyterhub.singleuser import main

    sys.argv = ["jupyterhub-singleuser", *argv]
    main()


# -- the hub's side: accounts, limits, processes -----------------------------------------------


def cgroup_dirs(account: str) -> list[Path]:
    """Where an account's memory and CPU cgroups live (cgroup v2, else v1); [] if neither."""
    if (CGROUP / "cgroup.controllers").exists():
        return [CGROUP / "lowback" / account]
    if (CGROUP / "memory").is_dir() and (CGROUP / "cpu").is_dir():
        return [CGROUP / "memory" / "lowback" / account, CGROUP / "cpu" / "lowback" / account]
    return []


def set_limits(account: str, mem_bytes: int, cpus: float) -> list[Path]:
    """Create the account's cgroups with these limits; the dirs made, or [] if not allowed."""
    made = []
    period = 100_000
    try:
        for d in cgroup_dirs(account):
            if d.parent.parent == CGROUP:  # v2: let children have memory and cpu controllers
                for parent in (CGROUP, d.parent):
                    parent.mkdir(exist_ok=True)
                    (parent / "cgroup.subtree_control").write_text("+memory +cpu")
            d.mkdir(parents=True, exist_ok=True)
            made.append(d)
            if (d / "memory.max").exists():
                if mem_bytes:
                    (d / "memory.max").write_text(str(mem_bytes))
                if cpus:
                    (d / "cpu.max").write_text(f"{int(cpus * period)} {period}")
            elif (d / "memory.limit_in_bytes").exists() and mem_bytes:
                (d / "memory.limit_in_bytes").write_text(str(mem_bytes))
            elif (d / "cpu.cfs_quota_us").exists() and cpus:
                (d / "cpu.cfs_period_us").write_text(str(period))
                (d / "cpu.cfs_quota_us").write_text(str(int(cpus * period)))
    except OSError:
        return []
    return made


def learner_pids(user: str, api_url: str | None = None) -> list[int]:
    """Processes (server, kernels) started for hub user ``user`` (by their environment)."""
    want = f"JUPYTERHUB_USER={user}".encode()
    api = f"JUPYTERHUB_API_URL={api_url}".encode() if api_url else None
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            env = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if want in env and (api is None or api in env):
            pids.append(int(proc.name))
    return pids


def stop_pids(pids: list[int], grace: float = 5.0) -> None:
    """SIGTERM, then after ``grace`` seconds SIGKILL, each process still alive."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
            time.sleep(0.1)


def ensure_account(account: str, home: Path) -> None:
    """A system account with its own group and a home only it can open (mode 0700)."""
    import pwd

    try:
        pwd.getpwnam(account)
    except KeyError:
        home.parent.mkdir(parents=True, exist_ok=True)
        shell = "/usr/sbin/nologin" if Path("/usr/sbin/nologin").exists() else "/bin/false"
        subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(home), "--user-group"]
            + ["--shell", shell, "--comment", "lowback learner", account],
            check=True,
        )
    home = Path(pwd.getpwnam(account).pw_dir)
    home.chmod(0o700)


def remove_account(account: str) -> None:
    """Delete a system account, its group, its home and its kernels' socket folder."""
    import pwd
    import tempfile

    try:
        uid = pwd.getpwnam(account).pw_uid
    except KeyError:
        return
    subprocess.run(["userdel", "--remove", account], check=False, capture_output=True)
    shutil.rmtree(Path(tempfile.gettempdir()) / f"lowback-{uid}", ignore_errors=True)


def _spawner_class():
    from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
    from traitlets import Bool, Unicode, default

    class ClassroomSpawner(LocalProcessSpawner):
        """Each learner's JupyterLab as their own system account, within memory and CPU limits.

        Separate accounts need the hub to run as root (``separate_accounts``); otherwise every
        learner runs as the hub's account in their own folder, which is not isolation: the
        hub warns, and it is only meant for the load test on a machine without root.
        """

        separate_accounts = Bool(config=True, help="One system account per learner (root).")
        account_prefix = Unicode("lb-", config=True, help="System account = prefix + name.")
        home_root = Unicode("/home", config=True, help="Where learners' homes are made.")
        course = Unicode(str(ROOT), config=True, help="The course repository to copy from.")

        @default("separate_accounts")
        def _default_separate(self):
            return os.geteuid() == 0

        @property
        def account(self) -> str:
            return self.account_prefix + self.user.name

        @property
        def home(self) -> Path:
            return Path(self.home_root) / self.account

        def make_preexec_fn(self, name):
            groups = getattr(self, "_cgroups", [])
            become = set_user_setuid(self.account) if self.separate_accounts else None
            home = str(self.home)

            def preexec():
                for d in groups:  # join the learner's cgroups while still root
                    (Path(d) / "cgroup.procs").write_text(str(os.getpid()))
                if become:
                    become()
                else:
                    os.chdir(home)

            return preexec

        def user_env(self, env):
            env["USER"] = self.account
            env["HOME"] = str(self.home)
            env["SHELL"] = "/bin/bash"
            return env

        def get_env(self):
            env = super().get_env()
            env["LOWBACK_COURSE"] = self.course
            return env

        async def start(self):
            if self.separate_accounts:
                ensure_account(self.account, self.home)
            else:
                self.home.mkdir(parents=True, exist_ok=True)
            self._cgroups = set_limits(self.account, self.mem_limit or 0, self.cpu_limit or 0)
            if not self._cgroups and (self.mem_limit or self.cpu_limit):
                self.log.warning("No cgroups here: %s runs without memory/CPU limits", self.account)
            return await super().start()

        async def stop(self, now=False):
            await super().stop(now=now)
            # kernels run in sessions of their own: stop any the server left behind
            stop_pids(learner_pids(self.user.name, self.hub.api_url), grace=2.0)
            for d in cgroup_dirs(self.account):
                try:
                    d.rmdir()
                except OSError:
                    pass

    return ClassroomSpawner


def __getattr__(name: str):
    if name == "ClassroomSpawner":  # imported lazily: jupyterhub is only needed for a class
        return _spawner_class()
    raise AttributeError(name)


# -- the learners' Python ---------------------------------------------------------------------

RUNTIME = HUB_DIR / "venv"
"""The learners' Python environment: the same lock as .venv, from an interpreter they can run."""


def _runnable_by_all(path: Path) -> bool:
    """Whether any account can run ``path``: it and every folder above it are open to others."""
    path = path.resolve()
    return path.is_file() and all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


def base_python() -> Path:
    """An interpreter of this Python's minor version that every learner account can run.

    This venv's own base interpreter if it is open to all; otherwise (a pyenv Python under
    a private /root, say) the system's python3.X.
    """
    own = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [own]
    for minor in range(sys.version_info[1], 15):
        candidates += [Path(f"/usr/bin/python3.{minor}"), Path(f"/usr/local/bin/python3.{minor}")]
    for path in candidates:
        if _runnable_by_all(path):
            return path
    raise SystemExit("error: no Python 3.11+ that learner accounts can run (see docs/classroom.md)")


def build_runtime(lock: Path = ROOT / "requirements.lock") -> Path:
    """Make classroom/venv from requirements.lock (uv, as ``make`` does for .venv)."""
    uv = [str(Path(sys.executable).parent / "uv")]
    python = str(RUNTIME / "bin" / "python")
    venv = [*uv, "venv", "--quiet", "--clear", "--python", str(base_python())]
    subprocess.run([*venv, str(RUNTIME)], check=True)
    install = [*uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", python]
    subprocess.run([*install, "-r", str(lock)], check=True)
    subprocess.run([*install, "--no-deps", "-e", str(ROOT)], check=True)
    settings = RUNTIME / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "jupyter" / "overrides.json", settings / "overrides.json")
    # matplotlib's font list, built once here and copied to each new learner (saves seconds)
    env = dict(os.environ, MPLCONFIGDIR=str(FONT_CACHE))
    subprocess.run([python, "-c", "import matplotlib.font_manager"], check=True, env=env)
    return RUNTIME


FONT_CACHE = RUNTIME / "share" / "lowback-matplotlib"


def learner_python() -> str:
    """The interpreter learners' servers run: classroom/venv's, else this one."""
    python = RUNTIME / "bin" / "python"
    return str(python) if python.exists() else sys.executable


# -- the hub itself ----------------------------------------------------------------------------


def proxy_command() -> Path:
    return HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"


def hub_env(args: argparse.Namespace) -> dict[str, str]:
    """The settings classroom/jupyterhub_config.py reads, from the command line."""
    env = dict(os.environ)
    env.update(
        LOWBACK_HUB_IP=args.ip,
        LOWBACK_HUB_PORT=str(args.port),
        LOWBACK_HUB_STATE=str(Path(args.state).resolve()),
        LOWBACK_ADMIN=args.admin,
        LOWBACK_MEM_LIMIT=args.mem_limit,
        LOWBACK_CPU_LIMIT=str(args.cpu_limit),
        LOWBACK_CULL_TIMEOUT=str(args.cull_timeout),
    )
    if args.ssl_cert:
        env.update(LOWBACK_SSL_CERT=args.ssl_cert, LOWBACK_SSL_KEY=args.ssl_key)
    return env


def serve(argv: list[str]) -> None:
    """Run the hub in the foreground; Ctrl+C stops every learner's server and the proxy."""
    p = argparse.ArgumentParser(prog="python -m lowback.classroom serve")
    p.add_argument("--ip", default="127.0.0.1", help="address to serve on (default: this computer)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--state", default=str(HUB_DIR / "state"), help="hub database and secrets")
    p.add_argument("--admin", default="instructor", help="the instructor's hub name")
    p.add_argument("--mem-limit", default="1G", help="memory per learner (cgroup limit)")
    p.add_argument("--cpu-limit", type=float, default=1.0, help="CPUs per learner (cgroup)")
    p.add_argument("--cull-timeout", type=int, default=3600, help="stop servers idle this long")
    p.add_argument("--ssl-cert", help="certificate file: serve HTTPS (needed off 127.0.0.1)")
    p.add_argument("--ssl-key", help="its private key file")
    args = p.parse_args(argv)
    if not proxy_command().exists():
        raise SystemExit("error: the proxy is not installed: run `make classroom/.installed`")
    if args.ip not in ("127.0.0.1", "localhost") and not args.ssl_cert:
        print(
            f"warning: serving on {args.ip} over plain HTTP: passwords cross the network in"
            " the clear. Give --ssl-cert and --ssl-key (docs/classroom.md, HTTPS).",
            file=sys.stderr,
        )
    if os.geteuid() != 0:
        print(
            "warning: not root: every learner runs as this account, so learners can read each"
            " other's files. Run as root for one system account per learner.",
            file=sys.stderr,
        )
    state = Path(args.state)
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o700)  # the database and cookie secret: the hub's alone
    config = HUB_DIR / "jupyterhub_config.py"
    cmd = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
    os.chdir(state)
    os.execve(sys.executable, cmd, hub_env(args))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("serve", "singleuser", "trust", "runtime"):
        raise SystemExit("usage: python -m lowback.classroom serve|singleuser|trust|runtime")
    verb, rest = argv[0], argv[1:]
    if verb == "runtime":
        build_runtime()
    elif verb == "serve":
        serve(rest)
    elif verb == "singleuser":
        singleuser(rest)
    else:  # trust FOLDER: the lessons in a learner's copy (Zero to JupyterHub's postStart)
        trust(lessons(Path(rest[0] if rest else "notebooks")))


if __name__ == "__main__":
    main()
