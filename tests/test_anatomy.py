"""The anatomy data must say what CLINICAL sources say; the curve model must look like a spine."""

import pytest

from lowback.anatomy import (
    UnknownPartError,
    common_discs,
    disc,
    disc_facts,
    disc_shape,
    discs,
    herniation_stage,
    natural_history,
    posture,
    postures,
    press_at,
    root,
    roots,
    sacral_slope,
    side_view,
    skin_areas_of,
    vertebra,
    vertebrae,
)


def test_the_lumbar_spine_has_five_vertebrae_above_a_sacrum_of_five_fused_bones():
    from lowback._data import load

    assert [v.name for v in vertebrae()] == ["L1", "L2", "L3", "L4", "L5"]
    assert load("anatomy")["sacrum"]["fused_vertebrae"] == 5
    assert [d.name for d in discs()] == ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"]


def test_a_herniated_disc_presses_on_the_root_that_leaves_one_level_lower():
    assert disc("L4-L5").presses_on == "L5"
    assert disc("L5-S1").presses_on == "S1"
    for d in discs():
        assert d.presses_on == d.below.replace("sacrum", "S1")


def test_most_herniations_are_at_the_two_lowest_discs():
    assert [d.name for d in common_discs()] == ["L4-L5", "L5-S1"]
    assert disc_facts()["common_levels_share"] == pytest.approx(0.95)
    assert disc_facts()["sciatica_from_disc_share"] == pytest.approx(0.90)


@pytest.mark.parametrize(
    ("name", "skin", "weakness", "reflex"),
    [
        ("L4", "inner shin", "straightening the knee", "knee jerk reduced"),
        ("L5", "big toe", "walking on your heels", "none reliable"),
        ("S1", "little toe", "walking on your toes", "ankle jerk reduced"),
    ],
)
def test_the_root_table_matches_the_clinical_sources(name, skin, weakness, reflex):
    r = root(name)
    assert skin in r.skin and weakness in r.weakness and r.reflex == reflex
    assert skin_areas_of(name), f"{name} has a skin area to draw"


def test_root_skin_areas_sit_where_the_table_says():
    def mean_x(name, view):
        pts = [p for a in skin_areas_of(name) if a.view == view for p in a.outline]
        return sum(x for x, _ in pts) / len(pts)

    assert mean_x("L4", "front") < mean_x("L5", "front"), "L4 inner shin, L5 outer shin"
    assert any(a.view == "back" for a in skin_areas_of("S1")), "S1 reaches the back of the calf"


def test_unknown_names_give_a_helpful_error():
    with pytest.raises(UnknownPartError, match="choose one of L4, L5, S1"):
        root("L6")
    assert disc("l4-5") == disc("L4-L5") and root(" s1 ").name == "S1"
    with pytest.raises(UnknownPartError, match="posture"):
        posture("handstand")


def test_the_curve_is_largest_standing_less_lying_and_about_flat_slumped():
    curve = {p.id: p.lordosis_deg for p in postures()}
    assert curve["standing"] == pytest.approx(50, abs=11), "about 50 degrees, SD 11"
    assert curve["standing"] > curve["lying"] > curve["slumped"]
    assert abs(curve["slumped"]) <= 10
    assert sacral_slope(curve["standing"]) > sacral_slope(curve["slumped"]), "pelvis rolls back"


def test_standing_discs_are_lower_at_the_back_than_the_front():
    for d in discs():
        shape = disc_shape(d, 50)
        assert shape.back_mm < shape.mid_mm < shape.front_mm, d.name
        assert shape.back_mm > 2, "a disc never closes up"
    l45 = disc_shape("L4-L5", 50)
    assert (l45.front_mm, l45.mid_mm, l45.back_mm) == pytest.approx((18, 14, 10), abs=2.5)


def test_slumping_squeezes_the_front_of_the_discs():
    for d in discs():
        assert disc_shape(d, posture("slumped").lordosis_deg).front_mm <= d.mid_height_mm


