"""The guided session player of lesson 8, pressed Play in Voila and in JupyterLab."""

import re
import time

from browsing import in_lab, presenting, run_all_cells

LESSON = "08_your_routine.ipynb"
WATCH_SECONDS = 4.0  # at the lesson's tenfold speed: about 40 s of session, several reps
REP = re.compile(r"Rep (\d+) of \d+")
# What the learner sees of the player: its texts (title, phase with countdown, rep counter,
# clock) and the figure's address, which changes whenever a new frame arrives.
SEEN = """player => ({
    texts: [...player.querySelectorAll('.widget-html-content')].map(e => e.innerText.trim()),
    picture: player.querySelector('img.widget-image').src,
})"""


def find_player(page):
    """The session player: the box holding a Play widget beside a "Next exercise" button."""
    skip = page.get_by_role("button", name="Next exercise")
    player = page.locator(".widget-vbox", has=skip).filter(has=page.locator(".widget-play")).last
    player.get_by_text(REP).wait_for(timeout=120_000)  # drawn at the session's start
    return player


def watch(page, player) -> list[dict]:
    """Press Play and note what the player shows every 100 ms for a few seconds."""
    page.wait_for_timeout(500)  # let the kernel-side widgets settle
    seen = [player.evaluate(SEEN)]
    player.locator(".widget-play button:has(.fa-play)").click()
    deadline = time.monotonic() + WATCH_SECONDS
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        seen.append(player.evaluate(SEEN))
    return seen


def assert_it_plays(seen: list[dict]) -> None:
    """The rep counter climbs, the countdown and clock tick, and the figure moves."""
    texts = [" | ".join(s["texts"]) for s in seen]
    reps = {int(m[1]) for t in texts if (m := REP.search(t))}
    assert len(reps) >= 2, f"the rep counter did not move: {sorted(set(texts))[:5]}"
    assert len(set(texts)) >= 6, f"the countdown and clock did not tick: {sorted(set(texts))}"
    pictures = {s["picture"] for s in seen}
    assert len(pictures) >= 3, "the figure did not move through the rep"


def test_the_session_player_plays_in_voila(page, tmp_path):
    with presenting(page, "08", tmp_path / "voila.log"):
        assert_it_plays(watch(page, find_player(page)))
    assert not page.problems, page.problems


def test_the_session_player_plays_in_jupyterlab(page, tmp_path):
    with in_lab(page, tmp_path, LESSON):
        run_all_cells(page)
        assert_it_plays(watch(page, find_player(page)))
