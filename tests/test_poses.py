"""Exercise poses: every exercise has keyframes, and each pose looks like its position."""

import math

import pytest

from lowback.catalogue import exercises
from lowback.poses import motion, proportions, rep_times, skeleton

EXERCISES = exercises()
NUMBERS = [ex.number for ex in EXERCISES]


def test_segment_proportions_add_up_to_standing_height():
    length = proportions()
    stack = ("ankle", "shank", "thigh", "lumbar", "thorax", "neck", "head")
    assert sum(length[k] for k in stack) == pytest.approx(1.0, abs=0.005)


def test_a_person_standing_straight_is_about_one_height_tall():
    sk = skeleton({"trunk": 90, "foot_near": 0, "foot_far": 0})
    top = sk.points["head"][1] + proportions()["head"] / 2
    assert top == pytest.approx(1.0, abs=0.03)
    assert sk.points["hip"][1] == pytest.approx(0.53, abs=0.03)  # hip at about half height


@pytest.mark.parametrize("ex", EXERCISES, ids=NUMBERS)
def test_every_exercise_and_variation_has_keyframes_from_start_to_end(ex):
    for variation in (None, *ex.variations):
        mo = motion(ex, variation)
        times = [at for at, _ in mo.frames]
        assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
        if ex.number == 1:  # a resting position: one still pose
            assert mo.frames[0][1] == mo.frames[-1][1], "lying on your stomach: one pose"
            continue
        assert mo.frames[0][1] != mo.frames[-1][1], "something moves during a repetition"


@pytest.mark.parametrize("ex", EXERCISES, ids=NUMBERS)
def test_interpolation_starts_and_ends_on_the_keyframes(ex):
    mo = motion(ex)
    assert mo.angles(0.0) == pytest.approx(mo.frames[0][1])
    assert mo.angles(1.0) == pytest.approx(mo.frames[-1][1])
    first, second = mo.frames[0][1], mo.frames[1][1]
    halfway = mo.angles(mo.frames[1][0] / 2)
    for key in first:
        assert min(first[key], second[key]) <= halfway[key] <= max(first[key], second[key])


def _facing(sk) -> float:
    """Vertical component of the direction the face points (+1 up, -1 down)."""
    return math.sin(math.radians(sk.head_dir - 90))


def _trunk_rise(sk) -> float:
    (x0, y0), (x1, y1) = sk.points["hip"], sk.points["shoulder"]
    return math.degrees(math.atan2(abs(y1 - y0), abs(x1 - x0)))


@pytest.mark.parametrize("ex", EXERCISES, ids=NUMBERS)
def test_start_pose_matches_the_catalogue_position(ex):
    sk = motion(ex).skeleton(0.0)
    p = sk.points
    if ex.position == "prone":
        assert _facing(sk) < -0.3 and p["hip"][1] < 0.1, "face down, hips on the mat"
    elif ex.position == "supine":
        assert _facing(sk) > 0.5 and p["shoulder"][1] < 0.12, "face up, back on the mat"
    elif ex.position == "seated":
        assert _trunk_rise(sk) > 60 and abs(p["hip"][1] - p["knee_near"][1]) < 0.06
        assert p["hip"][1] > 0.2, "sitting on a seat, not the floor"
    elif ex.position == "standing":
        assert _trunk_rise(sk) > 60 and p["hip"][1] > 0.45
    elif ex.position == "hands and knees":
        assert p["knee_near"][1] < 0.05 and p["wrist_near"][1] < 0.05
        assert _trunk_rise(sk) < 30 and _facing(sk) < 0


def test_extension_exercises_lift_the_chest_while_the_hips_stay_down():
    for number in (11, 12):
        start, end = motion(number).skeleton(0.0), motion(number).skeleton(1.0)
        assert end.points["shoulder"][1] > start.points["shoulder"][1]
        assert end.points["hip"][1] < 0.1
        assert end.points["wrist_near"][1] < 0.05, "hands stay on the mat"


def test_knee_comes_toward_the_chest_and_toes_to_the_sky_raises_the_foot():
    knees = motion(8)
    assert math.dist(
        knees.skeleton(1).points["knee_near"], knees.skeleton(1).points["shoulder"]
    ) < (math.dist(knees.skeleton(0).points["knee_near"], knees.skeleton(0).points["shoulder"]))
    toes = motion(10).skeleton(1.0).points
    assert toes["ankle_near"][1] > 0.3 and toes["ankle_far"][1] < 0.1


