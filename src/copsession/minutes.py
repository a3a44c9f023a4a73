"""Render the minutes of a meeting as Markdown: a pure function of the record.

Everything people typed is escaped where Markdown would read it as structure, and only there, so
that the file reads well as plain text too: a ``|`` is escaped inside a table cell and nowhere
else, ``<b>`` is shown, not interpreted, a leading ``#``, ``-`` or ``1.`` does not make a heading
or a list, and a web address becomes a link instead of a bare URL. The output passes markdownlint
(see ``tests/test_documents.py``): no empty headings, no emphasis used as a heading, no heading
that ends in a full stop.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from copsession.capture import NOTE_KINDS_TABLE, is_private
from copsession.formats import decimal, long_date, short_date, weekday_date
from copsession.i18n import Catalog
from copsession.kinds import kind_of
from copsession.record import Note, SessionRecord
from copsession.series import next_meeting_date

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# web and mail addresses: written as <autolinks>, so that no renderer turns a bare address into a
# link of its own making (and markdownlint's MD034 is satisfied); '|' ends one, so it can sit in a cell
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # one part of a host name
_URL = re.compile(rf"https?://[^\s<>|\\`\"]+|[A-Za-z0-9._+-]+@{_LABEL}(?:\.{_LABEL})+", re.IGNORECASE)
_URL_TRAILING = ".,:;!?*_~'\""
_HOST = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#]|$)", re.IGNORECASE)
_ALWAYS = re.compile(r"[`\[]")  # a code span; a link, image, footnote or link definition
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")  # only a backslash that would escape something
_STAR_TILDE = re.compile(r"(?<! )[*~]|[*~](?! )")  # emphasis or strike-through, unless spaced on both sides
_UNDERSCORE = re.compile(r"_")
_HTML = re.compile(r"<(?=[A-Za-z/!?])")  # a tag, a comment, an autolink
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_WWW = re.compile(r"(?<![^\W_])(www)\.", re.IGNORECASE)  # GitHub would link "www.example.org"
_LOOSE_AT = re.compile(r"(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9_-]+\.[A-Za-z0-9_-])")  # an address GitHub would link
_ANY_SPECIAL = re.compile(r"[\\`*_\[<&|~@]|://|www\.", re.IGNORECASE)  # most notes have none of these
_BLOCK_START = re.compile(r"^(?:[#>]|[-+](?=\s|$|-)|\d{1,9}(?=[.)](?:\s|$)))")
_HEADING_END = ".,;:!。，；：！"  # what markdownlint's MD026 calls trailing punctuation
_CLOSING_HASHES = re.compile(r"(^|\s)(#+)$")


def _escape_words(text: str, cell: bool) -> str:
    """Escape the Markdown in a piece of text that holds no web or mail address."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _ALWAYS.sub(lambda m: "\\" + m.group(), text)
    text = _STAR_TILDE.sub(lambda m: "\\" + m.group(), text)

    def underscore(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        inside_a_word = before.isalnum() and after.isalnum()
        return "_" if inside_a_word or (before == after == " ") else "\\_"

    text = _UNDERSCORE.sub(underscore, text)
    text = _HTML.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _LOOSE_AT.sub(r"\\@", text)
    if cell:
        text = text.replace("|", "\\|")
    return text


def _one_line(text: str) -> str:
    """``text`` on one line, without control characters or surrounding spaces."""
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")).strip()


def _escape(text: str, cell: bool) -> str:
    text = _one_line(text)
    if not _ANY_SPECIAL.search(text):
        return text
    parts: list[str] = []
    done = 0
    for match in _URL.finditer(text):
        address = match.group()
        while address[-1] in _URL_TRAILING or (address[-1] == ")" and address.count(")") > address.count("(")):
            address = address[:-1]  # the sentence's punctuation, as GitHub reads it (a mail address ends in a letter)
        if "://" in address and not _HOST.match(address):
            continue  # not a plain host name: left as words (no renderer links it)
        parts.append(_escape_words(text[done : match.start()], cell))
        parts.append(f"<{address}>")
        done = match.start() + len(address)
    parts.append(_escape_words(text[done:], cell))
    return "".join(parts)


def escape(text: str) -> str:
    """Make ``text`` safe to place in Markdown as one block's text: a list item, a paragraph, a heading.

    Escapes what Markdown would read as structure and nothing else: a ``|`` stays ``|`` (only a
    table cell needs ``\\|``, see :func:`escape_cell`).
    """
    return _BLOCK_START.sub(
        lambda m: "\\" + m.group() if not m.group()[0].isdigit() else m.group() + "\\", _escape(text, cell=False)
    )


def escape_cell(text: str) -> str:
    """Make ``text`` safe inside a table cell: as :func:`escape`, and a ``|`` stays inside its cell."""
    return _escape(text, cell=True)


def heading(text: str) -> str:
    """``text`` as a heading's text: escaped, without trailing punctuation (a heading is not a sentence)
    and with a trailing ``#`` kept as text."""
    text = _one_line(text)
    stripped = text.rstrip(_HEADING_END).rstrip() or text
    return _CLOSING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2), escape(stripped))


