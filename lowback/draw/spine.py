"""The lumbar spine from the side, drawn from lowback's geometric model of its curve."""

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowback.anatomy import Frame, SideView, posture, postures, side_view, vertebrae
from lowback.draw.parts import COLOURS, bare, label, point_leader, shape, xs_ys
from lowback.draw.style import new_figure, sizes

# Outlines in a vertebra's own frame: (mm toward the front, mm up along the spine), with
# the origin at the lower back corner of its body; h is the body's height.
_ARCH = (
    (0, 0.92), (-15, 0.92), (-17, 1.14), (-23, 1.2), (-26, 0.96), (-32, 0.86), (-52, 0.8),
    (-57, 0.62), (-55, 0.32), (-38, 0.27), (-29, 0.08), (-27, -0.3), (-21, -0.33),
    (-18, -0.05), (-14, 0.42), (0, 0.42),
)  # fmt: skip
_SACRUM = (
    (0, 0), (44, 0), (42, -22), (40, -46), (41, -68), (44, -86), (40, -96), (30, -96),
    (18, -80), (6, -58), (-4, -34), (-10, -12), (-17, 2), (-12, -2),
)  # fmt: skip
_SACRAL_CANAL = ((-2, 2), (-13, 2), (-6, -30), (6, -58), (12, -58), (4, -30))
_COCCYX = (
    (30, -97), (40, -97), (50, -101), (60, -104), (68, -106), (67, -111), (57, -110),
    (46, -107), (36, -104),
)  # fmt: skip
_CANAL_BACK, _CANAL_FRONT = -15.0, -1.5
# A root branches off the nerve sac in the canal behind its own vertebra, below the end
# plate above, and runs down and forward out through the upper part of the side opening
# (intervertebral foramen) just below that vertebra's bony bridge to the arch (pedicle),
# above the disc below; beyond it the nerve runs out to the side, toward the viewer, so the
# drawing stops at the opening's mouth. It never crosses a disc's level: the roots that
# leave lower down run inside the sac, which the canal holds. (mm forward, h units upward)
_ROOT = ((-11.5, 0.72), (-10.5, 0.5), (-8.5, 0.3), (-6, 0.2))
# The side opening between one vertebra's arch and the next one's, behind the disc.
_FORAMEN = ((-2, 0.4), (-9, 0.42), (-13, 0.25), (-14, 0.0), (-11, -0.32), (-5, -0.36),
            (-1.5, -0.15), (-1, 0.15))  # fmt: skip
_S1_ROOT = ((-7, -4), (-2, -18), (6, -30), (14, -38))
_TEXT_X, _BACK_X = 80.0, -75.0
LIMITS = ((-125, 175), (-150, 215))


def _local(frame: Frame, points, height: float = 1.0):
    return [frame.at(x, y * height) for x, y in points]


def _body(frame: Frame, top: Frame, depth: float):
    """A vertebral body between its lower and upper end plates, with a slight front waist."""
    (x0, y0), (x1, y1) = frame.at(depth, 0), top.at(depth, 0)
    fx, fy = frame.front
    waist = ((x0 + x1) / 2 - 1.5 * fx, (y0 + y1) / 2 - 1.5 * fy)
    return [frame.origin, (x0, y0), waist, (x1, y1), top.origin]


def _canal(view: SideView):
    """The spinal canal behind the bodies, as one band following the curve."""
    frames = [(view.bodies[v.name], v.body_height_mm) for v in vertebrae()]
    front = [f.at(_CANAL_FRONT, y) for f, h in frames for y in (h + 12, 0)]
    back = [f.at(_CANAL_BACK, y) for f, h in frames for y in (h + 12, 0)]
    front.append(view.sacrum.at(_CANAL_FRONT, 0))
    back.append(view.sacrum.at(_CANAL_BACK, 0))
    return front + back[::-1]


