"""The command palette (Ctrl+P): jump to a step, attendance, add a participant, timer, views, theme, save.

Everything shown here comes from worksheets and typing, so it is shown as plain text: a step
title or a typed name with ``[/]`` in it is never read as markup.
"""

from __future__ import annotations

import unicodedata
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, cast

from rich.text import Text
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from copsession.ui.themes import CYCLE
from copsession.worksheet import clean_name

if TYPE_CHECKING:
    from copsession.ui.app import CopSessionApp


def _plain(help_text: str) -> str:
    """Help text as the palette reads it (as markup): every bracket escaped."""
    return escape(help_text)


class MeetingPalette(CommandPalette):
    """Textual's command palette, with its placeholder in the meeting's language (its commands, and
    the word that nothing matches, come from :class:`MeetingCommands`)."""

    def __init__(self, tr) -> None:
        super().__init__(placeholder=tr("cmd.placeholder"), id="--command-palette")


def _nothing() -> None:
    """What "no matches" does when chosen: nothing (the palette closes)."""


class MeetingCommands(Provider):
    """Everything a facilitator may want to do without remembering the key."""

    @property
    def copsession(self) -> CopSessionApp:
        return cast("CopSessionApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = self.copsession
        tr = app.tr
        record = app.record
        commands: list[tuple[str, Callable[[], Any], str]] = []
        for i, step in enumerate(record.worksheet.steps):
            commands.append((tr("cmd.jump", number=i + 1, title=step.title), partial(app.jump_to, i), ""))
        for participant in record.worksheet.participants:
            if record.present.get(participant.name):
                commands.append(
                    (tr("cmd.absent", name=participant.name), partial(app.mark_present, participant.name, False), "")
                )
            else:
                commands.append(
                    (tr("cmd.present", name=participant.name), partial(app.mark_present, participant.name, True), "")
                )
        commands.append((tr("key.undo"), app.action_undo, "Ctrl+Z"))
        commands.append((tr("key.redo"), app.action_redo, "Ctrl+Y"))
        commands.append((tr("key.timer"), app.action_toggle_timer, "Ctrl+T"))
        commands.append((tr("key.presenter"), app.action_toggle_presenter, "F6"))
        commands.append((tr("key.participants"), app.action_participants, "F7"))
        commands.append((tr("key.reveal"), app.action_toggle_reveal, "F8"))
        for theme in CYCLE:
            label = tr.first(f"theme.{theme}", "theme.other", name=theme)
            commands.append((tr("cmd.theme", theme=label), partial(app.use_theme, theme), ""))
        commands.append((tr("key.save"), app.action_save, "Ctrl+S"))
        for command in app.get_system_commands(self.screen):  # Textual's own, in the meeting's language
            commands.append((command.title, command.callback, command.help))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Text(text), callback, text=text, help=_plain(help_text) or None)

    async def search(self, query: str) -> Hits:
        query = unicodedata.normalize("NFC", query)
        matcher = self.matcher(query)
        matched = 0
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                matched += 1
                yield Hit(score, self._highlight(text, query), callback, text=text, help=_plain(help_text) or None)
        if matched:
            return
        name = clean_name(query)
        tr = self.copsession.tr
        # a name to add: only when no command matches, it looks like a name and is nobody already there
        if name and any(ch.isalpha() for ch in name) and self.copsession.record.worksheet.participant(name) is None:
            text = tr("cmd.add", name=name)
            yield Hit(
                0.01,
                Text(text),
                partial(self.copsession.add_participant, name),
                text=text,
                help=_plain(tr("cmd.add_help")),
            )
        else:
            # said here, in the meeting's language: Textual's palette says "No matches found" when no
            # provider has a hit (this one is the palette's only provider); choosing it closes the palette
            text = tr("cmd.no_matches")
            yield Hit(0.001, Text(text, style="italic"), _nothing, text=text)

    @staticmethod
    def _highlight(text: str, query: str) -> Text:
        """``text`` with the query's letters, in order, underlined."""
        shown = Text(text)
        position = 0
        lowered = text.casefold()
        for letter in query.casefold():
            if letter.isspace():
                continue
            found = lowered.find(letter, position)
            if found == -1:
                break
            shown.stylize("bold underline", found, found + 1)
            position = found + 1
        return shown
