"""Each control's kernel-free face, for the views where no Python runs (site and slides).

A control's notebook output carries a small record (:data:`MIME`): which control, with which
arguments. The static site and the slides drop the live widget (it would look alive but do
nothing) and show :func:`render` of that record instead: the rule in words, answers behind a
"Show the answer" disclosure, the starting dose and its timeline, animations as animated
pictures. JupyterLab and presenter mode ignore the record and show the live control.
"""

import base64
import html
import io
from collections.abc import Callable

import ipywidgets as w

MIME = "application/vnd.lowback.offline+json"
"""The output type that names a control and its arguments for the kernel-free views."""
LIVE_ONLY = (
    "This copy cannot run Python, so this control is shown as a picture and words. "
    "To use it, open the lesson in JupyterLab."
)


def offline(widget: w.Widget, control: str, plain: str, /, **args) -> w.Widget:
    """Mark ``widget``'s output with its kernel-free record and a readable plain-text view.

    ``plain`` is what a viewer that cannot show widgets prints instead of the widget's
    repr; ``control`` and ``args`` must be what :func:`render` needs to draw it again. The
    live views show the widget beside :class:`~lowback.widgets.a11y.Accessibility`, which
    names its slider handles and icon-only buttons and shows its focus (JupyterLab too),
    and wait disabled until a page with a running kernel draws it (:func:`~.gate.gate`).
    """
    from lowback.widgets.a11y import beside
    from lowback.widgets.gate import gate

    record = {"control": control, "args": args}
    shown: list[w.Widget] = []

    def bundle(**kwargs):
        if not shown:  # the control, waiting for its kernel, beside what names its parts
            shown.append(beside(widget if hasattr(widget, "gate") else gate(widget)))
        data = shown[0]._repr_mimebundle_(**kwargs)
        return {**data, "text/plain": plain, MIME: record} if data else data

    widget._repr_mimebundle_ = bundle
    return widget


def render(record: dict) -> str:
    """The kernel-free HTML of a control from its output record."""
    draw = RENDERERS.get(record.get("control"))
    if draw is None:
        return _box(html.escape(LIVE_ONLY))
    return f'<div class="lowback-offline">{draw(**record.get("args", {}))}</div>'


def _box(body: str, colour: str | None = None) -> str:
    from lowback.draw.style import PALETTE
    from lowback.widgets.notice import notice

    return notice(colour or PALETTE["blue"], body, padding="0.4em 0.8em")


def _img(png: bytes | str, alt: str, width: int, height: int | None = None) -> str:
    """An ``<img>`` of PNG bytes (or their base64 text) shown ``width`` CSS pixels wide."""
    data = png if isinstance(png, str) else base64.b64encode(png).decode("ascii")
    dims = f' width="{width}"' + (f' height="{height}"' if height else "")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"{dims} '
        f'style="width:{width}px;max-width:100%;height:auto">'
    )


def _figure(fig, alt: str) -> str:
    """A matplotlib figure as a crisp picture: drawn at twice its size, shown at its size."""
    from lowback.draw.style import css_size, png

    return _img(png(fig), alt, *css_size(fig))


def still(output: dict) -> str | None:
    """A notebook's still picture (an ``image/png`` output) as an ``<img>`` with its alt text
    and its CSS size from the output's metadata; None if the output has no PNG."""
    data = output.get("data", {}).get("image/png")
    if not data:
        return None
    meta = output.get("metadata", {}).get("image/png", {})
    width = meta.get("width")
    if not width:
        from lowback.widgets.live import png_size

        width = png_size(base64.b64decode(data))[0]
    return _img(data.replace("\n", ""), meta.get("alt", ""), width, meta.get("height"))


def _list(items) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def red_flags() -> str:
    """The red-flag check as its rule in words: each level, its signs, its action."""
    from lowback.safety import lead, levels, screen
    from lowback.safety import red_flags as flags
    from lowback.widgets.screen import COLOURS

    clear = screen()
    parts = ["<p><b>Read each group. If any sign applies to you, do what its box says.</b></p>"]
    for lv in levels():
        body = (
            f"<b>{html.escape(lv.line)}</b><br>{html.escape(lead())}:"
            f"{_list(f.question for f in flags(lv.id))}"
        )
        parts.append(_box(body, COLOURS[lv.id]))
    parts.append(
        _box(
            f"<b>{html.escape(clear.action)}</b><br>{html.escape(clear.message)}",
            COLOURS[clear.level],
        )
    )
    return "".join(parts)


