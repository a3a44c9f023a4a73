"""The footer: the keys of this moment on one line, as many as fit, F1 (every key) always shown.

Textual's footer lets a line that is too long run off the screen ("f1 Hul" at 60 columns). This
one drops keys from the end of the line instead, never the help key: F1 lists every key, so a
narrow screen loses nothing a facilitator cannot find.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = ("help", "app.help")


def key_width(key_display: str, description: str) -> int:
    """The columns one compact footer key takes: the key, a space, the description, a margin."""
    return cell_len(key_display) + 1 + cell_len(description) + 1


class MeetingFooter(Footer):
    """A compact footer that fits its width (see the module's description)."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self):
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        seen: set[str] = set()
        shown = []
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:  # one key per action, as Textual's footer does
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
        for binding, enabled, tooltip, display in kept + help_keys:
            yield FooterKey(binding.key, display, binding.description, binding.action, disabled=not enabled,
                            tooltip=tooltip).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.recompose)