def _geometry(view: SideView) -> dict[str, list]:
    """Every outline and line of the side view, in millimetres."""
    geo: dict[str, list] = {"body": [], "arch": [], "root": [], "foramen": [], "centre": []}
    for v in vertebrae():
        frame, h = view.bodies[v.name], v.body_height_mm
        geo["body"].append(_body(frame, view.tops[v.name], v.body_depth_mm))
        geo["arch"].append(_local(frame, _ARCH, h))
        geo["root"].append(_local(frame, [(x, y * h) for x, y in _ROOT]))
        geo["foramen"].append(_local(frame, [(x, y * h) for x, y in _FORAMEN]))
        geo["centre"].append(frame.at(v.body_depth_mm / 2, h / 2))
    geo["root"].append(_local(view.sacrum, _S1_ROOT))
    geo["disc"] = [list(view.discs[name]) for name in view.discs]
    geo["sacrum"] = _local(view.sacrum, _SACRUM)
    geo["sacral_canal"] = _local(view.sacrum, _SACRAL_CANAL)
    geo["coccyx"] = _local(view.sacrum, _COCCYX)
    geo["canal"] = _canal(view)
    return geo


def _disc_text(view: SideView) -> str:
    rows = [f"{s.name}:  {s.front_mm:4.1f} / {s.back_mm:4.1f}" for s in view.shapes.values()]
    return "Disc height (mm)\nfront / back\n" + "\n".join(reversed(rows))


def _curve_text(view: SideView) -> str:
    return f"Inward curve (lordosis): {view.lordosis_deg:.0f}°"


def draw_spine(ax: Axes, lordosis_deg: float = 50, labels: bool = True) -> dict[str, list]:
    """Draw the lumbar spine from the side (front to the right); return its artists by part."""
    view = side_view(lordosis_deg)
    geo = _geometry(view)
    bone, edge = COLOURS["bone"], COLOURS["bone_edge"]
    small = sizes()["small"]
    art: dict[str, list] = {
        "canal": [shape(ax, geo["canal"], COLOURS["canal"], "none", z=1)],
        "sacral_canal": [shape(ax, geo["sacral_canal"], COLOURS["canal"], "none", z=3)],
        "arch": [shape(ax, pts, bone, edge, z=2) for pts in geo["arch"]],
        "foramen": [
            shape(ax, pts, COLOURS["foramen"], COLOURS["sac_edge"], z=2.5) for pts in geo["foramen"]
        ],
        "body": [shape(ax, pts, bone, edge, z=3) for pts in geo["body"]],
        "disc": [shape(ax, pts, COLOURS["disc"], COLOURS["disc_edge"], z=3) for pts in geo["disc"]],
        "sacrum": [shape(ax, geo["sacrum"], bone, edge, z=2)],
        "coccyx": [shape(ax, geo["coccyx"], bone, edge, z=2)],
        "root": [  # a dot where the root turns out through its opening, toward the viewer
            ax.plot(
                *xs_ys(pts),
                color=COLOURS["nerve"],
                lw=3.2,
                solid_capstyle="round",
                zorder=4,
                marker="o",
                markevery=[-1],
                markersize=7,
                markeredgecolor=COLOURS["nerve_edge"],
            )[0]  # fmt: skip
            for pts in geo["root"]
        ],
    }
    names = [v.name for v in vertebrae()]
    art["name"] = [
        ax.text(*c, n, ha="center", va="center", fontsize=sizes()["label"], weight="bold", zorder=6)
        for c, n in zip(geo["centre"], names, strict=True)
    ]
    bare(ax)
    ax.set_xlim(*LIMITS[0])
    ax.set_ylim(*LIMITS[1])
    art["curve"] = [ax.text(0.5, 0.99, _curve_text(view), transform=ax.transAxes, ha="center",
                            va="top", fontsize=sizes()["title"], weight="bold")]  # fmt: skip
    art["disc_text"] = [
        ax.text(
            0.98,
            0.02,
            _disc_text(view),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=small,
            color=COLOURS["disc_edge"],
            family="monospace",
        )  # fmt: skip
    ]
    if labels:
        pairs = [label(ax, t, at(geo), xy, ha=ha) for t, xy, ha, at in _LABELS]
        art["label"] = [text for text, _ in pairs]
        art["leader"] = [line for _, line in pairs]
    return art


def _mid(a, b):
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