def quiz(lesson: int) -> str:
    """A lesson's self-check: each question, its options, and the answer behind a disclosure."""
    from lowback.quiz import questions

    parts = []
    for q in questions(lesson):
        options = "".join(f"<li>{html.escape(o)}</li>" for o in q.options)
        parts.append(
            f"<p><b>{html.escape(q.prompt)}</b></p><ol type='a'>{options}</ol>"
            f"<details><summary>Show the answer</summary><p>Answer: "
            f"<b>{html.escape(q.options[q.answer])}</b>. {html.escape(q.explain)}</p></details>"
        )
    return "".join(parts)


def dose(which: int | str, fields: list[str] | None = None, timeline: bool = True) -> str:
    """An exercise's starting dose in words and, if asked, its timeline picture."""
    from lowback.catalogue import exercise
    from lowback.dosage import bounds, dosage, format_duration

    ex = exercise(which)
    d = dosage(ex)
    ranges = []
    for field in fields or ("reps", "hold", "sets", "rest"):
        if field != "sides":
            b = bounds(ex, field)
            say = format_duration if field in ("hold", "rest") else str  # seconds in words
            ranges.append(f"{field} {say(b.min)} to {say(b.max)}")
    parts = [
        f"<p><b>Starting dose:</b> {html.escape(d.summary())}</p>"
        f"<p>In the live lesson you can change it ({html.escape(', '.join(ranges))}).</p>"
    ]
    if timeline:
        from lowback.widgets.exercise import timeline_figure

        fig, alt, _artists = timeline_figure(d)
        parts.append(_figure(fig, alt))
    return "".join(parts)


def animation(which: int | str, variation: str | None = None) -> str:
    """One repetition of an exercise as an animated picture that plays by itself."""
    from PIL import Image

    from lowback.widgets.exercise import FPS, PoseAnimation

    anim = PoseAnimation(which, variation)
    frames = [Image.open(io.BytesIO(f)).convert("RGB") for f in anim.frames]
    buf = io.BytesIO()
    frames[0].save(
        buf,
        format="PNG",
        save_all=True,
        append_images=frames[1:],
        duration=1000 // FPS,
        loop=0,
        optimize=True,
    )
    return _img(buf.getvalue(), anim.live.alt + " (plays by itself)", *anim.live.size)


def picture(control: str, **args) -> str:
    """A picture control at its starting values: its picture and its text, without controls."""
    from lowback import widgets
    from lowback.widgets.live import png_size

    panel = getattr(widgets, control)(**args)
    image = getattr(panel, "image", None) or panel.live.image
    size = [round(n / image.scale) for n in png_size(image.value)]
    parts = [_img(image.value, image.alt, *size)]
    for part in ("info", "summary"):
        text = getattr(panel, part, None)
        if text is not None:
            parts.append(f"<p>{text.value}</p>")
    parts.append(f"<p><i>{html.escape(LIVE_ONLY)}</i></p>")
    return "".join(parts)


def direction() -> str:
    """The find-your-direction test as its steps and its rule in words."""
    from lowback._data import load
    from lowback.direction import directions, repetitions

    outcomes = load("direction")["outcome"]
    steps = [
        "Note how far down your leg your symptoms reach now.",
        f"Do {repetitions()} slow repetitions of one direction: "
        + "; ".join(f"{d.name.lower()} ({d.how})" for d in directions())
        + ".",
        "Note how far down your leg they reach now.",
        "Check for any new numbness or weakness.",
    ]
    rules = "".join(
        f"<li><b>{html.escape(o['verdict'])}.</b> {html.escape(o['say'])}</li>"
        for o in outcomes.values()
    )
    return (
        "<ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in steps) + "</ol>"
        f"<p><b>Then:</b></p><ul>{rules}</ul><p><i>{html.escape(LIVE_ONLY)}</i></p>"
    )


def plan(routine: dict, what: str = "plan") -> str:
    """A routine's plan in words (the builder and the guided session without a kernel)."""
    from lowback.routine import from_dict

    text = from_dict(routine).describe()
    lead = {
        "plan": "The example routine:",
        "session": "The guided session follows this routine, one step at a time:",
    }[what]
    return (
        f"<p><b>{html.escape(lead)}</b></p>"
        f'<pre style="white-space:pre-wrap">{html.escape(text)}</pre>'
        f"<p><i>{html.escape(LIVE_ONLY)}</i></p>"
    )


def live_only(what: str) -> str:
    """A control that only works with Python (saving to your log): say so plainly."""
    return _box(f"<b>{html.escape(what)}</b> {html.escape(LIVE_ONLY)}")


RENDERERS: dict[str, Callable[..., str]] = {
    "red_flag_screen": red_flags,
    "self_check": quiz,
    "exercise_controls": dose,
    "exercise_animation": animation,
    "picture": picture,
    "direction_test": direction,
    "plan": plan,
    "live_only": live_only,
}
"""Each control's kernel-free renderer, by the name its output record gives."""
