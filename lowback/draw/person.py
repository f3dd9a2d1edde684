"""A side-view human figure with thick, rounded limbs, posed from a skeleton."""

import math
from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from lowback.draw.style import PALETTE
from lowback.poses import PELVIS, SIDES, Point, Skeleton, head_radius, segments

COLOURS = {"near": PALETTE["blue"], "far": PALETTE["sky"], "pelvis": PALETTE["orange"]}
"""Near-side body in dark blue, far-side limbs in light blue, the pelvis in orange."""

LIMB_PARTS = ("thigh", "shank", "foot", "upper_arm", "forearm", "hand")
PARTS = len(SIDES) * len(LIMB_PARTS) + 5
"""How many patches a figure is made of: limbs on both sides, trunk, neck, head, pelvis."""

_ARC = np.linspace(-np.pi / 2, np.pi / 2, 9)
_CIRCLE = np.linspace(0, 2 * np.pi, 40, endpoint=False)


def rod(p0: Point, p1: Point, r0: float, r1: float) -> np.ndarray:
    """Outline of a rod with rounded ends from p0 (radius r0) to p1 (radius r1)."""
    (x0, y0), (x1, y1) = p0, p1
    a = math.atan2(y1 - y0, x1 - x0)
    end = np.column_stack([x1 + r1 * np.cos(a + _ARC), y1 + r1 * np.sin(a + _ARC)])
    start = np.column_stack(
        [x0 + r0 * np.cos(a + np.pi + _ARC), y0 + r0 * np.sin(a + np.pi + _ARC)]
    )
    return np.vstack([end, start])


def head(centre: Point, direction: float, turned: float = 0.0) -> np.ndarray:
    """A round head with a small nose on the face side (the face is 90 degrees clockwise).

    ``turned`` (over 0.5): the face looks at the viewer, a cheek down (lying face down with
    the head turned to one side): no nose in outline; closed eyes, nose and mouth show as
    small openings in the head, the eyes one above the other.
    """
    if turned <= 0.5:
        face = math.radians(direction - 90)
        bump = 0.16 * np.exp(-(((_CIRCLE - face + np.pi) % (2 * np.pi) - np.pi) ** 2) / 0.05)
        r = head_radius() * (1 + bump)
        return np.column_stack([centre[0] + r * np.cos(_CIRCLE), centre[1] + r * np.sin(_CIRCLE)])
    r, cx, cy = head_radius(), centre[0], centre[1]
    u = np.array([math.cos(math.radians(direction)), math.sin(math.radians(direction))])
    v = np.array([-u[1], u[0]])  # across the face: from the cheek on the mat to the other
    outline = [np.array([cx, cy]) + r * np.array([math.cos(a), math.sin(a)]) for a in _CIRCLE]
    features = (  # (centre along u, along v, half length along v, half width along u)
        (0.2, 0.38, 0.2, 0.07),  # the eyes, closed: slits
        (0.2, -0.38, 0.2, 0.07),
        (-0.12, 0.0, 0.08, 0.14),  # the nose
        (-0.5, 0.0, 0.24, 0.07),  # the mouth
    )
    start = outline[0]
    points = [*outline, start]
    for du, dv, half, width in features:
        mid = np.array([cx, cy]) + r * (du * u + dv * v)
        ring = [
            mid + r * (half * math.cos(a) * v + width * math.sin(a) * u)
            for a in np.linspace(0, 2 * np.pi, 12)
        ]  # wound against the outline, so it is a hole
        points += [ring[0], *ring, start]
    return np.array(points)


def pelvis_direction(sk: Skeleton, tilt: float) -> float:
    """The pelvis's long axis, in radians: hip toward waist, turned back by its tilt."""
    (x0, y0), (x1, y1) = sk.points["hip"], sk.points["waist"]
    return math.atan2(y1 - y0, x1 - x0) - math.radians(tilt)


