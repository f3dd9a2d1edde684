"""A standing body outline with the sciatic nerve (roots L4 to S3) and the skin areas of the
L4, L5 and S1 roots."""

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, Patch

from lowback.anatomy import body, roots, sciatic_nerve, skin_areas
from lowback.draw.parts import COLOURS, ROOT_COLOURS, bare, label, shape, xs_ys
from lowback.draw.style import PALETTE, new_figure, sizes

VIEWS = {"back": "Seen from behind", "front": "Seen from the front"}
_FADED = PALETTE["faded"]


def _side(view: str) -> int:
    """+1 if the person's right side is drawn on the right (seen from behind), else -1."""
    return 1 if view == "back" else -1


def _placed(points, view: str) -> list[tuple[float, float]]:
    """Points given on the right leg, placed on the right leg as seen in ``view``."""
    s = _side(view)
    return [(s * x, y) for x, y in points]


def _outline() -> list[tuple[float, float]]:
    half = [tuple(p) for p in body()["half_outline"]]
    return half + [(-x, y) for x, y in reversed(half)]


def _spine(ax: Axes) -> list:
    """The lumbar vertebrae and sacrum at the small of the back, seen from behind."""
    sp = body()["spine"]
    step = (sp["top"] - sp["bottom"]) / 5
    half = sp["width"] / 2
    boxes = [
        shape(
            ax,
            [(-half, y), (half, y), (half, y + step * 0.75), (-half, y + step * 0.75)],
            COLOURS["bone"],
            COLOURS["bone_edge"],
            z=3,
        )  # fmt: skip
        for y in (sp["bottom"] + i * step for i in range(5))
    ]
    tri = [
        (-half * 1.6, sp["bottom"] - 0.6),
        (half * 1.6, sp["bottom"] - 0.6),
        (0, sp["sacrum_bottom"]),
    ]
    return [*boxes, shape(ax, tri, COLOURS["bone"], COLOURS["bone_edge"], z=3)]


def _nerve(ax: Axes, view: str) -> dict[str, list]:
    """The sciatic nerve on the right leg, with the roots that form it."""
    n = body()["nerve"]
    kw = {"color": COLOURS["nerve"], "solid_capstyle": "round", "zorder": 5}
    lines = {
        part: [ax.plot(*xs_ys(_placed(n[part], view)), lw=w, **kw)[0]]
        for part, w in (("trunk", 4.5), ("tibial", 3), ("fibular", 3))
    }
    lines["roots"] = [ax.plot(*xs_ys(_placed(r, view)), lw=2, **kw)[0] for r in n["roots"]]
    return lines


# The feet, drawn over the outline's flat soles (cm, the right foot; mirrored for the left):
# from the front the toes show, big toe on the inner side; from behind, the heel and the
# Achilles tendon above it.
_TOES = (
    (4.9, 1.6, 2.2, 2.6),
    (6.8, 1.3, 1.5, 2.0),
    (8.2, 1.1, 1.3, 1.8),
    (9.4, 1.0, 1.2, 1.6),
    (10.4, 1.0, 1.0, 1.4),
)  # fmt: skip  (x, y, width, height)
_BALL = ((4.0, 3.4), (7.0, 3.0), (10.6, 2.6))
_HEEL = (7.3, 2.4, 5.4, 4.6)
_TENDON = (((6.4, 4.4), (6.7, 15.0)), ((8.2, 4.4), (7.9, 15.0)))


def _feet(ax: Axes, view: str) -> list:
    """Toes seen from the front, or heels and Achilles tendons from behind, on both feet."""
    kw = {"facecolor": "none", "edgecolor": COLOURS["outline"], "lw": 0.8, "zorder": 2.6}
    out = []
    for s in (-1, 1):
        if view == "front":
            for x, y, w, h in _TOES:
                out.append(ax.add_patch(Ellipse((s * x, y), w, h, **kw)))
            out.append(ax.plot(*xs_ys([(s * x, y) for x, y in _BALL]), color=COLOURS["crease"],
                               lw=0.8, zorder=2.6)[0])  # fmt: skip
        else:
            x, y, w, h = _HEEL
            out.append(ax.add_patch(Ellipse((s * x, y), w, h, **kw)))
            for line in _TENDON:
                out.append(ax.plot(*xs_ys([(s * px, py) for px, py in line]),
                                   color=COLOURS["crease"], lw=0.9, zorder=2.6)[0])  # fmt: skip
    return out


