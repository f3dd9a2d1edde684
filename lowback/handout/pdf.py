"""Draw the handout's pages (``layout.Document``) as an accessible PDF with fpdf2.

Why fpdf2: it is pure Python (with fontTools and Pillow, which the course already has), so it
installs anywhere Python does; it writes real text in an embedded Unicode font, the
document's title and language, an outline (bookmarks), and alt text on pictures inside a
structure tree. It tags pictures and bookmarked headings but not every paragraph, so the PDF
is partly tagged. WeasyPrint would tag it fully (PDF/UA) from the same HTML, but needs the
system's Pango library, which a learner's fresh machine may lack; ReportLab's open-source
edition writes no tags or alt text. The font is DejaVu Sans, shipped with matplotlib.
"""

import io
import unicodedata
from datetime import UTC, date, datetime, time

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from lowback.draw.style import PALETTE
from lowback.handout.layout import (
    CONTENT,
    LOG_COLUMNS,
    MARGIN,
    PAPERS,
    PLAN_COLUMNS,
    PT,
    Document,
    Heading,
    ListBlock,
    LogTable,
    Para,
    Picture,
    PlanGrid,
    RedFlags,
    Rules,
    done_box,
    font_files,
    reach_box,
)

FONT = "DejaVu"
LINE = 1.32
"""Line height as a multiple of the font size."""
MM_PER_PT = 25.4 / 72


def drawable(text: str) -> str:
    """Text as the PDF draws it: invisible format characters (such as U+FEFF) left out."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


class _Writer(FPDF):
    """An FPDF that draws the header strip on every page it starts."""

    def __init__(self, doc: Document, paper: str) -> None:
        super().__init__(unit="mm", format=PAPERS[paper])
        self.doc = doc
        width, height = PAPERS[paper]
        self.left = (width - CONTENT[0]) / 2
        self.top = MARGIN
        self.set_margins(self.left, self.top, self.left)
        self.set_auto_page_break(True, margin=height - MARGIN - CONTENT[1])
        for style, path in font_files().items():
            self.add_font(FONT, style, str(path))
        self.set_title(doc.title + (f": {doc.name}" if doc.name else ""))
        self.set_lang(doc.language)
        self.set_creator("lowback")
        self.set_subject("A home exercise routine for low back pain: health education")
        self.set_display_mode("fullpage")
        made = doc.made or date(2000, 1, 1)  # the same routine and date give the same bytes
        self.set_creation_date(datetime.combine(made, time(12), tzinfo=UTC))
        self.current = 1  # the layout page being drawn, for the header

    def header(self) -> None:
        title, name, made = self.doc.header(self.current)
        title = title.replace(f"of {len(self.doc.pages)}", "of {nb}")
        title = title.replace(f"Page {self.current}", f"Page {self.page_no()}")
        self.ink(PALETTE["ink"])
        self.set_font(FONT, "", PT["small"])
        third = CONTENT[0] / 3
        y = self.top
        self.set_xy(self.left, y)
        self.cell(third, 5, title)
        self.set_font(FONT, "B", PT["body"])
        self.set_xy(self.left + third, y)
        self.cell(third + 12, 5, drawable(name))
        self.set_xy(self.left + 2 * third + 12, y)
        self.cell(third - 12, 5, made, align="R")
        self.set_draw_color(PALETTE["grey"])
        self.set_line_width(0.3)
        self.line(self.left, y + 6.5, self.left + CONTENT[0], y + 6.5)
        self.set_xy(self.left, y + 9)

    def ink(self, colour: str) -> None:
        self.set_text_color(colour)

    # ------------------------------------------------------------ text helpers

    def lines(
        self,
        text: str,
        size: float,
        style: str = "",
        width: float | None = None,
        x: float | None = None,
        colour: str = PALETTE["ink"],
        align: str = "L",
    ) -> None:
        """Write wrapped text at the current height, then move below it."""
        self.set_font(FONT, style, size)
        self.ink(colour)
        self.set_x(self.left if x is None else x)
        self.multi_cell(
            CONTENT[0] if width is None else width,
            size * LINE * MM_PER_PT,
            drawable(text),
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def height_of(self, text: str, size: float, style: str, width: float) -> float:
        self.set_font(FONT, style, size)
        return self.multi_cell(
            width, size * LINE * MM_PER_PT, drawable(text), dry_run=True, output="HEIGHT"
        )

    def gap(self, mm: float) -> None:
        self.set_y(self.get_y() + mm)


# ---------------------------------------------------------------- blocks


def _heading(pdf: _Writer, block: Heading) -> None:
    size = PT["title"] if block.level == 0 else PT["h1"]
    if block.bookmark:
        pdf.start_section(drawable(block.bookmark), level=0)
    pdf.lines(block.text, size, "B", colour=PALETTE["blue"])
    pdf.gap(1.0)


def _para(pdf: _Writer, block: Para) -> None:
    tone = block.tone
    if tone == "hint":
        y = pdf.get_y()
        pdf.lines(block.text, PT["small"] + 0.5, "B", x=pdf.left + 4, width=CONTENT[0] - 4)
        pdf.set_fill_color(PALETTE["orange"])
        pdf.rect(pdf.left, y, 1.6, pdf.get_y() - y, style="F")
    elif tone == "ask":
        y = pdf.get_y()
        pdf.lines(block.text, PT["small"] + 1, "B", x=pdf.left + 4, width=CONTENT[0] - 4)
        pdf.set_fill_color(PALETTE["vermillion"])
        pdf.rect(pdf.left, y, 1.6, pdf.get_y() - y, style="F")
    elif tone == "note":
        pdf.lines(block.text, PT["small"], "I")
    else:
        pdf.lines(block.text, PT["small"] if tone == "small" else PT["read"])
    pdf.gap(1.5)


def _picture(
    pdf: _Writer, png: bytes, alt: str, x: float, y: float, w: float, h: float, top: bool = False
) -> float:
    """A picture fitted (aspect kept) and centred in the box x, y, w, h (at its top if
    ``top``); returns its height."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        pw, ph = im.size
    scale = min(w / pw, h / ph)
    dw, dh = pw * scale, ph * scale
    dy = 0 if top else (h - dh) / 2
    pdf.image(io.BytesIO(png), x + (w - dw) / 2, y + dy, dw, dh, alt_text=alt)
    return dh


