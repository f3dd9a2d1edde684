"""Mutation testing of the logic that decides what a learner is told (`make mutation`).

Runs mutmut (a maintained mutation tester on PyPI) over the modules in MODULES against the
fast unit tests, in a scratch copy under build/mutation so the work tree and other people's
edits are left alone. mutmut records which tests call which function and runs only those
tests against each mutant. Prints each module's score and every surviving mutant with its
diff; benchmarks/README.md says why each survivor left cannot change what a learner sees.

    python benchmarks/mutation.py                    # every module, from scratch
    python benchmarks/mutation.py recovery safety    # only these modules, from scratch
    python benchmarks/mutation.py --keep routine     # rerun these, keep the others' results
    python benchmarks/mutation.py --survivors        # rerun only last run's survivors (new tests)
    python benchmarks/mutation.py --report           # print the last results again
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("LOWBACK_MUTATION_DIR") or ROOT / "build" / "mutation")
"""Where the scratch copy and mutmut's results live (one folder per set of results)."""
MODULES = ["recovery", "safety", "dosage", "routine", "tracker", "quiz", "anatomy", "poses"]
# The fast unit tests that exercise these modules; mutmut picks, per mutated function, the
# tests among these that call it.
TESTS = [
    "tests/test_recovery.py",
    "tests/test_safety.py",
    "tests/test_dosage.py",
    "tests/test_routine.py",
    "tests/test_tracker.py",
    "tests/test_quiz.py",
    "tests/test_anatomy.py",
    "tests/test_poses.py",
    "tests/test_pose_geometry.py",
    "tests/test_pose_audit.py",
    "tests/test_exercise_figures.py",
    "tests/test_anatomy_widgets.py",
    "tests/test_catalogue.py",
    "tests/test_properties.py",
]
PYTEST_ARGS = [
    *("-p", "no:nbval", "-o", "addopts=-p no:cacheprovider"),
    # Its writers are separate processes that import the unmutated package, and a mutant that
    # stops them from starting leaves the test waiting on a pipe without using any CPU time.
    "--deselect=tests/test_tracker.py::test_killing_a_writer_mid_batch_loses_no_committed_entry",
]
# mutmut's exit codes for a mutant (mutmut.stats.status_by_exit_code).
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
SKIPPED = {34}


def config() -> str:
    only = ", ".join(f'"lowback/{m}.py"' for m in MODULES)
    tests = ", ".join(f'"{t}"' for t in TESTS if (ROOT / t).exists())
    return f"""
[tool.mutmut]
source_paths = ["lowback"]
only_mutate = [{only}]
pytest_add_cli_args = [{", ".join(f'"{a}"' for a in PYTEST_ARGS)}]
pytest_add_cli_args_test_selection = [{tests}]
mutate_only_covered_lines = false
on_dependency_change = "ignore"  # each run starts from scratch unless --keep is given
"""


# Put in the scratch copy's tests/ only: before each test, every cached look-up of the course
# (levels(), red_flags(), exercises(), the data files...) is forgotten, so it is worked out
# again with the mutant in place instead of coming from a run of the unmutated code.
CONFTEST = '''"""Written by benchmarks/mutation.py for mutation runs only."""

import sys

import pytest


@pytest.fixture(autouse=True)
def _forget_cached_lookups():
    for name, module in list(sys.modules.items()):
        if name == "lowback" or name.startswith("lowback."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
'''


def copy_tree() -> None:
    """Lay the sources, tests and a pyproject with mutmut's settings in WORK."""
    WORK.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "browser")
    for name in ("lowback", "tests"):
        if (WORK / name).exists():
            shutil.rmtree(WORK / name)
        shutil.copytree(ROOT / name, WORK / name, ignore=ignore)
    conftest = WORK / "tests" / "conftest.py"
    conftest.write_text((conftest.read_text() + "\n\n" if conftest.exists() else "") + CONFTEST)
    text = (ROOT / "pyproject.toml").read_text()
    (WORK / "pyproject.toml").write_text(text + config())


def refresh_copies() -> None:
    """Drop mutmut's copies of the files it does not mutate (the data, other modules), so a
    rerun copies them afresh: mutmut never updates a copy it already has, and new tests
    failed against the old data. The mutated modules stay: mutmut re-makes one whose source
    changed and keeps the results of its unchanged functions."""
    copies = WORK / "mutants" / "lowback"
    if not copies.exists():
        return
    keep = {f"{m}.py{ext}" for m in MODULES for ext in ("", ".meta", ".spans")}
    for path in copies.iterdir():
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def mutant_diff(name: str, module: str) -> str:
    """The changed lines of one mutant, read from mutmut's mutated copy (run inside WORK)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(name, path=Path("lowback") / f"{module}.py")
    lines = diff.splitlines()[2:]
    return "\n".join(f"        {line}" for line in lines if line.startswith(("+", "-")))


def codes_of(module: str) -> dict[str, int | None]:
    """mutmut's exit code for each mutant of a module (None: not checked yet)."""
    meta = WORK / "mutants" / "lowback" / f"{module}.py.meta"
    return json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}


def report(modules: list[str]) -> list[tuple[str, float]]:
    scores = []
    for module in modules:
        codes = codes_of(module)
        unchecked = sorted(k for k, c in codes.items() if c is None)
        if unchecked:
            print(f"\n== lowback/{module}.py: {len(unchecked)} mutants not checked yet (run again)")
        counted = {k: c for k, c in codes.items() if c not in SKIPPED and c is not None}
        killed = sum(1 for c in counted.values() if c in KILLED)
        survivors = sorted(k for k, c in counted.items() if c not in KILLED)
        score = 100.0 * killed / len(counted) if counted else 0.0
        scores.append((module, score))
        print(f"\n== lowback/{module}.py: {score:.1f}% ({killed} of {len(counted)} mutants killed)")
        for name in survivors:
            print(f"    survived: {name}")
            print(mutant_diff(name, module))
    return scores


def main(argv: list[str]) -> int:
    keep, report_only = "--keep" in argv, "--report" in argv
    survivors = "--survivors" in argv
    modules = [a for a in argv if not a.startswith("-")] or MODULES
    unknown = sorted(set(modules) - set(MODULES))
    if unknown:
        print(f"error: not a module under mutation testing: {', '.join(unknown)}")
        return 2
    if report_only:
        os.chdir(WORK)
        report(modules)
        return 0
    if not (keep or survivors) and WORK.exists():
        shutil.rmtree(WORK)
    copy_tree()
    refresh_copies()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    names = [f"lowback.{m}.*" for m in modules] if modules != MODULES else []
    if survivors:
        names = [k for m in modules for k, c in codes_of(m).items() if c not in KILLED]
        if not names:
            print("no survivors to run again")
            os.chdir(WORK)
            report(modules)
            return 0
    command = [sys.executable, "-m", "mutmut", "run", *names]
    run = subprocess.run(command, cwd=WORK, env=env, check=False)
    if run.returncode != 0:
        print(f"error: mutmut stopped with exit code {run.returncode}")
        return run.returncode
    os.chdir(WORK)
    scores = report(modules)
    print("\nscore by module:")
    for module, score in scores:
        print(f"    {module:10} {score:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
