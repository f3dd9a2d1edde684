"""Slides that fit: each section's content packed into vertical subslides of one screen.

The lessons mark where sections start (``slide``) and sometimes where a section turns a
page (``subslide``); nothing in a notebook says how tall its text, pictures and outputs
will be on a projector. :func:`fit` estimates that, in CSS pixels of the deck's slide
(:data:`SLIDE_WIDTH` x :data:`SLIDE_HEIGHT`, as ``lowback_reveal`` configures reveal.js),
and starts a new vertical subslide wherever the next piece would not fit:

* markdown cells (and markdown or HTML outputs) are cut between paragraphs, list items,
  headings and pictures, never inside one; a heading, or a short line that introduces
  what follows ("Press ▶ ..."), moves with what follows;
* text is measured with the font the deck uses (DejaVu Sans, bundled with matplotlib),
  pictures from their pixel sizes (markdown images and ``<img>`` data, PNG outputs), an
  ``<img>`` at the CSS ``width`` it gives (a lesson's picture has two pixels to each);
* no picture is taller than :data:`PICTURE_MAX`, which the deck's style sheet enforces,
  so one picture and its caption always fit on a subslide of their own;
* instructor notes (``notes``) and skipped cells take no room and stay where they are.

:func:`fit` runs twice when a deck is built: from :func:`lowback.teach.slides_copy`, and
again as the ``FitSlides`` preprocessor of the ``lowback_reveal`` template (its
``conf.json``), on the notebook exactly as it is exported (controls replaced by their
kernel-free pictures, images inlined). Every change it makes is recorded in the cells'
metadata (``lowback_fit``), so a second run first undoes the first and packs again.
"""

import base64
import copy
import functools
import io
import re
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser

import nbformat
from nbconvert.preprocessors import Preprocessor

SLIDE_WIDTH, SLIDE_HEIGHT = 960, 700
"""The deck's slide in CSS pixels (reveal.js scales it to the screen)."""
ROOM = 610
"""Estimated height the content of one subslide may take: the slide less a margin for the
estimate's errors (text measured in one font may wrap differently in another)."""
PICTURE_MAX = 440
"""Tallest a picture is shown, in CSS pixels (``max-height`` in the deck's style sheet)."""
STRETCH = 50
"""How much longer the subslides of a section may run, if that saves one."""
BIG_PICTURE = 200
"""A picture at least this tall keeps the short line before it (its caption) with it."""
CAPTION = 90
"""The tallest a line of text before a picture may be, to count as its caption."""
TEXT_WIDTH = 912
"""Width of a line of text in a markdown cell or an output, in CSS pixels."""
FONT_SIZE = 20
WIDER = 1.04
"""Bold and italic runs are wider than the regular font that measures them."""
HEADING_NARROWER = 0.8
"""Headings are set in capitals of Source Sans Pro, narrower than DejaVu Sans Bold."""
CODE_LINE, CODE_CHARS = 23, 78
"""Printed output: line height and characters a line holds before it wraps."""
CELL_GAP, OUTPUT_GAP = 10, 8
"""Padding of each cell the deck shows, and what a cell's outputs add to it."""
META = "lowback_fit"
"""Metadata key recording what :func:`fit` changed, so that it can be undone."""

# How the deck's style sheets lay out HTML: line height, and margins above and below, per
# element (anything else is set at LINE_HEIGHT with no margins). Lists indent their items.
LINE_HEIGHT = 32
LAYOUT = {
    "p": (26, 20, 20),
    "h1": (60, 30, 20),
    "h2": (39, 20, 20),
    "h3": (34, 20, 20),
    "h4": (30, 20, 20),
    "h5": (30, 20, 20),
    "h6": (30, 20, 20),
    "pre": (CODE_LINE, 0, 0),
    "blockquote": (LINE_HEIGHT, 20, 20),
    "table": (LINE_HEIGHT, 0, 20),
}
TABLE_LINE, CELL_PADDING, ROW_PADDING = 25, 20, 10
HEADING_SIZE = {"h1": 50, "h2": 32, "h3": 28, "h4": 24, "h5": 22, "h6": 20}
LIST_INDENT = 60
BOX = 20  # a notice box's padding and border, top and bottom together
BOX_SIDES = 40
PICTURE_MARGINS = 46  # a picture's margins (20 above and below) and its line's descent
BLOCK = {
    "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
    "thead", "tbody", "details", "summary", "blockquote", "figure", "figcaption", "section",
    "dl", "dt", "dd", "hr", "br",
}  # fmt: skip
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
BULLET = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
TAG = re.compile(r"<[^>]+>")


