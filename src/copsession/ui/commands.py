"""The command palette (Ctrl+P): jump to a step, attendance, add a participant, timer, views, theme, save."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from copsession.ui.themes import CYCLE


class MeetingCommands(Provider):
    """Everything a facilitator may want to do without remembering the key."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        tr = app.tr
        record = app.record
        commands: list[tuple[str, object, str]] = []
        for i, step in enumerate(record.worksheet.steps):
            commands.append((tr("cmd.jump", number=i + 1, title=step.title), partial(app.jump_to, i), ""))
        for participant in record.worksheet.participants:
            if record.present.get(participant.name):
                commands.append((tr("cmd.absent", name=participant.name),
                                 partial(app.mark_present, participant.name, False), ""))
            else:
                commands.append((tr("cmd.present", name=participant.name),
                                 partial(app.mark_present, participant.name, True), ""))
        commands.append((tr("key.timer"), app.action_toggle_timer, "Ctrl+T"))
        commands.append((tr("key.presenter"), app.action_toggle_presenter, "F6"))
        commands.append((tr("key.reveal"), app.action_toggle_reveal, "F8"))
        for theme in CYCLE:
            commands.append((tr("cmd.theme", theme=theme), partial(app.use_theme, theme), ""))
        commands.append((tr("key.save"), app.action_save, "Ctrl+S"))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
        name = " ".join(query.split())
        if name and self.app.record.worksheet.participant(name) is None:
            text = self.app.tr("cmd.add", name=name)
            yield Hit(0.5, text, partial(self.app.add_participant, name), help=self.app.tr("cmd.add_help"))
