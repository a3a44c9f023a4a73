"""Every word lands once, exactly as typed, however the keys arrive: one by one, in bursts (a line
and its Enter in one read), with a clicker's PageDown right after Enter, and as pastes."""

from __future__ import annotations

from mdhelpers import burst

from copsession.ui.app import make_app
from copsession.ui.widgets.capture import CaptureBox

SIZE = (80, 24)


def build(worksheet, clock, tmp_path):
    return make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=3)


async def test_a_line_and_its_enter_in_one_burst_leave_nothing_half_typed(small, clock, tmp_path):
    """The bug seen over ssh: the stored line came back as the next step's half-typed line and the
    next note was glued onto it ("…terecht konPrivacy bij…")."""
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        burst(app, "quick line", "<enter>")
        await pilot.pause()
        assert app.record.draft == ""
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.screen.query_one(CaptureBox).value == ""
        burst(app, "next one", "<enter>")
        await pilot.pause()
        assert [(n.step, n.text) for n in app.record.notes] == [(0, "quick line"), (1, "next one")]
        assert app.record.draft == ""


async def test_lines_enters_and_a_clicker_in_one_burst_land_in_their_steps(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "<pagedown>", "one", "<enter>", "two", "<enter>", "<pagedown>", "three", "<enter>",
              "half", "<pagedown>")
        await pilot.pause()
        await pilot.pause()
        assert [(n.step, n.text) for n in app.record.notes] == [(0, "one"), (0, "two"), (1, "three")]
        assert app.record.current == 2
        assert app.record.draft == "half" and app.screen.query_one(CaptureBox).value == "half"
