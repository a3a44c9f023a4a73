"""Render the minutes of a meeting as Markdown: a pure function of the record.

Everything people typed is escaped so that no note can break the document's
structure: a ``|`` stays inside its table cell, a leading ``#`` does not make
a heading, ``<b>`` is shown, not interpreted.
"""

from __future__ import annotations

import re
from datetime import datetime

from copsession.capture import NOTE_KINDS_TABLE
from copsession.formats import decimal, long_date, short_date, weekday_date
from copsession.i18n import Catalog
from copsession.kinds import kind_of
from copsession.record import Note, SessionRecord
from copsession.series import next_meeting_date

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([-+#>=]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    """Make ``text`` safe to place inline in Markdown (a list item, a heading, a table cell)."""
    text = _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))
    text = _INLINE_SPECIAL.sub(r"\\\1", text.strip())
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    return text


def _minutes(seconds: float) -> int:
    return int(round(seconds / 60))


def _person(record: SessionRecord, name: str) -> str:
    participant = record.worksheet.participant(name)
    detail = participant.describe() if participant else ""
    return f"{escape(name)} ({escape(detail)})" if detail else escape(name)


def _note_line(note: Note, tr: Catalog, with_author: bool = False) -> str:
    text = escape(note.text)
    if with_author and note.author:
        text += f" ({escape(note.author)})"
    if note.kind == "action":
        extra = [escape(x) for x in (note.owner, short_date(note.due, tr.language) if note.due else "") if x]
        if extra:
            text += f" ({', '.join(extra)})"
    if note.tag:
        text += f" *({tr('tag.' + note.tag)})*"
    if note.votes:
        text += " — " + (tr("minutes.vote") if note.votes == 1 else tr("minutes.votes", count=note.votes))
    if note.follow_up:
        owner = f" ({escape(note.follow_up_owner)})" if note.follow_up_owner else ""
        text += f" — *{tr('minutes.follow_up')}:* {escape(note.follow_up)}{owner}"
    return f"- {text}"


def _pulse(out: list[str], record: SessionRecord, tr: Catalog) -> None:
    average = record.pulse_average()
    if average is None:
        return
    out.append(f"## {tr('minutes.pulse')}")
    out.append("")
    out.append(tr("minutes.pulse_statement"))
    out.append("")
    distribution = record.pulse_distribution()
    most = max(distribution) or 1
    out.append("```text")
    out.extend(f"{score} | {'#' * round(count / most * 20):<20} {count}" for score, count in zip(range(1, 6), distribution))
    out.append("```")
    out.append("")
    out.append(tr("minutes.pulse_average", average=decimal(average, tr.language), count=len(record.pulse)))
    out.append("")


def without_private(record: SessionRecord) -> SessionRecord:
    """The record as the group may read it: the facilitator's private remarks left out."""
    from dataclasses import replace

    if not any(n.kind == "private" for n in record.notes):
        return record
    return replace(record, notes=[n for n in record.notes if n.kind != "private"])


