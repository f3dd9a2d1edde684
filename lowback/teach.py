"""Teaching views of the lessons, all from the one notebook source.

Cells tagged ``instructor`` are notes for whoever teaches: they are removed from the
learner views (the static site and presenter mode) and become speaker notes in the slides.

    python -m lowback.teach slides [NOTEBOOK ...]   # reveal.js decks in slides/, offline
    python -m lowback.teach html [NOTEBOOK ...]     # the static site in site/
    python -m lowback.teach present 04              # one lesson in Voila, code hidden
"""

import argparse
import base64
import copy
import html
import mimetypes
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import nbformat

from lowback.course import lessons

INSTRUCTOR = "instructor"
LAB_ONLY = "lab-only"
"""Tag of a cell that only makes sense in JupyterLab ("run the cell below"): other views drop it."""
CURIOUS = "curious"
"""Tag of an aside on files and code, for the notebook and the site: presenter mode drops it."""
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc=\")([^\"]+)(\")")
"""The address of an ``<img>`` (how lessons show images/, sized for a 2x screen)."""
TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOKS = Path("notebooks")
VENDOR = Path("vendor") / "node_modules"
# Front-end files the pages load, copied beside them: (pattern in node_modules, folder in
# vendor/ or None for the same layout). The widgets' icon font is looked up beside each of
# the widget modules, which require.js places under vendor/@jupyter-widgets/.
ASSETS = (
    ("reveal.js/dist/reveal.js", None),
    ("reveal.js/dist/reveal.css", None),
    ("reveal.js/dist/theme/white.css", None),
    ("reveal.js/dist/theme/fonts/source-sans-pro/*", None),
    ("reveal.js/plugin/notes/notes.js", None),
    ("requirejs/require.js", None),
    ("jquery/dist/jquery.min.js", None),
    ("@jupyter-widgets/html-manager/dist/embed-amd.js", None),
    ("@jupyter-widgets/html-manager/dist/*.woff2", None),
    ("@jupyter-widgets/html-manager/dist/*.woff2", "@jupyter-widgets"),
)
SITE_NOTE = (
    "Each lesson as a web page, with the results saved when it was last run. Nothing on these "
    "pages runs Python: each control is shown as its picture and its rule in words. To move "
    "the controls, open the lessons in JupyterLab."
)
BANNER = (
    "**A read-only copy.** Nothing here runs Python, so the controls are shown as pictures "
    "and words: the red-flag check as its rule, each self-check with its answers behind "
    "*Show the answer*, each exercise as a picture that moves by itself. To move sliders, "
    "tick boxes or save your own routine, open the lesson in JupyterLab."
)
SLIDES_NOTE = "Arrow keys move through a deck; press S for the speaker notes, F for full screen."
# Exporter options pointing at those copies; the white theme uses only local fonts.
OPTIONS = {
    "reveal_theme": "white",
    "reveal_url_prefix": "vendor/reveal.js",
    "require_js_url": "vendor/requirejs/require.js",
    "jquery_url": "vendor/jquery/dist/jquery.min.js",
    "widget_renderer_url": "vendor/@jupyter-widgets/html-manager/dist/embed-amd.js",
}


def is_instructor(cell: dict) -> bool:
    """Whether a cell is a note for the instructor."""
    return INSTRUCTOR in cell.get("metadata", {}).get("tags", [])


def is_lab_only(cell: dict) -> bool:
    """Whether a cell only makes sense in JupyterLab (how to run cells)."""
    return LAB_ONLY in cell.get("metadata", {}).get("tags", [])


def learner_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a learner sees it outside JupyterLab: no instructor or lab-only cells."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not (is_instructor(c) or is_lab_only(c))]
    return out


