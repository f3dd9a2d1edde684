"""Draw the handout's pages (``layout.Document``) as one self-contained HTML page.

Each layout page is an A4-sized ``<section>`` on screen and one printed page on paper, with
the same sizes (mm, pt) and colours as the PDF, so the two look the same.
"""

import base64
import html
import io
import string
from functools import cache

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

CSS = string.Template("""
.lb-handout { font-family: "LB DejaVu Sans", "DejaVu Sans", Verdana, sans-serif; color: $ink;
  line-height: 1.32; font-size: ${body}pt; }
.lb-handout * { box-sizing: border-box; }
.lb-handout table td, .lb-handout table th { text-align: left; line-height: 1.32;
  white-space: normal; }
.lb-handout table tr, .lb-handout table tbody tr:nth-child(n), .lb-handout table tbody tr:hover {
  background: transparent; }
.lb-handout table { font-size: inherit; margin: 0; }
.lb-handout .page { width: ${width}mm; min-height: ${height}mm; margin: 0 auto 8mm;
  padding: ${margin}mm ${side}mm 5mm; background: white; box-shadow: 0 0 3mm #999999;
  position: relative; }
.lb-handout .strip { display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 0.3mm solid $grey; padding-bottom: 1mm; margin-bottom: 2.5mm; }
.lb-handout .strip .title { font-size: ${small}pt; width: 33%; }
.lb-handout .strip .who { font-weight: bold; width: 40%; }
.lb-handout .strip .date { font-weight: bold; text-align: right; width: 27%; }
.lb-handout h1, .lb-handout h2, .lb-handout h3 { color: $blue; margin: 0 0 1mm; line-height: 1.25;
  font-weight: bold; padding: 0; }
.lb-handout h1 { font-size: ${title}pt; } .lb-handout h2 { font-size: ${h1}pt; }
.lb-handout h3 { font-size: ${h2}pt; margin-top: 1mm; }
.lb-handout p { margin: 0 0 1.5mm; text-align: left; }
.lb-handout .note { font-style: italic; font-size: ${small}pt; white-space: pre-wrap; }
.lb-handout .small { font-size: ${small}pt; }
.lb-handout .hint { border-left: 1.6mm solid $orange; padding-left: 2.4mm; font-weight: bold;
  font-size: ${name}pt; }
.lb-handout .ask { font-weight: bold; font-size: ${ask}pt; border-left: 1.6mm solid $vermillion;
  padding-left: 2.4mm; }
.lb-handout table { border-collapse: collapse; table-layout: fixed; width: ${cw}mm; }
.lb-handout td, .lb-handout th { border: 0.25mm solid $grey; padding: 0.5mm; }
.lb-handout table thead th { background: $light; font-size: ${small}pt; text-align: center; }
.lb-handout .plan th:first-child, .lb-handout .plan tfoot td:first-child { padding-left: 1.5mm; }
.lb-handout .plan td.pic { padding: 1mm; text-align: center; }
.lb-handout .plan td.pic img { max-width: 100%; display: block; margin: auto; object-fit: contain; }
.lb-handout .plan td.what { padding: 1mm 1.5mm; vertical-align: top; }
.lb-handout .plan .name { font-weight: bold; font-size: ${name}pt; display: block; }
.lb-handout .plan .dose { font-size: ${tiny}pt; display: block; }
.lb-handout table td.off { background: $light; }
.lb-handout table td.box { text-align: center; vertical-align: middle; }
.lb-handout td.done { vertical-align: middle; padding-left: 1mm; white-space: nowrap; }
.lb-handout .tick { display: inline-block; border: 0.4mm solid $ink; background: white;
  vertical-align: middle; }
.lb-handout table tfoot td { font-size: ${tiny}pt; text-align: center; height: 6mm; }
.lb-handout table tfoot td:first-child { text-align: left; }
.lb-handout .flags { border: 0.9mm solid $vermillion; padding: 2.5mm; margin: 2mm 0 2.5mm; }
.lb-handout .flags h3 { color: $vermillion; font-size: ${h1}pt; }
.lb-handout .flags .level { font-weight: bold; font-size: ${name}pt; margin: 0; }
.lb-handout .flags .cols { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4mm;
  margin: 0 0 1mm; }
.lb-handout .flags ul { font-size: ${small}pt; margin: 0; padding: 0 0 0 3mm; list-style: none; }
.lb-handout .flags li { break-inside: avoid; text-indent: -3mm; margin: 0; }
.lb-handout .flags li::before { content: "•"; display: inline-block; width: 3mm; text-indent: 0; }
.lb-handout ul.rules { list-style: none; padding: 0; margin: 0 0 1.5mm; font-size: ${small}pt; }
.lb-handout ul.rules li { border-bottom: 0.2mm solid $light; padding-bottom: 0.3mm;
  margin-bottom: 0.5mm; }
.lb-handout .picture { display: block; margin: 0 auto 2mm; max-width: 100%; object-fit: contain; }
.lb-handout ol.steps, .lb-handout ul.care { margin: 0 0 1.5mm; padding-left: 7mm;
  font-size: ${read}pt; }
.lb-handout p.body { font-size: ${read}pt; }
.lb-handout ol li::marker { font-weight: bold; }
.lb-handout li { margin-bottom: 0.6mm; }
.lb-handout .log th { font-size: ${small}pt; }
.lb-handout .log td { vertical-align: top; font-size: ${tiny}pt; }
.lb-handout .log td.day small { display: block; font-size: ${tiny}pt; }
.lb-handout .log td.day b { display: block; font-size: ${body}pt; }
.lb-handout .log td.day span.date { display: block; font-size: ${small}pt; }
.lb-handout table.log td.rest { font-style: italic; text-align: center; vertical-align: middle; }
.lb-handout table.log td.reach { text-align: center; }
.lb-handout .log td.reach span.level { display: block; height: 7mm; line-height: 1.2; }
.lb-handout .log td.reach .tick { display: block; margin: 0 auto; }
.lb-handout .log tr.endweek td { border-bottom: 0.8mm solid $ink; }
""")
PRINT = string.Template("""
@page { size: ${paper}; margin: 0; }
@media print {
  html, body { margin: 0 !important; padding: 0 !important; background: white !important; }
  .lb-handout .page { margin: 0; box-shadow: none; break-after: page; page-break-after: always;
    min-height: 0; }
  .lb-handout .page:last-child { break-after: auto; page-break-after: auto; }
}
""")


