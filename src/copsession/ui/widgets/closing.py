"""What the closing of a meeting shows, on the facilitator's screen and in the audience window alike:
the recap of what goes out of the group, and the course being scored (the pulse)."""

from __future__ import annotations

from rich.text import Text

from copsession.capture import NOTE_KINDS_TABLE
from copsession.formats import decimal, short_date, weekday_date
from copsession.i18n import Catalog
from copsession.record import SessionRecord
from copsession.series import next_meeting_date


def pulse_chart(distribution: list[int], width: int = 20) -> list[str]:
    """Horizontal bars for the scores 1–5: ``"3 ████████ 2"``."""
    most = max(distribution) or 1
    return [
        f"{score} {'█' * round(count / most * width):<{width}} {count}"
        for score, count in zip(range(1, 6), distribution)
    ]


def recap_text(record: SessionRecord, tr: Catalog) -> Text:
    """Results, actions with who and when, decisions, open questions, what each person takes back
    (what the brief takes outside the group), and the next date."""
    language = tr.language
    text = Text()

    def heading(key: str) -> None:
        text.append(tr(key) + "\n", style="bold underline")

    for info in NOTE_KINDS_TABLE:  # what goes outside the group, as the brief has it
        if not info.outward:
            continue
        notes = record.collected(info.kind)
        if info.only_when_present and not notes:
            continue
        heading(info.section)
        for note in notes:
            text.append(f"  {info.mark} ")
            if info.owner_and_date:
                who = note.owner or "–"
                when = short_date(note.due, language) if note.due else "–"
                text.append(note.text, style="bold")
                text.append(f"   {tr('ui.col_who')}: {who}   {tr('ui.col_due')}: {when}")
            elif info.kind == "takeback":
                text.append(f"{note.author}: ", style="bold")
                text.append(note.text)
            else:
                text.append(note.text)
            text.append("\n")
        text.append("\n" if notes else f"  {tr('recap.none')}\n\n")
    following = next_meeting_date(record)
    heading("brief.next")
    text.append(f"  {weekday_date(following, language) if following else tr('brief.not_planned')}\n")
    return text


def pulse_chart_text(record: SessionRecord, tr: Catalog) -> Text:
    """The scores as bars with their average, and what the course is measured against: the goals
    and the agreements the group made. Never who gave which score."""
    chart = Text()
    average = record.pulse_average()
    if average is None:
        chart.append(tr("ui.no_pulse") + "\n", style="italic")
    else:
        chart.append("\n".join(pulse_chart(record.pulse_distribution())) + "\n")
        chart.append(
            tr("ui.pulse_average", average=decimal(average, tr.language), count=len(record.pulse)) + "\n",
            style="bold",
        )
    goals = list(record.worksheet.goals) + [
        c.text for c in record.carried if c.kind == "goal" and c.status != "dropped"
    ]
    goals += [n.text for n in record.of_kind("goal")]
    if goals:
        chart.append("\n" + tr("ui.goals") + "\n", style="bold")
        chart.append("\n".join(f"• {g}" for g in dict.fromkeys(goals)) + "\n")
    agreements = [c.text for c in record.carried if c.kind == "agreement" and c.status != "dropped"]
    agreements += [n.text for n in record.of_kind("agreement")]
    if agreements:
        chart.append("\n" + tr("minutes.agreements") + "\n", style="bold")
        chart.append("\n".join(f"• {a}" for a in dict.fromkeys(agreements)))
    return chart