def test_most_of_the_curve_is_between_l4_and_the_sacrum():
    wedge = {s.name: s.wedge_deg for s in side_view(50).shapes.values()}
    bones = {v.name: v.wedge_deg for v in vertebrae()}
    assert wedge["L4-L5"] + bones["L5"] + wedge["L5-S1"] > 0.5 * 50
    assert sum(wedge.values()) + sum(bones.values()) == pytest.approx(50), "discs and bones"


def test_standing_the_lowest_disc_is_lower_at_the_back_but_not_pinched():
    """L5-S1 is about 6 to 8 mm high at the back standing (4.4 mm looked collapsed): part
    of the curve there is the wedge-shaped L5 body, taller at the front."""
    l5s1 = disc_shape("L5-S1", 50)
    assert 5.5 <= l5s1.back_mm <= 8.5 and l5s1.front_mm > l5s1.back_mm
    l5 = next(v for v in vertebrae() if v.name == "L5")
    assert l5.wedge_deg > 0, "the L5 body is taller at the front"


def test_discs_make_up_a_quarter_to_a_third_of_the_lumbar_spine():
    discs_mm = sum(d.mid_height_mm for d in discs())
    bones_mm = sum(v.body_height_mm for v in vertebrae())
    assert 0.25 <= discs_mm / (discs_mm + bones_mm) <= 0.33
    assert all(7 <= d.mid_height_mm <= 14 for d in discs())
    assert all(35 <= d.depth_mm <= 45 for d in discs()), "about 4 cm front to back"


def test_standing_the_spine_curves_inward_with_l3_furthest_forward():
    view = side_view(50)
    x = {name: frame.origin[0] for name, frame in view.bodies.items()}
    y = {name: frame.origin[1] for name, frame in view.bodies.items()}
    assert y["L1"] > y["L3"] > y["L5"] > view.sacrum.origin[1]
    assert x["L3"] > x["L1"] and x["L3"] > x["L5"], "the small of the back curves in"


def test_curves_outside_the_model_are_refused():
    with pytest.raises(ValueError, match="lordosis must be from"):
        side_view(120)


@pytest.mark.parametrize("bad", ["50", None, True])
def test_a_curve_or_load_that_is_not_a_number_is_a_one_line_error(bad):
    with pytest.raises(ValueError, match="lordosis must be a number from"):
        side_view(bad)
    with pytest.raises(ValueError, match="load must be a number from 0 to 1"):
        herniation_stage(bad)


def test_natural_history_gives_the_honest_numbers_with_their_caveat():
    nh = natural_history()
    improved = {p.days: p.improved for p in nh.points}
    assert improved == {10: 0.5, 28: 0.75}
    assert nh.persisting_share == (0.2, 0.3)
    assert "not you" in nh.caveat and "koes2007" in nh.sources and "Koes" in str(nh)
    assert "50% feel clearly better" in str(nh) and "Caveat" in str(nh)


def test_the_root_is_pressed_only_once_the_gel_breaks_through():
    assert not herniation_stage(0).pressed and not herniation_stage(press_at() - 0.01).pressed
    assert herniation_stage(1).pressed and "L5" in herniation_stage(1).text
    assert "S1" in herniation_stage(1, "L5-S1").text
    with pytest.raises(ValueError, match="load must be from 0 to 1"):
        herniation_stage(1.5)


def test_the_root_table_covers_the_roots_the_common_discs_press_on():
    names = {r.name for r in roots()}
    assert {d.presses_on for d in common_discs()} <= names
    assert names == {"L4", "L5", "S1"}


def test_self_check_answers_agree_with_the_anatomy_data():
    from lowback.quiz import questions

    def answer(lesson, qid):
        q = next(q for q in questions(lesson) if q.id == qid)
        return q.options[q.answer]

    assert answer(1, "lumbar-count") == "Five" and len(vertebrae()) == 5
    assert answer(1, "curve-posture") == max(postures(), key=lambda p: p.lordosis_deg).label
    assert answer(2, "l5-pattern") == "L5" and "big toe" in root("L5").skin
    assert answer(2, "s1-reflex") == "S1" and "ankle" in root("S1").reflex
    assert answer(3, "l5s1-root") == disc("L5-S1").presses_on
    assert answer(3, "common-levels") == "L4-L5 and L5-S1"
    assert "3 in 4" in answer(3, "what-next") and natural_history().points[1].improved == 0.75


