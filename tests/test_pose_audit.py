"""The pose audit: every frame of every exercise picture obeys physics and the exercise's steps.

The rules are data (lowback/data/pose_checks.toml). A failure names the picture, the frame
and the broken rule, for example ``12 cobra, frame t=1.00: a moderate first-try range``.
"""

import pytest

from lowback.catalogue import exercises
from lowback.pose_checks import (
    all_motions,
    audit_motion,
    checks_for,
    joint_angles,
    mistake_breaks,
    rules,
    summary,
)
from lowback.poses import mistakes, motion, skeleton

MOTIONS = all_motions()


def _report(broken) -> str:
    return summary(broken)


@pytest.mark.parametrize("mo", MOTIONS, ids=[m.label for m in MOTIONS])
def test_every_frame_obeys_general_physics(mo):
    broken = audit_motion(mo, specific=False)
    assert not broken, "\n" + _report(broken)


@pytest.mark.parametrize("mo", MOTIONS, ids=[m.label for m in MOTIONS])
def test_every_frame_matches_the_steps(mo):
    broken = [b for b in audit_motion(mo) if b not in audit_motion(mo, specific=False)]
    assert not broken, "\n" + _report(broken)


@pytest.mark.parametrize("ex", exercises(), ids=lambda ex: ex.slug)
def test_every_exercise_has_checks_written_from_its_steps(ex):
    assert checks_for(motion(ex)), f"no checks for exercise {ex.number}"


MISTAKES = mistakes()


def test_the_common_mistakes_have_not_like_this_poses():
    shown = {m.exercise.number for m in MISTAKES}
    assert {12, 8, 10} <= shown and shown & {4, 5, 6, 7}, "cobra, knees to chest, toes, a tilt"


@pytest.mark.parametrize("m", MISTAKES, ids=[m.pose.label for m in MISTAKES])
def test_a_not_like_this_pose_is_physically_possible(m):
    broken = audit_motion(m.pose, specific=False)
    assert not broken, "\n" + _report(broken)


@pytest.mark.parametrize("m", MISTAKES, ids=[m.pose.label for m in MISTAKES])
def test_a_not_like_this_pose_breaks_its_exercises_checks(m):
    assert mistake_breaks(m), f"{m.pose.label} passes every check of the right way"


def test_measured_joint_angles_read_back_the_angles_a_pose_was_built_from():
    angles = {"trunk": 150, "back": -10, "neck": 5, "hip_near": 40, "knee_near": 30}
    angles |= {"ankle_near": -20, "shoulder_near": 60, "elbow_near": 45, "wrist_near": 10}
    measured = joint_angles(skeleton(angles))
    for key, value in angles.items():
        assert measured[key] == pytest.approx(value, abs=0.01), key


def test_a_broken_rule_names_the_exercise_the_frame_and_the_rule():
    from lowback.pose_checks import Broken

    text = str(Broken("12 cobra", 1.0, "a moderate first-try range", "trunk_lift 67"))
    assert text == "12 cobra, frame t=1.00: a moderate first-try range: trunk_lift 67"


def test_the_joint_ranges_cover_every_joint():
    joints = set(rules()["general"]["joint"])
    assert {"hip_{side}", "knee_{side}", "ankle_{side}", "elbow_{side}", "neck"} <= joints


def test_figure_4_seen_from_the_feet_rests_the_crossed_ankle_on_the_knee_with_the_hip_turned_out():
    import math

    from lowback.poses import feet_view

    p = feet_view(9)  # the crossed (painful) leg is far, as in the side view
    assert math.dist(p["ankle_far"], p["knee_near"]) < 0.04, "crossed ankle on the other knee"
    (hx, hy), (kx, ky) = p["hip_far"], p["knee_far"]
    assert math.degrees(math.atan2(kx - hx, ky - hy)) > 30, "the crossed knee falls out to the side"
    assert p["knee_near"][1] > p["knee_far"][1], "the other knee is the one drawn up"