def test_unknown_variation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="both knees"):
        motion(8, "cartwheel")


def test_one_repetition_goes_out_to_the_end_pose_and_back():
    times = rep_times(24)
    assert len(times) == 24 and times[0] == times[-1] == 0 and max(times) == 1


def _bend(sk, first: str, middle: str, last: str) -> float:
    """How far a joint is bent, in degrees (0 = the two segments in a straight line)."""
    (x0, y0), (x1, y1), (x2, y2) = (sk.points[k] for k in (first, middle, last))
    turn = math.atan2(y2 - y1, x2 - x1) - math.atan2(y1 - y0, x1 - x0)
    return abs(math.degrees(math.atan2(math.sin(turn), math.cos(turn))))


def _above_line(sk, point: str, start: str, end: str) -> float:
    """Height of a point above the straight line between two others."""
    (x, y), (x0, y0), (x1, y1) = (sk.points[k] for k in (point, start, end))
    return y - (y0 + (y1 - y0) * (x - x0) / (x1 - x0))


def test_hands_and_knees_tilt_moves_the_back_on_straight_arms_planted_under_the_shoulders():
    start, end = motion(5).skeleton(0.0), motion(5).skeleton(1.0)
    for sk in (start, end):
        p = sk.points
        assert abs(p["wrist_near"][0] - p["shoulder"][0]) < 0.03, "hands under the shoulders"
        assert _bend(sk, "shoulder", "elbow_near", "wrist_near") < 15, "arms straight"
        assert abs(p["knee_near"][0] - p["hip"][0]) < 0.03 and p["knee_near"][1] < 0.05
    # step 2 pauses with the back rounded up: that is the held (blue) end pose
    assert _above_line(end, "waist", "hip", "shoulder") > 0.02, "hold: back rounded up"
    assert _above_line(start, "waist", "hip", "shoulder") < -0.02, "start: back hollowed"


def test_a_first_cobra_straightens_the_elbows_partly_with_the_hands_ahead_of_the_shoulders():
    start, end = motion(12).skeleton(0.0), motion(12).skeleton(1.0)
    bend = _bend(end, "shoulder", "elbow_near", "wrist_near")
    assert 20 < bend < _bend(start, "shoulder", "elbow_near", "wrist_near"), (
        "elbows ease straighter"
    )
    assert end.points["wrist_near"][0] > end.points["shoulder"][0], "hands ahead of the shoulders"


def _lift(sk) -> float:
    (hx, hy), (sx, sy) = sk.points["hip"], sk.points["shoulder"]
    return math.degrees(math.atan2(sy - hy, abs(sx - hx)))


def test_the_cobra_is_a_clear_step_on_from_the_prone_press():
    """A physiotherapist's reading: elbows opened to about 120 degrees or more, still bent,
    and the chest clearly higher than in the prone press (exercise 11)."""
    press, cobra = motion(11).skeleton(1.0), motion(12).skeleton(1.0)
    inside = 180 - _bend(cobra, "shoulder", "elbow_near", "wrist_near")
    assert 117 <= inside <= 140, f"elbows {inside:.0f} degrees inside: part-way straight"
    assert _lift(cobra) >= _lift(press) + 15, "the chest higher than in the prone press"


def test_figure_4_rests_the_crossed_ankle_on_the_other_knee():
    """Seen from the pulled leg's side: the crossed (painful) leg is the far one."""
    mo = motion(9)
    for t in (0.0, 1.0):
        sk = mo.skeleton(t)
        ax, ay = sk.points["ankle_far"]
        assert math.dist((ax, ay), sk.along("thigh_near", 0.85, 1.0)) < 0.03, (
            "ankle on the other knee"
        )
        assert mo.angles(t)["shank_seen_far"] < 0.75, (
            "the crossed shin points across, away from the viewer"
        )
    start, end = mo.skeleton(0.0).points, mo.skeleton(1.0).points
    assert start["ankle_near"][1] < 0.1 < end["ankle_near"][1], "the other foot leaves the mat"
    assert math.dist(end["knee_near"], end["shoulder"]) < math.dist(
        start["knee_near"], start["shoulder"]
    ), "the other thigh is drawn toward the chest"
