"""A lumbar disc from above and from the side, with a load that pushes its gel onto a root."""

import math
import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowback.anatomy import disc, herniation_stage, herniation_stage_number, press_at
from lowback.draw.parts import COLOURS, bare, label, shape, xs_ys
from lowback.draw.style import new_figure, sizes

# From above, in millimetres: the disc's centre at the origin, the front (belly side) up,
# the person's right to the right. Sizes follow a lower lumbar disc (about 5 cm wide,
# 4 cm front to back) and its canal.
_HALF_WIDTH, _HALF_DEPTH, _NOTCH = 25.0, 18.0, 5.0
_RING_SCALES = (0.62, 0.68, 0.74, 0.80, 0.86, 0.92, 0.97, 1.0)
_NUCLEUS = ((0.0, -1.5), 14.0, 9.5)  # centre, half width, half depth
_ROOT_R = 2.6
_PRESSED_ROOT = (10.0, -18.6)  # the root on its way down, in the canal's side pocket
_EXITING_ROOT = (24.5, -15.0)  # the root leaving at this level, out to the side
_CANAL = ((-15, -14), (15, -14), (14, -20), (8, -28), (0, -31), (-8, -28), (-14, -20))
_ARCH = (
    (-15, -14.5), (-19, -20), (-25, -23), (-24, -31), (-17, -32), (-8, -36), (-3, -52),
    (3, -52), (8, -36), (17, -32), (24, -31), (25, -23), (19, -20), (15, -14.5),
)  # fmt: skip
_SAC = ((0.0, -21.5), 7.5, 5.0)
_POINTS = 160

# From the side (front to the right), same level: the back of the disc at x = 0.
_SIDE_NUCLEUS = ((19.0, 0.0), 9.0, 4.5)
_SIDE_ROOT = (-5.5, -1.5)  # the root's back and front edge (mm from the disc's back)
_SIDE_CANAL = (-18.0, -0.5)


def _ellipse(centre, rx: float, ry: float, n: int = _POINTS) -> list[tuple[float, float]]:
    (cx, cy), step = centre, 2 * math.pi / n
    return [(cx + rx * math.cos(i * step), cy + ry * math.sin(i * step)) for i in range(n)]


def _kidney(scale: float = 1.0) -> list[tuple[float, float]]:
    """The disc's outline from above: an oval with a notch at the back."""
    out = []
    for x, y in _ellipse((0, 0), _HALF_WIDTH, _HALF_DEPTH):
        if y < 0:
            y += _NOTCH * math.exp(-((x / 9) ** 2)) * (-y / _HALF_DEPTH)
        out.append((x * scale, y * scale))
    return out


def _blob(centre, rx: float, ry: float, toward: float, reach: float, width: float = 0.3):
    """An ellipse with a tongue pushed out toward angle ``toward`` to distance ``reach``."""
    cx, cy = centre
    pts = []
    for x, y in _ellipse(centre, rx, ry):
        phi = math.atan2(y - cy, x - cx)
        r = math.hypot(x - cx, y - cy)
        gap = (phi - toward + math.pi) % (2 * math.pi) - math.pi
        r += max(0.0, reach - _radius(rx, ry, toward)) * math.exp(-((gap / width) ** 2))
        pts.append((cx + r * math.cos(phi), cy + r * math.sin(phi)))
    return pts


def _radius(rx: float, ry: float, angle: float) -> float:
    return rx * ry / math.hypot(ry * math.cos(angle), rx * math.sin(angle))


def _reach(load: float, start: float, contact: float) -> float:
    """How far the gel has pushed: from ``start`` at no load to ``contact`` at press_at."""
    return start + (contact - start) * load / press_at()


def _top_geometry(load: float) -> dict:
    (cx, cy), rx, ry = _NUCLEUS
    px, py = _PRESSED_ROOT
    toward = math.atan2(py - cy, px - cx)
    contact = math.hypot(px - cx, py - cy) - _ROOT_R
    reach = _reach(load, _radius(rx, ry, toward), contact)
    push = max(0.0, reach - contact)  # how far the gel has pushed into the root
    root_centre = (px + push * 0.5 * math.cos(toward), py + push * 0.5 * math.sin(toward))
    return {
        "nucleus": _blob(_NUCLEUS[0], rx, ry, toward, reach),
        "root": _ellipse(root_centre, _ROOT_R * (1 - 0.1 * push), _ROOT_R, 40),
    }


def _root_colour(load: float) -> str:
    return COLOURS["pressed"] if herniation_stage(load).pressed else COLOURS["nerve"]


def _style_root(patch, load: float) -> None:
    """A pressed root turns red and gets a heavy outline, so the change shows without colour."""
    pressed = herniation_stage(load).pressed
    patch.set_facecolor(_root_colour(load))
    patch.set_edgecolor("black" if pressed else COLOURS["nerve_edge"])
    patch.set_linewidth(2.4 if pressed else sizes()["line"] * 0.6)