def test_lesson_tables_show_the_data_top_to_bottom():
    from lowback.anatomy import levels_table, pain_table, roots_table

    rows = levels_table().splitlines()[2:]
    assert [r.split("|")[1].strip() for r in rows][:3] == [
        "L1 vertebra",
        "L1-L2 disc",
        "L2 vertebra",
    ]
    assert rows[-1].startswith("| L5-S1 disc")
    for r in roots():
        assert f"| {r.name} | {r.skin} | {r.weakness} | {r.reflex} |" in roots_table()
    assert "sharp" in pain_table() and "dull and achy" in pain_table()


# --- the text a learner reads, checked against the data file ---------------------------------

DATA = __import__("lowback._data", fromlist=["load"]).load("anatomy")


def test_the_disc_summary_says_each_number_from_the_data():
    from lowback.anatomy import disc_summary

    f = disc_facts()
    water, layers = f["water_percent"], f["annulus_layers"]
    low, high = (f"{s:.0%}" for s in f["share_of_spine_length"])
    assert disc_summary().splitlines() == [
        f"Gel centre (nucleus pulposus): {water[0]} to {water[1]} percent water",
        f"Rings (annulus fibrosus): {layers[0]} to {layers[1]} layers",
        f"Discs make up {low} to {high} of the spine's length",
        "Herniations at L4-L5 or L5-S1: about 95%",
        "Sciatica caused by a herniated disc: about 90%",
    ]
    assert water[0] < water[1] and layers[0] < layers[1] and low != high


def test_the_sciatic_summary_says_roots_path_branches_and_where_it_is_felt():
    from lowback.anatomy import sciatic_nerve, sciatic_summary

    n = sciatic_nerve()
    assert len(n["roots"]) > 1 and len(n["splits_into"]) == 2 and len(n["felt_in"]) > 1
    assert sciatic_summary().splitlines() == [
        f"Formed from the roots {', '.join(n['roots'])}",
        f"Runs {n['path']}",
        f"Splits {n['splits']} into the {n['splits_into'][0]} and the {n['splits_into'][1]}",
        f"Sciatica is felt in the {', '.join(n['felt_in'])}",
    ]


def test_lesson_tables_are_markdown_with_a_header_row_and_a_rule():
    from lowback.anatomy import levels_table, pain_table, roots_table

    levels = levels_table().splitlines()
    assert levels[:2] == ["| part | height | front to back |", "|---|---|---|"]
    v, d = vertebrae()[0], discs()[0]
    assert levels[2] == f"| L1 vertebra | {v.body_height_mm} mm | {v.body_depth_mm} mm |"
    assert levels[3] == f"| L1-L2 disc | {d.mid_height_mm} mm (middle) | {d.depth_mm} mm |"
    assert len(levels) == 2 + 10
    assert roots_table().splitlines()[:2] == [
        "| root | numbness or tingling | weakness | reflex |",
        "|---|---|---|---|",
    ]
    pain = pain_table().splitlines()
    assert pain[1] == "|---|---|---|" and pain[0].startswith("|  | ")
    assert [row.split(" | ")[0] for row in pain[2:]] == ["| feels", "| where", "| comes with"]


def test_every_record_keeps_its_sources_from_the_data_file():
    for record, rows in ((vertebrae(), DATA["vertebra"]), (discs(), DATA["disc"])):
        assert [r.sources for r in record] == [tuple(row.get("sources", ())) for row in rows]
    assert any(r.sources for r in roots())
    assert all(isinstance(r.sources, tuple) for r in (*vertebrae(), *discs(), *roots()))


@pytest.mark.parametrize(
    ("name", "found"),
    [("L4-L5", "L4-L5"), ("l4-l5", "L4-L5"), ("L4-5", "L4-L5"), ("4-5", "L4-L5")]
    + [(" l4-l5 ", "L4-L5"), ("L5-S1", "L5-S1"), ("5-1", "L5-S1"), ("l5-s1", "L5-S1")],
)
def test_a_disc_is_found_however_its_name_is_written(name, found):
    assert disc(name).name == found


