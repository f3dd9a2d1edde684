"""The pose audit: does every frame of every exercise picture obey physics and its steps?

Pure Python (no matplotlib). The rules are data in ``data/pose_checks.toml``: general
physics for every frame (nothing below the floor or inside a prop or a body part it should
not cross, segment lengths constant, joints within a normal human range) and, per
exercise, checks written from its steps (contacts, fixed points, hand placements, angle
ranges, where the props sit). :func:`audit` returns every broken rule, each naming the
exercise, the frame and the rule.
"""

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from lowback._data import load
from lowback.catalogue import exercises
from lowback.poses import (
    SIDES,
    Motion,
    Point,
    Skeleton,
    head_radius,
    mistakes,
    motion,
    pelvis_top,
    prop_shapes,
    proportions,
    segments,
)

PHASES = ("start", "hold", "all")
"""When a check applies: the start pose (t = 0), the held end pose (t = 1) or every frame."""


@dataclass(frozen=True)
class Broken:
    """One broken rule: which picture, at which moment, which rule and by how much."""

    motion: str
    t: float
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.motion}, frame t={self.t:.2f}: {self.rule}: {self.detail}"


@cache
def rules() -> dict:
    """The audit's rules as read from data/pose_checks.toml."""
    return load("pose_checks")


def audit_times(mo: Motion, steps: int = 13) -> tuple[float, ...]:
    """The frames the audit looks at: evenly spaced through the motion, plus every keyframe."""
    even = {round(i / (steps - 1), 6) for i in range(steps)}
    return tuple(sorted(even | {float(at) for at, _ in mo.frames}))


# ------------------------------------------------------------------ geometry


