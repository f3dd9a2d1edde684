"""The props and geometry every exercise drawing is built from, checked by what they must be."""

import math

import pytest

from lowback._data import load
from lowback.poses import (
    Skeleton,
    _cushion,
    _polygon,
    feet_view,
    motion,
    prop_shapes,
    rep_times,
    segments,
)


def flat(points):
    """Points as one flat list of numbers, for pytest.approx."""
    return [c for p in points for c in p]


def test_a_polygon_is_its_points_evenly_round_the_ellipse():
    pts = _polygon(1.0, 2.0, 0.5, 0.25, n=8)
    assert len(pts) == 8 and len(_polygon(0, 0, 1, 1)) == 32
    for i, point in enumerate(pts):
        a = 2 * math.pi * i / 8
        assert point == pytest.approx((1.0 + 0.5 * math.cos(a), 2.0 + 0.25 * math.sin(a)))


def test_the_towel_is_a_roll_resting_on_the_floor_under_the_lower_back():
    mo = motion(3)
    place = mo.place
    assert (place["towel"], place["towel_radius"]) == (1.1, 0.017), "from data/poses.toml"
    (towel,) = prop_shapes(mo)["towel"]
    x, _ = mo.skeleton(0.0).along("lumbar", place["towel"])
    r = place["towel_radius"]
    assert flat(towel) == pytest.approx(flat(_polygon(x, r, r, r)))
    assert min(y for _, y in towel) == pytest.approx(0.0, abs=1e-12)


def test_the_pillow_lies_on_the_floor_with_its_top_pressed_to_the_chest():
    mo = motion(1, "pillow under the chest")
    sk, place = mo.skeleton(0.0), mo.place
    (pillow,) = prop_shapes(mo)["pillow"]
    assert pillow == _cushion(sk, place["pillow"], place["pillow_width"])
    assert len(pillow) == 14 * 2**3, "12 points on top and 2 on the floor, cut three times"
    assert min(y for _, y in pillow) == 0.0 and all(y >= 0 for _, y in pillow)
    xs = [x for x, _ in pillow]
    half = place["pillow_width"]
    assert 1.5 * half < max(xs) - min(xs) <= 2 * half + 1e-9
    # The chest's underside where the pillow reaches, pressed in 0.002 (2 mm in 1 m).
    (x0, _), (x1, _) = sk.points["waist"], sk.points["shoulder"]
    span = half / abs(x1 - x0)
    under = [
        sk.along("thorax", place["pillow"] - span + 2 * span * i / 11, -1.0) for i in range(12)
    ]
    assert min(xs) >= under[0][0] - 1e-9 and max(xs) <= under[-1][0] + 1e-9
    highest = max(y for _, y in pillow)
    assert max(y for _, y in under) - 0.004 < highest <= max(y for _, y in under) - 0.002 + 1e-12


@pytest.mark.parametrize(("number", "back", "front"), [(2, -0.12, 0.17), (6, -0.2, 0.1)])
def test_the_chair_seat_sits_under_the_hips_on_two_legs_with_a_leaning_back(number, back, front):
    mo = motion(number)
    assert (mo.place["seat_back"], mo.place["seat_front"]) == (back, front)
    shapes = prop_shapes(mo)
    hx, hy = mo.skeleton(0.0).points["hip"]
    seat = hy - segments()["lumbar"].r0
    b, f = hx + back, hx + front
    assert shapes["chair seat"] == [[(b, seat - 0.03), (f, seat - 0.03), (f, seat), (b, seat)]]
    assert shapes["chair legs"] == [
        [(b, 0.0), (b + 0.022, 0.0), (b + 0.022, seat - 0.03), (b, seat - 0.03)],
        [(f - 0.022, 0.0), (f, 0.0), (f, seat - 0.03), (f - 0.022, seat - 0.03)],
    ]
    (chair_back,) = shapes["chair back"]
    lean = math.radians(100)
    top = (b + 0.3 * math.cos(lean), seat + 0.3 * math.sin(lean))
    expected = [(b, seat), (b + 0.025, seat), (top[0] + 0.025, top[1]), top]
    assert flat(chair_back) == pytest.approx(flat(expected))
    assert set(shapes) == {"chair seat", "chair back", "chair legs"}


