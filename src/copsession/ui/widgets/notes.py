"""The list of what was captured in a step; notes can be edited, deleted, voted on and tagged."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from copsession.i18n import Catalog
from copsession.record import Note

VOTE = Binding.Group("key.vote_group", compact=True)
TAG = Binding.Group("key.tag_group", compact=True)

KIND_MARK = {"note": "•", "action": "→", "concern": "!", "result": "✓", "question": "?", "takeback": "↩"}


def describe_note(note: Note, tr: Catalog, show_author: bool = True) -> Text:
    """One line for a note as shown on screen: kind, author, text, tag, votes, action and follow-up details."""
    text = Text()
    text.append(KIND_MARK.get(note.kind, "•") + " ", style="bold")
    if note.votes:
        text.append(f"[{'●' * min(note.votes, 5)}{'+' if note.votes > 5 else ''} {note.votes}] ", style="bold")
    if note.tag:
        text.append(f"({tr('tag.' + note.tag)}) ", style="italic")
    if show_author and note.author:
        text.append(f"{note.author}: ", style="bold")
    text.append(note.text)
    if note.kind == "action":
        details = [d for d in (note.owner, note.due.isoformat() if note.due else "") if d]
        if details:
            text.append(f"  ({', '.join(details)})", style="italic")
    if note.follow_up:
        owner = f" ({note.follow_up_owner})" if note.follow_up_owner else ""
        text.append(f"\n   ↳ {tr('ui.follow_up')}: {note.follow_up}{owner}", style="italic")
    return text


class NoteList(OptionList):
    """The notes of one step: Enter edits, Delete removes, +/- vote, s sorts by votes."""

    BINDINGS = [
        Binding("enter,e", "edit", "key.edit_note"),
        Binding("delete,d", "delete", "key.delete_note"),
        Binding("plus,equals_sign", "vote(1)", "key.vote_up", group=VOTE),
        Binding("minus", "vote(-1)", "key.vote_down", group=VOTE),
        Binding("s", "toggle_sort", "key.sort_votes", show=False),
        Binding("escape", "back", "key.back_to_capture", show=False),
    ]

    @dataclass
    class EditRequested(Message):
        """The facilitator wants to edit a note."""

        note_id: int

    @dataclass
    class DeleteRequested(Message):
        """The facilitator wants to delete a note."""

        note_id: int

    @dataclass
    class VoteRequested(Message):
        """Give a note a dot vote (+1) or take one away (-1)."""

        note_id: int
        delta: int

    @dataclass
    class TagRequested(Message):
        """Mark a note known / unknown / idea."""

        note_id: int
        tag: str

    @dataclass
    class FollowUpRequested(Message):
        """Write what is done about a concern."""

        note_id: int

    @dataclass
    class SortChanged(Message):
        """The list switched between typed order and most votes first."""

    @dataclass
    class BackRequested(Message):
        """Return the focus to the capture box."""

    def __init__(self, tr: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tr = tr
        self._count = 0
        self.by_votes = False

    def show(self, notes: list[Note], show_author: bool = True) -> None:
        """Replace the list with ``notes``; a new note is highlighted, otherwise the highlight stays."""
        current = self.current_id()
        grew = len(notes) > self._count
        self._count = len(notes)
        # the count stands in for a scrollbar, whose redraw on every keystroke cost a second frame
        self.border_title = f"{self.tr('ui.notes')} ({len(notes)})"
        if self.by_votes:
            notes = sorted(notes, key=lambda n: -n.votes)
        self.clear_options()
        if notes:
            self.add_options(Option(describe_note(n, self.tr, show_author), id=str(n.id)) for n in notes)
            ids = [n.id for n in notes]
            if grew and not self.by_votes:
                self.highlighted = len(notes) - 1
            elif current in ids:
                self.highlighted = ids.index(current)
            else:
                self.highlighted = len(notes) - 1
        else:
            self.add_option(Option(Text(self.tr("ui.no_notes_yet"), style="italic"), disabled=True))

    def current_id(self) -> int | None:
        """The id of the highlighted note, if any."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None

    def _post(self, make) -> None:
        note_id = self.current_id()
        if note_id is not None:
            self.post_message(make(note_id))

    def action_edit(self) -> None:
        self._post(self.EditRequested)

    def action_delete(self) -> None:
        self._post(self.DeleteRequested)

    def action_vote(self, delta: int) -> None:
        self._post(lambda note_id: self.VoteRequested(note_id, delta))

    def action_toggle_sort(self) -> None:
        self.by_votes = not self.by_votes
        self.post_message(self.SortChanged())

    def action_back(self) -> None:
        self.post_message(self.BackRequested())


class ExplorationNoteList(NoteList):
    """Notes while exploring: also k / u / i to mark known, not yet known, idea."""

    BINDINGS = [
        Binding("k", "tag('known')", "key.tag_known", group=TAG),
        Binding("u", "tag('unknown')", "key.tag_unknown", group=TAG),
        Binding("i", "tag('idea')", "key.tag_idea", group=TAG),
    ]

    def action_tag(self, tag: str) -> None:
        self._post(lambda note_id: self.TagRequested(note_id, tag))


class ConcernNoteList(NoteList):
    """Notes in a concern round: also f to write a concern's follow-up."""

    BINDINGS = [Binding("f", "follow_up", "key.follow_up")]

    def action_follow_up(self) -> None:
        self._post(self.FollowUpRequested)