def _directions(ax: Axes, words) -> None:
    """Muted words saying which way is front, back, left or right: (text, x, y) each."""
    for text, x, y in words:
        ax.text(x, y, text, ha="center", fontsize=sizes()["small"], color=COLOURS["muted"])


def draw_disc_top(ax: Axes, load: float = 0.0, which: str = "L4-L5") -> dict[str, list]:
    """Draw a disc seen from above with its canal and roots; return its artists by part."""
    d = disc(which)
    geo = _top_geometry(load)
    nerve, edge = COLOURS["nerve"], COLOURS["nerve_edge"]
    art: dict[str, list] = {
        "arch": [shape(ax, _ARCH, COLOURS["bone"], COLOURS["bone_edge"], z=1)],
        "canal": [shape(ax, _CANAL, COLOURS["canal"], COLOURS["bone_edge"], z=2)],
        "sac": [shape(ax, _ellipse(*_SAC), COLOURS["sac"], COLOURS["sac_edge"], z=2, ls="--")],
        "annulus": [shape(ax, _kidney(), COLOURS["disc_close"], COLOURS["disc_edge"], z=3, lw=1.2)],
        "rings": [
            ax.plot(
                *xs_ys(_kidney(s) + _kidney(s)[:1]), color=COLOURS["disc_edge"], lw=0.6, zorder=3
            )[0]
            for s in _RING_SCALES[:-1]
        ],
        "nucleus": [
            shape(ax, geo["nucleus"], COLOURS["nucleus"], COLOURS["nucleus_edge"], z=4, alpha=0.9)
        ],
        "root": [shape(ax, geo["root"], nerve, edge, z=5)],
        "other_roots": [
            shape(ax, _ellipse(c, _ROOT_R, _ROOT_R, 40), nerve, edge, z=5)
            for c in (
                (-_PRESSED_ROOT[0], _PRESSED_ROOT[1]),
                _EXITING_ROOT,
                (-_EXITING_ROOT[0], _EXITING_ROOT[1]),
            )
        ],  # fmt: skip
    }
    _style_root(art["root"][0], load)
    art["cauda"] = [
        ax.plot(*xs_ys(_ellipse(_SAC[0], 4.5, 2.6, 9)), "o", ms=2.5, color=nerve, zorder=3)[0]
    ]
    art["label"] = [
        artist
        for pair in (
        label(ax, "gel centre\n(nucleus pulposus)", (-6, 3), (-36, 24), ha="right"),
        label(ax, "tough rings\n(annulus fibrosus)", (-21, 8), (-36, 6), ha="right"),
        label(ax, "spinal canal with the\nnerve bundle (cauda equina)", (-3, -25), (-36, -36),
              ha="right"),
        label(ax, f"{d.presses_on} root, on its\nway down to the\nnext level", _PRESSED_ROOT,
              (33, -38)),
        label(ax, f"{d.above} root, leaving\nat this level", _EXITING_ROOT, (33, -8)),
        label(ax, "bony arch", (20, -28), (33, -52)),
        )
        for artist in pair
    ]  # fmt: skip
    _directions(ax, (("front (belly side)", 0, 22), ("back", 0, -58), ("left", -30, 16),
                     ("right", 30, 16)))  # fmt: skip
    ax.set_title(f"The {d.name} disc seen from above", fontsize=sizes()["label"])
    bare(ax)
    ax.set_xlim(-92, 64)
    ax.set_ylim(-62, 28)
    return art


def update_disc_top(art: dict[str, list], load: float) -> None:
    """Push the gel centre to a new load and recolour the root, in place."""
    geo = _top_geometry(load)
    art["nucleus"][0].set_xy(geo["nucleus"])
    art["root"][0].set_xy(geo["root"])
    _style_root(art["root"][0], load)


def _side_geometry(load: float, which: str) -> dict:
    d = disc(which)
    back, front, h = 0.0, float(d.depth_mm), d.mid_height_mm / 2
    (cx, cy), rx, ry = _SIDE_NUCLEUS
    reach = _reach(load, rx, cx - _SIDE_ROOT[1])
    push = max(0.0, reach - (cx - _SIDE_ROOT[1]))
    root_back, root_front = (x - push * 0.5 for x in _SIDE_ROOT)
    return {
        "disc": [(back, -h + 1.5), (front, -h - 1.5), (front, h + 1.5), (back, h - 1.5)],
        "nucleus": _blob(_SIDE_NUCLEUS[0], rx, ry, math.pi, reach, width=0.25),
        "root": [(root_back, 45), (root_front, 45), (root_front + 2, -45), (root_back + 2, -45)],
    }


