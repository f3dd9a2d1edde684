"""Exercise poses as joint angles: keyframes, interpolation and the joint positions they give.

Pure Python (no matplotlib). Angles are in degrees on a side view of a person facing
right when upright; the whole body turns with ``trunk`` (the direction of the lower back,
hip to waist: 90 upright, 180 lying face up with the head to the left, 0 lying face down
with the head to the right). Every other angle is a joint angle relative to its parent
segment; ``data/poses.toml`` explains each one.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from lowback._data import load
from lowback.catalogue import Exercise, exercise

Point = tuple[float, float]
SIDES = ("far", "near")  # drawing order: the far limbs sit behind the body

ANGLES = (
    "trunk",
    "back",
    "neck",
    "pelvis",
    *(f"{joint}_{side}" for side in SIDES for joint in ("shoulder", "elbow", "wrist")),
    *(f"{joint}_{side}" for side in SIDES for joint in ("hip", "knee", "ankle")),
)
"""Every joint angle a keyframe may set; angles left out are 0 (standing straight)."""

_EXTRA = (
    "foot",
    "palm",
    "thumb",
    "thigh_seen",
    "shank_seen",
    "foot_seen",
    "upper_arm_seen",
    "forearm_seen",
)
FREE = ("brace", "head_turn")
"""Keys a keyframe may set that move no joint: ``brace`` (0 to 1) tightens the waist's muscles;
``head_turn`` 1 turns the face toward the viewer (lying face down, a cheek on the mat)."""


@dataclass(frozen=True)
class Segment:
    """A body part drawn as a tapered rod between two joints."""

    name: str
    start: str
    end: str
    r0: float
    r1: float


@dataclass(frozen=True)
class Skeleton:
    """Joint positions of one pose, with the floor at y = 0."""

    points: dict[str, Point]
    head_dir: float  # direction from the neck to the top of the head, degrees
    head_turn: float = 0.0  # 1: face turned toward the viewer (lying with a cheek down)

    def along(self, segment: str, fraction: float, offset: float = 0.0) -> Point:
        """A point part-way along a segment, moved ``offset`` radii to its left side."""
        seg = segments()[segment]
        (x0, y0), (x1, y1) = self.points[seg.start], self.points[seg.end]
        x, y = x0 + fraction * (x1 - x0), y0 + fraction * (y1 - y0)
        if not offset:
            return (x, y)
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        r = seg.r0 + fraction * (seg.r1 - seg.r0)
        return (x - offset * r * (y1 - y0) / length, y + offset * r * (x1 - x0) / length)


@cache
def proportions() -> dict[str, float]:
    """Segment lengths as fractions of standing height."""
    return dict(load("poses")["body"]["length"])


@cache
def segments() -> dict[str, Segment]:
    """Every rod-shaped body part by name, with its joints and radii (fractions of height)."""
    out = {}
    for name, (start, end, r0, r1) in load("poses")["body"]["segment"].items():
        if "{side}" in name:
            for side in SIDES:
                out[name.format(side=side)] = Segment(
                    name.format(side=side),
                    start.format(side=side),
                    end.format(side=side),
                    r0,
                    r1,
                )
        else:
            out[name] = Segment(name, start, end, r0, r1)
    return out


def head_radius() -> float:
    """Half the head's height, as a fraction of standing height."""
    return proportions()["head"] / 2


def _step(p: Point, angle: float, length: float) -> Point:
    a = math.radians(angle)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def _direction(p: Point, q: Point) -> float:
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def _two_link(root: Point, target: Point, a: float, b: float, bend: int) -> tuple[float, float]:
    """Directions of two rods of lengths a and b from root so their end meets target."""
    d = min(max(math.dist(root, target), 1e-9), a + b - 1e-9)
    cos_alpha = (a * a + d * d - b * b) / (2 * a * d)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_alpha))))
    first = _direction(root, target) + bend * alpha
    mid = _step(root, first, a)
    return first, _direction(mid, target)


def _above(root: Point, target: Point, a: float, b: float, bend: int, floor: float):
    """Like :func:`_two_link`, but bend the other way if the middle joint would sink into floor."""
    first, second = _two_link(root, target, a, b, bend)
    if _step(root, first, a)[1] < floor:
        return _two_link(root, target, a, b, -bend)
    return first, second