def _norm(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def _dir(p: Point, q: Point) -> float:
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def _segment_distance(p: Point, a: Point, b: Point) -> tuple[float, float]:
    """Distance from p to the segment ab, and how far along ab (0 to 1) the nearest point is."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    f = 0.0 if length2 == 0 else min(1.0, max(0.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - f * dx, py - ay - f * dy), f


def _along(p: Point, a: Point, b: Point) -> tuple[float, float]:
    """How far along the line ab (0 at a, 1 at b, beyond either end outside 0 to 1) p lies,
    and its distance from that line."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1.0
    along = ((px - ax) * dx + (py - ay) * dy) / length**2
    return along, abs((px - ax) * dy - (py - ay) * dx) / length


def _inside(p: Point, polygon: Sequence[Point]) -> bool:
    x, y = p
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def signed_distance(p: Point, polygon: Sequence[Point]) -> float:
    """Distance from p to a polygon's edge: positive outside, negative inside."""
    edges = zip(polygon, [*polygon[1:], polygon[0]], strict=True)
    d = min(_segment_distance(p, a, b)[0] for a, b in edges)
    return -d if _inside(p, polygon) else d


@dataclass(frozen=True)
class Solid:
    """A body part as a rod with rounded ends (a circle when both ends are the same point)."""

    name: str
    a: Point
    b: Point
    ra: float
    rb: float

    def samples(self, n: int = 9) -> Iterator[tuple[Point, float]]:
        """Points along the rod's middle line with the radius there."""
        for i in range(n):
            f = i / (n - 1)
            p = (self.a[0] + f * (self.b[0] - self.a[0]), self.a[1] + f * (self.b[1] - self.a[1]))
            yield p, self.ra + f * (self.rb - self.ra)

    def gap_to(self, polygon: Sequence[Point]) -> float:
        """Distance from the rod's surface to a polygon: negative when it sinks into it."""
        return min(signed_distance(p, polygon) - r for p, r in self.samples())

    def bottom(self) -> float:
        """Height of the rod's lowest surface."""
        return min(self.a[1] - self.ra, self.b[1] - self.rb)

    def gap_to_solid(self, other: "Solid") -> float:
        """Distance between two rods' surfaces: negative when they overlap."""
        best = math.inf
        for p, r in self.samples():
            d, f = _segment_distance(p, other.a, other.b)
            best = min(best, d - r - (other.ra + f * (other.rb - other.ra)))
        for p, r in other.samples():
            d, f = _segment_distance(p, self.a, self.b)
            best = min(best, d - r - (self.ra + f * (self.rb - self.ra)))
        return best


def solids(sk: Skeleton) -> dict[str, Solid]:
    """Every body part of a pose as a solid: the segments and the head."""
    out = {
        name: Solid(name, sk.points[s.start], sk.points[s.end], s.r0, s.r1)
        for name, s in segments().items()
    }
    h = sk.points["head"]
    out["head"] = Solid("head", h, h, head_radius(), head_radius())
    return out


def _expand(names: Iterable[str]) -> list[str]:
    """Names with ``{side}`` written out for both sides."""
    out = []
    for name in names:
        out.extend(name.format(side=s) for s in SIDES) if "{side}" in name else out.append(name)
    return out


# ------------------------------------------------------------------ measures


def joint_angles(sk: Skeleton) -> dict[str, float]:
    """Joint angles measured back from a pose's points, with the signs of data/poses.toml."""
    p = sk.points
    lumbar, thorax = _dir(p["hip"], p["waist"]), _dir(p["waist"], p["shoulder"])
    out = {"trunk": lumbar, "back": _norm(thorax - lumbar), "neck": _norm(sk.head_dir - thorax)}
    for s in SIDES:
        thigh, shank = _dir(p["hip"], p[f"knee_{s}"]), _dir(p[f"knee_{s}"], p[f"ankle_{s}"])
        foot = _dir(p[f"heel_{s}"], p[f"toe_{s}"])
        upper, fore = _dir(p["shoulder"], p[f"elbow_{s}"]), _dir(p[f"elbow_{s}"], p[f"wrist_{s}"])
        palm = _dir(p[f"wrist_{s}"], p[f"hand_{s}"])
        out[f"hip_{s}"] = _norm(thigh - lumbar + 180)
        out[f"knee_{s}"] = _norm(thigh - shank)
        out[f"ankle_{s}"] = _norm(foot - shank - 90)
        out[f"shoulder_{s}"] = (upper - thorax + 180 + 90) % 360 - 90  # -90 to 270: overhead is 180
        out[f"elbow_{s}"] = _norm(fore - upper)
        out[f"wrist_{s}"] = _norm(palm - fore)
    return out


def measures(mo: Motion, t: float) -> dict[str, float]:
    """Every named quantity a check can limit, at time t (degrees or fractions of height)."""
    sk = mo.skeleton(t)
    p = sk.points
    out = joint_angles(sk)
    out["pelvis_tilt"] = mo.angles(t).get("pelvis", 0.0)
    out["trunk_lift"] = math.degrees(
        math.atan2(p["shoulder"][1] - p["hip"][1], abs(p["shoulder"][0] - p["hip"][0]))
    )
    out["gaze"] = _norm(sk.head_dir - 90)  # face down: 0 looking level ahead, + up, - down
    out["brace"] = mo.angles(t).get("brace", 0.0)
    out["head_turn"] = mo.angles(t).get("head_turn", 0.0)
    (hx, hy), (wx, wy), (sx, sy) = p["hip"], p["waist"], p["shoulder"]
    side = (sx - hx) * (wy - hy) - (sy - hy) * (wx - hx)  # > 0: waist left of hip->shoulder
    out["back_curve"] = math.copysign(_along(p["waist"], p["hip"], p["shoulder"])[1], side)
    for s in SIDES:
        # The straight-leg-raise equivalent: the shin's angle up from the line of the trunk,
        # so a bent knee takes tension off the nerve (a straight knee makes it the leg's angle).
        out[f"leg_raise_{s}"] = out[f"hip_{s}"] - out[f"knee_{s}"]
        out[f"thigh_from_vertical_{s}"] = abs(90 - abs(_dir(p["hip"], p[f"knee_{s}"])))
        (ex, ey), (wx, wy) = p[f"elbow_{s}"], p[f"wrist_{s}"]
        out[f"forearm_rise_{s}"] = math.degrees(math.atan2(abs(ey - wy), abs(ex - wx)))
    return out


def _seen(mo: Motion, t: float, segment: str) -> float:
    """The fraction of a leg segment's length seen from the side (1 unless turned out)."""
    side = segment.split("_")[-1]
    for part in ("thigh", "shank"):
        if segment.startswith(part):
            return mo.angles(t).get(f"{part}_seen_{side}", 1.0)
    for part in ("upper_arm", "forearm"):
        if segment.startswith(part):
            return mo.angles(t).get(f"{part}_seen_{side}", 1.0)
    return 1.0


def _length_key(segment: str) -> str:
    return segment.rsplit("_", 1)[0] if segment.endswith(SIDES) else segment


def _point(sk: Skeleton, spec) -> Point:
    """A named point, or [segment, fraction, offset in radii] along a segment."""
    if isinstance(spec, str):
        if spec not in sk.points:
            raise ValueError(f"no point {spec!r} in this pose; points: {', '.join(sk.points)}")
        return sk.points[spec]
    return sk.along(spec[0], spec[1], spec[2] if len(spec) > 2 else 0.0)


# ------------------------------------------------------------------ the checks


def _when(check: dict, t: float) -> bool:
    at = check.get("at", "all")
    if at not in PHASES:
        raise ValueError(f"check {check!r}: 'at' must be one of {', '.join(PHASES)}")
    return at == "all" or (at == "start" and t == 0.0) or (at == "hold" and t == 1.0)


def _surface(shapes: dict[str, list], name: str) -> list[list[Point]]:
    if name not in shapes:
        raise ValueError(f"no prop {name!r} in this picture; props: {', '.join(shapes) or 'none'}")
    return shapes[name]


def _general(mo: Motion, t: float, shapes: dict[str, list]) -> Iterator[tuple[str, str]]:
    g = rules()["general"]
    sk = mo.skeleton(t)
    body = solids(sk)
    tol = g["sink"]
    for name, solid in body.items():
        if solid.bottom() < -tol:
            yield "no body part below the floor", f"{name} {-solid.bottom():.3f} under it"
        for prop, polys in shapes.items():
            if name in _expand(g.get("beside", {}).get(prop, [])):
                continue
            gap = min(solid.gap_to(poly) for poly in polys)
            if gap < -g["sink_prop"]:
                yield "no body part inside a prop", f"{name} {-gap:.3f} inside the {prop}"
    turned = {
        s for s in SIDES if _seen(mo, t, f"thigh_{s}") != 1 or _seen(mo, t, f"shank_{s}") != 1
    }
    for a, b in g["apart"]:
        for x, y in zip(_expand([a]), _expand([b]) * (1 if "{side}" in b else 2), strict=False):
            if x.endswith(tuple(turned)) or y.endswith(tuple(turned)):
                continue  # a leg turned out lies to the side of the body, not in its plane
            gap = body[x].gap_to_solid(body[y])
            if gap < -g["overlap"]:
                yield "solid parts do not pass through each other", f"{x} {-gap:.3f} into {y}"
    length = proportions()
    for name, s in segments().items():
        want = length[_length_key(name)] * _seen(mo, t, name)
        have = math.dist(sk.points[s.start], sk.points[s.end])
        if name.startswith(("foot", "hand")):
            continue  # a foot runs from heel to toe and a hand from wrist to fingertips
        if abs(have - want) > g["length"]:
            yield "segment lengths stay constant", f"{name} {have:.3f} long, not {want:.3f}"
    lo, hi = g["ankle_over_foot"]
    for s in SIDES:
        heel, toe, ankle = (sk.points[f"{k}_{s}"] for k in ("heel", "toe", "ankle"))
        along, off = _along(ankle, heel, toe)
        along *= math.dist(heel, toe) / length["foot"]  # in whole foot lengths, even end-on
        if not lo <= along <= hi or off > length["ankle"] + g["ankle_gap"]:
            yield (
                "the foot sits under the ankle",
                f"ankle_{s} {along:.2f} of the way along the foot and {off:.3f} from its sole "
                f"line, not {lo} to {hi} within {length['ankle'] + g['ankle_gap']:.3f}",
            )
    angles = joint_angles(sk)
    for joint, (lo, hi) in g["joint"].items():
        for key in _expand([joint]) if "{side}" in joint else [joint]:
            seen = mo.angles(t)
            side = key.rsplit("_", 1)[-1]
            if (
                side in SIDES
                and (
                    seen.get(f"thigh_seen_{side}", 1) != 1 or seen.get(f"shank_seen_{side}", 1) != 1
                )
                and key.startswith(("hip", "knee", "ankle"))
            ) or (
                side in SIDES
                and (
                    seen.get(f"upper_arm_seen_{side}", 1) != 1
                    or seen.get(f"forearm_seen_{side}", 1) != 1
                )
                and key.startswith(("shoulder", "elbow", "wrist"))
            ):
                continue  # a limb turned toward the viewer: the side view cannot measure it
            if not lo <= angles[key] <= hi:
                yield (
                    "joints within a normal range",
                    f"{key} {angles[key]:.0f}° outside {lo} to {hi}°",
                )
    for limb, spec in mo.reach.items():
        kind, side = limb.split("_")
        end = sk.points[("ankle_" if kind == "leg" else "wrist_") + side]
        goal = _reach_goal(mo, t, sk, spec)
        if goal is not None and math.dist(end, goal) > g["reach"]:
            yield "a reaching hand or foot gets there", f"{limb} {math.dist(end, goal):.3f} short"


def _reach_goal(mo: Motion, t: float, sk: Skeleton, spec: list) -> Point | None:
    """Where a reaching limb aims (None for floor targets, which move with the grounding)."""
    angles = mo.angles(t)
    spec = [angles.get(v, 0.0) if isinstance(v, str) and v.startswith("x_") else v for v in spec]
    spec = [v for v in spec if v != "flip"]
    if spec[0] in ("floor", "hip", "forearm on floor"):
        return None
    return _point(sk, spec)


def _specific(mo: Motion, check: dict, shapes: dict[str, list]) -> Iterator[tuple[float, str, str]]:
    """Every breach of one exercise's checks through its frames."""
    times = audit_times(mo)
    skels = {t: mo.skeleton(t) for t in times}
    for c in check.get("contact", []):
        for t in times:
            if not _when(c, t):
                continue
            body = solids(skels[t])
            gaps = []
            for part in _expand([c["part"]]):
                if c["with"] in ("floor", "mat"):
                    gaps.append(body[part].bottom())
                else:
                    gaps.append(min(body[part].gap_to(p) for p in _surface(shapes, c["with"])))
            gap = min(gaps)
            if c.get("off", False):
                if gap < rules()["general"]["touch"]:
                    yield t, f"{c['part']} off the {c['with']}", f"touching it ({gap:.3f})"
            elif gap > rules()["general"]["touch"]:
                yield t, f"{c['part']} on the {c['with']}", f"{gap:.3f} away from it"
    for c in check.get("rests", []):
        lo, hi = c["between"]
        for t in times:
            if not _when(c, t):
                continue
            rod = solids(skels[t])[c["part"]]
            polys = _surface(shapes, c["on"])
            for i, (p, r) in enumerate(rod.samples(17)):
                gap = min(signed_distance(p, poly) for poly in polys) - r
                if lo <= i / 16 <= hi and gap > rules()["general"]["touch"]:
                    yield (
                        t,
                        c["rule"],
                        f"{c['part']} {gap:.3f} above the {c['on']} {i / 16:.2f} along it",
                    )
                    break
    for c in check.get("size", []):
        ys = [y for poly in _surface(shapes, c["prop"]) for _, y in poly]
        lo, hi = c["height"]
        if not lo <= max(ys) - min(ys) <= hi:
            yield 0.0, c["rule"], f"the {c['prop']} {max(ys) - min(ys):.3f} high, not {lo} to {hi}"
    for point in check.get("fixed", []):
        start = skels[0.0].points[point]
        for t in times:
            moved = math.dist(start, skels[t].points[point])
            if moved > rules()["general"]["fixed"]:
                yield t, f"{point} stays put", f"moved {moved:.3f} from the start"
    for c in check.get("still", []):
        start = _point(skels[0.0], c["point"])
        moved = max(math.dist(start, _point(skels[t], c["point"])) for t in times)
        if moved > c["within"]:
            yield 1.0, c["rule"], f"{c['point']} moves {moved:.3f}, over {c['within']}"
    for c in check.get("near", []):
        for t in times:
            if _when(c, t):
                d = math.dist(_point(skels[t], c["point"]), _point(skels[t], c["target"]))
                if d > c["within"]:
                    yield (
                        t,
                        c["rule"],
                        f"{c['point']} {d:.3f} from {c['target']}, over {c['within']}",
                    )
    for c in check.get("clear", []):
        for t in times:
            if _when(c, t):
                d = math.dist(_point(skels[t], c["point"]), _point(skels[t], c["target"]))
                if d < c["beyond"]:
                    yield (
                        t,
                        c["rule"],
                        f"{c['point']} {d:.3f} from {c['target']}, under {c['beyond']}",
                    )
    for c in check.get("on", []):
        for t in times:
            if _when(c, t):
                sk = skels[t]
                seg = segments()[c["segment"]]
                a, b = sk.points[seg.start], sk.points[seg.end]
                along, off = _along(_point(sk, c["point"]), a, b)
                lo, hi = c["between"]
                if not lo <= along <= hi or off > c["within"]:
                    yield (
                        t,
                        c["rule"],
                        (
                            f"{c['point']} {along:.2f} of the way along {c['segment']} and "
                            f"{off:.3f} from its middle line, not {lo} to {hi} within {c['within']}"
                        ),
                    )
    for c in check.get("ahead", []):
        for t in times:
            if _when(c, t):
                p = skels[t].points
                d = p[c["point"]][0] - p[c["of"]][0]
                lo, hi = c["range"]
                if not lo <= d <= hi:
                    yield (
                        t,
                        c["rule"],
                        f"{c['point']} {d:+.3f} ahead of {c['of']}, not {lo} to {hi}",
                    )
    for c in check.get("angle", []):
        for t in times:
            if _when(c, t):
                v = measures(mo, t)[c["measure"]]
                lo, hi = c["range"]
                if not lo <= v <= hi:
                    shown = f"{v:.1f}" if abs(v) >= 1 else f"{v:.3f}"
                    yield t, c["rule"], f"{c['measure']} {shown} outside {lo} to {hi}"
    for c in check.get("change", []):
        values = [measures(mo, t)[c["measure"]] for t in times]
        span = max(values) - min(values)
        if "most" in c and span > c["most"]:
            yield 1.0, c["rule"], f"{c['measure']} changes by {span:.1f}, over {c['most']}"
        if "least" in c and span < c["least"]:
            yield 1.0, c["rule"], f"{c['measure']} changes by only {span:.1f}, under {c['least']}"
    for c in check.get("uncovered", []):
        lo, hi = c.get("between", [0.0, 1.0])
        for t in times:
            if _when(c, t):
                body = solids(skels[t])
                part = body[c["part"]]
                for other in (body[name] for name in c["by"]):
                    gap = min(
                        d - r - (other.ra + f * (other.rb - other.ra))
                        for i, (p, r) in enumerate(part.samples(17))
                        if lo <= i / 16 <= hi
                        for d, f in [_segment_distance(p, other.a, other.b)]
                    )
                    if gap < 0:
                        yield t, c["rule"], f"{other.name} {-gap:.3f} over {c['part']}"
    for c in check.get("along_trunk", []):
        for t in times:
            if not _when(c, t):
                continue
            sk = skels[t]
            ys = [(x, y) for poly in _surface(shapes, c["prop"]) for x, y in poly]
            centre = (sum(x for x, _ in ys) / len(ys), sum(y for _, y in ys) / len(ys))
            hip, top = sk.points["hip"], sk.points["shoulder"]
            length = math.dist(hip, top)

            def up(p: Point, hip=hip, top=top, length=length) -> float:
                return _along(p, hip, top)[0] * length

            low = up(pelvis_top(sk, mo.angles(t).get("pelvis", 0.0))) + c.get("clear", 0.0)
            high = up(_point(sk, c["below"]))
            if not low <= up(centre) <= high:
                yield (
                    t,
                    c["rule"],
                    f"the {c['prop']}'s centre {up(centre):.3f} up the trunk from the hip, "
                    f"not between the pelvis top {low:.3f} and {c['below']} {high:.3f}",
                )
    for c in check.get("edge", []):
        x = skels[0.0].points[c["point"]][0]
        front = max(px for poly in _surface(shapes, c["prop"]) for px, _ in poly)
        lo, hi = c["range"]
        if not lo <= front - x <= hi:
            yield (
                0.0,
                c["rule"],
                f"the {c['prop']}'s front edge {front - x:.3f} ahead of {c['point']}",
            )
    for c in check.get("under", []):
        sk = skels[0.0]
        seg = segments()[c["segment"]]
        x0, x1 = sk.points[seg.start][0], sk.points[seg.end][0]
        lo, hi = sorted(x0 + f * (x1 - x0) for f in c["between"])
        for poly in _surface(shapes, c["prop"]):
            px = [x for x, _ in poly]
            if min(px) < lo - 1e-9 or max(px) > hi + 1e-9:
                yield (
                    0.0,
                    c["rule"],
                    (
                        f"the {c['prop']} spans x {min(px):.3f} to {max(px):.3f}, "
                        f"outside {lo:.3f} to {hi:.3f} under the {c['segment']}"
                    ),
                )


def checks_for(mo: Motion) -> dict:
    """The exercise-specific checks of a motion (its variation's own, if it has any)."""
    found = [c for c in rules().get("check", []) if c["exercise"] == mo.exercise.number]
    own = [c for c in found if c.get("variation") == mo.variation]
    shared = [c for c in found if "variation" not in c and mo.variation not in c.get("skip", [])]
    merged: dict = {}
    for c in shared + own:
        for key, value in c.items():
            if isinstance(value, list) and key != "skip":
                merged.setdefault(key, []).extend(value)
    return merged


def audit_motion(mo: Motion, specific: bool = True) -> list[Broken]:
    """Every rule a motion breaks, general physics in every frame and its own checks."""
    shapes = prop_shapes(mo)
    out = [
        Broken(mo.label, t, rule, detail)
        for t in audit_times(mo)
        for rule, detail in _general(mo, t, shapes)
    ]
    if specific:
        out += [Broken(mo.label, t, r, d) for t, r, d in _specific(mo, checks_for(mo), shapes)]
    return out


def all_motions() -> list[Motion]:
    """Every exercise's motion and every variation's."""
    return [motion(ex, v) for ex in exercises() for v in (None, *ex.variations)]


def audit() -> list[Broken]:
    """Every broken rule in every exercise picture (empty when all is well)."""
    out = [b for mo in all_motions() for b in audit_motion(mo)]
    return out + [b for m in mistakes() for b in audit_motion(m.pose, specific=False)]


def mistake_breaks(which) -> list[Broken]:
    """The checks of its exercise that a "not like this" pose breaks when held (some must)."""
    mo = which.pose
    checks = {k: v for k, v in checks_for(motion(mo.exercise)).items() if k != "change"}
    return [
        Broken(mo.label, t, rule, detail)
        for t, rule, detail in _specific(mo, checks, prop_shapes(mo))
        if t == 1.0
    ]


def summary(broken: Iterable[Broken]) -> str:
    """One line per picture, rule and body part, with the frames it fails in."""
    groups: dict[tuple[str, str, str], list[Broken]] = {}
    for b in broken:
        groups.setdefault((b.motion, b.rule, b.detail.split(" ")[0]), []).append(b)
    lines = []
    for (label, rule, _), found in groups.items():
        ts = sorted({b.t for b in found})
        when = (
            f"t={ts[0]:.2f}"
            if len(ts) == 1
            else f"t={ts[0]:.2f} to {ts[-1]:.2f} ({len(ts)} frames)"
        )
        lines.append(f"{label}, frame {when}: {rule}: {found[0].detail}")
    return "\n".join(lines)
