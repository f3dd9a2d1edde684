"""Open the course in JupyterLab, its lessons trusted first so saved controls show at once.

JupyterLab draws a notebook's saved widgets only for a trusted notebook; an untrusted one
shows each control as a line of text until its cell is run. The lessons come from this
course, so ``make lab`` marks them trusted (JupyterLab's own signature store) and then
starts JupyterLab with the arguments given:

    python -m lowback.lab --ServerApp.ip=127.0.0.1 ...
"""

import sys
from pathlib import Path

import nbformat

NOTEBOOKS = Path("notebooks")


def trust(paths: list[Path]) -> list[Path]:
    """Sign each notebook that is not yet trusted; return the ones newly signed."""
    from nbformat.sign import NotebookNotary

    notary, signed = NotebookNotary(), []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if not notary.check_signature(nb):
            notary.sign(nb)
            signed.append(path)
    return signed


def main(argv: list[str] | None = None) -> None:
    """Trust the course's lessons (in ./notebooks), then run JupyterLab."""
    from jupyterlab.labapp import LabApp

    from lowback.teach import lesson_paths

    trust(lesson_paths(NOTEBOOKS))
    LabApp.launch_instance(argv=sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
