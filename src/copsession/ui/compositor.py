"""A compositor that renders only the rows a frame changes.

Textual's compositor, for a frame that changes part of the screen, asks every widget whose
*clip* (the area of the container it sits in) touches the changed area to render all of its
visible lines, and then throws away the lines outside the changed rows. In a meeting screen
the clip of the title bar, the timer, the footer and every container is the whole screen, so a
keystroke in the capture box had ten widgets render about 130 lines (from cache, but each
through the styles machinery) to paint three.

:class:`RowCroppingCompositor` gives each frame only the widgets whose visible area touches the
changed area, and asks them only for the changed rows (full width, so every strip still starts
at a cut of the screen's layout). The frames it paints are the same as Textual's; a test holds
the two side by side (``tests/test_compositor.py``). Should a later Textual change the private
methods this relies on, :class:`RowCropping` leaves the screen with Textual's own.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class RowCroppingCompositor(Compositor):
    """Textual's compositor, rendering only the changed rows of the widgets that show them."""

    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        top, bottom = crop.y, crop.bottom
        left, right = crop.x, crop.right
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            if not width or not height:
                continue
            if y >= bottom or y + height <= top or x >= right or x + width <= left:
                continue  # nothing of this widget is in the changed area
            first, last = max(y, top), min(y + height, bottom)
            # the clip handed on is the widget's visible part in the changed rows: the caller
            # pairs the strips with these rows, and they start at the widget's own left edge
            band = Region(x, first, width, last - first)
            yield region, band, widget.render_lines(Region(x - region.x, first - region.y, width, last - first))


def _fits() -> bool:
    """Whether this Textual's compositor still works the way the override expects."""
    try:
        get_renders = Compositor._get_renders.__code__
        render_chops = Compositor._render_chops.__code__
        visible = Compositor.visible_widgets
    except AttributeError:
        return False
    return (get_renders.co_varnames[:get_renders.co_argcount] == ("self", "crop")
            and "_get_renders" in render_chops.co_names and isinstance(visible, property))


FITS = _fits()


class RowCropping:
    """For our screens (a mixin, before Textual's Screen class): they paint with the row-cropping
    compositor when this Textual fits it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if FITS:
            self._compositor = RowCroppingCompositor()