def draw_disc_side(ax: Axes, load: float = 0.0, which: str = "L4-L5") -> dict[str, list]:
    """Draw the same disc from the side (front to the right); return its artists by part."""
    d = disc(which)
    geo = _side_geometry(load, which)
    h = d.mid_height_mm / 2
    bone, bone_edge = COLOURS["bone"], COLOURS["bone_edge"]
    art: dict[str, list] = {
        "canal": [shape(ax, [(_SIDE_CANAL[0], 48), (_SIDE_CANAL[1], 48), (_SIDE_CANAL[1], -48),
                             (_SIDE_CANAL[0], -48)], COLOURS["canal"], "none", z=1)],
        "bodies": [shape(ax, [(0, y0), (d.depth_mm, y0 + s), (d.depth_mm, y1), (0, y1)],
                         bone, bone_edge, z=2)
                   for y0, y1, s in ((h - 1.5, 46, 3), (-46, -h + 1.5, -3))],
        "disc": [shape(ax, geo["disc"], COLOURS["disc_close"], COLOURS["disc_edge"], z=2, lw=1.2)],
        "nucleus": [shape(ax, geo["nucleus"], COLOURS["nucleus"], COLOURS["nucleus_edge"], z=3,
                          alpha=0.9)],
        "root": [shape(ax, geo["root"], COLOURS["nerve"], COLOURS["nerve_edge"], z=4)],
    }  # fmt: skip
    _style_root(art["root"][0], load)
    small = sizes()["small"]
    ax.text(20, 28, d.above, ha="center", va="center", weight="bold", fontsize=sizes()["label"])
    ax.text(20, -28, d.below, ha="center", va="center", weight="bold", fontsize=sizes()["label"])
    art["label"] = [
        *label(ax, f"{d.presses_on} root", (-3.5, 30), (-30, 38), ha="right", fontsize=small),
        *label(ax, "spinal\ncanal", (-14, -30), (-30, -30), ha="right", fontsize=small),
        *label(ax, "disc", (36, -2), (52, -2), fontsize=small),
    ]
    _directions(ax, (("back", -12, -56), ("front", 38, -56)))
    ax.set_title("The same level from the side", fontsize=sizes()["label"])
    bare(ax)
    ax.set_xlim(-48, 68)
    ax.set_ylim(-60, 50)
    return art


def update_disc_side(art: dict[str, list], load: float, which: str = "L4-L5") -> None:
    """Push the side view's gel backward to a new load and recolour the root, in place."""
    geo = _side_geometry(load, which)
    art["nucleus"][0].set_xy(geo["nucleus"])
    art["root"][0].set_xy(geo["root"])
    _style_root(art["root"][0], load)


def stage_text(load: float, which: str = "L4-L5") -> str:
    """Which stage of the slow process this is, its name and what is happening, wrapped.

    The slider walks through the stages; its position is not a load that causes them.
    """
    stage = herniation_stage(load, which)
    number, count = herniation_stage_number(load)
    text = f"Stage {number} of {count}: {stage.name}. {stage.text}"
    return textwrap.fill(text, 95, break_long_words=False, break_on_hyphens=False)


def disc_figure(
    load: float = 0.0, which: str = "L4-L5", caption: bool = True
) -> tuple[Figure, dict[str, list]]:
    """The disc from above and from the side, with the stage described beneath (``caption``)."""
    herniation_stage(load, which)  # a bad load or disc name fails here, in one line
    below = 0.13 if caption else 0.0
    fig = new_figure(9.6, 4.0 / (1 - below))
    art = {
        "top": draw_disc_top(fig.add_axes((0.0, below, 0.64, 0.92 * (1 - below))), load, which),
        "side": draw_disc_side(fig.add_axes((0.64, below, 0.36, 0.92 * (1 - below))), load, which),
        "stage": [fig.text(0.5, 0.03, stage_text(load, which), ha="center", va="bottom",
                           fontsize=sizes()["label"], visible=caption)],
    }  # fmt: skip
    return fig, art


def update_disc(art: dict, load: float, which: str = "L4-L5") -> None:
    """Move both views and the stage text to a new load, in place."""
    update_disc_top(art["top"], load)
    update_disc_side(art["side"], load, which)
    art["stage"][0].set_text(stage_text(load, which))


# The key pictures: the load each is drawn at, and its alt text.
_PICTURES = {
    "disc_healthy": (
        0.0,
        "A healthy L4-L5 disc seen from above and from the side: an oval cushion of blue "
        "rings (annulus fibrosus) around a darker gel centre (nucleus pulposus). Behind it "
        "lies the spinal canal with the nerve bundle; the L5 roots sit in the canal's side "
        "pockets just behind the disc, and the L4 roots leave out to the sides.",
    ),
    "disc_herniated": (
        1.0,
        "The same L4-L5 disc herniated: from above, the gel centre has pushed back and to the "
        "right through the rings and presses on the right L5 root, which is coloured red; from "
        "the side, the gel bulges out of the back of the disc onto the root.",
    ),
}

IMAGES = {
    stem: (lambda load=load, alt=alt: (disc_figure(load)[0], alt))
    for stem, (load, alt) in _PICTURES.items()
}