def draw_body(
    ax: Axes, view: str = "back", nerve: bool = True, legs: bool = False
) -> dict[str, list]:
    """Draw a standing body from behind or the front; return its artists by part.

    The skin areas of every root on that side of the leg are drawn unfilled; colour one
    with :func:`highlight_root`. ``legs=True`` shows only the hips and legs, larger.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}; got {view!r}")
    b = body()
    art: dict[str, list] = {
        "outline": [shape(ax, _outline(), COLOURS["skin"], COLOURS["outline"], z=1, lw=1.2)],
    }
    rx, ry = b["head_radii"]
    head = Ellipse(b["head_centre"], 2 * rx, 2 * ry, facecolor=COLOURS["skin"], lw=1.2, zorder=1)
    head.set_edgecolor(COLOURS["outline"])
    ax.add_patch(head)
    art["head"] = [head]
    art["areas"] = [
        shape(ax, _placed(a.outline, view), _FADED, "none", z=2, lw=0.8)
        for a in skin_areas()
        if a.view == view
    ]
    art["area_roots"] = [a.root for a in skin_areas() if a.view == view]
    art["feet"] = _feet(ax, view)
    knee = b["knee_height"]
    for s in (-1, 1):
        ax.plot([s * 5.5, s * 11.5], [knee, knee], color=COLOURS["crease"], lw=0.8, zorder=2)
    if view == "back":
        fold = b["buttock_fold"]
        art["fold"] = [ax.plot(*xs_ys([(s * x, y) for x, y in fold]), color=COLOURS["outline"],
                               lw=1, zorder=2)[0] for s in (-1, 1)]  # fmt: skip
        art["fold"].append(ax.plot([0, 0], [79, 95], color=COLOURS["outline"], lw=1)[0])
        art["spine"] = [] if legs else _spine(ax)
        if nerve:
            art.update(_nerve(ax, view))
    bare(ax)
    ax.text(_side(view) * 8, -5, "right leg", ha="center", fontsize=sizes()["small"])
    ax.set_xlim(*((-19.5, 19.5) if legs else (-32, 32)))
    ax.set_ylim(*((-8, 100) if legs else (-8, 174)))
    ax.set_title(VIEWS[view], fontsize=sizes()["label"])
    return art


def highlight_root(art: dict[str, list], name: str | None) -> None:
    """Fill the skin areas of one root (``None`` clears them), in place."""
    for patch, owner in zip(art["areas"], art["area_roots"], strict=True):
        on = owner == name
        patch.set_facecolor(ROOT_COLOURS[owner] if on else _FADED)
        patch.set_edgecolor("black" if on else "none")
        patch.set_alpha(0.85 if on else None)


def fill_all_roots(art: dict[str, list]) -> None:
    """Fill every root's skin areas in its own colour (for a map of all three)."""
    for patch, owner in zip(art["areas"], art["area_roots"], strict=True):
        patch.set_facecolor(ROOT_COLOURS[owner])
        patch.set_alpha(0.8)


def body_figure(
    name: str | None = "L5", top: float = 0.0
) -> tuple[Figure, dict[str, dict[str, list]]]:
    """The legs from behind and the front, one root's skin areas filled; ``top`` leaves room."""
    fig = new_figure(6.4, 4.8 / (1 - top))
    art = {}
    for i, view in enumerate(("back", "front")):
        ax = fig.add_axes((i * 0.5, 0.0, 0.5, 0.92 * (1 - top)))
        art[view] = draw_body(ax, view, nerve=False, legs=True)
        highlight_root(art[view], name)
    return fig, art


def _nerve_image() -> tuple[Figure, str]:
    fig = new_figure(6.4, 7.0)
    ax = fig.add_axes((0, 0, 0.62, 0.95))
    draw_body(ax, "back")
    ax.set_title("The sciatic nerve, seen from behind", fontsize=sizes()["title"])
    ax.set_xlim(-32, 32)
    n = body()["nerve"]
    small = sizes()["small"] + 1
    first, *_, last = sciatic_nerve()["roots"]
    for text, target, y in (
        (f"nerve roots {first} to {last}\nleave the lower spine\nand the sacrum",
         n["roots"][0][0], 150),
        ("sciatic nerve: through the\nbuttock and down the\nback of the thigh", n["trunk"][3], 105),
        ("it splits above the knee", n["fibular"][0], 75),
        ("tibial nerve: down the\ncalf to the sole", n["tibial"][3], 35),
        ("common fibular nerve:\nround the outside of\nthe knee to the shin\nand top of the foot",
         n["fibular"][-1], 8),
    ):  # fmt: skip
        label(ax, text, target, (36, y), fontsize=small)
    alt = (
        "Outline of a standing person seen from behind. A thick orange nerve, the sciatic "
        f"nerve, is formed from the roots {first} to {last}, leaving the lower spine and the "
        "sacrum; it runs through the right buttock "
        "and down the back of the thigh, and splits above the knee into the tibial nerve, "
        "running down the calf to the sole, and the common fibular nerve, curving round the "
        "outside of the knee."
    )
    return fig, alt


def _areas_image() -> tuple[Figure, str]:
    fig, art = body_figure(None, top=0.22)
    for view in art.values():
        fill_all_roots(view)
    handles = [
        Patch(facecolor=ROOT_COLOURS[r.name], alpha=0.8, label=f"{r.name}: {r.skin}")
        for r in roots()
    ]
    fig.legend(handles=handles, loc="upper center", ncol=1, fontsize=sizes()["small"],
               frameon=False, title="Approximate skin areas of the right leg's roots")  # fmt: skip
    alt = (
        "Two outlines of a standing person, from behind and from the front, with coloured "
        "patches on the right leg: L4 on the inner shin and inner ankle; L5 on the outer shin, "
        "the top of the foot and the big toe; S1 on the back of the calf, the heel and sole, "
        "and the outer edge of the foot and little toe. From the front the toes show, big toe "
        "on the inner side; from behind, the heels. The areas are approximate."
    )
    return fig, alt


IMAGES = {"sciatic_nerve": _nerve_image, "root_skin_areas": _areas_image}