def _minutes(seconds: float) -> int:
    return int(round(seconds / 60))


def _person(record: SessionRecord, name: str) -> str:
    participant = record.worksheet.participant(name)
    detail = participant.describe() if participant else ""
    return f"{escape(name)} ({escape(detail)})" if detail else escape(name)


ROLE_ORDER = ("core", "member", "expert", "facilitator")


def _people_by_role(record: SessionRecord, names: list[str], tr: Catalog) -> list[str]:
    """One list item per person; when the group has more than members alone (a core group, an
    expert, the facilitation), one item per role with the people of that role in it."""

    def role(name: str) -> str:
        participant = record.worksheet.participant(name)
        return participant.role if participant is not None else "member"

    if all(role(n) == "member" for n in names):
        return [f"- {_person(record, n)}" for n in names]
    lines = []
    for kind in ROLE_ORDER:
        people = [n for n in names if role(n) == kind]
        if people:
            lines.append(f"- **{tr('role.' + kind)}:** " + "; ".join(_person(record, n) for n in people))
    return lines


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
    if note.via:  # sent from a participant's own device (anonymous unless they gave a name)
        text += f" *({tr('minutes.via_' + note.via)})*"
    if note.votes:
        text += " — " + tr("minutes.votes", count=note.votes)
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
    out.extend(
        f"{score} | {'#' * round(count / most * 20):<20} {count}" for score, count in zip(range(1, 6), distribution)
    )
    out.append("```")
    out.append("")
    out.append(tr("minutes.pulse_average", average=decimal(average, tr.language), count=len(record.pulse)))
    out.append("")


def without_private(record: SessionRecord) -> SessionRecord:
    """The record as the group may read it: the facilitator's private remarks left out."""
    if not any(is_private(n.kind) for n in record.notes):
        return record
    return replace(record, notes=[n for n in record.notes if not is_private(n.kind)])


def nothing_yet(tr: Catalog, kind: str) -> str:
    """What an empty section says: "No results yet." rather than "None."."""
    return tr.first(f"minutes.empty_{kind}", "minutes.none")


