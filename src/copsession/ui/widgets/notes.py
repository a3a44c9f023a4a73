"""The list of what was captured in a step; notes can be edited, deleted, voted on, tagged and moved.

No letter is a command here: only Delete deletes, and a printable key that is not a list key
goes back to the capture box and is typed there — so typing while the list has the focus never
changes a note. While the list has the focus the screen shows that it is in list mode.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from copsession.capture import KIND_INFO, is_private
from copsession.formats import short_date
from copsession.i18n import Catalog
from copsession.record import Note
from copsession.ui.widgets.lines import KeptLines

VOTE = Binding.Group("key.vote_group", compact=True)
TAG = Binding.Group("key.tag_group", compact=True)
MOVE = Binding.Group("key.move_group", compact=True)


def describe_note(note: Note, tr: Catalog, show_author: bool = True) -> Text:
    """One line for a note as shown on screen: kind, author, text, tag, votes, action and follow-up details."""
    text = Text()
    info = KIND_INFO.get(note.kind)
    text.append((info.mark if info else "•") + " ", style="bold")
    if is_private(note.kind):
        text.append(f" {tr('ui.private_mark')} ", style="bold reverse")  # never mistaken for a note of the group
        text.append(" ")
    if note.votes:
        text.append(f"[{'●' * min(note.votes, 5)}{'+' if note.votes > 5 else ''} {note.votes}] ", style="bold")
    if note.tag:
        text.append(f"({tr('tag.' + note.tag)}) ", style="italic")
    if show_author and note.author:
        text.append(f"{note.author}: ", style="bold")
    text.append(note.text)
    if note.kind == "action":
        details = [d for d in (note.owner, short_date(note.due, tr.language) if note.due else "") if d]
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


class NoteList(ListMode, KeptLines, ScrollView, can_focus=True):
    """The notes of one step: Enter edits, Delete removes, + and − vote, Ctrl+↑/↓ move a note.

    A list that draws only the lines on screen and keeps each note's rendering and height, so
    that adding, editing, voting on or deleting one note redraws that note only: a step with
    thousands of notes stays as quick as one with ten.
    """

    COMPONENT_CLASSES = {"note-list--cursor", "note-list--empty"}
    DEFAULT_CSS = """
    NoteList {
        background: $surface;
        padding: 0 1;
    }
    NoteList > .note-list--cursor {
        background: $primary 40%;
    }
    NoteList:focus > .note-list--cursor {
        background: $accent 60%;
    }
    NoteList > .note-list--empty {
        text-style: italic;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("enter", "edit", "key.edit_note"),
        Binding("delete", "delete", "key.delete_note"),
        Binding("plus,equals_sign", "vote(1)", "key.vote_up", group=VOTE),
        Binding("minus", "vote(-1)", "key.vote_down", group=VOTE),
        Binding("asterisk", "toggle_sort", "key.sort_votes", show=False),
        Binding("ctrl+down", "move(1)", "key.move_note_down", show=False),
        Binding("ctrl+up", "move(-1)", "key.move_note_up", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
        Binding("escape", "back", "key.back_to_capture", show=False),
    ]
    LIST_CHARACTERS = frozenset("+=-*")

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """The position of the highlighted note in the list, if any."""

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
        self.by_votes = False
        self.show_author = True
        self._notes: list[Note] = []
        self._position: dict[int, int] = {}
        self._texts: list[Text] = []
        self._heights: list[int] = []
        self._starts: list[int] = []
        """The first line of each note (a running sum of the heights)."""
        self._strips: dict[int, list[Strip]] = {}
        """Rendered lines of the notes drawn so far, by position (cleared on any change of width)."""
        self._width = 0

    # -- what the list holds ------------------------------------------------- #

    @property
    def option_count(self) -> int:
        """How many notes the list shows."""
        return len(self._notes)

    @property
    def notes(self) -> list[Note]:
        """The notes listed, in their order."""
        return list(self._notes)

    def show(self, notes: list[Note], show_author: bool = True) -> None:
        """Show ``notes`` (all new); a new note is highlighted, otherwise the highlight stays."""
        current = self.current_id()
        grew = len(notes) > len(self._notes)
        self.show_author = show_author
        if self.by_votes:
            notes = sorted(notes, key=lambda n: -n.votes)
        self._notes = list(notes)
        self._texts = [describe_note(n, self.tr, show_author) for n in self._notes]
        self._reindex()
        self._measure_all()
        ids = [n.id for n in self._notes]
        if not ids:
            self.highlighted = None
        elif grew and not self.by_votes:
            self.highlighted = len(ids) - 1
        elif current in self._position:
            self.highlighted = self._position[current]
        else:
            self.highlighted = len(ids) - 1

    def update_notes(self, notes: list[Note], changed: set[int]) -> None:
        """Bring the list up to ``notes`` when only the notes in ``changed`` were added, edited or
        removed: each of those rows is drawn again, nothing else. Falls back to :meth:`show`
        when the order of the others changed (sorting by votes)."""
        if self.by_votes:
            self.show(notes, self.show_author)
            return
        if self._appended(notes, changed):
            return
        old_ids = [n.id for n in self._notes]
        new_ids = [n.id for n in notes]
        old_set, new_set = set(old_ids), set(new_ids)
        kept = [i for i in new_ids if i in old_set]
        added = new_ids[len(kept) :]
        if (
            kept != [i for i in old_ids if i in new_set]
            or any(i in old_set for i in added)
            or len(kept) + len(added) != len(new_ids)
        ):
            self.show(notes, self.show_author)
            return
        by_id = {n.id: n for n in notes}
        removed = [p for p, i in enumerate(old_ids) if i not in new_set]
        for position in reversed(removed):
            del self._notes[position], self._texts[position], self._heights[position]
        if removed:
            self._strips.clear()
        for position, note in enumerate(self._notes):
            if note.id in changed:
                fresh = by_id[note.id]
                self._notes[position] = fresh
                self._texts[position] = describe_note(fresh, self.tr, self.show_author)
                self._heights[position] = self._measure(self._texts[position])
                self._strips.pop(position, None)
        for note_id in added:
            note = by_id[note_id]
            self._notes.append(note)
            text = describe_note(note, self.tr, self.show_author)
            self._texts.append(text)
            self._heights.append(self._measure(text))
        # rows drawn before keep their lines, unless a removal moved them up
        self._reindex(keep_lines=not removed)
        self._layout()
        if added:
            self.highlighted = len(self._notes) - 1
        elif self.highlighted is not None:
            self.highlighted = min(self.highlighted, len(self._notes) - 1) if self._notes else None
        self.refresh()

    def _appended(self, notes: list[Note], changed: set[int]) -> bool:
        """The usual case, a note added at the end and nothing else changed: one row more, without
        going over the others again. False (nothing done) in any other case."""
        mine = self._notes
        if len(notes) != len(mine) + 1 or changed != {notes[-1].id} or notes[-1].id in self._position:
            return False
        if any(a is not b for a, b in zip(notes, mine)):  # the same notes (unchanged notes are the same objects)
            return False
        note = notes[-1]
        text = describe_note(note, self.tr, self.show_author)
        height = self._measure(text)
        start = self._starts[-1] + self._heights[-1] if mine else 0
        mine.append(note)
        self._texts.append(text)
        self._heights.append(height)
        self._starts.append(start)
        self._position[note.id] = len(mine) - 1
        self._show_count()
        self._set_virtual_size(start + height)
        self.highlighted = len(mine) - 1
        self.refresh()
        return True

    def _reindex(self, keep_lines: bool = False) -> None:
        self._position = {n.id: p for p, n in enumerate(self._notes)}
        if not keep_lines:
            self._strips.clear()
        self._show_count()

    def _show_count(self) -> None:
        # the count stands in for a scrollbar, whose redraw on every keystroke cost a second frame
        self.border_title = Content(f"{self.tr('ui.notes')} ({len(self._notes)})")  # plain: not read as markup

    # -- measuring and drawing ---------------------------------------------- #

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 1)

    def _measure(self, text: Text) -> int:
        if not self.is_mounted or self._width <= 0:
            return 1
        return max(1, len(text.wrap(self.app.console, self._width)))

    def _measure_all(self) -> None:
        self._width = self._content_width() if self.is_mounted else 0
        self._heights = [self._measure(t) for t in self._texts]
        self._strips.clear()
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        starts, total = [], 0
        for height in self._heights:
            starts.append(total)
            total += height
        self._starts = starts
        self._set_virtual_size(total)

    def _set_virtual_size(self, total: int) -> None:
        size = Size(self._width, max(total, 1))
        if size != self.virtual_size:
            # the list keeps its place on the screen: a longer list scrolls further, without laying
            # out the whole screen again after every note
            self.set_reactive(NoteList.virtual_size, size)
            self.refresh()

    def on_mount(self) -> None:
        self._measure_all()

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            self._measure_all()
            self.scroll_to_highlight()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled: draw the lines again. The list has no scrollbar (the count in its border stands
        in for one), so none is moved: moving the hidden one had Textual map the whole screen again
        at every new note."""
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _note_strips(self, position: int) -> list[Strip]:
        """The lines of the note at ``position``, drawn once and kept until it changes."""
        strips = self._strips.get(position)
        if strips is None:
            style = self.kept_style("note-list--cursor" if position == self.highlighted else "")
            console = self.app.console
            options = console.options.update_width(self._width)
            lines = console.render_lines(self._texts[position], options, style=style, pad=True)
            strips = [Strip(line, self._width) for line in lines]
            self._strips[position] = strips
        return strips

    def _row(self, line: int) -> Strip:
        """Line ``line`` of the whole list (not only of what is on screen)."""
        if not self._notes:
            if line == 0:
                text = Text(self.tr("ui.no_notes_yet"))
                style = self.get_component_rich_style("note-list--empty")
                segments = self.app.console.render_lines(
                    text, self.app.console.options.update_width(self._width), style=style, pad=True
                )[0]
                return Strip(segments, self._width)
            return Strip.blank(self._width, self.kept_style())
        position = bisect_right(self._starts, line) - 1
        if not 0 <= position < len(self._notes):
            return Strip.blank(self._width, self.kept_style())
        strips = self._note_strips(position)
        offset = line - self._starts[position]
        return strips[offset] if offset < len(strips) else Strip.blank(self._width, self.kept_style())

    def _row_count(self) -> int:
        return self._starts[-1] + self._heights[-1] if self._notes else 1

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        return self.selectable(self._row(line), line)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for position in (old, new):
            if position is not None:
                self._strips.pop(position, None)
        self.refresh()
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Scroll as little as shows the highlighted note whole (its top, if it is taller than the
        list). Worked out here from the kept heights: Textual's scroll_to_region asks the screen
        where the list is, after every note."""
        position = self.highlighted
        if position is None or position >= len(self._starts) or not self.is_mounted:
            return
        top = self._starts[position]
        bottom = top + self._heights[position]
        height = max(self.outer_size.height - self.styles.gutter.height, 1)
        y = self.scroll_offset.y
        if bottom > y + height:
            y = bottom - height
        if top < y:
            y = top
        if y != self.scroll_offset.y or y != self.scroll_target_y:
            self.app.animator.force_stop_animation(self, "scroll_y")  # a wheel scroll still under way
            self.scroll_target_y = self.scroll_y = y

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        position = bisect_right(self._starts, line) - 1
        if 0 <= position < len(self._notes):
            self.highlighted = position

    def action_cursor(self, delta: int) -> None:
        if self._notes:
            current = self.highlighted if self.highlighted is not None else -1
            self.highlighted = min(max(current + delta, 0), len(self._notes) - 1)

    def action_cursor_to(self, position: int) -> None:
        if self._notes:
            self.highlighted = position % len(self._notes)

    def current_id(self) -> int | None:
        """The id of the highlighted note, if any."""
        position = self.highlighted
        if position is None or not 0 <= position < len(self._notes):
            return None
        return self._notes[position].id

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