# --- measuring text -------------------------------------------------------------------


@functools.cache
def _font(size: int, bold: bool = False):
    """The deck's body font (DejaVu Sans, which matplotlib ships) at ``size`` pixels."""
    from pathlib import Path

    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path(), "fonts", "ttf", name)), size)


def lines(text: str, width: float = TEXT_WIDTH, size: int = FONT_SIZE, bold: bool = False) -> int:
    """How many lines ``text`` wraps to in a column ``width`` pixels wide."""
    words = text.split()
    if not words:
        return 0
    font = _font(size, bold)
    space = font.getlength(" ") * WIDER
    count, used = 1, 0.0
    for word in words:
        w = font.getlength(word) * WIDER
        if used and used + space + w > width:
            count, used = count + 1, w
        else:
            used += (space if used else 0) + w
        while used > width:  # a word longer than the line breaks anywhere
            count, used = count + 1, used - width
    return count


def code_lines(row: str) -> int:
    """How many lines a line of printed output wraps to (at spaces, as ``pre-wrap`` does)."""
    return max(1, len(textwrap.wrap(row.rstrip(), CODE_CHARS, drop_whitespace=False)))


# --- pictures -------------------------------------------------------------------------


def picture_size(src: str) -> tuple[int, int] | None:
    """Pixel width and height of a picture given as a data URI, or None if unknown."""
    if not src.startswith("data:") or "," not in src:
        return None
    head, data = src.split(",", 1)
    if "svg" in head:
        return None
    try:
        raw = base64.b64decode(data) if ";base64" in head else data.encode()
        from PIL import Image

        with Image.open(io.BytesIO(raw)) as img:
            return img.size
    except Exception:  # noqa: BLE001 - an unreadable picture is simply of unknown size
        return None


def picture_height(size: tuple[float, float] | None, width: float | None = None) -> float:
    """Height a picture takes on a slide: shown at ``width`` (or its own width), no wider
    than a line and no taller than :data:`PICTURE_MAX`; an unknown picture counts as the
    tallest."""
    if size is None or not size[0]:
        return PICTURE_MAX
    shown = min(width or size[0], TEXT_WIDTH)
    return min(size[1] * shown / size[0], PICTURE_MAX)


# --- HTML -----------------------------------------------------------------------------