def render_minutes(record: SessionRecord, *, ended: datetime, mono: float) -> str:
    """The minutes of ``record`` as Markdown; ``ended`` is the end time shown, ``mono`` the timer clock now."""
    ws = record.worksheet
    tr = Catalog(ws.language)
    out: list[str] = []
    add = out.append
    record = without_private(record)

    add(f"# {heading(ws.title)}")
    add("")
    if ws.meeting:
        add(escape(ws.meeting))  # a line of its own under the title (bold alone would be a heading in disguise)
        add("")
    start = record.started  # when the first step really opened (the planned start is in the agenda)
    add(f"- **{tr('minutes.date')}:** {long_date(record.meeting_date, ws.language)}")
    add(f"- **{tr('minutes.time')}:** {start:%H:%M}–{ended:%H:%M}")
    if ws.location:
        add(f"- **{tr('minutes.location')}:** {escape(ws.location)}")
    if ws.facilitator:
        add(f"- **{tr('minutes.facilitator')}:** {escape(ws.facilitator)}")
    if record.previous_date is not None:
        add(
            f"- **{tr('minutes.series')}:** "
            + tr(
                "minutes.series_previous",
                number=record.series_number,
                date=long_date(record.previous_date, ws.language),
            )
        )
    else:
        add(f"- **{tr('minutes.series')}:** " + tr("minutes.series_value", number=record.series_number))
    following = next_meeting_date(record)
    if following is not None:
        add(f"- **{tr('minutes.next_meeting')}:** {weekday_date(following, ws.language)}")
    add("")

    add(f"## {tr('minutes.participants')}")
    add("")
    for title, names in (("minutes.present", record.present_names), ("minutes.absent", record.absent_names)):
        add(f"### {tr(title)}")
        add("")
        if names:
            out.extend(_people_by_role(record, names, tr))
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
    columns = ("minutes.col_step", "minutes.col_kind", "minutes.col_planned", "minutes.col_actual")
    add("| # | " + " | ".join(tr(key) for key in columns) + " |")
    add("| --: | --- | --- | --: | --: |")
    total_actual = 0
    for i, step in enumerate(ws.steps):
        state = record.steps[i]
        actual = _minutes(state.clock.elapsed(mono)) if state.visited else 0
        total_actual += actual
        add(
            f"| {i + 1} | {escape_cell(step.title)} | {tr('kind.' + step.kind)} | {step.minutes} | "
            f"{actual if state.visited else '–'} |"
        )
    add(f"| | **{tr('minutes.total')}** | | **{ws.total_minutes}** | **{total_actual}** |")
    add("")

    if record.carried:
        add(f"## {tr('minutes.carried')}")
        add("")
        columns = ("minutes.col_item", "minutes.col_from", "minutes.col_status", "minutes.col_note")
        add("| " + " | ".join(tr(key) for key in columns) + " |")
        add("| --- | --- | --- | --- |")
        for item in record.carried:
            detail = [escape_cell(x) for x in (item.owner, short_date(item.due, ws.language) if item.due else "") if x]
            what = f"{tr('kind_short.' + item.kind)}: {escape_cell(item.text)}" + (
                f" ({', '.join(detail)})" if detail else ""
            )
            status = status_word(tr, item.kind, item.status, item.source) if item.reviewed else tr("status.unreviewed")
            add(
                f"| {what} | {short_date(item.origin_date, ws.language)} | {status} | {escape_cell(item.note) or '–'} |"
            )
        add("")

    for i, step in enumerate(ws.steps):
        _render_step(out, record, i, tr)

    for info in NOTE_KINDS_TABLE:
        if info.section and (not info.only_when_present or record.collected(info.kind)):
            SECTIONS.get(info.kind, _render_collected)(out, record, info.kind, info.section, tr)
    _pulse(out, record, tr)

    add("---")
    add("")
    add(f"*{tr('minutes.generated')}*")
    return "\n".join(out) + "\n"


def action_table(actions: list[Note], tr: Catalog) -> list[str]:
    """Actions as a table: what, who, by when (the minutes and the brief)."""
    lines = [
        f"| {tr('minutes.col_action')} | {tr('minutes.col_owner')} | {tr('minutes.col_due')} |",
        "| --- | --- | --- |",
    ]
    for a in actions:
        due = short_date(a.due, tr.language) if a.due else "–"
        lines.append(f"| {escape_cell(a.text)} | {escape_cell(a.owner) or '–'} | {due} |")
    return lines


def _render_actions(out: list[str], record: SessionRecord, kind: str, title: str, tr: Catalog) -> None:
    """Actions as a table: what, who, by when."""
    out.append(f"## {tr(title)}")
    out.append("")
    actions = record.of_kind(kind)
    out.extend(action_table(actions, tr) if actions else [nothing_yet(tr, kind)])
    out.append("")


def _render_by_person(out: list[str], record: SessionRecord, kind: str, title: str, tr: Catalog) -> None:
    """What each person takes back: only when there is some."""
    notes = record.of_kind(kind)
    if not notes:
        return
    out.append(f"## {tr(title)}")
    out.append("")
    for note in notes:
        who = f"**{escape(note.author)}:** " if note.author else ""
        out.append(f"- {who}{_note_line(note, tr)[2:]}")
    out.append("")


def _render_collected(out: list[str], record: SessionRecord, kind: str, title: str, tr: Catalog) -> None:
    """Every note of ``kind`` from every step, with who said it (a concern, an open question, …)."""
    out.append(f"## {tr(title)}")
    out.append("")
    notes = record.collected(kind)
    if notes:
        out.extend(_note_line(n, tr, with_author=True) for n in notes)
    else:
        out.append(nothing_yet(tr, kind))
    out.append("")


