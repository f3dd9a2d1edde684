"""The controls as a learner uses them, without a browser: change a value, read the result."""

from lowback.quiz import questions
from lowback.safety import level, levels
from lowback.widgets import red_flag_screen, reps_slider, self_check


def test_ticking_a_red_flag_changes_the_outcome_shown():
    panel = red_flag_screen()
    assert "you can start the exercises, gently" in panel.result.value
    panel.boxes["fever"].value = True
    assert level("soon").action in panel.result.value
    panel.boxes["fever-infection-risk"].value = True
    assert level("same-day").action in panel.result.value
    panel.boxes["saddle-numbness"].value = True
    assert level("emergency").action in panel.result.value
    for box in panel.boxes.values():
        box.value = False
    assert "you can start the exercises, gently" in panel.result.value


def test_the_check_shows_each_level_action_above_its_boxes_even_before_a_tick():
    panel = red_flag_screen()
    inner = next(c for c in panel.children if hasattr(c, "children"))  # under the waiting line
    heads = [c.value for c in inner.children if not hasattr(c, "indent")]
    for lv in levels():
        assert any(lv.action in h for h in heads), lv.id


def test_moving_the_reps_slider_updates_the_session_time():
    box = reps_slider("Brace your abs")
    before = box.summary.value
    box.slider.value = 5
    assert box.summary.value != before and "5 reps" in box.summary.value
    assert box.slider.min == 1 and box.slider.max == 20


def test_self_check_gives_feedback_on_right_and_wrong_answers():
    panel = self_check(0)
    first = questions(0)[0]
    choice, feedback = panel.children[0].children[1:]
    choice.value = first.answer
    assert "Right." in feedback.value
    choice.value = (first.answer + 1) % len(first.options)
    assert "Not quite." in feedback.value


def test_live_pictures_are_drawn_at_twice_their_size_and_shown_at_their_size():
    """Crisp on a 2x screen, no bigger on screen: the <img> is sized in CSS pixels."""
    from lowback.widgets import exercise_controls
    from lowback.widgets.live import png_size

    box = exercise_controls(4)
    width, height = box.live.size  # the figure's own size: 6.4 x 1.5 inches at 80 dpi
    assert (width, height) == (512, 120)
    assert png_size(box.live.image.value) == (2 * width, 2 * height)
    assert box.live.image.layout.max_width == f"{width}px", "never stretched past its size"
    sent = box.live.image.get_state()["value"]
    assert f'width="{width}" height="{height}"' in sent


def test_a_still_figure_is_crisp_and_has_its_alt_text_in_the_page(monkeypatch):
    """lowback.widgets.show: JupyterLab draws an image/png output without its alt text, so the
    figure goes to the page as an <img alt> picture widget; the PNG beside it keeps its alt
    and its CSS size for the static site."""
    import base64

    from lowback.draw import new_figure
    from lowback.widgets import show
    from lowback.widgets.live import png_size

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    fig = new_figure(4, 2)
    fig.add_subplot().plot([0, 1])
    show(fig, "A rising line.")
    ((bundle,), kwargs) = shown[0]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "[figure] A rising line."
    assert png_size(base64.b64decode(bundle["image/png"])) == (800, 400)
    assert kwargs["metadata"]["image/png"] == {"alt": "A rising line.", "width": 400, "height": 200}


def test_the_speed_choice_is_as_wide_as_its_longest_option():
    from lowback.routine import example
    from lowback.widgets import session_player

    assert session_player(example()).speed.layout.width == "max-content"


def test_live_pictures_carry_their_alt_text_into_the_page():
    from lowback.widgets import exercise_controls
    from lowback.widgets.live import png_size

    live = exercise_controls(4).live
    sent = live.image.get_state()["value"]  # what the browser receives
    assert isinstance(live.image.value, bytes) and png_size(live.image.value)
    assert sent.startswith("<img ") and f'alt="{live.alt}"' in sent and "data:image/png" in sent
    width, height = live.size
    assert f'width="{width}" height="{height}"' in sent, "its size is reserved before it loads"
    live.alt = 'A "new" picture'
    assert 'alt="A &quot;new&quot; picture"' in live.image.get_state()["value"]


def test_dosage_boxes_of_the_routine_builder_are_named_by_their_tooltips():
    from lowback.widgets.builder import FIELDS, RoutineBuilder

    row = RoutineBuilder().rows[0]
    for field, box in row.boxes.items():
        assert box.tooltip.startswith(f"{FIELDS[field]}: {row.exercise.name} (")


def _luminance(colour: str) -> float:
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_emergency_bar_is_told_from_the_same_day_bar_by_lightness_too():
    from lowback.widgets.screen import COLOURS

    low, high = sorted((_luminance(COLOURS["same-day"]), _luminance(COLOURS["emergency"])))
    assert (high + 0.05) / (low + 0.05) >= 2.5  # WCAG's contrast formula: 2.5 to 1 apart
    assert _luminance(COLOURS["emergency"]) < _luminance(COLOURS["same-day"])  # the darker
