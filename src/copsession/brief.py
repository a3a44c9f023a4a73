"""The outward brief: a short, shareable summary for the participants' own organisations.

It holds the central question, and every kind of note the capture table marks as going outside
(``outward``): the shared goal and working agreements and the decisions when the meeting named
some, results, the actions agreed (what, who, by when), what we learnt, open questions and what
each participant takes back; then the next date. An empty section says so in words ("No results
yet."). It never holds round notes (what people said in the check-in or concern round is
personal) nor anything private.
"""

from __future__ import annotations

from copsession.capture import NOTE_KINDS_TABLE
from copsession.formats import long_date, weekday_date
from copsession.i18n import Catalog
from copsession.minutes import action_table, escape, heading, nothing_yet, without_private
from copsession.record import SessionRecord
from copsession.series import next_meeting_date


def _who(worksheet, name: str) -> str:
    """A participant as the brief names them: their name and organisation."""
    participant = worksheet.participant(name)
    who = escape(name)
    if participant is not None and participant.organisation:
        who += f" ({escape(participant.organisation)})"
    return who


def render_brief(record: SessionRecord) -> str:
    """The brief of ``record`` as Markdown."""
    ws = record.worksheet
    tr = Catalog(ws.language)
    record = without_private(record)
    out: list[str] = []
    add = out.append
    title = f"{ws.title} — {ws.meeting}" if ws.meeting else ws.title
    add(f"# {tr('brief.title', title=heading(title))}")
    add("")
    add(f"*{tr('brief.subtitle')}* ({long_date(record.meeting_date, ws.language)}).")
    add("")
    add(f"## {tr('minutes.central_question')}")
    add("")
    add(escape(ws.central_question))
    add("")

    def section(title: str, lines: list[str], empty: str) -> None:
        """A section; when it has nothing, one sentence says so in words ("No results yet.")."""
        add(f"## {title}")
        add("")
        out.extend(lines or [empty])
        add("")

    for info in NOTE_KINDS_TABLE:  # every kind of note that goes outside the group, in the table's order
        if not info.outward:
            continue
        notes = record.collected(info.kind)
        if info.only_when_present and not notes:
            continue
        if info.owner_and_date:
            lines = action_table(notes, tr) if notes else []
        elif info.kind == "takeback":
            lines = [f"- **{_who(ws, note.author)}:** {escape(note.text)}" for note in notes]
        else:
            lines = [f"- {escape(n.text)}" for n in notes]
        empty = tr("brief.empty_takeback") if info.kind == "takeback" else nothing_yet(tr, info.kind)
        section(tr(info.outward), lines, empty)
        if info.kind == "action":
            # what we learnt: exploration and work-form notes the group marked as known or as an idea, or voted for
            learnt = [
                n
                for n in record.notes
                if n.kind == "note"
                and not record.worksheet.steps[n.step].is_round
                and (n.tag in ("known", "idea") or n.votes > 0)
            ]
            section(tr("brief.learnt"), [f"- {escape(n.text)}" for n in learnt], tr("brief.empty_learnt"))
    following = next_meeting_date(record)
    add(f"## {tr('brief.next')}")
    add("")
    add(weekday_date(following, ws.language) if following else tr("brief.not_planned"))
    return "\n".join(out) + "\n"