def _big_picture(pdf: _Writer, block: Picture, pictures: dict[str, bytes]) -> None:
    y = pdf.get_y()
    shown = _picture(
        pdf, pictures[block.key], block.alt, pdf.left, y, CONTENT[0], block.height, True
    )
    pdf.set_y(y + shown + 3)


def _list(pdf: _Writer, block: ListBlock) -> None:
    pdf.lines(block.title, PT["h2"], "B", colour=PALETTE["blue"])
    pdf.gap(0.5)
    for n, entry in enumerate(block.entries, 1):
        if len(block.entries) == 1 and not block.numbered:
            pdf.lines(entry, PT["read"])
            continue
        mark = f"{n}." if block.numbered else "•"
        y = pdf.get_y()
        pdf.set_font(FONT, "B" if block.numbered else "", PT["read"])
        pdf.ink(PALETTE["ink"])
        pdf.set_xy(pdf.left, y)
        pdf.cell(7, PT["read"] * LINE * MM_PER_PT, mark)
        pdf.set_y(y)
        pdf.lines(entry, PT["read"], x=pdf.left + 7, width=CONTENT[0] - 7)
        pdf.gap(0.6)
    pdf.gap(1.5)


def _box(pdf: _Writer, x: float, y: float, w: float, h: float, fill: str | None = None) -> None:
    pdf.set_draw_color(PALETTE["grey"])
    pdf.set_line_width(0.25)
    if fill:
        pdf.set_fill_color(fill)
    pdf.rect(x, y, w, h, style="DF" if fill else "D")


def _tick(pdf: _Writer, cx: float, cy: float, size: float) -> None:
    pdf.set_draw_color(PALETTE["ink"])
    pdf.set_line_width(0.4)
    pdf.set_fill_color("#FFFFFF")
    pdf.rect(cx - size / 2, cy - size / 2, size, size, style="DF")


