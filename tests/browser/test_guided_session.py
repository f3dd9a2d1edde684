"""The guided session player of lesson 8, pressed Play in Voila and in JupyterLab: it moves,
counts, sounds its cues and shows the floor view."""

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


# Counts every cue sound the page starts playing (media events do not bubble: capture them).
LISTEN = """player => {
    window.cuesPlayed = 0;
    player.ownerDocument.addEventListener('playing', e => {
        if (e.target.tagName === 'AUDIO') window.cuesPlayed += 1;
    }, true);
}"""
FLOOR = """player => {
    const view = player.querySelector('[role=status]');
    if (!view) return null;
    const parts = [...view.children];
    return {text: view.innerText, sizes: parts.map(p => parseFloat(getComputedStyle(p).fontSize))};
}"""


def find_player(page):
    """The session player: the box holding a Play widget beside a "Next exercise" button."""
    skip = page.get_by_role("button", name="Next exercise")
    player = page.locator(".widget-vbox", has=skip).filter(has=page.locator(".widget-play")).last
    player.get_by_text(REP).wait_for(timeout=120_000)  # drawn at the session's start
    return player


def watch(page, player) -> list[dict]:
    """Press Play and note what the player shows every 100 ms for a few seconds."""
    page.wait_for_timeout(500)  # let the kernel-side widgets settle
    player.evaluate(LISTEN)
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


def assert_it_sounds(page) -> None:
    """Several cue sounds started playing (holds start and end every few seconds)."""
    played = page.evaluate("window.cuesPlayed")
    assert played >= 3, f"only {played} cue sounds played in Chromium"


def assert_floor_view(page, player) -> None:
    """Floor view shows the step, a large countdown and what comes next, and it counts."""
    player.get_by_role("button", name="Floor view").click()
    page.wait_for_function(
        "document.querySelector('[role=status]') && "
        "document.querySelector('[role=status]').offsetHeight > 0"
    )
    first = player.evaluate(FLOOR)
    page.wait_for_timeout(1500)
    later = player.evaluate(FLOOR)
    now, count, following = first["sizes"]
    assert count >= 150 and now >= 60 and following >= 40, first
    assert re.search(r"(Then|Next): ", first["text"]), first["text"]
    assert later["text"] != first["text"], "the floor view did not count down"


def test_the_session_player_plays_in_voila(page, tmp_path):
    with presenting(page, "08", tmp_path / "voila.log"):
        player = find_player(page)
        assert_it_plays(watch(page, player))
        assert_it_sounds(page)
        assert_floor_view(page, player)
    assert not page.problems, page.problems


def test_the_session_player_plays_in_jupyterlab(page, tmp_path):
    with in_lab(page, tmp_path, LESSON):
        run_all_cells(page)
        player = find_player(page)
        assert_it_plays(watch(page, player))
        assert_it_sounds(page)