CHARACTERS = "".join(map(chr, range(0x20, 0x17F))) + "‘’“”–—•·…€"
"""The characters the embedded font keeps: Latin with accents and common punctuation; any
other character is drawn in the reader's own font."""


@cache
def font_faces() -> str:
    """The PDF's font (DejaVu Sans, regular, bold, italic) as CSS @font-face rules with the
    fonts inside (subset to CHARACTERS), so the web page sets its text as the PDF does."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    rules = []
    looks = {"": ("normal", "normal"), "B": ("bold", "normal"), "I": ("normal", "italic")}
    for style, path in font_files().items():
        options = subset.Options()
        options.flavor = "woff"
        options.drop_tables += ["FFTM"]
        font = TTFont(str(path))
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=CHARACTERS)
        subsetter.subset(font)
        font.flavor = "woff"
        buf = io.BytesIO()
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        weight, slant = looks[style]
        rules.append(
            f'@font-face {{ font-family: "LB DejaVu Sans"; font-weight: {weight}; '
            f"font-style: {slant}; src: url(data:font/woff;base64,{data}) format('woff'); }}"
        )
    return "\n".join(rules)


def css(paper: str = "A4", printing: bool = True) -> str:
    """The handout's style sheet for a paper size, scoped to ``.lb-handout``; ``printing``
    adds the page rules (not for a fragment shown inside a notebook)."""
    width, height = PAPERS[paper]
    sheet = CSS.substitute(
        PALETTE,
        width=width,
        height=height,
        margin=MARGIN,
        side=(width - CONTENT[0]) / 2,
        cw=CONTENT[0],
        paper=paper,
        name=PT["small"] + 0.5,
        ask=PT["small"] + 1,
        **PT,
    )
    if printing:
        sheet += PRINT.substitute(paper=paper)
    # the class twice: outranks a notebook's own table rules (JupyterLab, Voila), same order
    return sheet.replace(".lb-handout", ".lb-handout.lb-handout")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _img(png: bytes, alt: str, style: str, cls: str = "") -> str:
    data = base64.b64encode(png).decode("ascii")
    klass = f' class="{cls}"' if cls else ""
    return f'<img{klass} src="data:image/png;base64,{data}" alt="{_e(alt)}" style="{style}">'


def _tick(size: float) -> str:
    return f'<span class="tick" style="width:{size}mm;height:{size}mm"></span>'


def heading_html(block: Heading) -> str:
    tag = "h1" if block.level == 0 else "h2"
    return f"<{tag}>{_e(block.text)}</{tag}>"


def para_html(block: Para) -> str:
    return f'<p class="{block.tone}">{_e(block.text)}</p>'


def list_html(block: ListBlock) -> str:
    title = f"<h3>{_e(block.title)}</h3>"
    if len(block.entries) == 1 and not block.numbered:
        return title + f'<p class="body">{_e(block.entries[0])}</p>'
    tag = "ol" if block.numbered else "ul"
    items = "".join(f"<li>{_e(x)}</li>" for x in block.entries)
    return f'{title}<{tag} class="{"steps" if block.numbered else "care"}">{items}</{tag}>'


def plan_html(block: PlanGrid, pictures: dict[str, bytes] | None) -> str:
    """The week grid: a row per exercise with its picture (if given) and dose, a tick box per
    session."""
    pic_w, name_w = PLAN_COLUMNS
    if pictures is None:  # the builder's quick view: no picture column
        pic_w, name_w = 0.0, pic_w + name_w
    day_w = (CONTENT[0] - pic_w - name_w) / len(block.days)
    h = block.row_height
    pic_col = f'<col style="width:{pic_w}mm">' if pictures is not None else ""
    cols = f'{pic_col}<col style="width:{name_w}mm">' + "".join(
        f'<col style="width:{day_w:.2f}mm">' for _ in block.days
    )
    span = 2 if pictures is not None else 1
    head = f'<th colspan="{span}" scope="col" style="text-align:left">{_e(block.heading)}</th>'
    head += "".join(f'<th scope="col">{_e(d)}</th>' for d in block.days)
    rows = []
    for row in block.rows:
        pic = ""
        if pictures is not None:
            img = _img(pictures[row.key], row.alt, f"max-height:{h - 2}mm")
            pic = f'<td class="pic">{img}</td>'
        cells = "".join(
            f'<td class="box">{_tick(min(7.0, h * 0.5))}</td>' if on else '<td class="off"></td>'
            for on in row.planned
        )
        rows.append(
            f'<tr style="height:{h}mm">{pic}'
            f'<td class="what"><span class="name">{_e(row.name)}</span>'
            f'<span class="dose">{_e(row.dose)}</span></td>{cells}</tr>'
        )
    foot = f"<td colspan={span}>{_e(block.time_label)}</td>" + "".join(
        f"<td>{_e(t)}</td>" for t in block.totals
    )
    return (
        f'<table class="plan">{cols}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr>{foot}</tr></tfoot></table>"
    )


def red_flags_html(block: RedFlags) -> str:
    """The red flags, boxed: each level's action and its own warning signs."""
    parts = [f'<section class="flags"><h3>{_e(block.heading)}</h3>']
    for g in block.groups:
        parts.append(f'<p class="level">{_e(g.level)}: {_e(g.action)} {_e(g.lead)}:</p>')
        half = -(-len(g.signs) // 2)  # as the PDF splits them: first half on the left
        lists = (g.signs[:half], g.signs[half:])
        cols = "".join("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in c) + "</ul>" for c in lists)
        parts.append(f'<div class="cols">{cols}</div>')
    return "".join(parts) + "</section>"


def rules_html(block: Rules) -> str:
    rows = "".join(f"<li><b>{_e(s)}:</b> {_e(a)}</li>" for s, a in block.rules)
    return f'<h3>{_e(block.heading)}</h3><ul class="rules">{rows}</ul>'


def log_html(block: LogTable) -> str:
    """The two-week log: large boxes for the exercises done, pain and reach, a row a day."""
    widths = list(LOG_COLUMNS)
    reach_w = (CONTENT[0] - sum(widths)) / len(block.reach)
    cols = "".join(f'<col style="width:{w}mm">' for w in widths)
    cols += "".join(f'<col style="width:{reach_w:.2f}mm">' for _ in block.reach)
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in block.columns[:4])
    head += f'<th scope="colgroup" colspan="{len(block.reach)}">{_e(block.columns[4])}</th>'
    h = block.row_height
    week = len(block.rows) // 2 or 1
    rows = []
    for r, row in enumerate(block.rows):
        if row.planned:
            size, _label = done_box(widths[1], len(row.planned))
            boxes = " ".join(f"{n}&nbsp;{_tick(size)}" for n in row.planned)
            done = f'<td class="done">{boxes}</td>'
        else:
            done = f'<td class="off rest">{_e(block.rest)}</td>'
        reach = "".join(
            f'<td class="reach"><span class="level">{_e(name)}</span>{_tick(reach_box(h))}</td>'
            for name in block.reach
        )
        end = ' class="endweek"' if r + 1 == week else ""
        rows.append(
            f'<tr{end} style="height:{h}mm"><td class="day"><small>{_e(row.week)}</small>'
            f'<b>{_e(row.day)}</b><span class="date">__ /__</span></td>'
            f"{done}<td></td><td></td>{reach}</tr>"
        )
    return (
        f'<table class="log">{cols}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def page_html(doc: Document, number: int, pictures: dict[str, bytes]) -> str:
    """One layout page (from 1) as a ``<section>``: the header strip, then its blocks."""
    page = doc.pages[number - 1]
    title, who, made = doc.header(number)
    parts = [
        f'<section class="page" aria-label="{_e(page.bookmark)}">'
        f'<div class="strip"><span class="title">{_e(title)}</span>'
        f'<span class="who">{_e(who)}</span><span class="date">{_e(made)}</span></div>'
    ]
    for block in page.blocks:
        if isinstance(block, Heading):
            parts.append(heading_html(block))
        elif isinstance(block, Para):
            parts.append(para_html(block))
        elif isinstance(block, Picture):
            style = f"max-height:{block.height}mm"
            parts.append(_img(pictures[block.key], block.alt, style, "picture"))
        elif isinstance(block, ListBlock):
            parts.append(list_html(block))
        elif isinstance(block, PlanGrid):
            parts.append(plan_html(block, pictures))
        elif isinstance(block, RedFlags):
            parts.append(red_flags_html(block))
        elif isinstance(block, Rules):
            parts.append(rules_html(block))
        elif isinstance(block, LogTable):
            parts.append(log_html(block))
    return "".join(parts) + "</section>"


def to_html(doc: Document, pictures: dict[str, bytes], paper: str = "A4") -> str:
    """The whole document as one self-contained HTML page (pictures embedded)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be {' or '.join(PAPERS)}; got {paper!r}")
    title = doc.title + (f": {doc.name}" if doc.name else "")
    pages = "".join(page_html(doc, n, pictures) for n in range(1, len(doc.pages) + 1))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(doc.language)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{font_faces()}\n"
        f"body{{background:#E8E8E8;margin:0;padding:8mm 0}}"
        f'{css(paper)}</style></head><body><main class="lb-handout">{pages}</main></body></html>\n'
    )
