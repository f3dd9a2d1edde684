"""The promises the repository makes: two commands, matching environments, shipped data."""

import fnmatch
import re
import tomllib
from pathlib import Path

from lowback.course import lessons

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def normalise(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower()


def test_environment_yml_matches_pyproject():
    env = (ROOT / "environment.yml").read_text()
    conda = {normalise(m) for m in re.findall(r"^  - ([a-z][^\n]*)$", env, re.M)}
    project = PYPROJECT["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    assert {normalise(r) for r in wanted} <= conda
    python = normalise(project["requires-python"])
    assert f"python{python}" in conda
    assert "- -e ." in env, "environment.yml installs this repository"


def test_readme_quick_start_is_exactly_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+$", quick, re.M)
    assert commands == ["make lab", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_lists_every_lesson():
    readme = (ROOT / "README.md").read_text()
    for lesson in lessons():
        assert lesson.title in readme, lesson.title


def test_every_data_file_ships_in_the_wheel():
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["lowback"]
    data = ROOT / "lowback"
    for path in [*(data / "data").rglob("*"), *(data / "templates").rglob("*")]:
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(data).as_posix()
            assert any(fnmatch.fnmatch(rel, g) for g in globs), rel


def test_every_subpackage_ships_in_the_wheel():
    """A plain `pip install .` (not editable) must bring lowback.draw, lowback.widgets..."""
    packages = PYPROJECT["tool"]["setuptools"]["packages"]
    assert isinstance(packages, dict), "find packages; a hand-made list forgets subpackages"
    include = packages["find"]["include"]
    for init in (ROOT / "lowback").rglob("__init__.py"):
        name = ".".join(init.parent.relative_to(ROOT).parts)
        assert any(fnmatch.fnmatch(name, pattern) for pattern in include), name


def locked() -> dict[str, str]:
    """Each package's exact version in requirements.lock (names normalised)."""
    text = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, re.M)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


def test_the_lock_pins_every_dependency_within_pyproject_and_environment_yml():
    from packaging.requirements import Requirement

    pins = locked()
    project = PYPROJECT["project"]
    env = (ROOT / "environment.yml").read_text()
    conda = re.findall(r"^  - ([a-z][^\n:]*)$", env.split("dependencies:", 1)[1], re.M)
    for text in project["dependencies"] + project["optional-dependencies"]["test"] + conda:
        req = Requirement(text.replace(" ", ""))
        if req.name in ("python", "pip"):
            continue
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in pins, f"{req.name} is not in requirements.lock: run make lock"
        assert req.specifier.contains(pins[name]), f"{req.name} {pins[name]} breaks {req}"


def test_the_lock_has_a_hash_for_every_pin():
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    pins = re.findall(r"^[A-Za-z0-9._-]+==", text, re.M)
    assert len(blocks) == len(pins) and len(locked()) > 50
    assert all("--hash=sha256:" in b for b in blocks)


def test_every_install_uses_the_lock():
    make = (ROOT / "Makefile").read_text()
    stamp = make.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "-r requirements.lock" in stamp and "--no-deps -e ." in stamp
    assert "requirements.lock" in stamp.splitlines()[0], "a new lock re-installs"