class Layout(HTMLParser):
    """A rough block layout of an HTML fragment as the deck shows it.

    ``height`` is the height of its content; ``lead`` and ``trail`` are the margins above
    and below it (they collapse with a neighbour's). ``children`` lists where elements
    begin and end (``[depth, start, end]``, for the top three levels), so that a fragment
    can be cut between them. ``<details>`` count as open: a presenter may open them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text, self.height, self.lead, self.trail = text, 0.0, None, 0.0
        self.run: list[str] = []
        self.stack: list[str] = []
        self.boxes: list[bool] = []
        self.indent, self.pre, self.bold = 0, 0, 0
        self.table: list[list[tuple[str, bool]]] | None = None  # rows of (text, bold) cells
        self.cell: list[str] | None = None
        self.rows: list[float] = []  # height of each row of the last table
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.children: list[list] = []
        self.feed(text)
        self.close()
        self.flush()
        self.lead = self.lead or 0.0

    def _at(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def margin(self, value: float) -> None:
        self.trail = max(self.trail, value)

    def add(self, height: float) -> None:
        if self.lead is None:
            self.lead = self.trail
        else:
            self.height += self.trail
        self.trail, self.height = 0.0, self.height + height

    def line_height(self) -> float:
        for tag in reversed(self.stack):
            if tag in LAYOUT:
                return LAYOUT[tag][0]
            if tag in ("li", "td", "th", "summary", "div", "dd"):
                break
        return LINE_HEIGHT

    def flush(self) -> None:
        words = " ".join(self.run)
        self.run = []
        if not words.strip():
            return
        if self.pre:
            rows = words.strip("\n").splitlines()
            self.add(sum(map(code_lines, rows)) * CODE_LINE + 16)
            return
        heading = next((t for t in reversed(self.stack) if t in HEADING_SIZE), None)
        width = TEXT_WIDTH - self.indent
        if heading:
            count = lines(words.upper(), width / HEADING_NARROWER, HEADING_SIZE[heading], True)
        else:
            count = lines(words, width, bold=self.bold > 0)
        self.add(count * self.line_height())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        style = attrs.get("style") or ""
        if tag == "table":
            self.flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []
        if tag in BLOCK and self.cell is None:
            self.flush()
        if tag in LAYOUT:
            self.margin(LAYOUT[tag][1])
        if tag == "img":
            self.flush()
            width = re.search(r"(?<![-\w])width:\s*([\d.]+)px", style)
            width = float(width[1]) if width else _number(attrs.get("width"))
            height = picture_height(picture_size(attrs.get("src") or ""), width)
            self.add(height + PICTURE_MARGINS)
        elif tag in ("ul", "ol", "blockquote", "dd"):
            self.indent += LIST_INDENT
        elif tag == "pre":
            self.pre += 1
        elif tag in ("b", "strong", "th"):
            self.bold += 1
        if tag == "div":
            boxed = bool(re.search(r"padding|border", style))
            self.boxes.append(boxed)
            if boxed:  # a notice: its margins stay inside
                self.add(BOX / 2)
                self.indent += BOX_SIDES
        if tag in VOID:
            if len(self.stack) < 3:
                at = self._at()
                self.children.append([len(self.stack) + 1, at, self.text.index(">", at) + 1])
        else:
            self.stack.append(tag)
            if len(self.stack) <= 3:
                self.children.append([len(self.stack), self._at(), None])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        if tag in ("td", "th") and self.cell is not None and self.table:
            self.table[-1].append((" ".join(self.cell), tag == "th" or self.bold > 0))
            self.cell = None
        elif tag == "table" and self.table is not None:
            self.rows = table_rows(self.table, TEXT_WIDTH - self.indent)
            self.table = None
            self.add(sum(self.rows))
        if tag in BLOCK and self.cell is None:
            self.flush()
        if tag in LAYOUT:
            self.margin(LAYOUT[tag][2])
        if tag in ("ul", "ol", "blockquote", "dd"):
            self.indent -= LIST_INDENT
        elif tag == "pre":
            self.pre -= 1
        elif tag in ("b", "strong", "th"):
            self.bold -= 1
        elif tag == "div" and self.boxes and self.boxes.pop():
            self.indent -= BOX_SIDES
            self.add(0)
            self.add(BOX / 2)
        while self.stack:
            depth, closed = len(self.stack), self.stack.pop()
            for child in reversed(self.children):
                if child[0] == depth and child[2] is None:
                    child[2] = self.text.index(">", self._at()) + 1
                    break
            if closed == tag:
                break

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.table is None:
            self.run.append(data if self.pre else data.replace("\n", " "))


def table_rows(rows: list[list[tuple[str, bool]]], width: float) -> list[float]:
    """Height of each row of a table ``width`` wide, its columns shared out as a browser
    does: each as wide as its longest text if all fit, else its longest word plus a share
    of what is left."""
    columns = max((len(r) for r in rows), default=0)
    widest, narrowest = [CELL_PADDING] * columns, [CELL_PADDING] * columns
    for row in rows:
        for c, (text, bold) in enumerate(row):
            font = _font(FONT_SIZE, bold)
            words = [font.getlength(w) * WIDER for w in text.split()] or [0]
            full = font.getlength(" ".join(text.split())) * WIDER
            widest[c] = max(widest[c], full + CELL_PADDING)
            narrowest[c] = max(narrowest[c], max(words) + CELL_PADDING)
    if sum(widest) <= width:
        widths = widest
    else:
        spare = max(width - sum(narrowest), 0)
        flex = sum(w - n for w, n in zip(widest, narrowest, strict=True)) or 1
        widths = [n + spare * (w - n) / flex for w, n in zip(widest, narrowest, strict=True)]
    return [
        max((lines(t, widths[c] - CELL_PADDING, bold=b) for c, (t, b) in enumerate(row)),
            default=1) * TABLE_LINE + ROW_PADDING
        for row in rows
    ]  # fmt: skip


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def html_height(text: str) -> float:
    """Estimated height of an HTML fragment on a slide, with its outer margins."""
    layout = Layout(text)
    return layout.lead + layout.height + layout.trail


def html_pieces(text: str) -> tuple[str, list[tuple[int, int]], str]:
    """Where an HTML fragment may be cut: ``(before, [(start, end), ...], after)``.

    The pieces are the top-level elements, or the children of a single element that wraps
    everything (then ``before`` and ``after`` are its opening and closing tags, to repeat
    around each part). A fragment that cannot be cut is one piece."""
    layout = Layout(text)
    tops = [c for c in layout.children if c[0] == 1 and c[2] is not None]
    if len(tops) == 1 and not _loose(text, tops, 0, len(text)):
        start, end = tops[0][1], tops[0][2]
        inner = [c for c in layout.children if c[0] == 2 and start < c[1] and c[2] is not None]
        opening = text.index(">", start) + 1
        closing = text.rindex("<", start, end)
        if len(inner) > 1 and not _loose(text, inner, opening, closing):
            return text[:opening], [(c[1], c[2]) for c in inner], text[closing:]
    elif len(tops) > 1 and not _loose(text, tops, 0, len(text)):
        return "", [(c[1], c[2]) for c in tops], ""
    return "", [(0, len(text))], ""


def _loose(text: str, children: list, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has words outside ``children`` (it cannot be cut)."""
    for child in children:
        if text[start : child[1]].strip():
            return True
        start = child[2]
    return bool(text[start:end].strip())


