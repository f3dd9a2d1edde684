"""Read the course's TOML data files shipped inside the package."""

import tomllib
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    """Return the parsed contents of ``lowback/data/<name>.toml``."""
    text = resources.files("lowback").joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)
