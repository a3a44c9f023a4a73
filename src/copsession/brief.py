"""The outward brief: a short, shareable summary for the participants' own organisations.

It holds the central question, results, the actions agreed (what, who, by when), what we
learnt, open questions, what each participant takes back, and the next date; an empty section
says so in words ("No results yet."). It never holds round notes (what people
said in the check-in or concern round is personal) nor anything private.
"""

from __future__ import annotations

from copsession.i18n import Catalog
from copsession.formats import long_date, weekday_date
from copsession.minutes import action_table, escape, heading, nothing_yet, without_private
from copsession.record import SessionRecord
from copsession.series import next_meeting_date


def render_brief(record: SessionRecord) -> str:
    """The brief of ``record`` as Markdown."""
    ws = record.worksheet
    tr = Catalog(ws.language)
    record = without_private(record)
    out: list[str] = []
    add = out.append
    title = f"{ws.title} — {ws.meeting}" if ws.meeting else ws.title
    add(f"# {heading(title)}")
    add("")
    add(f"*{tr('brief.subtitle')}* ({long_date(record.meeting_date, ws.language)})")
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

    section(tr("minutes.results"), [f"- {escape(n.text)}" for n in record.of_kind("result")],
            nothing_yet(tr, "result"))
    actions = record.of_kind("action")
    section(tr("brief.actions"), action_table(actions, tr) if actions else [], nothing_yet(tr, "action"))
    # what we learnt: exploration and work-form notes the group marked as known or as an idea, or voted for
    learnt = [n for n in record.notes
              if n.kind == "note" and not record.worksheet.steps[n.step].is_round
              and (n.tag in ("known", "idea") or n.votes > 0)]
    section(tr("brief.learnt"), [f"- {escape(n.text)}" for n in learnt], tr("brief.empty_learnt"))
    open_questions = record.of_kind("question") + [n for n in record.notes if n.kind == "note" and n.tag == "unknown"]
    section(tr("minutes.open_questions"), [f"- {escape(n.text)}" for n in open_questions],
            nothing_yet(tr, "question"))
    takeback = []
    for note in record.of_kind("takeback"):
        participant = ws.participant(note.author)
        who = escape(note.author)
        if participant is not None and participant.organisation:
            who += f" ({escape(participant.organisation)})"
        takeback.append(f"- **{who}:** {escape(note.text)}")
    section(tr("brief.takeback"), takeback, tr("brief.empty_takeback"))
    following = next_meeting_date(record)
    add(f"## {tr('brief.next')}")
    add("")
    add(weekday_date(following, ws.language) if following else tr("brief.not_planned"))
    return "\n".join(out) + "\n"