class _Builder:
    """Forward kinematics with optional reaching limbs; hip at the origin until grounded."""

    def __init__(self, angles: Mapping[str, float], reach: Mapping[str, list]) -> None:
        self.a = {k: 0.0 for k in ANGLES} | dict(angles)
        self.reach = reach
        self.length = proportions()
        self.p: dict[str, Point] = {}

    def torso(self) -> None:
        a, L = self.a, self.length
        self.thorax_dir = a["trunk"] + a["back"]
        self.head_dir = self.thorax_dir + a["neck"]
        self.p["hip"] = (0.0, 0.0)
        self.p["waist"] = _step(self.p["hip"], a["trunk"], L["lumbar"])
        self.p["shoulder"] = _step(self.p["waist"], self.thorax_dir, L["thorax"])
        self.p["neck"] = _step(self.p["shoulder"], self.head_dir, L["neck"])
        self.p["head"] = _step(self.p["neck"], self.head_dir, head_radius())

    def leg_lengths(self, side: str) -> tuple[float, float]:
        """Thigh and shank as seen from the side (shorter when turned toward the viewer)."""
        a, L = self.a, self.length
        return L["thigh"] * a.get(f"thigh_seen_{side}", 1), L["shank"] * a.get(
            f"shank_seen_{side}", 1
        )

    def leg(self, side: str, thigh: float, shank: float) -> None:
        a, L = self.a, self.length
        upper, lower = self.leg_lengths(side)
        self.p[f"knee_{side}"] = knee = _step(self.p["hip"], thigh, upper)
        self.p[f"ankle_{side}"] = ankle = _step(knee, shank, lower)
        foot = a.get(f"foot_{side}", shank + 90 + a[f"ankle_{side}"])
        length = L["foot"] * a.get(f"foot_seen_{side}", 1)
        heel = _step(_step(ankle, shank, L["ankle"]), foot, -0.2 * length)
        self.p[f"heel_{side}"] = heel
        self.p[f"toe_{side}"] = _step(heel, foot, length)

    def leg_from_angles(self, side: str) -> None:
        thigh = self.a["trunk"] - 180 + self.a[f"hip_{side}"]
        self.leg(side, thigh, thigh - self.a[f"knee_{side}"])

    def arm_lengths(self, side: str) -> tuple[float, float]:
        """Upper arm and forearm as seen from the side (shorter when reaching out sideways)."""
        a, L = self.a, self.length
        return L["upper_arm"] * a.get(f"upper_arm_seen_{side}", 1), L["forearm"] * a.get(
            f"forearm_seen_{side}", 1
        )

    def arm(self, side: str, upper: float, fore: float) -> None:
        L, (a, b) = self.length, self.arm_lengths(side)
        self.p[f"elbow_{side}"] = elbow = _step(self.p["shoulder"], upper, a)
        self.p[f"wrist_{side}"] = wrist = _step(elbow, fore, b)
        palm = self.a.get(f"palm_{side}", fore + self.a[f"wrist_{side}"])
        self.p[f"hand_{side}"] = _step(wrist, palm, L["hand"] * b / L["forearm"])
        if f"thumb_{side}" in self.a:  # a thumb drawn apart from the hand (on the low back)
            self.p[f"thumb_{side}"] = _step(wrist, self.a[f"thumb_{side}"], THUMB)

    def forearm_on_floor(self, side: str, floor: float) -> None:
        """Elbow and forearm resting on the floor ahead of the shoulder (propped on them)."""
        L, seg = self.length, segments()[f"forearm_{side}"]
        sx, sy = self.p["shoulder"]
        drop = min(max(sy - floor - seg.r0, 0.0), L["upper_arm"])
        elbow = (sx + math.sqrt(L["upper_arm"] ** 2 - drop**2), floor + seg.r0)
        upper = _direction(self.p["shoulder"], elbow)
        fore = -math.degrees(math.asin((seg.r0 - seg.r1) / L["forearm"]))
        self.arm(side, upper, fore)

    def arm_from_angles(self, side: str) -> None:
        upper = self.thorax_dir - 180 + self.a[f"shoulder_{side}"]
        self.arm(side, upper, upper + self.a[f"elbow_{side}"])

    def lowest(self) -> float:
        """The lowest surface of everything placed so far (rods include their radius)."""
        low = self.p["head"][1] - head_radius()
        for seg in segments().values():
            if seg.start in self.p and seg.end in self.p:
                low = min(low, self.p[seg.start][1] - seg.r0, self.p[seg.end][1] - seg.r1)
        return low

    def target(self, spec: list, skeleton: Skeleton, root: Point, floor: float) -> Point:
        spec = [self.a[v] if isinstance(v, str) and v.startswith("x_") else v for v in spec]
        spec = [v for v in spec if v != "flip"]
        if spec[0] == "floor":
            return (root[0] + spec[1], floor + spec[2])
        if spec[0] == "hip" and len(spec) == 3:
            hx, hy = self.p["hip"]
            return (hx + spec[1], hy + spec[2])
        if spec[0] in self.p and len(spec) == 1:
            return self.p[spec[0]]
        return skeleton.along(spec[0], spec[1], spec[2] if len(spec) > 2 else 0.0)

    def build(self) -> Skeleton:
        self.torso()
        limbs = [f"leg_{s}" for s in SIDES] + [f"arm_{s}" for s in SIDES]
        for limb in limbs:
            if limb not in self.reach:
                kind, side = limb.split("_")
                getattr(self, f"{kind}_from_angles")(side)
        floor = self.lowest()
        for limb in limbs:  # legs first, so arms can reach for a knee
            if limb in self.reach:
                kind, side = limb.split("_")
                skeleton = Skeleton(dict(self.p), self.head_dir)
                flip = -1 if self.reach[limb][-1] == "flip" else 1
                if kind == "leg":
                    a, b = self.leg_lengths(side)
                    goal = self.target(self.reach[limb], skeleton, self.p["hip"], floor)
                    knee = floor + segments()[f"shank_{side}"].r0 - 0.005
                    self.leg(side, *_above(self.p["hip"], goal, a, b, flip, knee))
                elif self.reach[limb][0] == "forearm on floor":
                    self.forearm_on_floor(side, floor)
                else:
                    goal = self.target(self.reach[limb], skeleton, self.p["shoulder"], floor)
                    a, b = self.arm_lengths(side)
                    elbow = floor + segments()[f"forearm_{side}"].r0 - 0.005
                    self.arm(side, *_above(self.p["shoulder"], goal, a, b, -flip, elbow))
        floor = self.lowest()  # a reaching limb may end lower than the body it reaches from
        shifted = {k: (x, y - floor) for k, (x, y) in self.p.items()}
        return Skeleton(shifted, self.head_dir, self.a.get("head_turn", 0.0))