def _plan(pdf: _Writer, block: PlanGrid, pictures: dict[str, bytes]) -> None:
    pic_w, name_w = PLAN_COLUMNS
    day_w = (CONTENT[0] - pic_w - name_w) / len(block.days)
    x0, y = pdf.left, pdf.get_y()
    head_h = 7.0
    pdf.set_font(FONT, "B", PT["small"])
    pdf.ink(PALETTE["ink"])
    _box(pdf, x0, y, pic_w + name_w, head_h, PALETTE["light"])
    pdf.set_xy(x0 + 1.5, y)
    pdf.cell(pic_w + name_w - 3, head_h, block.heading)
    for d, name in enumerate(block.days):
        x = x0 + pic_w + name_w + d * day_w
        _box(pdf, x, y, day_w, head_h, PALETTE["light"])
        pdf.set_xy(x, y)
        pdf.cell(day_w, head_h, name, align="C")
    y += head_h
    for row in block.rows:
        words = pdf.height_of(row.name, PT["small"] + 0.5, "B", name_w - 3)
        words += pdf.height_of(row.dose, PT["tiny"], "", name_w - 3)
        h = max(block.row_height, words + 2)  # as a web page's table row grows to fit
        _box(pdf, x0, y, pic_w, h)
        _picture(pdf, pictures[row.key], row.alt, x0 + 1, y + 1, pic_w - 2, h - 2)
        _box(pdf, x0 + pic_w, y, name_w, h)
        pdf.set_xy(x0 + pic_w, y + 1)
        pdf.lines(row.name, PT["small"] + 0.5, "B", width=name_w - 3, x=x0 + pic_w + 1.5)
        pdf.lines(row.dose, PT["tiny"], width=name_w - 3, x=x0 + pic_w + 1.5)
        for d, on in enumerate(row.planned):
            x = x0 + pic_w + name_w + d * day_w
            _box(pdf, x, y, day_w, h, None if on else PALETTE["light"])
            if on:
                _tick(pdf, x + day_w / 2, y + h / 2, min(7.0, h * 0.5))
        y += h
    foot_h = 6.0
    pdf.set_font(FONT, "", PT["tiny"])
    pdf.ink(PALETTE["ink"])
    _box(pdf, x0, y, pic_w + name_w, foot_h)
    pdf.set_xy(x0 + 1.5, y)
    pdf.cell(pic_w + name_w - 3, foot_h, block.time_label)
    for d, total in enumerate(block.totals):
        x = x0 + pic_w + name_w + d * day_w
        _box(pdf, x, y, day_w, foot_h)
        pdf.set_xy(x, y)
        pdf.cell(day_w, foot_h, total, align="C")
    pdf.set_y(y + foot_h + 2)


