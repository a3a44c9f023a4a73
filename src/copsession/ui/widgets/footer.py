"""The footer: the keys of this moment on one line, as many as fit, F1 (every key) always shown.

Textual's footer lets a line that is too long run off the screen ("f1 Hul" at 60 columns). This
one drops keys from the end of the line instead, never the help key: F1 lists every key, so a
narrow screen loses nothing a facilitator cannot find.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer

from copsession.ui.textual_private import FooterKey

HELP_ACTIONS = ("help", "app.help")


def key_width(key_display: str, description: str) -> int:
    """The columns one compact footer key takes: the key, a space, the description, a margin."""
    return cell_len(key_display) + 1 + cell_len(description) + 1


class MeetingFooter(Footer):
    """A compact footer that fits its width (see the module's description).

    Textual's footer builds its keys again whenever the screen's bindings may have changed (every
    change of focus, several times while a screen starts); this one does so only when the keys it
    would show, or the width they must fit, really changed.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple | None = None
        """What the keys were last built from: the width and each key's binding and state."""
        self.keys_known = False
        """The screen has told its keys (until then there is nothing to show)."""

    def _choice(self) -> tuple[int, list]:
        """The width to fill and the keys that fit it, in order, F1 last."""
        width = self.size.width or self.app.size.width
        seen: set[str] = set()
        shown = []
        hidden = getattr(self.screen, "FOOTER_HIDES", ())  # keys that do nothing on this screen
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if (
                binding.show and binding.action not in seen and binding.action not in hidden
            ):  # one key per action, as Textual's footer does
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip, self.app.get_key_display(binding)))
        help_keys = [item for item in shown if item[0].action in HELP_ACTIONS]
        budget = width - sum(key_width(item[3], item[0].description) for item in help_keys)
        kept = []
        for item in shown:
            if item in help_keys:
                continue
            cost = key_width(item[3], item[0].description)
            if cost > budget:
                break  # keep the order: the keys that matter most come first
            kept.append(item)
            budget -= cost
        return width, kept + help_keys

    @staticmethod
    def _signature(width: int, keys: list) -> tuple:
        return width, tuple(
            (b.key, b.action, b.description, enabled, str(tooltip), display) for b, enabled, tooltip, display in keys
        )

    def compose(self):
        if not self.keys_known:
            return
        width, keys = self._choice()
        self._shown = self._signature(width, keys)
        for binding, enabled, tooltip, display in keys:
            # always compact: the class is given at once (not bound to the footer's `compact`), so no
            # key restyles itself after mounting — that cost a few milliseconds per key at start-up
            yield FooterKey(
                binding.key,
                display,
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
                classes="-compact",
            )

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        if self._shown is None or self._signature(*self._choice()) != self._shown:
            await self.recompose()

    def bindings_changed(self, screen) -> None:
        self.keys_known = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._recompose_if_changed)