def skeleton(angles: Mapping[str, float], reach: Mapping[str, list] | None = None) -> Skeleton:
    """Joint positions for a set of joint angles, standing on (or lying on) the floor y = 0."""
    extra = {f"{p}_{s}" for s in SIDES for p in _EXTRA}
    unknown = {k for k in set(angles) - set(ANGLES) - extra - set(FREE) if not k.startswith("x_")}
    if unknown:
        raise ValueError(f"unknown joint angle {sorted(unknown)[0]!r}; known: {', '.join(ANGLES)}")
    return _Builder(angles, reach or {}).build()


def _smooth(u: float) -> float:
    return u * u * (3 - 2 * u)


@dataclass(frozen=True)
class Motion:
    """The keyframes of one exercise (or one of its variations) and the props it needs."""

    exercise: Exercise
    variation: str | None
    frames: tuple[tuple[float, dict[str, float]], ...]  # (t, angles), t from 0 to 1
    reach: dict[str, list]
    props: tuple[str, ...]
    notes: tuple[tuple[str, str], ...]  # (text, landmark) for the static figure
    paths: tuple[str, ...]  # landmarks whose path through the repetition is drawn
    behind: dict[str, str]  # body part -> the part it is drawn just behind
    alt: str  # what the start-to-end picture shows, for a screen reader
    place: dict[str, float]  # where the props sit (see data/poses.toml)
    label: str = ""  # how the pose audit names it: "12 cobra", "8 knees-to-chest (both knees)"
    backline: bool = False  # draw the line of the back at the start and the hold

    def angles(self, t: float) -> dict[str, float]:
        """Joint angles at time t (0 start pose, 1 end pose), eased between keyframes."""
        t = min(max(float(t), 0.0), 1.0)
        for (t0, a0), (t1, a1) in zip(self.frames, self.frames[1:], strict=False):
            if t <= t1:
                u = _smooth((t - t0) / (t1 - t0)) if t1 > t0 else 1.0
                return {k: a0[k] + u * (a1[k] - a0[k]) for k in a0}
        return dict(self.frames[-1][1])

    def skeleton(self, t: float) -> Skeleton:
        """Joint positions at time t."""
        return skeleton(self.angles(t), self.reach)