def test_a_motion_without_props_has_no_shapes():
    assert prop_shapes(motion(4)) == {}


@pytest.mark.parametrize(
    ("frames", "hold", "up", "held"),
    [(24, 0.3, 8, 8), (10, 0.0, 5, 0), (2, 0.9, 2, 0), (12, 0.5, 3, 6), (7, 0.3, 2, 3)],
)
def test_one_repetition_eases_out_holds_and_comes_back(frames, hold, up, held):
    times = rep_times(frames, hold)
    rise = [i / (up - 1) for i in range(up)]
    assert list(times) == pytest.approx(rise + [1.0] * held + rise[::-1])


def test_the_default_repetition_has_24_frames_with_a_third_held():
    assert rep_times() == rep_times(24, 0.3) and len(rep_times()) == 24


def test_the_view_from_the_feet_is_read_from_the_data():
    record = next(m for m in load("poses")["motion"] if m["exercise"] == 9)
    view = feet_view(9)
    assert view == {k: (float(x), float(y)) for k, (x, y) in record["feet_view"].items()}
    assert len(view) > 5 and feet_view(4) == {}


def test_a_point_along_a_segment_and_off_to_its_left():
    seg = segments()["lumbar"]
    sk = Skeleton({seg.start: (0.0, 0.0), seg.end: (2.0, 0.0)}, 90.0)
    assert sk.along("lumbar", 0.0) == (0.0, 0.0) and sk.along("lumbar", 1.0) == (2.0, 0.0)
    assert sk.along("lumbar", 0.25) == (0.5, 0.0)
    assert sk.along("lumbar", 0.0, 1.0) == pytest.approx((0.0, seg.r0))
    assert sk.along("lumbar", 1.0, -2.0) == pytest.approx((2.0, -2 * seg.r1))
    mid = (seg.r0 + seg.r1) / 2
    assert sk.along("lumbar", 0.5, 1.0) == pytest.approx((1.0, mid))
    still = Skeleton({seg.start: (1.0, 1.0), seg.end: (1.0, 1.0)}, 90.0)
    assert still.along("lumbar", 0.5, 1.0) == (1.0, 1.0), "a rod of no length has no side"


def test_a_motion_holds_its_first_and_last_pose_outside_zero_to_one():
    mo = motion(12)
    assert mo.angles(-1) == mo.angles(0.0) == mo.frames[0][1]
    assert mo.angles(2) == mo.angles(1.0) == pytest.approx(mo.frames[-1][1])
    (t0, a0), (t1, a1) = mo.frames[0], mo.frames[1]
    quarter = t0 + (t1 - t0) / 4
    eased = 0.25 * 0.25 * (3 - 2 * 0.25)  # smoothstep: slow out of the start pose
    for key, value in mo.angles(quarter).items():
        assert value == pytest.approx(a0[key] + eased * (a1[key] - a0[key]))


@pytest.mark.parametrize("t", [0.0, 0.5, 1.0])
def test_a_forearm_propped_on_the_floor_lies_flat_along_it(t):
    mo = motion(11)  # propped on the elbows: both forearms "forearm on floor"
    sk = mo.skeleton(t)
    for side in ("near", "far"):
        seg = segments()[f"forearm_{side}"]
        (ex, ey), (wx, wy) = sk.points[f"elbow_{side}"], sk.points[f"wrist_{side}"]
        assert wx > ex, "the forearm reaches forward from the elbow"
        assert ey - seg.r0 == pytest.approx(wy - seg.r1, abs=1e-9), "its underside is level"
        assert ey - seg.r0 == pytest.approx(0.0, abs=0.005), "resting on the floor"


def test_the_pillow_touches_the_floor_evenly_under_its_two_ends():
    mo = motion(1, "pillow under the chest")
    sk, place = mo.skeleton(0.0), mo.place
    (pillow,) = prop_shapes(mo)["pillow"]
    (x0, _), (x1, _) = sk.points["waist"], sk.points["shoulder"]
    span = place["pillow_width"] / abs(x1 - x0)
    first = sk.along("thorax", place["pillow"] - span, -1.0)[0]
    last = sk.along("thorax", place["pillow"] + span, -1.0)[0]
    floor = [x for x, y in pillow if y == 0.0]
    assert len(floor) >= 2
    assert (min(floor) + max(floor)) / 2 == pytest.approx((first + last) / 2, abs=1e-9)