def test_an_unknown_disc_names_the_discs_to_choose_from():
    with pytest.raises(UnknownPartError) as err:
        disc("L6-L7")
    assert str(err.value) == (
        "no disc called 'L6-L7': choose one of L1-L2, L2-L3, L3-L4, L4-L5, L5-S1"
    )


@pytest.mark.parametrize("bad", [-1, 121])
def test_a_curve_out_of_range_names_its_unit(bad):
    from lowback.anatomy import lordosis_range

    low, high = lordosis_range()
    with pytest.raises(ValueError) as err:
        side_view(low - 1 if bad < 0 else high + 1)
    assert f"lordosis must be from {low} to {high} degrees; got" in str(err.value)


def test_the_root_is_pressed_from_exactly_the_press_load():
    at = press_at()
    assert herniation_stage(at).pressed and not herniation_stage(at - 1e-9).pressed
    stages = DATA["herniation"]["stage"]
    for stage in stages:
        found = herniation_stage(stage["from_load"])
        assert found.name == stage["name"]
        assert found.text == stage["text"].format(root="L5")
        assert found.sources == tuple(stage.get("sources", ()))


def test_a_disc_wedge_rises_by_half_its_depth_times_the_tangent():
    import math

    d = disc("L4-L5")
    shape = disc_shape(d, 40)
    wedge = d.curve_share * (40 - sum(v.wedge_deg for v in vertebrae()))
    rise = d.depth_mm / 2 * math.tan(math.radians(wedge))
    assert shape.wedge_deg == pytest.approx(wedge)
    assert (shape.front_mm, shape.back_mm) == pytest.approx(
        (d.mid_height_mm + rise, d.mid_height_mm - rise)
    )
    assert shape.name == "L4-L5"


def test_the_phases_and_their_spans_come_from_the_data_in_order():
    from lowback.anatomy import phases

    assert phases() == {
        "acute": "under 4 weeks",
        "subacute": "4 to 12 weeks",
        "chronic": "over 12 weeks",
    }
    assert list(phases()) == ["acute", "subacute", "chronic"]


def test_a_scan_is_considered_only_in_the_listed_cases():
    from lowback.anatomy import imaging_advice

    assert imaging_advice() == tuple(DATA["imaging"]["considered_when"])
    assert len(imaging_advice()) >= 2 and DATA["imaging"]["routine"] is False


def test_the_natural_history_reads_line_by_line():
    from lowback.sources import source

    nh = natural_history()
    lines = str(nh).splitlines()
    assert lines[: len(nh.points)] == [
        f"- {p.improved:.0%} feel clearly better after {p.after}" for p in nh.points
    ]
    assert lines[len(nh.points)] == "- 20% to 30% still have trouble after one to two years"
    assert lines[-2] == f"Caveat: {nh.caveat}"
    assert lines[-1] == "Sources: " + "; ".join(source(k).cite for k in nh.sources)
    assert len(lines) == len(nh.points) + 3 and len(nh.sources) == 2


@pytest.mark.parametrize(
    ("find", "name", "said"),
    [
        (root, "L6", "no nerve root called 'L6': choose one of L4, L5, S1"),
        (
            vertebra,
            "L6",
            "no lumbar vertebra called 'L6': choose one of L1, L2, L3, L4, L5",
        ),
        (
            posture,
            "handstand",
            "no posture called 'handstand': choose one of Standing, Lying on your back,"
            " Slumped sitting",
        ),
    ],
)
def test_an_unknown_part_names_its_kind_and_the_choices(find, name, said):
    with pytest.raises(UnknownPartError) as err:
        find(name)
    assert str(err.value) == said


def test_a_posture_is_found_by_its_id_or_its_label():
    for p in postures():
        assert posture(p.id) == p == posture(p.label.upper())


def test_a_load_out_of_range_has_no_unit():
    with pytest.raises(ValueError) as err:
        herniation_stage(1.5)
    assert str(err.value) == "load must be from 0 to 1; got 1.5"


def test_the_lowest_disc_is_found_by_its_numbers_with_the_s_in_any_case():
    assert disc("5-S1").name == disc("5-s1").name == disc("5-1").name == "L5-S1"


