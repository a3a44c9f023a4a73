"""Input as it really arrives, through the installed command in a real terminal (tmux).

A line and its Enter in one burst (``send-keys "text" Enter``: what ssh, tmux, a remote desktop or
a slow link deliver), a line in pieces with pauses between them, a line key by key, a line pasted;
a clicker's PageDown or PageUp right after Enter or a moment later. Each line must be in the minutes once, in
the step where its Enter was pressed, exactly as typed, and never glued to another.
"""

from __future__ import annotations

import random
import re
import shutil
import time

import pytest
from markdown_it import MarkdownIt

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WORDS = ["", " bij de club", " | ë *x*", " 3,5 uur", "  twee  spaties", " [b]"]
STEPS = ["Check-in", "What do we know, what not yet?", "Break", "Role play"]
"""The steps of the bundled regular.en used here (rounds and lists; the concern round's concerns
and the results step also appear in the summaries at the end of the minutes)."""
TOKEN = re.compile(r"t\d+x\d+y")


def bullets_per_step(minutes: str) -> dict[str, list[str]]:
    """The list items under each numbered step of the minutes, as text (Markdown escapes undone)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(minutes)
    found: dict[str, list[str]] = {}
    step = ""
    in_item = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            title = tokens[i + 1].content
            step = title.split(". ", 1)[1] if re.match(r"\d+\. ", title) else ""
        elif token.type == "list_item_open":
            in_item = True
        elif token.type == "list_item_close":
            in_item = False
        elif token.type == "inline" and in_item and step:
            text = "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))
            found.setdefault(step, []).append(text)
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_lines_in_bursts_pieces_and_keys_reach_the_minutes_once(tmux_factory, tmp_path, seed):
    rng = random.Random(seed)
    term = tmux_factory(size=(100, 30))
    term.open_check_in()
    step = 0
    typed: list[tuple[int, str]] = []
    for n in range(10):
        line = f"t{seed}x{n}y{rng.choice(WORDS)}"
        how = rng.choice(["burst", "pieces", "keys", "paste"])
        if how == "paste":  # a bracketed paste, then Enter
            term.paste(line)
            term.keys("Enter")
        elif how == "burst":
            term.keys(line, "Enter")  # the text and its Enter in one send-keys: one read
        elif how == "pieces":
            cut = rng.randrange(1, len(line))
            term.text(line[:cut])
            time.sleep(rng.choice([0.02, 0.15]))
            term.keys(line[cut:], "Enter")
        else:
            for character in line:
                term.text(character)
                time.sleep(0.005)
            term.keys("Enter")
        typed.append((step, line))
        move = rng.choice(["", "PageDown", "PageUp"])
        if move == "PageDown" and step < len(STEPS) - 1 or move == "PageUp" and step > 0:
            time.sleep(rng.choice([0.0, 0.1, 0.3, 0.5]))  # a clicker, right after Enter or a moment later
            term.keys(move)
            step += 1 if move == "PageDown" else -1
    term.keys("half typed", "PageDown" if step < len(STEPS) - 1 else "PageUp")  # carried to the next step
    term.wait_for("half typed")
    term.keys("C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_for("You were typing")  # the half-typed line is offered as a note: quit without it
    term.keys("Tab", "Enter")
    term.wait_gone()

    minutes_dir = tmp_path / "minutes"
    minutes = next(p for p in minutes_dir.glob("*.md") if not p.stem.endswith("-brief")).read_text(encoding="utf-8")
    for line in minutes.splitlines():
        assert len(TOKEN.findall(line)) <= 1, f"glued: {line!r}"
    found = bullets_per_step(minutes)
    expected: dict[str, list[str]] = {}
    for at, line in typed:
        expected.setdefault(STEPS[at], []).append(line.strip())
    for title, lines in expected.items():
        shown = [b for b in found.get(title, []) if TOKEN.search(b)]
        assert sorted(shown) == sorted(lines), title  # each once, exactly as typed, in its own step
    assert sum(minutes.count(m) for m in {TOKEN.search(line).group(0) for _, line in typed}) == len(typed)
    from copsession.recordfile import read_record, record_files

    record = read_record(record_files(minutes_dir)[0], 0).record
    assert sorted((n.step, n.text) for n in record.notes) == sorted((at, line.strip()) for at, line in typed)
    assert record.draft == "half typed" and "half typed" not in minutes


def test_a_burst_then_kill_9_then_resume_and_save_and_quit_keeps_the_line_once(tmux_factory, tmp_path):
    """Seen before: after kill -9 and `resume`, Save and quit wrote a burst-typed line twice (the
    stored line had come back as the half-typed line)."""
    import signal

    term = tmux_factory()
    term.open_check_in()
    term.keys("typed in one burst", "Enter")
    term.wait_for("Fatima: typed in one burst")
    time.sleep(1.0)  # past the half-typed line's save interval
    term.signal(signal.SIGKILL)
    term.wait_gone()
    term.close()

    again = tmux_factory("resume")
    again.wait_for("Fatima: typed in one burst")
    again.keys("C-q")
    asked = again.wait_for("Quit without saving?")
    assert "You were typing" not in asked  # nothing is half-typed: the line was stored
    again.keys("Enter")  # Save and quit
    again.wait_gone()
    minutes = next(p for p in (tmp_path / "minutes").glob("*.md") if not p.stem.endswith("-brief"))
    assert minutes.read_text(encoding="utf-8").count("typed in one burst") == 1
