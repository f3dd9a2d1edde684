"""Exercise figures: the posed person moves in place, and every exercise has its picture."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from lowback.catalogue import exercises
from lowback.dosage import dosage
from lowback.draw import person
from lowback.draw.exercise import (
    IMAGES,
    alt_text,
    draw_pose,
    exercise_figure,
    image_name,
    update_pose,
)
from lowback.draw.style import new_figure
from lowback.draw.timeline import draw_timeline, update_timeline
from lowback.poses import mistakes, motion

WORDS = {
    "prone": "face down",
    "supine": "face up",
    "seated": "sitting",
    "standing": "standing",
    "hands and knees": "hands and knees",
}


def _outlines(artists):
    return [np.array(a.get_xy()) for a in artists if hasattr(a, "get_xy")]


@pytest.mark.parametrize("number", [3, 5, 9, 12])
def test_update_pose_moves_the_figure_in_place_and_matches_a_fresh_drawing(number):
    ax = new_figure().add_subplot()
    artists = draw_pose(ax, number, t=0.0)
    before = _outlines(artists)
    update_pose(artists, number, 1.0)
    assert ax.patches and len(ax.patches) == len([a for a in artists if hasattr(a, "get_xy")])
    assert any(not np.allclose(a, b) for a, b in zip(before, _outlines(artists), strict=True))
    fresh = draw_pose(new_figure().add_subplot(), number, t=1.0)
    for a, b in zip(_outlines(artists), _outlines(fresh), strict=True):
        assert np.allclose(a, b)


def _drawn_order(number, t):
    """Body part names in the order their patches were drawn (back to front)."""
    mo = motion(number)
    artists = draw_pose(new_figure().add_subplot(), number, t)
    outlines = person._outlines(mo.skeleton(t), mo.angles(t).get("pelvis", 0.0))

    def same(patch, key, xy):
        colour = to_rgba(person.COLOURS[key])
        drawn = patch.get_xy()[:-1]  # a closed polygon repeats its first point
        return (
            patch.get_facecolor() == colour and drawn.shape == xy.shape and np.allclose(xy, drawn)
        )

    return [
        next(name for name, (key, xy) in outlines.items() if same(patch, key, xy))
        for patch in artists[-person.PARTS :]
    ]


@pytest.mark.parametrize("t", [0.0, 0.5, 1.0])
def test_in_figure_4_the_crossed_shin_is_seen_across_the_pulled_thigh(t):
    """Seen from the pulled leg's side (a physiotherapist's reading): the crossed shin and
    foot are drawn across the pulled thigh, so the crossing shows; the crossed thigh, the
    trunk and the pelvis stay behind it."""
    order = _drawn_order(9, t)
    front = order.index("thigh_near")
    for part in ("thigh_far", "lumbar", "pelvis"):
        assert order.index(part) < front, f"{part} drawn over the pulled thigh"
    for part in ("shank_far", "foot_far"):
        assert order.index(part) > front, f"{part} hidden behind the pulled thigh"


def test_figure_4_names_the_pulled_thigh_and_the_crossed_ankle():
    fig = exercise_figure(9)
    words = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "pulled" in words and "crossed ankle" in words


def test_other_exercises_keep_far_limbs_behind_and_near_limbs_in_front():
    order = _drawn_order(8, 1.0)
    assert order.index("hand_far") < order.index("lumbar") < order.index("thigh_near")
    assert order[-1] == "hand_near"


def test_an_unknown_body_part_in_the_draw_order_is_a_one_line_error():
    with pytest.raises(ValueError, match="unknown body part 'arm'; parts: .*thigh_near"):
        person.draw_order(["lumbar", "thigh_near"], {"arm": "thigh_near"})


def test_a_variation_adds_its_prop():
    plain = draw_pose(new_figure().add_subplot(), 1)
    pillow = draw_pose(new_figure().add_subplot(), 1, variation="pillow under the chest")
    assert len(pillow) == len(plain) + 1


@pytest.mark.parametrize("ex", exercises(), ids=lambda ex: ex.slug)
def test_every_exercise_has_a_titled_picture_with_alt_text_naming_its_position(ex):
    assert image_name(ex) in IMAGES
    fig = exercise_figure(ex)
    assert ex.name in " ".join(t.get_text() for t in fig.texts)
    assert WORDS[ex.position] in alt_text(ex)
    for variation in ex.variations:
        assert alt_text(ex, variation) != alt_text(ex)


def test_timeline_shows_one_bar_per_move_hold_and_rest_and_follows_the_dosage():
    ax = new_figure().add_subplot()
    artists = draw_timeline(ax, dosage(8, reps=2))
    bars = artists[0]
    assert len(bars.get_paths()) == len(dosage(8, reps=2).timeline())
    labels = [t.get_text() for t in artists[1:3]]
    update_timeline(artists, dosage(8, reps=6))
    assert len(bars.get_paths()) == len(dosage(8, reps=6).timeline())
    assert [t.get_text() for t in artists[1:3]] != labels


def test_bracing_keeps_the_waist_outline_and_stiffens_the_muscle_ring():
    """Bracing is not drawing in: the outline stays (a touch wider), the muscles thicken."""
    from lowback.draw import exercise as fig

    mo = motion(2)
    centre = np.array(fig._section_centre(mo))
    rest, braced = fig._waist(mo, 0.0, 0.0), fig._waist(mo, 1.0, 1.0)
    grown = np.hypot(*(braced - centre).T) / np.hypot(*(rest - centre).T)
    assert grown.min() >= 1.0, "the braced outline does not draw in anywhere"
    assert grown.max() <= 1.05, "at most very slightly wider"
    calm, tight = fig._section(mo, 0.0), fig._section(mo, 1.0)
    assert tight["wall"] >= 1.6 * calm["wall"], "the muscle ring thickens when braced"
    assert tight["alpha"] > calm["alpha"], "and is shaded stronger"
    (sx, _), r = calm["spine"], calm["spine_radius"]
    back = rest[:, 0].min()
    assert sx - r - back > 0.04, "the spine sits deep in the waist, not at its back edge"
    for x, _ in calm["back_muscles"]:
        assert back < x < sx - r, "the back muscles lie behind the spine"


def test_the_brace_figure_updates_its_muscle_ring_in_place():
    ax = new_figure().add_subplot()
    artists = draw_pose(ax, 2, t=0.0)
    update_pose(artists, 2, 1.0)
    fresh = draw_pose(new_figure().add_subplot(), 2, t=1.0)
    for a, b in zip(artists, fresh, strict=True):
        if hasattr(a, "get_xy"):
            assert np.allclose(a.get_xy(), b.get_xy())
        if hasattr(a, "get_alpha") and a.get_alpha() is not None:
            assert a.get_alpha() == pytest.approx(b.get_alpha())


def test_the_not_like_this_cross_is_not_the_colour_of_the_movement_arrows():
    from lowback.draw.exercise import mistake_figure
    from lowback.draw.style import PALETTE
    from lowback.poses import mistakes

    for m in mistakes():
        fig = mistake_figure(m)
        (ax,) = fig.axes
        crosses = [line for line in ax.get_lines() if line.get_linewidth() >= 5]
        assert len(crosses) == 2, "a cross of two strokes"
        colour = to_rgba(crosses[0].get_color())
        assert colour != to_rgba(PALETTE["vermillion"]), "arrows show movement; the cross differs"
        title = next(t for t in fig.texts if t.get_text() == "Not like this")
        assert to_rgba(title.get_color()) == colour
        name = next(k for k, v in PALETTE.items() if to_rgba(v) == colour)
        assert f"A {name} cross marks it as wrong" in m.alt, "the alt text names its colour"


def _poking_out(mo, t):
    """How far the drawn pelvis oval pokes out of the body (lower back and thighs) at t."""
    from lowback.pose_checks import _segment_distance, solids

    sk = mo.skeleton(t)
    body = [s for name, s in solids(sk).items() if name in ("lumbar", "thigh_near", "thigh_far")]

    def outside(p):
        gaps = []
        for s in body:
            d, f = _segment_distance(tuple(p), s.a, s.b)
            gaps.append(d - (s.ra + f * (s.rb - s.ra)))
        return min(gaps)

    return max(outside(p) for p in person.pelvis(sk, mo.angles(t).get("pelvis", 0.0)))


def test_the_pelvis_oval_stays_inside_the_body_in_every_frame():
    """A rim of the body's own colour shows all round it: the outline is the body's."""
    from lowback.pose_checks import all_motions, audit_times

    worst = {
        mo.label: max(_poking_out(mo, t) for t in audit_times(mo))
        for mo in all_motions() + [m.pose for m in mistakes()]
    }
    out = {label: round(w, 3) for label, w in worst.items() if w > -0.004}
    assert not out, f"the orange pelvis reaches or pokes out of the body outline: {out}"


def test_the_hands_and_knees_tilt_shows_the_line_of_the_back_rounded_at_the_hold():
    """Step 2 pauses with the back rounded up: the hold's line bulges, the start's dips."""
    from lowback.draw.exercise import back_line

    mo = motion(5)
    fig = exercise_figure(5)
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    assert lines["line of the back: hold"].get_linestyle() == "-"
    assert lines["line of the back: start"].get_linestyle() == "--"
    key = " ".join(t.get_text() for t in fig.texts)
    assert "dashed at the start, solid at the hold" in key, "the key explains the two lines"
    for t, sign in ((1.0, 1), (0.0, -1)):
        xy = back_line(mo.skeleton(t))
        chord = np.linspace(xy[0], xy[-1], len(xy))
        rise = (xy - chord)[:, 1]  # face down: up is toward the back
        assert sign * rise[len(xy) // 2] > 0.015, "rounded up at the hold, hollow at the start"


def test_a_resting_position_shows_one_pose_without_the_start_and_hold_key():
    """Lying on your stomach is still: no grey start under the blue, no two-pose key."""
    from lowback.draw.exercise import exercise_figure

    for variation in (None, "pillow under the chest"):
        fig = exercise_figure(1, variation)
        words = " ".join(t.get_text() for t in fig.texts)
        assert "where you start" not in words and "the position you rest in" in words
        faded = [p for p in fig.axes[0].patches if p.get_alpha() == 0.35]
        assert not faded, "no grey start figure"


def test_lying_on_your_stomach_the_head_is_turned_with_a_face_showing():
    """Step: turn your head to whichever side is comfortable (cheek on the mat)."""
    from lowback.draw.person import head

    sk = motion(1).skeleton(1.0)
    assert sk.head_turn == 1
    drawn = head(sk.points["head"], sk.head_dir, sk.head_turn)
    assert len(drawn) > 60, "eyes, nose and mouth cut into the head: the face toward us"