def test_a_place_on_the_spine_is_so_far_forward_and_so_far_up():
    from lowback.anatomy import Frame

    f = Frame((1.0, 2.0), (0.6, 0.8))
    assert f.up == (-0.8, 0.6)
    assert f.at(10, 5) == pytest.approx((1 + 10 * 0.6 - 5 * 0.8, 2 + 10 * 0.8 + 5 * 0.6))


@pytest.mark.parametrize("lordosis", [0, 25, 50])
def test_each_disc_and_vertebra_in_the_side_view_has_its_own_size(lordosis):
    import math

    view = side_view(lordosis)
    assert view.sacrum.origin == (0.0, 0.0) and math.hypot(*view.sacrum.front) == pytest.approx(1)
    below = None
    for d in reversed(discs()):
        back_low, front_low, front_up, back_up = view.discs[d.name]
        shape = view.shapes[d.name]
        assert math.dist(back_low, front_low) == pytest.approx(d.depth_mm)
        assert math.dist(back_up, front_up) == pytest.approx(d.depth_mm)
        assert math.dist(back_low, back_up) == pytest.approx(shape.back_mm)
        if below is not None:
            assert math.dist(below, back_low) == pytest.approx(vertebra_back(d.below))
            assert view.tops[d.below].origin == back_low
        below = back_up
        assert view.bodies[d.above].origin == back_up


def vertebra_back(name):
    """A vertebral body's height at the back: its middle height less half its wedge's rise."""
    import math

    v = next(v for v in vertebrae() if v.name == name)
    return v.body_height_mm - v.body_depth_mm / 2 * math.tan(math.radians(v.wedge_deg))


@pytest.mark.parametrize("load", [0.0, 0.3, 0.6, 1.0])
def test_the_disc_caption_names_a_stage_of_a_process_not_a_load_that_causes_it(load):
    """'Load 100%: herniation' read as if a full load herniates a disc."""
    from lowback.draw.disc import stage_text

    stages = DATA["herniation"]["stage"]
    number = sum(s["from_load"] <= load for s in stages)
    text = stage_text(load)
    assert "load" not in text.lower(), text
    assert text.startswith(f"Stage {number} of {len(stages)}: {herniation_stage(load).name}")


def test_the_sciatic_nerve_picture_draws_and_names_every_root_that_forms_it():
    """The nerve is formed from L4 to S3: five roots drawn, and the label says so."""
    from lowback.anatomy import sciatic_nerve
    from lowback.draw.body import IMAGES

    roots = sciatic_nerve()["roots"]
    fig, alt = IMAGES["sciatic_nerve"]()
    words = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert f"{roots[0]} to {roots[-1]}" in words.replace("\n", " ")
    assert len(DATA["body"]["nerve"]["roots"]) == len(roots)
    assert f"{roots[0]} to {roots[-1]}" in alt


@pytest.mark.parametrize("lordosis", [-5, 40, 50])
def test_each_lumbar_root_leaves_below_its_own_vertebra_not_across_a_disc(lordosis):
    """Drawn from the sac within its own vertebra's level, out through the side opening just
    below that vertebra's bony bridge and above the disc below: never over a disc's level."""
    from lowback.draw.spine import _geometry

    view = side_view(lordosis)
    geo = _geometry(view)
    for v, line in zip(vertebrae(), geo["root"], strict=False):
        frame, h = view.bodies[v.name], v.heights()[1]
        local = []
        for x, y in line:
            dx, dy = x - frame.origin[0], y - frame.origin[1]
            local.append(
                (dx * frame.front[0] + dy * frame.front[1], dx * frame.up[0] + dy * frame.up[1])
            )
        ups = [u for _, u in local]
        assert max(ups) <= 0.8 * h, f"{v.name} root starts below the end plate above"
        assert ups[-1] >= 0.12 * h, f"{v.name} root leaves above the disc below"
        assert min(ups) >= 0.12 * h, f"{v.name} root never reaches the disc below's level"
        assert local[-1][0] - local[0][0] >= 4, f"{v.name} root heads forward, out of the canal"
