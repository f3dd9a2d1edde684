"""Read the course's TOML data files shipped inside the package.

Text in any data file may name a red-flag level's words as ``{title:LEVEL}``,
``{action:LEVEL}`` or ``{when:LEVEL}``; they are filled in from ``safety.toml`` on loading,
so the pathway's words live in one place.
"""

import re
import tomllib
from functools import cache
from importlib import resources

_LEVEL_WORDS = re.compile(r"\{(title|action|when):([a-z-]+)\}")


def _read(name: str) -> dict:
    text = resources.files("lowback").joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def _filler(name: str):
    words = {lv["id"]: lv for lv in _read("safety")["level"]}

    def fill(match: re.Match) -> str:
        field, which = match.groups()
        if which not in words:
            raise ValueError(f"{name}.toml names an unknown red-flag level {which!r}")
        return words[which][field]

    return fill


def _fill(value, fill):
    if isinstance(value, str):
        return _LEVEL_WORDS.sub(fill, value)
    if isinstance(value, list):
        return [_fill(v, fill) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, fill) for k, v in value.items()}
    return value


@cache
def load(name: str) -> dict:
    """Return the parsed contents of ``lowback/data/<name>.toml``, level words filled in."""
    data = _read(name)
    return _fill(data, _filler(name))