# --- markdown -------------------------------------------------------------------------


def to_html(markdown: str) -> str:
    """Markdown as nbconvert renders it in the deck."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(markdown)


@dataclass
class Block:
    """A piece of markdown that is never cut: ``source[start:end]``."""

    start: int
    end: int
    kind: str  # heading, paragraph, item, picture, code, html, table, row


def markdown_blocks(source: str) -> list[Block]:
    """Where a markdown text may be cut: each heading, paragraph, list item (with what is
    nested in it), fenced code block, HTML block or table, in order."""
    blocks: list[Block] = []
    offset, fence, current = 0, None, None
    list_indent = None  # indent of the current list's markers, while inside a list

    def close(end: int) -> None:
        nonlocal current
        if current is not None:
            current.end = end
            blocks.append(current)
            current = None

    for line in source.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        text = line.rstrip("\r\n")
        if fence:
            if text.strip().startswith(fence):
                fence = None
                close(offset)
            continue
        if not text.strip():
            close(start)
            continue
        indent = len(text) - len(text.lstrip(" "))
        marker = BULLET.match(text)
        starts_item = marker and (
            list_indent is not None
            or current is None
            or not marker[2][0].isdigit()
            or int(marker[2][:-1]) == 1
        )
        if m := FENCE.match(text):
            close(start)
            fence = m[1][0] * 3
            current = Block(start, offset, "code")
        elif HEADING.match(text):
            close(start)
            list_indent = None
            blocks.append(Block(start, offset, "heading"))
        elif starts_item and (list_indent is None or indent <= list_indent + 1):
            close(start)
            list_indent = indent
            current = Block(start, offset, "item")
        elif current is not None:
            pass  # a continuation line (indented or lazy), or a nested item
        elif indent >= 2 and list_indent is not None and blocks and blocks[-1].kind == "item":
            current = blocks.pop()  # an indented paragraph still belongs to the item above
        else:
            list_indent = None
            first = text.strip()[:1]
            current = Block(start, offset, {"<": "html", "|": "table"}.get(first, "paragraph"))
    close(offset)
    for block in blocks:
        if block.kind == "paragraph" and IMAGE.fullmatch(source[block.start : block.end].strip()):
            block.kind = "picture"
    return [part for block in blocks for part in _table_rows(source, block)]


def _rows_after(blocks: list[Block], n: int):
    """The blocks after ``blocks[n]`` that are further rows of its table."""
    for block in blocks[n + 1 :]:
        if block.kind != "row":
            return
        yield block


def _head(source: str, block: Block) -> str:
    """A table's header: its first two lines."""
    return "".join(source[block.start : block.end].splitlines(keepends=True)[:2])


