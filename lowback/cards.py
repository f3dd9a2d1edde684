"""An exercise's card as Markdown: what it does, for whom, equipment, steps, feel, cautions."""

from lowback.catalogue import Exercise, exercise

SUITS = {
    "rest position": "Almost everyone can start here; it needs no effort.",
    "core": "Everyone: it trains the muscles without moving the back.",
    "pelvic tilt": "Everyone who can move a little: it rocks the back gently both ways.",
    "flexion stretch": "People whose leg symptoms ease when they bend forward.",
    "nerve mobility": "People whose symptoms are settling; keep it gentle.",
    "extension": "People whose leg symptoms ease when they bend backward.",
}
"""Who each family of exercises suits, in plain words."""

DIRECTION = {
    "rest position": "none, or a very gentle backward bend",
    "core": "none: the back stays still",
    "pelvic tilt": "small rocking, forward and back",
    "flexion stretch": "forward (flexion)",
    "nerve mobility": "moves the sciatic nerve (nerve tension)",
    "extension": "backward (extension)",
}
"""Which way each family bends the lower back."""


def exercise_card(which: int | str | Exercise) -> str:
    """Markdown for one exercise, written from the catalogue so no text is copied by hand."""
    ex = exercise(which)
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(ex.steps, 1))
    cautions = "\n".join(f"- {c}" for c in ex.cautions)
    equipment = ", ".join(ex.equipment) if ex.equipment else "none"
    return (
        f"**What it does.** {ex.purpose}\n\n"
        f"**Bends the back:** {DIRECTION[ex.family]}. **Suits:** {SUITS[ex.family]}\n\n"
        f"**You need:** {equipment}.\n\n"
        f"**Steps**\n\n{steps}\n\n"
        f"**What you should feel.** {ex.feel}\n\n"
        f"**Take care**\n\n{cautions}\n"
    )