def offline_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook for views without a kernel: each control becomes its kernel-free HTML.

    A saved widget would still look alive in the page but do nothing, so every widget
    output is replaced (by the control's own offline face, or a plain note) and the saved
    widget state is dropped. A still picture becomes an ``<img>`` with its alt text (the
    notebook exporters drop the alt of an ``image/png`` output). A banner at the top says
    what needs the live lesson.
    """
    from lowback.widgets.offline import LIVE_ONLY, MIME, render, still

    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not is_lab_only(c)]
    out.metadata.pop("widgets", None)
    for cell in out.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                output["data"] = {"text/html": render(data[MIME])}
            elif "image/png" in data:  # a still picture, with its alt text in the page
                output["data"] = {"text/html": still(output)}
            elif WIDGET_VIEW in data:
                output["data"] = {"text/html": f"<p><i>{html.escape(LIVE_ONLY)}</i></p>"}
    banner = nbformat.v4.new_markdown_cell(BANNER, metadata={"slideshow": {"slide_type": "-"}})
    out.cells.insert(1 if out.cells else 0, banner)  # under the title, on the title slide
    return out


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _navigation(path: Path, paths: list[Path]) -> str:
    """Markdown links to the previous lesson, the contents and the next lesson."""
    titles = {s.file: f"Lesson {s.number}: {s.title}" for s in lessons()}
    at = paths.index(path)
    links = []
    if at > 0:
        before = paths[at - 1]
        links.append(f"[← {titles.get(before.name, before.stem)}]({before.name})")
    links.append("[Contents](index.html)")
    if at + 1 < len(paths):
        after = paths[at + 1]
        links.append(f"[{titles.get(after.name, after.stem)} →]({after.name})")
    return "**Move on:** " + " · ".join(links)


def slides_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a deck: instructor cells become speaker notes, and each section is
    packed into vertical subslides that fit the screen (lowback/slides.py). The deck's
    template fits it again as it is written, once its controls are pictures."""
    from lowback.slides import fit

    out = copy.deepcopy(nb)
    for cell in out.cells:
        if is_instructor(cell):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "notes"
    return fit(out)


def lesson_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """Every lesson notebook in a folder, in course order."""
    return sorted(folder.glob("[0-9]*.ipynb"))


def find_lesson(key: str, folder: Path = NOTEBOOKS) -> Path:
    """The notebook for a lesson number such as ``4`` or ``04``; SystemExit with one line."""
    if not re.fullmatch(r"[0-9]{1,2}", key.strip()):
        raise SystemExit(f"error: a lesson is a number such as 4 or 04, not {key!r}")
    number = int(key)
    matches = [p for p in lesson_paths(folder) if p.name.split("_", 1)[0] == f"{number:02d}"]
    if not matches:
        raise SystemExit(f"error: no lesson {key.strip()} in {folder}/")
    return matches[0]


def copy_assets(out: Path, vendor: Path = VENDOR) -> None:
    """Copy the front-end files the pages need into ``out/vendor``."""
    for pattern, folder in ASSETS:
        found = list(vendor.glob(pattern))
        if not found:
            raise SystemExit(f"{vendor}/{pattern} is missing: run `make vendor` (npm ci)")
        for src in found:
            rel = Path(folder, src.name) if folder else src.relative_to(vendor)
            dest = out / "vendor" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)


def _link_pages(text: str, suffix: str) -> str:
    """Point links between lessons at the built pages instead of the notebooks."""
    return re.sub(r'href="(\d\d_[^"/]+)\.ipynb', rf'href="\1{suffix}', text)


def _export(exporter, nb: nbformat.NotebookNode, path: Path, suffix: str, out: Path) -> Path:
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target = out / f"{path.stem}{suffix}"
    target.write_text(_link_pages(body, suffix), encoding="utf-8")
    return target


def _exporter(kind: str):
    from nbconvert import HTMLExporter, SlidesExporter

    cls, template = {
        "slides": (SlidesExporter, "lowback_reveal"),
        "html": (HTMLExporter, "lowback_lab"),
    }[kind]
    exporter = cls(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=template,
        exclude_input=True,  # nothing runs in these copies: results speak, code stays in the lab
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        extra_template_paths=[str(TEMPLATES)],  # a11y.css, which every view includes
    )
    for name, value in OPTIONS.items():
        if exporter.has_trait(name):
            setattr(exporter, name, value)
    return exporter


def safety_first(pages: dict[str, Path]) -> str:
    """The contents page's first box: not a diagnosis; the red-flag check before any exercise,
    with the emergency signs and their action (all from data)."""
    from lowback._data import load
    from lowback.draw.style import PALETTE
    from lowback.safety import lead, levels, red_flags

    start = next((pages[s.file].name for s in lessons() if s.number == 0 and s.file in pages), "")
    check = f'<a href="{html.escape(start)}">Lesson 0</a>' if start else "Lesson 0"
    urgent = levels()[0]
    signs = "".join(f"<li>{html.escape(f.question)}</li>" for f in red_flags(urgent.id))
    return (
        f'<section aria-label="Safety first" style="border-left:6px solid {PALETTE["alarm"]};'
        'padding:0.3em 0.8em;margin:1em 0">'
        f"<p><b>{html.escape(load('handout')['not_diagnosis'])}</b> Before any exercise, answer "
        f"the red-flag check in {check}.</p>"
        f"<p><b>{html.escape(urgent.line)}</b> {html.escape(lead())}:</p><ul>{signs}</ul></section>"
    )