def test_side_view_roots_leave_behind_the_bodies_and_never_cross_a_disc():
    from matplotlib.path import Path

    from lowback.anatomy import side_view
    from lowback.draw.spine import _geometry

    geo = _geometry(side_view(50))
    solid = [Path(p) for p in geo["disc"] + geo["body"]]
    for root in geo["root"][:-1]:  # the lumbar roots (S1 leaves through the sacrum)
        for point in root:
            assert not any(s.contains_point(point) for s in solid), point
        assert any(Path(f).contains_point(root[-1]) for f in geo["foramen"]), "ends in an opening"


def test_the_feet_look_different_from_the_front_and_from_behind():
    from matplotlib.patches import Ellipse

    from lowback.draw.body import draw_body
    from lowback.draw.style import new_figure

    front = draw_body(new_figure().add_subplot(), "front")["feet"]
    back = draw_body(new_figure().add_subplot(), "back")["feet"]
    toes = [a for a in front if isinstance(a, Ellipse)]
    heels = [a for a in back if isinstance(a, Ellipse)]
    assert len(toes) == 10 and len(heels) == 2, "five toes a foot in front, a heel each behind"


def test_the_knees_to_chest_mistake_differs_from_the_held_pose_only_by_the_grip():
    """Hands midway down the front of the shin is the mistake (reaching there curls the head
    and shoulders a little and bends the knee further); the trunk and other leg as held."""
    m = next(m for m in MISTAKES if m.exercise.number == 8)
    held = motion(8).angles(1.0)
    wrong = m.pose.angles(1.0)
    arms = ("shoulder_", "elbow_", "wrist_", "palm_", "knee_near", "back", "neck")
    body = {k for k in set(held) | set(wrong) if not k.startswith(arms)}
    assert {k: wrong.get(k, 0.0) for k in body} == {k: held.get(k, 0.0) for k in body}
    right = {k: v for k, v in motion(8).reach.items() if k.startswith("leg")}
    assert {k: v for k, v in m.pose.reach.items() if k.startswith("leg")} == right
    assert mistake_breaks(m), "the shin grip breaks a hands-on-the-thigh check"


def test_a_foot_slid_forward_off_its_ankle_is_named(monkeypatch):
    """The heel (and so the whole foot) moved 0.4 foot-lengths forward: the foot no longer
    sits under the ankle, whatever the exercise's own checks say."""
    from lowback.poses import Motion, Skeleton, proportions

    mo = motion(7)
    real = Motion.skeleton
    shift = 0.4 * proportions()["foot"]

    def slid(self, t):
        sk = real(self, t)
        p = dict(sk.points)
        for key in ("heel_near", "toe_near"):
            p[key] = (p[key][0] + shift, p[key][1])
        return Skeleton(p, sk.head_dir)

    monkeypatch.setattr(Motion, "skeleton", slid)
    rules_broken = {b.rule for b in audit_motion(mo, specific=False)}
    assert "the foot sits under the ankle" in rules_broken


def test_the_cobra_mistake_names_only_what_its_picture_shows():
    """'Head thrown back' in its words only if the head is drawn tipped back (gaze over 10)."""
    from lowback.pose_checks import measures

    m = next(m for m in MISTAKES if m.exercise.number == 12)
    words = f"{m.caption} {m.alt}".lower()
    gaze = measures(m.pose, 1.0)["gaze"]
    if "thrown back" in words or "tips far back" in words:
        assert gaze > 10, f"the words say the head is thrown back; it is drawn at gaze {gaze:.0f}"
    assert "hips" in m.caption.lower(), "the mistake itself: the hips lifting"


def test_the_shin_grip_mistake_puts_the_hands_midway_down_the_front_of_the_shin():
    """Seen at thumbnail size: the hands plainly on the shin, not near the knee."""
    from lowback.pose_checks import _along

    m = next(m for m in MISTAKES if m.exercise.number == 8)
    sk = m.pose.skeleton(1.0)
    knee, ankle = sk.points["knee_near"], sk.points["ankle_near"]
    for side in ("near", "far"):
        along, _ = _along(sk.points[f"wrist_{side}"], knee, ankle)
        assert 0.35 <= along <= 0.7, f"wrist_{side} {along:.2f} of the way down the shin"
        hand, _ = _along(sk.points[f"hand_{side}"], knee, ankle)
        assert 0.3 <= hand <= 0.85, f"hand_{side} {hand:.2f} of the way down the shin"