def _render_step(out: list[str], record: SessionRecord, index: int, tr: Catalog) -> None:
    """A step's section of the minutes: its heading, what the group worked with (the prompt, the
    work form, the provocations drawn) and its notes in the layout its kind asks for (per person,
    per question or form step, or a list)."""
    step = record.worksheet.steps[index]
    state = record.steps[index]
    handler = kind_of(step)
    notes = record.notes_in(index, "note")
    if handler.minutes_layout == "none" and not notes:
        # a break, or the results step (whose lists are the Results, Actions and take-back sections):
        # nothing to say under a heading of its own; the agenda table lists it with its time
        return
    out += [f"## {tr('minutes.step_heading', number=index + 1, title=heading(step.title))}", ""]
    if not state.visited:
        out += [f"*{tr('minutes.not_reached')}*", ""]
        return
    if handler.minutes_layout == "rounds":
        _render_round(out, record, index, tr)
        return
    _render_material(out, record, index, tr)
    topics = handler.topics(step)
    if handler.minutes_layout == "topics" and topics:
        loose = [n for n in notes if n.topic is None or not 0 <= n.topic < len(topics)]
        render = _render_form_steps if step.kind == "work-form" else _render_questions
        render(out, topics, notes, loose, tr)
    elif notes:
        out.extend(_note_line(n, tr) for n in notes)
        out.append("")
    elif handler.minutes_layout != "none" and not record.notes_in(index):
        out += [tr("minutes.no_notes"), ""]


def _render_material(out: list[str], record: SessionRecord, index: int, tr: Catalog) -> None:
    """What the group worked with in a step: the prompt, the work form, the provocative questions drawn."""
    step, state = record.worksheet.steps[index], record.steps[index]
    prompt = state.prompt or step.prompt
    if prompt:
        out += [f"**{tr('minutes.prompt')}:** {escape(prompt)}", ""]
    if step.form is not None:
        out += [f"**{tr('minutes.work_form')}:** {escape(step.form.name)}", ""]
    if state.drawn and step.kind == "exploration":
        out += [f"**{tr('minutes.provocations')}:**", ""]
        out.extend(f"- {escape(p)}" for p in state.drawn)
        out.append("")


def _render_form_steps(
    out: list[str], topics: tuple[str, ...], notes: list[Note], loose: list[Note], tr: Catalog
) -> None:
    """A work form's notes under its steps: the steps are instructions, whole sentences, so a numbered
    list with what came out of each; notes that belong to no step after it."""
    for number, topic in enumerate(topics, 1):
        out.append(f"{number}. {escape(topic)}")
        out.extend("   " + _note_line(n, tr) for n in notes if n.topic == number - 1)
    out.append("")
    if loose:
        out += [f"**{tr('minutes.general')}:**", ""]
        out.extend(_note_line(n, tr) for n in loose)
        out.append("")


def _render_questions(
    out: list[str], topics: tuple[str, ...], notes: list[Note], loose: list[Note], tr: Catalog
) -> None:
    """An exploration's notes under a heading per question (saying so when a question got none);
    notes that belong to no question under a heading of their own."""
    for number, topic in enumerate(topics, 1):
        own = [n for n in notes if n.topic == number - 1]
        out += [f"### {number}. {heading(topic)}", ""]
        if own:
            out.extend(_note_line(n, tr) for n in own)
        else:
            out.append(tr("minutes.no_notes"))
        out.append("")
    if loose:
        out += [f"### {tr('minutes.general')}", ""]
        out.extend(_note_line(n, tr) for n in loose)
        out.append("")


def prompt_blocks(prompts: list[str], notes: list[Note], switches: list[int] | None) -> list[tuple[str, list[Note]]]:
    """The round's notes grouped by the prompt that was on the screen when each was typed.

    ``prompts`` are the round's prompts in the order they were shown (the earlier ones drawn away
    with Ctrl+R, then the current one). ``switches[n]`` is the id the next note had when the n-th
    new prompt was drawn: notes typed before the n-th draw answer the n-th prompt. Without
    ``switches`` (a record that does not say when each prompt was drawn) every note answers the
    current prompt: the usual case, a facilitator drawing until a prompt fits before anyone speaks.
    A prompt nobody answered is left out; a round without notes keeps its current prompt.
    """
    if not prompts:
        return [("", notes)]
    if not switches:
        return [(prompts[-1], notes)]
    switches = sorted(switches)[: len(prompts) - 1]
    first_prompt = len(prompts) - 1 - len(switches)  # the prompts before the recorded draws

    def answered(note: Note) -> int:
        return first_prompt + sum(1 for boundary in switches if note.id >= boundary)

    blocks = [(prompt, [n for n in notes if answered(n) == i]) for i, prompt in enumerate(prompts)]
    return [block for block in blocks if block[1]] or [(prompts[-1], [])]


