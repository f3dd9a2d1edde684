"""The lower back's anatomy as frozen records, and a small geometric model of its curve."""

import math
import numbers
from dataclasses import dataclass, field
from functools import cache

from lowback._data import load
from lowback.sources import source

Point = tuple[float, float]


class UnknownPartError(LookupError):
    """No level, disc, root or posture has the name asked for."""


@dataclass(frozen=True)
class Vertebra:
    """One lumbar vertebra: the block of bone at the front (the body) and its size."""

    name: str
    region: str
    body_height_mm: float  # in the middle
    body_depth_mm: float
    wedge_deg: float = 0.0  # taller at the front than the back by this angle
    sources: tuple[str, ...] = ()  # keys in sources.toml

    def heights(self) -> tuple[float, float]:
        """The body's height at the front and at the back, in mm."""
        rise = self.body_depth_mm / 2 * math.tan(math.radians(self.wedge_deg))
        return self.body_height_mm + rise, self.body_height_mm - rise


@dataclass(frozen=True)
class Disc:
    """The cushion between two vertebrae and the root it presses on when it herniates."""

    name: str
    above: str
    below: str
    mid_height_mm: float
    depth_mm: float
    curve_share: float
    presses_on: str
    common: bool
    sources: tuple[str, ...] = ()  # keys in sources.toml


@dataclass(frozen=True)
class Root:
    """A nerve root: where its skin area is, what weakens and which reflex drops."""

    name: str
    leaves: str
    skin: str
    weakness: str
    reflex: str
    sources: tuple[str, ...] = ()  # keys in sources.toml

    def __str__(self) -> str:
        return (
            f"{self.name} root\n  numbness or tingling: {self.skin}\n"
            f"  weakness: {self.weakness}\n  reflex: {self.reflex}"
        )


@dataclass(frozen=True)
class Posture:
    """A preset for the lumbar curve (lordosis)."""

    id: str
    label: str
    lordosis_deg: float
    note: str
    sources: tuple[str, ...] = ()  # keys in sources.toml


@dataclass(frozen=True)
class SkinArea:
    """An approximate skin area (dermatome) of one root, as a polygon on the right leg."""

    root: str
    view: str  # "front" or "back" of the leg
    part: str
    outline: tuple[Point, ...]
    sources: tuple[str, ...] = ()  # keys in sources.toml


@dataclass(frozen=True)
class Symptom:
    """One symptom of a pinched nerve and what it feels like."""

    id: str
    name: str
    feels_like: str
    sources: tuple[str, ...] = ()  # keys in sources.toml


@dataclass(frozen=True)
class PainKind:
    """Nerve pain or muscle pain: how it feels, where, and what comes with it."""

    id: str
    name: str
    feels: str
    where: str
    comes_with: str
    sources: tuple[str, ...] = ()  # keys in sources.toml


@dataclass(frozen=True)
class Recovery:
    """One point on the usual course of sciatica: the share improved after some time."""

    after: str
    days: int
    improved: float


@dataclass(frozen=True)
class NaturalHistory:
    """What usually happens next, with the caveat that goes with the numbers."""

    points: tuple[Recovery, ...]
    persisting_after: str
    persisting_share: tuple[float, float]
    caveat: str
    sources: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"- {p.improved:.0%} feel clearly better after {p.after}" for p in self.points]
        low, high = self.persisting_share
        lines.append(f"- {low:.0%} to {high:.0%} still have trouble after {self.persisting_after}")
        cites = "; ".join(source(k).cite for k in self.sources)
        return "\n".join(lines + [f"Caveat: {self.caveat}", f"Sources: {cites}"])


def _data() -> dict:
    return load("anatomy")


def _records(cls, key: str) -> tuple:
    """Every ``[[key]]`` table of the data file as a ``cls`` record, its sources a tuple."""
    return tuple(cls(**{**r, "sources": tuple(r.get("sources", ()))}) for r in _data()[key])