def _merge(base: dict, *overrides: dict) -> dict:
    out = dict(base)
    for o in overrides:
        out.update(o)
    return out


@cache
def _motion(number: int, variation: str | None) -> Motion:
    ex = exercise(number)
    records = {m["exercise"]: m for m in load("poses")["motion"]}
    if number not in records:
        raise LookupError(f"no poses for exercise {number}")
    rec = records[number]
    var = {}
    if variation is not None:
        if variation not in ex.variations:
            choices = ", ".join(repr(v) for v in ex.variations) or "none"
            raise ValueError(f"{ex.name} has no variation {variation!r}; variations: {choices}")
        var = rec.get("variation", {}).get(variation, {})
    base = _merge(rec.get("base", {}), var.get("base", {}))
    var_frames = var.get("frame", [{} for _ in rec["frame"]])
    frames = []
    for frame, extra in zip(rec["frame"], var_frames, strict=True):
        angles = _merge(base, frame, extra)
        at = angles.pop("at")
        frames.append((float(at), {k: float(v) for k, v in angles.items()}))
    keys = {k for _, a in frames for k in a}
    frames = [(at, {k: a.get(k, 0.0) for k in sorted(keys)}) for at, a in frames]
    return Motion(
        exercise=ex,
        variation=variation,
        frames=tuple(frames),
        reach={k: v for k, v in _merge(rec.get("reach", {}), var.get("reach", {})).items() if v},
        props=tuple(var.get("props", rec.get("props", []))),
        notes=tuple((n["text"], n["at"]) for n in var.get("note", rec.get("note", []))),
        paths=tuple(var.get("path", rec.get("path", []))),
        behind=dict(var.get("behind", rec.get("behind", {}))),
        alt=var["alt"] if variation is not None else rec["alt"],
        place=_merge(PLACE, rec.get("place", {}), var.get("place", {})),
        label=f"{ex.number} {ex.slug}" + (f" ({variation})" if variation else ""),
        backline=bool(var.get("backline", rec.get("backline", False))),
    )


PLACE = {
    "towel": 0.6,  # the towel's centre, this far along the lower back from the hip
    "towel_radius": 0.02,
    "pillow": 0.5,  # the pillow's centre, this far along the upper back from the waist
    "pillow_width": 0.09,  # half its length; the chest pressing on it shapes its top
    "seat_back": -0.12,  # the chair seat's back and front edges, from the hip joint
    "seat_front": 0.17,
}
"""Default prop placement, as fractions of height; a motion's ``place`` overrides them."""


THUMB = 0.045
"""The length of a thumb drawn apart from its hand (``thumb_*``), as a fraction of height."""

PELVIS = {"centre": 0.03, "half_length": 0.068, "half_width": 0.036}
"""The drawn pelvis oval: its centre this far up the lower back from the hip joint, and its
half length (along the lower back) and half width, as fractions of height."""


def pelvis_top(sk: Skeleton, tilt: float) -> Point:
    """The top of the pelvis (the iliac crest) as drawn: the end of the oval's long axis."""
    (x0, y0), (x1, y1) = sk.points["hip"], sk.points["waist"]
    spine = math.atan2(y1 - y0, x1 - x0)
    a = spine - math.radians(tilt)
    cx, cy = x0 + PELVIS["centre"] * math.cos(spine), y0 + PELVIS["centre"] * math.sin(spine)
    return (cx + PELVIS["half_length"] * math.cos(a), cy + PELVIS["half_length"] * math.sin(a))


def _polygon(cx: float, cy: float, rx: float, ry: float, n: int = 32) -> list[Point]:
    return [
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    ]


def _cushion(sk: Skeleton, centre: float, half: float, n: int = 12) -> list[Point]:
    """A soft pillow on the floor under the upper back, its top pressed to the chest's shape.

    It reaches ``half`` either side of the point ``centre`` of the way along the upper back;
    its top is the underside of the upper back there, pressed in a little; its ends round off.
    """
    (x0, _), (x1, _) = sk.points["waist"], sk.points["shoulder"]
    span = half / (abs(x1 - x0) or 1.0)
    fs = [centre - span + 2 * span * i / (n - 1) for i in range(n)]
    top = [sk.along("thorax", f, -1.0) for f in fs]
    top = [(x, y - 0.002) for x, y in top]
    outline = [(top[0][0], 0.0), *top, (top[-1][0], 0.0)]
    for _ in range(3):  # Chaikin's corner cutting rounds the ends
        ring = [*outline, outline[0]]
        outline = [
            point
            for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False)
            for point in ((0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by),
                          (0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by))
        ]  # fmt: skip
    return outline