def _table_rows(source: str, block: Block) -> list[Block]:
    """A table as its header with the first row, then one block per further row."""
    rows = source[block.start : block.end].splitlines(keepends=True)
    if block.kind != "table" or len(rows) < 4 or not re.fullmatch(r"[|\s:-]+", rows[1]):
        return [block]
    head = rows[0] + rows[1]
    at = block.start + len(head) + len(rows[2])
    parts = [Block(block.start, at, "table")]
    for row in rows[3:]:
        parts.append(Block(at, at + len(row), "row"))
        at += len(row)
    return parts


# --- packing --------------------------------------------------------------------------


@dataclass
class Unit:
    """A piece of one cell that is never cut, with the height it takes."""

    cell: int
    height: float
    keep: bool = False  # moves to the next subslide with what follows it
    visible: bool = True
    picture: bool = False  # a picture at least BIG_PICTURE tall
    output: int | None = None  # for outputs: which one, and which slice of it
    start: int = 0
    end: int = 0
    head: str = ""  # repeated above this unit when a cut makes it the first of a part
    head_height: float = 0


def slide_type(cell: dict) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-") or "-"


def _set_type(cell: dict, kind: str) -> None:
    meta = cell.setdefault("metadata", {})
    record = meta.setdefault(META, {})
    record.setdefault("slide_type", slide_type(cell))
    meta.setdefault("slideshow", {})["slide_type"] = kind


def _units(index: int, pieces: list[tuple[str, int, int]], output: int | None) -> list[Unit]:
    """Units of HTML pieces ``(html, start, end)`` laid out one after the other: each
    piece's margin above collapses with the one below the piece before it."""
    units, trail = [], None
    for text, start, end in pieces:
        layout = Layout(text)
        gap = layout.lead if trail is None else max(layout.lead, trail)
        picture = "<img" in text and layout.height >= BIG_PICTURE
        units.append(Unit(index, gap + layout.height, picture=picture, output=output,
                          start=start, end=end))  # fmt: skip
        trail = layout.trail
    if units:
        units[-1].height += max(trail, 10)  # the last element's margin, at least 0.5em
    return units