def render_minutes(record: SessionRecord, *, ended: datetime, mono: float) -> str:
    """The minutes of ``record`` as Markdown; ``ended`` is the end time shown, ``mono`` the timer clock now."""
    ws = record.worksheet
    tr = Catalog(ws.language)
    out: list[str] = []
    add = out.append
    record = without_private(record)

    add(f"# {escape(ws.title)}")
    add("")
    if ws.meeting:
        add(f"**{escape(ws.meeting)}**")
        add("")
    start = record.started  # when the first step really opened (the planned start is in the agenda)
    add(f"- **{tr('minutes.date')}:** {long_date(record.meeting_date, ws.language)}")
    add(f"- **{tr('minutes.time')}:** {start:%H:%M}–{ended:%H:%M}")
    if ws.location:
        add(f"- **{tr('minutes.location')}:** {escape(ws.location)}")
    if ws.facilitator:
        add(f"- **{tr('minutes.facilitator')}:** {escape(ws.facilitator)}")
    if record.previous_date is not None:
        add(f"- **{tr('minutes.series')}:** "
            + tr("minutes.series_previous", number=record.series_number,
                 date=long_date(record.previous_date, ws.language)))
    else:
        add(f"- **{tr('minutes.series')}:** " + tr("minutes.series_value", number=record.series_number))
    following = next_meeting_date(record)
    if following is not None:
        add(f"- **{tr('minutes.next_meeting')}:** {weekday_date(following, ws.language)}")
    add("")

    add(f"## {tr('minutes.participants')}")
    add("")
    for heading, names in (("minutes.present", record.present_names), ("minutes.absent", record.absent_names)):
        add(f"### {tr(heading)}")
        add("")
        if names:
            out.extend(f"- {_person(record, n)}" for n in names)
        else:
            add(f"- {tr('minutes.nobody')}")
        add("")

    add(f"## {tr('minutes.central_question')}")
    add("")
    add(escape(ws.central_question))
    add("")
    if ws.goals:
        add(f"### {tr('minutes.goals')}")
        add("")
        out.extend(f"- {escape(g)}" for g in ws.goals)
        add("")

    add(f"## {tr('minutes.agenda')}")
    add("")
    add(f"| # | {tr('minutes.col_step')} | {tr('minutes.col_kind')} | {tr('minutes.col_planned')} | {tr('minutes.col_actual')} |")
    add("|---:|---|---|---:|---:|")
    total_actual = 0
    for i, step in enumerate(ws.steps):
        state = record.steps[i]
        actual = _minutes(state.clock.elapsed(mono)) if state.visited else 0
        total_actual += actual
        add(f"| {i + 1} | {escape(step.title)} | {tr('kind.' + step.kind)} | {step.minutes} | "
            f"{actual if state.visited else '–'} |")
    add(f"| | **{tr('minutes.total')}** | | **{ws.total_minutes}** | **{total_actual}** |")
    add("")

    if record.carried:
        add(f"## {tr('minutes.carried')}")
        add("")
        add(f"| {tr('minutes.col_item')} | {tr('minutes.col_from')} | {tr('minutes.col_status')} | {tr('minutes.col_note')} |")
        add("|---|---|---|---|")
        for item in record.carried:
            detail = [escape(x) for x in (item.owner, short_date(item.due, ws.language) if item.due else "") if x]
            what = f"{tr('kind_short.' + item.kind)}: {escape(item.text)}" + (f" ({', '.join(detail)})" if detail else "")
            status = tr("status." + item.status) if item.reviewed else tr("status.unreviewed")
            add(f"| {what} | {short_date(item.origin_date, ws.language)} | {status} | {escape(item.note) or '–'} |")
        add("")

    for i, step in enumerate(ws.steps):
        _render_step(out, record, i, tr)

    for info in NOTE_KINDS_TABLE:
        if info.section and (info.kind not in ONLY_WHEN_PRESENT or record.of_kind(info.kind)):
            SECTIONS.get(info.kind, _render_collected)(out, record, info.kind, info.section, tr)
    _pulse(out, record, tr)

    add("---")
    add("")
    add(f"*{tr('minutes.generated')}*")
    return "\n".join(out) + "\n"


def _render_actions(out: list[str], record: SessionRecord, kind: str, heading: str, tr: Catalog) -> None:
    """Actions as a table: what, who, by when."""
    out.append(f"## {tr(heading)}")
    out.append("")
    actions = record.of_kind(kind)
    if actions:
        out.append(f"| {tr('minutes.col_action')} | {tr('minutes.col_owner')} | {tr('minutes.col_due')} |")
        out.append("|---|---|---|")
        for a in actions:
            due = short_date(a.due, tr.language) if a.due else "–"
            out.append(f"| {escape(a.text)} | {escape(a.owner) or '–'} | {due} |")
    else:
        out.append(tr("minutes.none"))
    out.append("")