def _box(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def prop_shapes(mo: "Motion") -> dict[str, list[list[Point]]]:
    """The solid props of a motion as polygons, placed once from its start pose (they stay put).

    The mat is not among them: its top is the floor, y = 0.
    """
    sk, at = mo.skeleton(0.0), mo.place
    out: dict[str, list[list[Point]]] = {}
    if "towel" in mo.props:
        x, _ = sk.along("lumbar", at["towel"])
        r = at["towel_radius"]
        out["towel"] = [_polygon(x, r, r, r)]
    if "pillow" in mo.props:
        out["pillow"] = [_cushion(sk, at["pillow"], at["pillow_width"])]
    if "chair" in mo.props:
        hx, hy = sk.points["hip"]
        seat = hy - segments()["lumbar"].r0
        front, back = hx + at["seat_front"], hx + at["seat_back"]
        lean = math.radians(100)
        top = (back + 0.3 * math.cos(lean), seat + 0.3 * math.sin(lean))
        out["chair seat"] = [_box(back, seat - 0.03, front, seat)]
        out["chair back"] = [[(back, seat), (back + 0.025, seat), (top[0] + 0.025, top[1]), top]]
        out["chair legs"] = [
            _box(back, 0.0, back + 0.022, seat - 0.03),
            _box(front - 0.022, 0.0, front, seat - 0.03),
        ]
    return out


def is_still(mo: Motion) -> bool:
    """Whether a motion is one still position (a resting pose): every keyframe alike."""
    return all(angles == mo.frames[0][1] for _, angles in mo.frames)


def motion(which: int | str | Exercise, variation: str | None = None) -> Motion:
    """The keyframed motion of an exercise, optionally one of its named variations."""
    return _motion(exercise(which).number, variation)


def rep_times(frames: int = 24, hold: float = 0.3) -> tuple[float, ...]:
    """Times t for one repetition: ease into the end pose, hold it, ease back to the start."""
    moving = max(2, round(frames * (1 - hold) / 2))
    held = max(0, frames - 2 * moving)
    up = [i / (moving - 1) for i in range(moving)]
    return tuple(up + [1.0] * held + up[::-1])


def feet_view(which: int | str | Exercise) -> dict[str, Point]:
    """Key points of an exercise's held pose seen from the feet (empty if it has none)."""
    number = exercise(which).number
    rec = next(m for m in load("poses")["motion"] if m["exercise"] == number)
    return {k: (float(x), float(y)) for k, (x, y) in rec.get("feet_view", {}).items()}


@dataclass(frozen=True)
class Mistake:
    """A common way to get an exercise wrong, drawn as a "not like this" picture."""

    exercise: Exercise
    slug: str
    caption: str  # what is wrong, in plain words
    alt: str
    pose: Motion  # one pose, held (its start and end are the same)


@cache
def mistakes() -> tuple[Mistake, ...]:
    """Every "not like this" pose in data/poses.toml, in exercise order."""
    out = []
    for rec in load("poses").get("mistake", []):
        ex = exercise(rec["exercise"])
        angles = {k: float(v) for k, v in rec["angles"].items()}
        pose = Motion(
            exercise=ex,
            variation=None,
            frames=((0.0, angles), (1.0, dict(angles))),
            reach={k: v for k, v in rec.get("reach", {}).items() if v},
            props=tuple(rec.get("props", [])),
            notes=(),
            paths=(),
            behind=dict(rec.get("behind", {})),
            alt=rec["alt"],
            place=_merge(PLACE, rec.get("place", {})),
            label=f"{ex.number} {ex.slug}: not like this ({rec['slug']})",
        )
        out.append(Mistake(ex, rec["slug"], rec["caption"], rec["alt"], pose))
    return tuple(sorted(out, key=lambda m: m.exercise.number))


def alt_text(which: int | str | Exercise, variation: str | None = None) -> str:
    """The alt text of an exercise's figure: what the picture shows, start to end."""
    return motion(which, variation).alt