def _render_round(out: list[str], record: SessionRecord, index: int, tr: Catalog) -> None:
    """A round: what each person said, under the prompt they answered; a concern round's concerns
    are in the Concerns section, once, with who raised them."""
    step, state = record.worksheet.steps[index], record.steps[index]
    notes = record.notes_in(index, "note")
    current = state.prompt or step.prompt
    prompts = [p for p in state.drawn if p] + ([current] if current else [])
    # Which prompt each note answered: ``prompt_switches`` (the next note id at each Ctrl+R) is a
    # proposed field of the step state; until the record holds it, every note answers the current prompt.
    blocks = prompt_blocks(prompts, notes, state.prompt_switches)
    names = _speakers(state.order, notes)
    concerns = step.kind == "concern-round"
    passes = [n for n in names if n in state.passes]
    if len(blocks) == 1 and blocks[0][0]:
        out += [f"**{tr('minutes.prompt')}:** {escape(blocks[0][0])}", ""]
    if concerns:  # what the round said is in the Concerns section; here only where to find it, and who passed
        _render_concern_round_lead(out, record, index, bool(notes), passes, tr)
    elif not notes and not passes:
        out += [tr("minutes.no_notes"), ""]
    passed_under = {} if concerns else _where_passes_go(blocks, names, passes)
    level = "###" if len(blocks) == 1 else "####"
    for number, (prompt, own) in enumerate(blocks):
        if len(blocks) > 1:
            out += [f"### {tr('minutes.prompt_numbered', number=number + 1, prompt=heading(prompt))}", ""]
        passed_here = {name for name, block in passed_under.items() if block == number}
        _render_prompt_block(out, own, names, passed_here, level, tr)


def _speakers(order: list[str] | tuple[str, ...], notes: list[Note]) -> list[str]:
    """Who had a turn, in the round's order; then anyone who spoke without being in it."""
    names = list(order)
    for note in notes:
        if note.author and note.author not in names:
            names.append(note.author)
    return names


def _where_passes_go(blocks: list[tuple[str, list[Note]]], names: list[str], passes: list[str]) -> dict[str, int]:
    """Under which prompt each one who passed is listed: where they spoke, or else under the prompt
    of the last person before them in the round who spoke (the first prompt when nobody did)."""
    first_block: dict[str, int] = {}
    for number, (_, own) in enumerate(blocks):
        for note in own:
            first_block.setdefault(note.author, number)
    placed = {}
    for name in passes:
        earlier = [first_block[n] for n in names[: names.index(name)] if n in first_block]
        placed[name] = first_block.get(name, earlier[-1] if earlier else 0)
    return placed


def _render_concern_round_lead(
    out: list[str], record: SessionRecord, index: int, any_notes: bool, passes: list[str], tr: Catalog
) -> None:
    """A concern round's own part: where its concerns are listed (or that there are none yet), and
    who passed."""
    if record.notes_in(index, "concern"):
        out += [tr("minutes.concerns_listed", section=f"*{tr('minutes.concerns')}*"), ""]
    elif not any_notes:
        out += [nothing_yet(tr, "concern"), ""]
    if passes:
        out += [tr("minutes.passed_turn", names=", ".join(escape(n) for n in passes)), ""]


def _render_prompt_block(
    out: list[str], own: list[Note], names: list[str], passed_here: set[str], level: str, tr: Catalog
) -> None:
    """The notes that answered one prompt: those typed when nobody had the turn first, then each
    person's under their name (with "passed" for whoever passed here)."""
    loose = [n for n in own if not n.author]  # typed when nobody had the turn
    if loose:
        out.extend(_note_line(n, tr) for n in loose)
        out.append("")
    for name in names:
        said = [n for n in own if n.author == name]
        if not said and name not in passed_here:
            continue
        out += [f"{level} {heading(name)}", ""]
        out.extend(_note_line(n, tr) for n in said)
        if name in passed_here:
            out.append(f"- *{tr('minutes.passed')}*")
        out.append("")


def status_word(tr: Catalog, kind: str, status: str, source: str = "") -> str:
    """How an item carried over ended up: ``answered`` for a question that is done, ``in force`` for
    an open agreement, …; a question answered from a known source says where the answer came from
    (``answered from the literature``)."""
    if source and status == "done":
        return tr(f"source.{source}")
    return tr.first(f"status.{kind}.{status}", f"status.{status}")


SECTIONS = {"action": _render_actions, "takeback": _render_by_person}
"""Note kinds whose minutes section has a layout of its own; every other kind with a section is a list."""
