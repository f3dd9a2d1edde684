"""An exercise's card as Markdown: what it does, for whom, equipment, steps, feel, cautions."""

from lowback._data import load
from lowback.catalogue import Exercise, exercise
from lowback.safety import cautions


def exercise_card(which: int | str | Exercise) -> str:
    """Markdown for one exercise, written from the catalogue so no text is copied by hand."""
    ex = exercise(which)
    family = load("cards")["family"][ex.family]
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(ex.steps, 1))
    care = "\n".join(f"- {c}" for c in ex.cautions)
    equipment = ", ".join(ex.equipment) if ex.equipment else "none"
    first = "\n".join(f"- **{c.condition}** ({c.sign}). {c.advice}" for c in cautions(ex.number))
    return (
        f"**What it does.** {ex.purpose}\n\n"
        f"**Bends the back:** {family['bends']}. **Suits:** {family['suits']}\n\n"
        f"**You need:** {equipment}.\n\n"
        f"**Steps**\n\n{steps}\n\n"
        f"**What you should feel.** {ex.feel}\n\n"
        f"**Take care**\n\n{care}\n"
        + (f"\n**Check with a clinician first if you have**\n\n{first}\n" if first else "")
    )