def markdown_units(index: int, source: str, output: int | None = None) -> list[Unit]:
    """Units of a markdown text: its blocks, each rendered as the deck renders it."""
    blocks = markdown_blocks(source)
    units = _units(index, [(to_html(source[b.start : b.end]), b.start, b.end) for b in blocks],
                   output)  # fmt: skip
    for n, block in enumerate(blocks):
        if block.kind == "table":  # its rows are measured together, as they are shown
            end = next((b.start for b in blocks[n + 1 :] if b.kind != "row"), len(source))
            rows = Layout(to_html(source[block.start : end])).rows
            alone = Layout(to_html(source[block.start : block.end])).rows
            units[n].height += sum(rows[:2]) - sum(alone)
            following = range(n + 1, n + 1 + sum(1 for _ in _rows_after(blocks, n)))
            for k, height in zip(following, rows[2:], strict=False):
                units[k].height, units[k].head = height, _head(source, block)
                units[k].head_height = rows[0] + LAYOUT["table"][2]
    for n, (unit, block) in enumerate(zip(units, blocks, strict=True)):
        text = source[block.start : block.end].rstrip()
        lead_in = block.kind == "paragraph" and unit.height <= CAPTION
        lead_in = lead_in and n + 1 < len(blocks) and blocks[n + 1].kind in ("item", "table")
        unit.keep = block.kind == "heading" or text.endswith(":") or lead_in
    if units:
        units[0].start, units[-1].end = 0, len(source)
    return units


def output_units(index: int, n: int, output: dict, widgets: set[str]) -> list[Unit]:
    """The uncuttable pieces of one output, as :func:`_output_part` cuts them."""
    kind = output.get("output_type")
    data = output.get("data", {})
    if kind == "stream":  # cut between lines only if it does not fit on a slide of its own
        text = _text(output.get("text", ""))
        units, at = [], 0
        for row in text.splitlines(keepends=True):
            units.append(
                Unit(index, code_lines(row) * CODE_LINE, output=n, start=at, end=at + len(row))
            )
            at += len(row)
        if units:
            units[0].height += 16  # the printed block's padding
        if sum(u.height for u in units) <= ROOM:
            return [Unit(index, sum(u.height for u in units), output=n, end=-1)]
        return units
    if kind == "error":
        return [Unit(index, ROOM, output=n, end=-1)]
    view = data.get(WIDGET_VIEW)
    if isinstance(view, dict) and view.get("model_id") in widgets:
        # a live control: its size is only known in the browser; a screen of its own
        return [Unit(index, ROOM, output=n, end=-1)]
    if "text/html" in data:
        text = _text(data["text/html"])
        before, pieces, after = html_pieces(text)
        units = _units(index, [(before + text[a:b] + after, a, b) for a, b in pieces], n)
        tags = [(re.match(r"\s*<(\w+)", text[a:b]) or ["", ""])[1].lower() for a, b in pieces]
        for unit, tag, nxt in zip(units, tags, tags[1:], strict=False):
            # a question stays with its options, and the options with their answer
            unit.keep = (tag == "p" and unit.height <= CAPTION) or (
                tag in ("ol", "ul") and nxt == "details"
            )
        return units
    for mime in ("image/png", "image/jpeg", "image/gif"):
        if mime in data:
            size = _picture_output_size(output, mime)
            height = picture_height(size) + PICTURE_MARGINS
            return [Unit(index, height, picture=height >= BIG_PICTURE, output=n, end=-1)]
    if "text/markdown" in data:
        units = markdown_units(index, _text(data["text/markdown"]), n)
        if units:
            units[-1].keep = False
        return units or [Unit(index, 0, output=n, end=-1)]
    if "text/plain" in data:
        rows = _text(data["text/plain"]).splitlines()
        height = sum(map(code_lines, rows)) * CODE_LINE + 16
        return [Unit(index, height, output=n, end=-1)]
    return [Unit(index, 0, output=n, end=-1)]