def _render_by_person(out: list[str], record: SessionRecord, kind: str, heading: str, tr: Catalog) -> None:
    """What each person takes back: only when there is some."""
    notes = record.of_kind(kind)
    if not notes:
        return
    out.append(f"## {tr(heading)}")
    out.append("")
    for note in notes:
        who = f"**{escape(note.author)}:** " if note.author else ""
        out.append(f"- {who}{_note_line(note, tr)[2:]}")
    out.append("")


def _render_collected(out: list[str], record: SessionRecord, kind: str, heading: str, tr: Catalog) -> None:
    out.append(f"## {tr(heading)}")
    out.append("")
    notes = record.of_kind(kind)
    if notes:
        out.extend(_note_line(n, tr, with_author=True) for n in notes)
    else:
        out.append(tr("minutes.none"))
    out.append("")


def _render_step(out: list[str], record: SessionRecord, index: int, tr: Catalog) -> None:
    step = record.worksheet.steps[index]
    state = record.steps[index]
    add = out.append
    add(f"## {tr('minutes.step_heading', number=index + 1, title=escape(step.title))}")
    add("")
    if not state.visited:
        add(f"*{tr('minutes.not_reached')}*")
        add("")
        return
    prompt = state.prompt or step.prompt
    if prompt:
        add(f"**{tr('minutes.prompt')}:** {escape(prompt)}")
        add("")
    if step.form is not None:
        add(f"**{tr('minutes.work_form')}:** {escape(step.form.name)}")
        add("")
    if state.drawn and step.kind == "exploration":
        add(f"**{tr('minutes.provocations')}:**")
        add("")
        out.extend(f"- {escape(p)}" for p in state.drawn)
        add("")
    handler = kind_of(step)
    notes = record.notes_in(index, "note")
    topics = handler.topics(step)
    if handler.minutes_layout == "topics" and topics:
        loose = [n for n in notes if n.topic is None or not 0 <= n.topic < len(topics)]
        for number, topic in enumerate(topics, 1):
            own = [n for n in notes if n.topic == number - 1]
            if step.kind == "work-form" and not own:
                continue  # a form step without output needs no heading
            add(f"### {number}. {escape(topic)}")
            add("")
            if own:
                out.extend(_note_line(n, tr) for n in own)
            else:
                add(tr("minutes.no_notes"))
            add("")
        if loose:
            add(f"### {tr('minutes.general')}")
            add("")
            out.extend(_note_line(n, tr) for n in loose)
            add("")
        return
    if handler.minutes_layout == "rounds":
        # what people said in their turn: notes, and in a concern round their concerns
        notes = [n for n in record.notes_in(index) if n.kind in ("note", "concern")]
        names = list(state.order)
        for note in notes:
            if note.author and note.author not in names:
                names.append(note.author)
        spoke = False
        for name in names:
            own = [n for n in notes if n.author == name]
            passed = name in state.passes
            if not own and not passed:
                continue
            spoke = True
            add(f"### {escape(name)}")
            add("")
            out.extend(_note_line(n, tr) for n in own)
            if passed:
                add(f"- *{tr('minutes.passed')}*")
            add("")
        loose = [n for n in notes if not n.author]
        if loose:
            out.extend(_note_line(n, tr) for n in loose)
            add("")
        elif not spoke:
            add(tr("minutes.no_notes"))
            add("")
        return
    if notes:
        out.extend(_note_line(n, tr) for n in notes)
        add("")
    elif handler.minutes_layout != "none" and not record.notes_in(index):
        add(tr("minutes.no_notes"))
        add("")


SECTIONS = {"action": _render_actions, "takeback": _render_by_person}
"""Note kinds whose minutes section has a layout of its own; every other kind with a section is a list."""
ONLY_WHEN_PRESENT = ("goal", "agreement", "decision")
"""Kinds whose minutes section appears only in a meeting that named some (a kick-off, a closing)."""