def _find(items: tuple, name: str, kind: str, key: str = "name"):
    wanted = str(name).strip().lower()
    for item in items:
        if getattr(item, key).lower() == wanted:
            return item
    choices = ", ".join(getattr(i, key) for i in items)
    raise UnknownPartError(f"no {kind} called {name!r}: choose one of {choices}")


@cache
def vertebrae() -> tuple[Vertebra, ...]:
    """The five lumbar vertebrae, L1 at the top."""
    return _records(Vertebra, "vertebra")


def vertebra(name: str) -> Vertebra:
    """One lumbar vertebra by name (L1 to L5)."""
    return _find(vertebrae(), name, "lumbar vertebra")


@cache
def discs() -> tuple[Disc, ...]:
    """The five lumbar discs, L1-L2 at the top."""
    return _records(Disc, "disc")


def disc(name: str) -> Disc:
    """One disc by name, such as "L4-L5" (a short form like "L4-5" works too)."""
    names = {d.name.lower().replace("l", "").replace("s", ""): d for d in discs()}
    key = str(name).strip().lower().replace("l", "").replace("s", "")
    return names.get(key) or _find(discs(), name, "disc")


def common_discs() -> tuple[Disc, ...]:
    """The discs where most herniations happen (L4-L5 and L5-S1)."""
    return tuple(d for d in discs() if d.common)


def disc_facts() -> dict:
    """Numbers about discs: water content, ring layers, shares of herniation and sciatica."""
    return dict(_data()["disc_facts"])


@cache
def roots() -> tuple[Root, ...]:
    """The nerve roots a lumbar herniation most often presses on: L4, L5 and S1."""
    return _records(Root, "root")


def root(name: str) -> Root:
    """One nerve root by name (L4, L5 or S1)."""
    return _find(roots(), name, "nerve root")


@cache
def postures() -> tuple[Posture, ...]:
    """The posture presets for the lumbar curve: standing, lying, slumped sitting."""
    return _records(Posture, "posture")


def posture(which: str) -> Posture:
    """A posture preset by id or label."""
    try:
        return _find(postures(), which, "posture", key="id")
    except UnknownPartError:
        return _find(postures(), which, "posture", key="label")


def lordosis_range() -> tuple[float, float]:
    """The smallest and largest lumbar curve, in degrees, the model draws."""
    cfg = _data()["lordosis"]
    return cfg["min_deg"], cfg["max_deg"]


def sacral_slope(lordosis_deg: float) -> float:
    """How far the top of the sacrum tilts forward, in degrees, for a given curve."""
    cfg = _data()["lordosis"]
    return cfg["sacral_slope_base_deg"] + cfg["sacral_slope_per_deg"] * lordosis_deg


@cache
def skin_areas() -> tuple[SkinArea, ...]:
    """Every approximate skin area, for all roots."""
    return tuple(
        SkinArea(
            a["root"],
            a["view"],
            a["part"],
            tuple(tuple(p) for p in a["outline"]),
            tuple(a.get("sources", ())),
        )
        for a in _data()["skin_area"]
    )


def skin_areas_of(name: str) -> tuple[SkinArea, ...]:
    """The approximate skin areas of one root."""
    name = root(name).name
    return tuple(a for a in skin_areas() if a.root == name)


@cache
def symptoms() -> tuple[Symptom, ...]:
    """The four symptoms of a pinched nerve."""
    return _records(Symptom, "symptom")


@cache
def pain_kinds() -> tuple[PainKind, ...]:
    """Nerve pain and muscle pain, side by side."""
    return _records(PainKind, "pain_kind")


def sciatic_nerve() -> dict:
    """The sciatic nerve: its roots, path, branches and where sciatica is felt."""
    return dict(_data()["sciatic_nerve"])


@cache
def natural_history() -> NaturalHistory:
    """What usually happens to sciatica over time, with its caveat."""
    nh = _data()["natural_history"]
    return NaturalHistory(
        points=tuple(Recovery(**p) for p in nh["point"]),
        persisting_after=nh["persisting"]["after"],
        persisting_share=tuple(nh["persisting"]["share"]),
        caveat=nh["caveat"],
        sources=tuple(nh["sources"]),
    )