# Each label: text (plain words, technical term beside), where the text sits, alignment,
# and the part of the drawing its leader line points to (recomputed as the curve moves).
_LABELS = (
    ("bone block\n(vertebral body)", (_TEXT_X, 150), "left", lambda g: g["centre"][1]),
    ("cushion\n(intervertebral disc)", (_TEXT_X, 90), "left",
     lambda g: _mid(g["disc"][2][1], g["disc"][2][2])),
    ("base of the spine\n(sacrum, 5 fused bones)", (_TEXT_X, 0), "left",
     lambda g: g["sacrum"][2]),
    ("tailbone (coccyx)", (_BACK_X, -125), "right", lambda g: g["coccyx"][5]),
    ("spinal canal\n(holds the nerves)", (_BACK_X, 195), "right",
     lambda g: _mid(g["canal"][0], g["canal"][-1])),
    ("bony arch\n(spinous process)", (_BACK_X, 125), "right", lambda g: _mid(*g["arch"][0][7:9])),
    ("root leaving below\nits vertebra by the\nside opening\n(L4 root, foramen)",
     (_BACK_X, 20), "right", lambda g: g["root"][3][-1]),
    ("S1 root", (_BACK_X, -60), "right", lambda g: g["root"][5][1]),
)  # fmt: skip


def update_spine(art: dict[str, list], lordosis_deg: float) -> None:
    """Move every part of a drawn spine to a new curve, in place."""
    view = side_view(lordosis_deg)
    geo = _geometry(view)
    for part in ("arch", "foramen", "body", "disc"):
        for patch, pts in zip(art[part], geo[part], strict=True):
            patch.set_xy(pts)
    for part in ("canal", "sacral_canal", "sacrum", "coccyx"):
        art[part][0].set_xy(geo[part])
    for line, pts in zip(art["root"], geo["root"], strict=True):
        line.set_data(*xs_ys(pts))
    for text, centre in zip(art["name"], geo["centre"], strict=True):
        text.set_position(centre)
    art["curve"][0].set_text(_curve_text(view))
    art["disc_text"][0].set_text(_disc_text(view))
    for line, (*_, at) in zip(art.get("leader", []), _LABELS, strict=False):
        point_leader(line, at(geo))


def spine_figure(lordosis_deg: float = 50) -> tuple[Figure, dict[str, list]]:
    """A figure holding one labelled side view of the lumbar spine."""
    fig = new_figure(7.2, 7.0)
    ax = fig.add_axes((0, 0, 1, 1))
    return fig, draw_spine(ax, lordosis_deg)


def _side_image() -> tuple[Figure, str]:
    fig, _ = spine_figure(posture("standing").lordosis_deg)
    alt = (
        "Side view of the lower back, front to the right: five stacked bone blocks L1 to L5 "
        "with blue wedge-shaped discs between them, taller at the front, forming an inward "
        "curve of about 50 degrees that is sharpest at the bottom, where the L5 bone block is "
        "itself taller at the front; behind them the spinal canal, and below each vertebra a "
        "short nerve root that leaves the canal through the side opening (foramen) just under "
        "that vertebra's bony bridge, above the disc, never crossing a disc; below, the sacrum, "
        "with the S1 root leaving through it, and the tailbone."
    )
    return fig, alt


def _postures_image() -> tuple[Figure, str]:
    fig = new_figure(10.5, 4.6)
    presets = postures()
    for i, p in enumerate(presets):
        ax = fig.add_axes((i / len(presets), 0, 1 / len(presets), 0.9))
        art = draw_spine(ax, p.lordosis_deg, labels=False)
        art["disc_text"][0].set_fontsize(sizes()["small"] * 0.9)
        art["curve"][0].set_text(f"{p.label}: {p.lordosis_deg:.0f}°")
    fig.text(0.5, 0.97, "The same spine in three postures (front to the right)", ha="center",
             va="top", fontsize=sizes()["title"])  # fmt: skip
    alt = (
        "Three side views of the lumbar spine. Standing: a clear inward curve of 50 degrees "
        "with discs taller at the front. Lying on the back: a slightly smaller curve of 40 "
        "degrees. Slumped sitting: the spine is almost straight and slightly bent forward, "
        "and the discs are squeezed at the front."
    )
    return fig, alt


IMAGES = {"spine_side": _side_image, "spine_postures": _postures_image}