def _picture_output_size(output: dict, mime: str) -> tuple[float, float] | None:
    meta = output.get("metadata", {}).get(mime, {})
    if isinstance(meta, dict) and meta.get("width") and meta.get("height"):
        return float(meta["width"]), float(meta["height"])
    return picture_size(f"data:{mime};base64,{_text(output['data'][mime])}")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def cell_units(index: int, cell: dict, nxt: dict | None, widgets: set[str]) -> list[Unit]:
    """A cell's uncuttable pieces: markdown blocks, or pieces of its outputs. ``nxt`` is
    the next visible cell: a short last line of text before an output stays with it."""
    if slide_type(cell) in ("notes", "skip"):
        return [Unit(index, 0, visible=False, end=-1)]
    units = []
    if cell.get("cell_type") == "markdown":
        units = markdown_units(index, _text(cell.get("source", "")))
        follows = bool(nxt and nxt.get("cell_type") == "code" and nxt.get("outputs"))
        follows = follows and slide_type(nxt) not in ("slide", "subslide")
        if units and follows and units[-1].height <= 3 * LAYOUT["p"][0] + 30:
            units[-1].keep = True
    elif cell.get("cell_type") == "code":
        for n, output in enumerate(cell.get("outputs", [])):
            units += output_units(index, n, output, widgets)
    if not units:  # nothing to show: the cell's padding only
        return [Unit(index, CELL_GAP, visible=False, end=-1)]
    units[-1].height += CELL_GAP + (OUTPUT_GAP if cell.get("cell_type") == "code" else 0)
    return units


def pack(units: list[Unit], room: float = ROOM) -> list[int]:
    """Indices of the units that start a new subslide: first fit, except that subslides
    may run a little longer (up to :data:`STRETCH` more) when that saves one."""
    breaks = _first_fit(units, room)
    longer = _first_fit(units, room + STRETCH) if breaks else breaks
    return longer if len(longer) < len(breaks) else breaks


def _first_fit(units: list[Unit], room: float) -> list[int]:
    breaks, used = [], 0.0
    for i, unit in enumerate(units):
        if unit.visible and i and used + unit.height > room:
            at = i
            while at - 1 > (breaks[-1] if breaks else 0) and units[at - 1].keep:
                at -= 1  # a heading or an introduction goes with what it introduces
            if sum(u.height for u in units[at : i + 1]) > room:
                at = i
            if at > (breaks[-1] if breaks else 0):
                breaks.append(at)
                used = units[at].head_height + sum(u.height for u in units[at:i])
        used += unit.height
    return breaks


# --- cutting cells --------------------------------------------------------------------


def _output_part(output: dict, units: list[Unit], all_units: list[Unit]) -> dict:
    """The part of an output made of ``units`` (as :func:`output_units` measured it).

    The first part of an output that is cut keeps the whole output in its metadata, and
    later parts say they are parts, so that :func:`unfit` can put it back together."""
    if units[0].end == -1 or units == all_units:
        return output
    start, end = units[0].start, units[-1].end
    part = copy.deepcopy(output)
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        part["text"] = _text(output["text"])[start:end]
    elif "text/html" in data:
        text = _text(data["text/html"])
        before, _, after = html_pieces(text)
        part["data"] = {"text/html": before + text[start:end] + after}
    else:
        part["data"] = {"text/markdown": units[0].head + _text(data["text/markdown"])[start:end]}
    first = units[0] is all_units[0]
    part.setdefault("metadata", {})[META] = {"whole": output} if first else {"part": True}
    return part


def _cut(cell: dict, units: list[Unit], all_units: list[Unit], n: int) -> dict:
    """Part ``n`` of ``cell``, made of ``units`` (a run of ``all_units``, the cell's)."""
    part = copy.deepcopy(cell)
    if cell.get("cell_type") == "markdown":
        source = _text(cell.get("source", ""))
        part["source"] = units[0].head + source[units[0].start : units[-1].end].strip("\n")
    else:
        outputs = cell.get("outputs", [])
        part["outputs"] = [
            _output_part(
                outputs[index],
                [u for u in units if u.output == index],
                [u for u in all_units if u.output == index],
            )
            for index in dict.fromkeys(u.output for u in units if u.output is not None)
        ]
        if n:
            part["source"] = ""
    if n:
        part["id"] = f"{str(cell.get('id', 'cell'))[:50]}-fit{n}"
        meta = part.setdefault("metadata", {})
        meta[META] = {"piece_of": cell.get("id", ""), "slide_type": "-"}
        meta.setdefault("slideshow", {})["slide_type"] = "-"
    return part