def phases() -> dict[str, str]:
    """Acute, subacute and chronic, with how long each lasts."""
    return {p["name"]: p["span"] for p in _data()["phase"]}


def imaging_advice() -> tuple[str, ...]:
    """When a specialist may consider a scan for sciatica (it is never routine)."""
    return tuple(_data()["imaging"]["considered_when"])


def body() -> dict:
    """The body outline, nerve path and sizes used by the drawings (centimetres)."""
    return _data()["body"]


# ---------------------------------------------------------------- the curve model


@dataclass(frozen=True)
class DiscShape:
    """A disc's heights at the front, middle and back, and its wedge angle."""

    name: str
    front_mm: float
    mid_mm: float
    back_mm: float
    wedge_deg: float


@dataclass(frozen=True)
class Frame:
    """A place on the spine: a back corner and the unit direction toward the front."""

    origin: Point
    front: Point

    @property
    def up(self) -> Point:
        """The unit direction up along the spine (the front turned a quarter left)."""
        return (-self.front[1], self.front[0])

    def at(self, forward: float, upward: float) -> Point:
        """The point ``forward`` mm toward the front and ``upward`` mm along the spine."""
        (ox, oy), (fx, fy), (ux, uy) = self.origin, self.front, self.up
        return (ox + forward * fx + upward * ux, oy + forward * fy + upward * uy)


@dataclass(frozen=True)
class SideView:
    """The lumbar spine seen from the side (front to the right), in millimetres."""

    lordosis_deg: float
    sacrum: Frame  # the top of the sacrum, at its back corner
    bodies: dict[str, Frame]  # each vertebra's lower back corner
    discs: dict[str, tuple[Point, Point, Point, Point]]  # back-low, front-low, front-up, back-up
    shapes: dict[str, DiscShape]
    tops: dict[str, Frame] = field(default_factory=dict)  # each vertebra's upper back corner


def _check_range(field: str, value: object, low: float, high: float, unit: str = "") -> None:
    """Refuse anything but a number from ``low`` to ``high``, in one line naming the field."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{field} must be a number from {low} to {high}{unit}; got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{field} must be from {low} to {high}{unit}; got {value}")


def _check_lordosis(lordosis_deg: float) -> None:
    _check_range("lordosis", lordosis_deg, *lordosis_range(), " degrees")


def disc_shape(which: str | Disc, lordosis_deg: float) -> DiscShape:
    """A disc's front, middle and back heights when the lumbar curve is ``lordosis_deg``."""
    _check_lordosis(lordosis_deg)
    d = which if isinstance(which, Disc) else disc(which)
    wedge = d.curve_share * (lordosis_deg - sum(v.wedge_deg for v in vertebrae()))
    half_rise = d.depth_mm / 2 * math.tan(math.radians(wedge))
    return DiscShape(
        d.name, d.mid_height_mm + half_rise, d.mid_height_mm, d.mid_height_mm - half_rise, wedge
    )


def _turn(v: Point, degrees: float) -> Point:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (v[0] * c - v[1] * s, v[0] * s + v[1] * c)


def side_view(lordosis_deg: float) -> SideView:
    """Stack sacrum, discs and vertebrae from the bottom up for a given lumbar curve."""
    _check_lordosis(lordosis_deg)
    slope = sacral_slope(lordosis_deg)
    sacrum = Frame((0.0, 0.0), _turn((1.0, 0.0), -slope))
    frame, bodies, tops, quads, shapes = sacrum, {}, {}, {}, {}
    for d in reversed(discs()):
        shape = disc_shape(d, lordosis_deg)
        top = Frame(frame.at(0, shape.back_mm), _turn(frame.front, shape.wedge_deg))
        quads[d.name] = (frame.origin, frame.at(d.depth_mm, 0), top.at(d.depth_mm, 0), top.origin)
        shapes[d.name] = shape
        bodies[d.above] = top
        v = vertebra(d.above)
        frame = Frame(top.at(0, v.heights()[1]), _turn(top.front, v.wedge_deg))
        tops[d.above] = frame
    return SideView(
        lordosis_deg,
        sacrum,
        dict(reversed(bodies.items())),
        quads,
        shapes,
        dict(reversed(tops.items())),
    )


