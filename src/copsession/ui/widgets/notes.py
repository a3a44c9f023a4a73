"""The list of what was captured in a step; notes can be edited, deleted, voted on, tagged and moved.

No letter is a command here: only Delete deletes, and a printable key that is not a list key
goes back to the capture box and is typed there — so typing while the list has the focus never
changes a note. While the list has the focus the screen shows that it is in list mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from copsession.capture import KIND_INFO
from copsession.i18n import Catalog
from copsession.record import Note

VOTE = Binding.Group("key.vote_group", compact=True)
TAG = Binding.Group("key.tag_group", compact=True)
MOVE = Binding.Group("key.move_group", compact=True)


def describe_note(note: Note, tr: Catalog, show_author: bool = True) -> Text:
    """One line for a note as shown on screen: kind, author, text, tag, votes, action and follow-up details."""
    text = Text()
    info = KIND_INFO.get(note.kind)
    text.append((info.mark if info else "•") + " ", style="bold")
    if note.kind == "private":
        text.append(f"[{tr('ui.private_mark')}] ", style="bold italic")
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


class ListMode:
    """What every list of notes shares: typing goes back to the capture box, and the screen is told
    when list mode starts and ends (a mixin for a focusable widget)."""

    LIST_CHARACTERS: frozenset[str] = frozenset()
    """Printable keys that act on the list; every other printable key is typed in the capture box."""

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character not in self.LIST_CHARACTERS:
            event.stop()
            event.prevent_default()
            self.post_message(NoteList.BackRequested(event.character))  # type: ignore[attr-defined]

    def on_focus(self) -> None:
        self.post_message(NoteList.ModeChanged(True))  # type: ignore[attr-defined]

    def on_blur(self) -> None:
        self.post_message(NoteList.ModeChanged(False))  # type: ignore[attr-defined]


class NoteList(ListMode, OptionList):
    """The notes of one step: Enter edits, Delete removes, + and − vote, Ctrl+↑/↓ move a note."""

    BINDINGS = [
        Binding("enter", "edit", "key.edit_note"),
        Binding("delete", "delete", "key.delete_note"),
        Binding("plus,equals_sign", "vote(1)", "key.vote_up", group=VOTE),
        Binding("minus", "vote(-1)", "key.vote_down", group=VOTE),
        Binding("asterisk", "toggle_sort", "key.sort_votes", show=False),
        Binding("ctrl+down", "move(1)", "key.move_note_down", show=False),
        Binding("ctrl+up", "move(-1)", "key.move_note_up", show=False),
        Binding("escape", "back", "key.back_to_capture", show=False),
    ]
    LIST_CHARACTERS = frozenset("+=-*")

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
    class MoveRequested(Message):
        """Move a note to the next (+1) or previous (-1) speaker, question or form step."""

        note_id: int
        delta: int

    @dataclass
    class FollowUpRequested(Message):
        """Write what is done about a concern."""

        note_id: int

    @dataclass
    class SortChanged(Message):
        """The list switched between typed order and most votes first."""

    @dataclass
    class BackRequested(Message):
        """Return the focus to the capture box, typing ``text`` there."""

        text: str = ""

    @dataclass
    class ModeChanged(Message):
        """The list got (``active``) or lost the focus: list mode starts or ends."""

        active: bool

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

    def action_move(self, delta: int) -> None:
        self._post(lambda note_id: self.MoveRequested(note_id, delta))

    def action_toggle_sort(self) -> None:
        self.by_votes = not self.by_votes
        self.post_message(self.SortChanged())

    def action_back(self) -> None:
        self.post_message(self.BackRequested())


class ExplorationNoteList(NoteList):
    """Notes while exploring: also 1 / 2 / 3 to mark known, not yet known, idea."""

    BINDINGS = [
        Binding("1", "tag('known')", "key.tag_known", group=TAG),
        Binding("2", "tag('unknown')", "key.tag_unknown", group=TAG),
        Binding("3", "tag('idea')", "key.tag_idea", group=TAG),
    ]
    LIST_CHARACTERS = NoteList.LIST_CHARACTERS | frozenset("123")

    def action_tag(self, tag: str) -> None:
        self._post(lambda note_id: self.TagRequested(note_id, tag))


class ConcernNoteList(NoteList):
    """Notes in a concern round: also Ctrl+F to write a concern's follow-up."""

    BINDINGS = [Binding("ctrl+f", "follow_up", "key.follow_up")]

    def action_follow_up(self) -> None:
        self._post(self.FollowUpRequested)