def unfit(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Undo :func:`fit` in place: pieces of a cell joined again, slide types restored."""
    cells = []
    for cell in nb.cells:
        meta = cell.setdefault("metadata", {})
        record = meta.pop(META, None) or {}
        origin = cells[-1] if cells and "piece_of" in record else None
        if origin is not None and origin.get("id") == record["piece_of"]:
            if cell.get("cell_type") == "markdown":
                origin["source"] = origin["source"].rstrip("\n") + "\n\n" + cell["source"]
            else:
                origin.setdefault("outputs", []).extend(cell.get("outputs", []))
                origin["outputs"] = _whole_outputs(origin["outputs"])
            continue
        if "slide_type" in record:
            show = meta.setdefault("slideshow", {})
            if record["slide_type"] == "-":
                show.pop("slide_type", None)
            else:
                show["slide_type"] = record["slide_type"]
            if not show:
                meta.pop("slideshow")
        if "outputs" in cell:
            cell["outputs"] = _whole_outputs(cell["outputs"])
        cells.append(cell)
    nb.cells = cells
    return nb


def _whole_outputs(outputs: list) -> list:
    """Outputs with each cut output whole again (its first part holds all of it)."""
    whole = []
    for output in outputs:
        record = output.get("metadata", {}).get(META)
        if record and "part" in record:
            continue
        whole.append(nbformat.from_dict(record["whole"]) if record else output)
    return whole


def fit(nb: nbformat.NotebookNode, room: float = ROOM) -> nbformat.NotebookNode:
    """Pack each section of a deck into subslides that fit, in place; returns ``nb``."""
    unfit(nb)
    widgets = set()
    state = nb.get("metadata", {}).get("widgets", {})
    for saved in state.values():
        widgets |= set(saved.get("state", {})) if isinstance(saved, dict) else set()
    cells = list(nb.cells)
    visible = [i for i, c in enumerate(cells) if slide_type(c) not in ("notes", "skip")]
    first = visible[0] if visible else len(cells)
    starts = [first] + [
        i for i in visible[1:] if slide_type(cells[i]) in ("slide", "subslide")
    ]  # fmt: skip
    out = cells[:first]
    for g, start in enumerate(starts):
        end = starts[g + 1] if g + 1 < len(starts) else len(cells)
        out += _fit_group(cells[start:end], widgets, room)
    nb.cells = out
    return nb


def _fit_group(cells: list[dict], widgets: set[str], room: float) -> list[dict]:
    units = []
    for i, cell in enumerate(cells):
        nxt = next((c for c in cells[i + 1 :] if slide_type(c) not in ("notes", "skip")), None)
        units += cell_units(i, cell, nxt, widgets)
    for unit, nxt in zip(units, units[1:], strict=False):
        if nxt.picture and unit.visible and unit.height <= CAPTION:
            unit.keep = True  # a caption goes with its picture
    breaks = set(pack(units, room))
    if not breaks:
        return cells
    chunks, current = [], []
    for i, unit in enumerate(units):
        if i in breaks:
            chunks.append(current)
            current = []
        current.append(unit)
    chunks.append(current)
    out, seen = [], {}
    for c, chunk in enumerate(chunks):
        for k, unit in enumerate(chunk):
            if k and unit.cell == chunk[k - 1].cell:
                continue
            mine = [u for u in chunk if u.cell == unit.cell]
            everything = [u for u in units if u.cell == unit.cell]
            n = seen[unit.cell] = seen.get(unit.cell, -1) + 1
            cell = cells[unit.cell]
            part = cell if len(mine) == len(everything) else _cut(cell, mine, everything, n)
            if k == 0 and c > 0:
                _set_type(part, "subslide")
            out.append(part)
    return out


class FitSlides(Preprocessor):
    """:func:`fit` as an nbconvert preprocessor, run on a deck just before it is written
    (the ``lowback_reveal`` template's ``conf.json`` lists it)."""

    def preprocess(self, nb, resources):
        return fit(nb), resources