@dataclass(frozen=True)
class HerniationStage:
    """What a disc looks like at a given load, in plain words."""

    name: str
    text: str
    pressed: bool
    sources: tuple[str, ...] = ()  # keys in sources.toml


def press_at() -> float:
    """The load (0 to 1) at which the gel centre reaches the nerve root in the drawings."""
    return _data()["herniation"]["press_at"]


def herniation_stage(load: float, which: str = "L4-L5") -> HerniationStage:
    """The stage of a herniating disc at ``load`` (0 to 1), naming the root it presses on."""
    _check_range("load", load, 0, 1)
    d = disc(which)
    stage = [s for s in _data()["herniation"]["stage"] if s["from_load"] <= load][-1]
    return HerniationStage(
        stage["name"],
        stage["text"].format(root=d.presses_on),
        load >= press_at(),
        tuple(stage.get("sources", ())),
    )


def herniation_stage_number(load: float) -> tuple[int, int]:
    """Which stage (counting from 1) a disc is at for ``load`` (0 to 1), and how many there are."""
    _check_range("load", load, 0, 1)
    stages = _data()["herniation"]["stage"]
    return sum(s["from_load"] <= load for s in stages), len(stages)


# ---------------------------------------------------------------- text for the lessons


def _table(header: tuple[str, ...], rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def levels_table() -> str:
    """The lumbar vertebrae and discs, top to bottom, as a Markdown table."""
    rows = []
    for v, d in zip(vertebrae(), discs(), strict=True):
        rows.append((f"{v.name} vertebra", f"{v.body_height_mm} mm", f"{v.body_depth_mm} mm"))
        rows.append((f"{d.name} disc", f"{d.mid_height_mm} mm (middle)", f"{d.depth_mm} mm"))
    return _table(("part", "height", "front to back"), rows)


def roots_table() -> str:
    """The L4, L5 and S1 roots: skin area, weakness and reflex, as a Markdown table."""
    header = ("root", "numbness or tingling", "weakness", "reflex")
    return _table(header, ((r.name, r.skin, r.weakness, r.reflex) for r in roots()))


def pain_table() -> str:
    """Nerve pain beside muscle pain, as a Markdown table."""
    kinds = pain_kinds()
    rows = [
        (field, *(getattr(k, field) for k in kinds)) for field in ("feels", "where", "comes_with")
    ]
    rows = [(f.replace("_", " "), *rest) for f, *rest in rows]
    return _table(("", *(k.name for k in kinds)), rows)


def disc_summary() -> str:
    """The disc's numbers in a few plain lines."""
    f = disc_facts()
    water, layers = f["water_percent"], f["annulus_layers"]
    share = [f"{s:.0%}" for s in f["share_of_spine_length"]]
    return "\n".join(
        [
            f"Gel centre (nucleus pulposus): {water[0]} to {water[1]} percent water",
            f"Rings (annulus fibrosus): {layers[0]} to {layers[1]} layers",
            f"Discs make up {share[0]} to {share[1]} of the spine's length",
            f"Herniations at {' or '.join(d.name for d in common_discs())}: "
            f"about {f['common_levels_share']:.0%}",
            f"Sciatica caused by a herniated disc: about {f['sciatica_from_disc_share']:.0%}",
        ]
    )


def sciatic_summary() -> str:
    """The sciatic nerve's roots, path, branches and where sciatica is felt."""
    n = sciatic_nerve()
    return "\n".join(
        [
            f"Formed from the roots {', '.join(n['roots'])}",
            f"Runs {n['path']}",
            f"Splits {n['splits']} into the {' and the '.join(n['splits_into'])}",
            f"Sciatica is felt in the {', '.join(n['felt_in'])}",
        ]
    )