def test_easing_restarts_at_each_keyframe_of_a_longer_motion():
    from dataclasses import replace

    frames = ((0.0, {"trunk": 0.0}), (0.5, {"trunk": 10.0}), (1.0, {"trunk": 30.0}))
    mo = replace(motion(12), frames=frames)
    assert mo.angles(0.25)["trunk"] == pytest.approx(5.0)
    assert mo.angles(0.5)["trunk"] == pytest.approx(10.0)
    assert mo.angles(0.75)["trunk"] == pytest.approx(20.0)
    assert mo.angles(0.625)["trunk"] == pytest.approx(10.0 + 20.0 * 0.15625)


def test_an_unknown_joint_angle_is_named_with_the_known_ones():
    from lowback.poses import ANGLES, skeleton

    with pytest.raises(ValueError) as err:
        skeleton({"zzz": 1.0, "aaa": 2.0, "trunk": 0.0})
    assert str(err.value) == f"unknown joint angle 'aaa'; known: {', '.join(ANGLES)}"


def test_each_foot_is_drawn_as_long_as_it_is_seen():
    """A foot seen end-on (figure 4's crossed foot, foot_seen_* in poses.toml) is drawn
    that much shorter; every other foot at its full length, in every frame."""
    from lowback.pose_checks import all_motions
    from lowback.poses import proportions

    foot = proportions()["foot"]
    seen_short = []
    for mo in all_motions():
        for t in (0.0, 0.5, 1.0):
            angles, points = mo.angles(t), mo.skeleton(t).points
            for side in ("near", "far"):
                seen = angles.get(f"foot_seen_{side}", 1.0)
                drawn = math.dist(points[f"heel_{side}"], points[f"toe_{side}"])
                assert drawn == pytest.approx(foot * seen), f"{mo.label} t={t} {side}"
                seen_short += [mo.label] if seen < 1 else []
    assert seen_short, "no picture shows a foot end-on, so this test checks nothing special"


def test_the_pelvis_top_is_the_end_of_the_drawn_oval_and_turns_with_its_tilt():
    """The towel's check measures from here: it must match the orange oval drawn."""
    import numpy as np

    from lowback.draw.person import pelvis
    from lowback.poses import PELVIS, pelvis_top, skeleton

    sk = skeleton({"trunk": 90})
    hx, hy = sk.points["hip"]
    x, y = pelvis_top(sk, 0.0)
    assert x == pytest.approx(hx) and y == pytest.approx(
        hy + PELVIS["centre"] + PELVIS["half_length"]
    ), "upright: straight up the lower back"
    for tilt in (0.0, 15.0, -20.0):
        top = np.array(pelvis_top(sk, tilt))
        oval = pelvis(sk, tilt)
        assert min(np.hypot(*(oval - top).T)) < 1e-9, f"on the drawn oval at tilt {tilt}"
    tipped = pelvis_top(sk, 15.0)
    assert tipped[0] > hx, "tipped forward (+): the top moves toward the front (right)"


@pytest.mark.parametrize("number", range(1, 13))
def test_the_pelvis_top_lies_on_the_drawn_oval_in_every_exercise_pose(number):
    """As drawn, wherever the figure lies on the floor and whichever way its back points (the
    upright case above has its hip at the origin and a vertical back)."""
    import numpy as np

    from lowback.draw.person import pelvis
    from lowback.poses import motion, pelvis_top

    mo = motion(number)
    for t in (0.0, 1.0):
        sk = mo.skeleton(t)
        assert sk.points["hip"][1] > 0.01, "the figure stands or lies on the floor, off the origin"
        for tilt in (0.0, 12.0):
            top = np.array(pelvis_top(sk, tilt))
            assert min(np.hypot(*(pelvis(sk, tilt) - top).T)) < 1e-9, (number, t, tilt)
