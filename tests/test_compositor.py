"""The row-cropping compositor paints exactly what Textual's own compositor paints."""

from __future__ import annotations

import random

from mdhelpers import type_line
from textual._compositor import Compositor
from textual.geometry import Region

from copsession.ui import compositor as compositor_module
from copsession.ui.app import make_app
from copsession.ui.compositor import RowCroppingCompositor
from test_scale import crowded


def _frame(compositor: Compositor, regions: list[Region], console) -> str:
    compositor._dirty_regions.clear()
    compositor._dirty_regions.update(regions)
    update = compositor.render_update(screen_stack=[])
    return "" if update is None else update.render_segments(console)


async def test_a_partial_frame_is_painted_as_textuals_compositor_paints_it(small, clock, tmp_path):
    """Every widget's area, pairs of them and random areas, with widgets changed in between: the
    text sent to the terminal is the same, byte for byte."""
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 40))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "a note about the question")
        await pilot.press(*"half typed")
        await pilot.pause()
        screen = app.screen
        ours = screen._compositor
        assert type(ours) is RowCroppingCompositor
        stock = Compositor()
        stock.__dict__ = ours.__dict__  # the same map of the screen, painted the stock way

        widgets = list(ours.visible_widgets.items())
        areas = [region.intersection(clip) for _, (region, clip) in widgets]
        rng = random.Random(11)
        cases = [[area] for area in areas]
        cases += [[a, b] for a, b in zip(areas, areas[1:])]
        for _ in range(40):
            x, y = rng.randrange(80), rng.randrange(24)
            cases.append([Region(x, y, rng.randint(1, 80 - x), rng.randint(1, 24 - y))])
        cases.append([Region(0, 0, 80, 24)])  # the whole screen: Textual's full update, not cropped
        for number, regions in enumerate(cases):
            widget = widgets[number % len(widgets)][0]
            widget.refresh()  # something changed: its lines are drawn again, not taken from cache
            expected = _frame(stock, regions, app.console)
            widget.refresh()
            assert _frame(ours, regions, app.console) == expected, regions
        assert any(len(frame) > 1000 for frame in [_frame(ours, [Region(0, 0, 80, 24)], app.console)])


async def test_a_textual_that_works_otherwise_keeps_its_own_compositor(small, clock, tmp_path, monkeypatch):
    monkeypatch.setattr(compositor_module, "FITS", False)
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen._compositor) is Compositor
        await type_line(pilot, "still noted")
        assert app.record.notes[-1].text == "still noted"


def test_this_textual_fits_the_row_cropping_compositor():
    """The pinned Textual has the methods the override relies on (a new one may not: then the
    screens keep Textual's compositor, slower but right)."""
    assert compositor_module.FITS