def pelvis(sk: Skeleton, tilt: float) -> np.ndarray:
    """The pelvis as an oval just above the hip joint, turned by its tilt.

    Its centre sits on the lower back's middle line and it is slim enough that, turned by
    a full tilt, a rim of the body's own colour still shows all round it.
    """
    x0, y0 = sk.points["hip"]
    a = pelvis_direction(sk, tilt)
    spine = pelvis_direction(sk, 0.0)
    t = _CIRCLE
    rx, ry, c = PELVIS["half_length"], PELVIS["half_width"], PELVIS["centre"]
    cx, cy = x0 + c * math.cos(spine), y0 + c * math.sin(spine)
    x, y = rx * np.cos(t), ry * np.sin(t)
    return np.column_stack(
        [cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)]
    )


def _outlines(sk: Skeleton, tilt: float) -> dict[str, tuple[str, np.ndarray]]:
    """Every body part by name: (colour key, outline), in the usual order from back to front."""
    rods = segments()
    out = {}
    for side in SIDES:
        if side == "near":
            for name in ("lumbar", "thorax", "neck"):
                r = rods[name]
                out[name] = ("near", rod(sk.points[r.start], sk.points[r.end], r.r0, r.r1))
            out["head"] = ("near", head(sk.points["head"], sk.head_dir, sk.head_turn))
            out["pelvis"] = ("pelvis", pelvis(sk, tilt))
        for part in LIMB_PARTS:
            r = rods[f"{part}_{side}"]
            out[r.name] = (side, rod(sk.points[r.start], sk.points[r.end], r.r0, r.r1))
            thumb = sk.points.get(f"thumb_{side}")
            if part == "hand" and thumb is not None:  # the thumb joins the hand's outline
                wrist = sk.points[r.start]
                spur = rod(wrist, thumb, 0.8 * r.r0, 0.7 * r.r1)
                out[r.name] = (side, np.vstack([out[r.name][1], spur]))
    return out


def draw_order(names: list[str], behind: Mapping[str, str]) -> list[str]:
    """Part names from back to front, each part in ``behind`` moved just behind its partner."""
    unknown = sorted(set(behind) - set(names) | set(behind.values()) - set(names))
    if unknown:
        raise ValueError(f"unknown body part {unknown[0]!r}; parts: {', '.join(names)}")
    order = [name for name in names if name not in behind]
    for part, partner in behind.items():
        order.insert(order.index(partner), part)
    return order


def _parts(sk: Skeleton, tilt: float, behind: Mapping[str, str]) -> list[tuple[str, np.ndarray]]:
    """(colour key, outline) for every body part, back to front."""
    outlines = _outlines(sk, tilt)
    return [outlines[name] for name in draw_order(list(outlines), behind)]


def _edge(sk: Skeleton, outline: np.ndarray, colour: str) -> str:
    """White edges part the body's pieces; a turned head's face openings take none (the cuts
    joining them to its outline would show)."""
    return colour if sk.head_turn > 0.5 and len(outline) > len(_CIRCLE) + 1 else "white"


def draw_person(
    ax: Axes,
    sk: Skeleton,
    tilt: float = 0.0,
    faded: bool = False,
    behind: Mapping[str, str] | None = None,
) -> list[Polygon]:
    """Draw the figure for a skeleton; faded draws it as a pale grey ghost (a start pose).

    ``behind`` maps a body part to the part it is drawn just behind (an arm threading
    behind a thigh, say); the usual order puts the far limbs at the back.
    """
    artists = []
    for key, outline in _parts(sk, tilt, behind or {}):
        colour = PALETTE["grey"] if faded else COLOURS[key]
        patch = Polygon(
            outline,
            closed=True,
            facecolor=colour,
            edgecolor=_edge(sk, outline, colour),
            linewidth=1.1,
            alpha=0.35 if faded else 1.0,
            zorder=2 if faded else 3,
        )
        ax.add_patch(patch)
        artists.append(patch)
    return artists


def update_person(
    artists: list[Polygon], sk: Skeleton, tilt: float = 0.0, behind: Mapping[str, str] | None = None
) -> None:
    """Move an already drawn figure (drawn with the same ``behind``) to a new skeleton, in place."""
    for patch, (_, outline) in zip(artists, _parts(sk, tilt, behind or {}), strict=True):
        patch.set_xy(outline)