def write_index(out: Path, pages: dict[str, Path], heading: str, note: str) -> Path:
    """A contents page linking every built lesson, from the course map."""
    items = [
        f'<li><a href="{html.escape(pages[s.file].name)}">Lesson {s.number} · '
        f"{html.escape(s.title)}</a> <small>({s.minutes} min)</small><br>"
        f"{html.escape(s.summary)}</li>"
        for s in lessons()
        if s.file in pages
    ]
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(heading)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;padding:0 1em;"
        "line-height:1.5}main>ul{list-style:none;padding:0}main>ul>li{margin:0.8em 0}</style>"
        "</head><body>"
        f"<main><h1>{html.escape(heading)}</h1>{safety_first(pages)}<p>{html.escape(note)}</p>"
        f"<ul>{''.join(items)}</ul></main></body></html>\n"
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def build(kind: str, paths: Iterable[Path], out: Path, vendor: Path = VENDOR) -> list[Path]:
    """Write slides (``kind="slides"``) or site pages (``"html"``) for notebooks into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out, vendor)
    exporter = _exporter(kind)
    view, suffix, heading, note = {
        "slides": (slides_copy, ".slides.html", "lowback: slides", SLIDES_NOTE),
        "html": (learner_copy, ".html", "lowback: a pinched nerve in the low back", SITE_NOTE),
    }[kind]
    pages = {}
    paths = list(paths)
    for path in paths:
        nb = offline_copy(view(nbformat.read(path, as_version=4)))
        if kind == "html":
            nav = _navigation(path, paths)
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(nav))
            nb.cells.append(nbformat.v4.new_markdown_cell(nav))
        inline_images(nb, path.parent)  # nbconvert embeds only files beside the notebook
        pages[path.name] = _export(exporter, nb, path, suffix, out)
    write_index(out, pages, heading, note)
    return list(pages.values())


def inline_images(nb: nbformat.NotebookNode, folder: Path) -> None:
    """Replace the paths of markdown images and ``<img>`` (relative to ``folder``) with data
    URIs, in place; an ``<img>`` keeps its size and alt text."""

    def data_uri(src: str) -> str | None:
        path = folder / src
        if "://" in src or src.startswith("data:") or not path.is_file():
            return None
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    def markdown(match: re.Match) -> str:
        uri = data_uri(match[2])
        return match[0] if uri is None else f"![{match[1]}]({uri})"

    def tag(match: re.Match) -> str:
        uri = data_uri(html.unescape(match[2]))
        return match[0] if uri is None else f"{match[1]}{uri}{match[3]}"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = HTML_IMAGE.sub(tag, MARKDOWN_IMAGE.sub(markdown, cell.source))


def presenter_view(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """The lesson for presenter mode: no instructor or "for the curious" cells (raw files and
    code, which a projected lesson does not show), images inlined, classroom style.

    Voila looks up markdown images inside the folder it serves and fails on ``../images``,
    so the pictures travel inside the page instead.
    """
    view = learner_copy(notebook)
    view.cells = [c for c in view.cells if CURIOUS not in c.get("metadata", {}).get("tags", [])]
    inline_images(view, folder)
    css = (TEMPLATES / "classroom.css").read_text(encoding="utf-8")
    css += (TEMPLATES / "a11y.css").read_text(encoding="utf-8")  # links, focus ring, contrast
    js = (TEMPLATES / "lowback_voila" / "a11y.js").read_text(encoding="utf-8")  # control names
    cell = f"<style>\n{css}</style>\n<script>\n{js}</script>"
    view.cells.insert(0, nbformat.v4.new_markdown_cell(cell))
    return view


def present(path: Path, port: int = 8866, extra: Iterable[str] = ()) -> None:
    """Serve the course in Voila on 127.0.0.1 at lesson ``path`` (see lowback/present.py)."""
    from lowback.present import present as serve

    serve(path, port, extra)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``slides``, ``html`` or ``present``."""
    parser = argparse.ArgumentParser(prog="python -m lowback.teach", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for kind, default in (("slides", "slides"), ("html", "site")):
        p = sub.add_parser(kind)
        p.add_argument("notebooks", nargs="*", type=Path)
        p.add_argument("--out", type=Path, default=Path(default))
        p.add_argument("--vendor", type=Path, default=VENDOR)
    p = sub.add_parser("present")
    p.add_argument("lesson", help="lesson number, e.g. 04")
    p.add_argument("--port", type=int, default=8866)
    args, extra = parser.parse_known_args(argv)
    if args.command == "present":
        present(find_lesson(args.lesson), args.port, extra)
        return
    for page in build(args.command, args.notebooks or lesson_paths(), args.out, args.vendor):
        print(page)


if __name__ == "__main__":
    main()