def _red_flags(pdf: _Writer, block: RedFlags) -> None:
    pad, col_gap, group_gap = 2.5, 4.0, 1.0
    inner = CONTENT[0] - 2 * pad
    half = (inner - col_gap) / 2
    size = PT["small"]

    def sign_h(text: str) -> float:
        return pdf.height_of(text, size, "", half - 3)

    # measure first, so the box is drawn once around all of it
    height = pad + pdf.height_of(block.heading, PT["h1"], "B", inner) + 1
    for g in block.groups:
        height += pdf.height_of(f"{g.level}: {g.action} {g.lead}:", PT["small"] + 0.5, "B", inner)
        half_n = -(-len(g.signs) // 2)
        left = sum(sign_h(s) for s in g.signs[:half_n])
        right = sum(sign_h(s) for s in g.signs[half_n:])
        height += max(left, right) + group_gap
    height += pad - group_gap
    if pdf.get_y() + height > pdf.top + CONTENT[1]:
        pdf.add_page()
    x0, y0 = pdf.left, pdf.get_y()
    pdf.set_draw_color(PALETTE["vermillion"])
    pdf.set_line_width(0.9)
    pdf.rect(x0, y0, CONTENT[0], height)
    pdf.set_y(y0 + pad)
    pdf.lines(block.heading, PT["h1"], "B", inner, x0 + pad, PALETTE["vermillion"])
    pdf.gap(1)
    for g in block.groups:
        pdf.lines(f"{g.level}: {g.action} {g.lead}:", size + 0.5, "B", inner, x0 + pad)
        half_n = -(-len(g.signs) // 2)
        top = pdf.get_y()
        bottoms = []
        for col, signs in enumerate((g.signs[:half_n], g.signs[half_n:])):
            pdf.set_y(top)
            x = x0 + pad + col * (half + col_gap)
            for sign in signs:
                pdf.set_xy(x, pdf.get_y())
                pdf.cell(3, size * LINE * MM_PER_PT, "•")
                pdf.set_x(x)
                pdf.lines(sign, size, "", half - 3, x + 3)
            bottoms.append(pdf.get_y())
        pdf.set_y(max(bottoms) + group_gap)
    pdf.set_y(y0 + height + 2.5)


def _rules(pdf: _Writer, block: Rules) -> None:
    pdf.lines(block.heading, PT["h2"], "B", colour=PALETTE["blue"])
    pdf.gap(0.5)
    pdf.set_font(FONT, "", PT["small"])
    for sign, action in block.rules:
        pdf.ink(PALETTE["ink"])
        pdf.multi_cell(
            CONTENT[0],
            PT["small"] * LINE * MM_PER_PT,
            f"**{drawable(sign)}:** {drawable(action)}",
            markdown=True,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_draw_color(PALETTE["light"])
        pdf.set_line_width(0.2)
        pdf.line(pdf.left, pdf.get_y() + 0.3, pdf.left + CONTENT[0], pdf.get_y() + 0.3)
        pdf.gap(0.5)
    pdf.gap(1)


def _log(pdf: _Writer, block: LogTable) -> None:
    widths = list(LOG_COLUMNS)
    reach_w = (CONTENT[0] - sum(widths)) / len(block.reach)
    x0, y = pdf.left, pdf.get_y()
    head_h = 11.0
    pdf.ink(PALETTE["ink"])
    x = x0
    for width, title in zip(widths, block.columns[:4], strict=True):
        _box(pdf, x, y, width, head_h, PALETTE["light"])
        pdf.set_xy(x + 0.5, y + 1)
        pdf.lines(title, PT["small"], "B", width - 1, x + 0.5, align="C")
        x += width
    reach_all = reach_w * len(block.reach)
    _box(pdf, x, y, reach_all, head_h, PALETTE["light"])
    pdf.set_xy(x, y + 1)
    pdf.lines(block.columns[4], PT["small"], "B", reach_all, x, align="C")
    y += head_h
    h = block.row_height
    week = len(block.rows) // 2 or 1
    for r, row in enumerate(block.rows):
        x = x0
        _box(pdf, x, y, widths[0], h)
        pdf.set_xy(x, y + 0.8)
        pdf.lines(row.week, PT["tiny"], "", widths[0] - 1, x + 1)
        pdf.lines(row.day, PT["body"], "B", widths[0] - 1, x + 1)
        pdf.lines("__ /__", PT["small"], "", widths[0] - 1, x + 1)
        x += widths[0]
        _box(pdf, x, y, widths[1], h, None if row.planned else PALETTE["light"])
        if row.planned:
            size, label = done_box(widths[1], len(row.planned))
            step = (widths[1] - 2) / len(row.planned)
            for n, number in enumerate(row.planned):
                cx = x + 1 + step * n + label + size / 2
                pdf.set_font(FONT, "", PT["tiny"])
                pdf.ink(PALETTE["ink"])
                pdf.set_xy(x + 1 + step * n, y + h / 2 - 2)
                pdf.cell(label, 4, str(number), align="R")
                _tick(pdf, cx, y + h / 2, size)
        else:
            pdf.set_xy(x, y)
            pdf.set_font(FONT, "I", PT["tiny"])
            pdf.cell(widths[1], h, block.rest, align="C")
        x += widths[1]
        for width in widths[2:]:
            _box(pdf, x, y, width, h)
            x += width
        for name in block.reach:
            _box(pdf, x, y, reach_w, h)
            pdf.set_y(y + 0.6)
            pdf.lines(name, PT["tiny"], "", reach_w - 1, x + 0.5, align="C")
            size = reach_box(h)
            _tick(pdf, x + reach_w / 2, y + h - size / 2 - 1, size)
            x += reach_w
        y += h
        if r + 1 == week:
            pdf.set_draw_color(PALETTE["ink"])
            pdf.set_line_width(0.8)
            pdf.line(x0, y, x0 + CONTENT[0], y)
    pdf.set_y(y + 2)


def to_pdf(doc: Document, pictures: dict[str, bytes], paper: str = "A4") -> bytes:
    """The document as PDF bytes on A4 or Letter paper."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be {' or '.join(PAPERS)}; got {paper!r}")
    pdf = _Writer(doc, paper)
    pdf.alias_nb_pages("{nb}")
    for number, page in enumerate(doc.pages, 1):
        pdf.current = number
        pdf.add_page()
        for block in page.blocks:
            if isinstance(block, Heading):
                _heading(pdf, block)
            elif isinstance(block, Para):
                _para(pdf, block)
            elif isinstance(block, Picture):
                _big_picture(pdf, block, pictures)
            elif isinstance(block, ListBlock):
                _list(pdf, block)
            elif isinstance(block, PlanGrid):
                _plan(pdf, block, pictures)
            elif isinstance(block, RedFlags):
                _red_flags(pdf, block)
            elif isinstance(block, Rules):
                _rules(pdf, block)
            elif isinstance(block, LogTable):
                _log(pdf, block)
    return bytes(pdf.output())
