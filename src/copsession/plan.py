"""``copsession plan``: the agenda with clock times and totals, to send out before the meeting."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from copsession.formats import weekday_date
from copsession.i18n import Catalog
from copsession.worksheet import Worksheet


def render_plan(worksheet: Worksheet, today: date) -> tuple[str, list[str]]:
    """The plan as plain text, and warnings (an agenda that runs past ``end``)."""
    tr = Catalog(worksheet.language)
    day = worksheet.date or today
    start = datetime.combine(day, worksheet.start or time(0, 0))
    relative = worksheet.start is None
    lines = [worksheet.title]
    if worksheet.meeting:
        lines.append(worksheet.meeting)
    details = [weekday_date(day, worksheet.language)] + [x for x in (worksheet.location, worksheet.facilitator) if x]
    lines.append(" · ".join(details))
    lines.append("")
    lines.append(f"{tr('minutes.central_question')}: {worksheet.central_question}")
    lines.append("")
    times = worksheet.schedule(start)
    width = max(len(s.title) for s in worksheet.steps)
    whens = [
        f"+{_hm(begin - start)}" if relative else f"{_clock(begin, day)}–{_clock(end, day)}" for begin, end in times
    ]
    column = max(11, *(len(w) for w in whens))
    for when, step in zip(whens, worksheet.steps):
        lines.append(f"  {when:<{column}}  {step.title:<{width}}  {step.minutes:>3} min")
    total_end = times[-1][1]
    finish = f"+{_hm(total_end - start)}" if relative else _clock(total_end, day)
    lines.append("")
    lines.append(tr("plan.total", minutes=worksheet.total_minutes, end=finish))
    if relative:
        lines.append(tr("plan.no_start"))
    warnings = list(trajectory_warnings(worksheet, tr))
    if worksheet.end is not None and not relative:
        limit = datetime.combine(day, worksheet.end)
        if total_end > limit:
            over = int((total_end - limit).total_seconds() // 60)
            warnings.append(tr("plan.over_end", end=f"{worksheet.end:%H:%M}", minutes=over))
    return "\n".join(lines), warnings


def trajectory_warnings(worksheet: Worksheet, tr: Catalog) -> list[str]:
    """A kick-off whose participants come from fewer than two organisations and fewer than two
    fields: the group cannot speak for all important parties."""
    if worksheet.phase != "kickoff":
        return []
    organisations, fields = worksheet.spread()
    if organisations < 2 and fields < 2:
        return [
            tr(
                "trajectory.kickoff_spread",
                organisations=tr(f"trajectory.spread_organisations_{'none' if organisations == 0 else 'one'}"),
                fields=tr(f"trajectory.spread_fields_{'none' if fields == 0 else 'one'}"),
            )
        ]
    return []


PLACEHOLDER = re.compile(r"«[^«»\n]*»")
"""How a worksheet made from the plan marks what the facilitator still has to fill in: ``«…»``.
``validate`` and ``next`` warn about each, and the opening screen lists them for the facilitator
only (after F8), never for the group."""

UNFILLED = ("title", "central_question", "location", "facilitator", "participants", "goals", "steps")
"""Where a worksheet can hold a placeholder, in the order they are named."""


def unfilled(worksheet: Worksheet) -> list[str]:
    """Where ``worksheet`` still holds a placeholder (:data:`PLACEHOLDER`): names from :data:`UNFILLED`."""
    where = {
        "title": (worksheet.title, worksheet.meeting, worksheet.series),
        "central_question": (worksheet.central_question,),
        "location": (worksheet.location,),
        "facilitator": (worksheet.facilitator,),
        "participants": tuple(t for p in worksheet.participants for t in (p.name, p.organisation, p.field)),
        "goals": (*worksheet.goals, *worksheet.agreements),
        "steps": tuple(
            text
            for step in worksheet.steps
            for text in (step.title, step.prompt, step.guide, step.expert_prompt, *step.questions, *step.prompts)
        ),
    }
    return [name for name in UNFILLED if any(PLACEHOLDER.search(text) for text in where[name])]


def unfilled_warning(worksheet: Worksheet, tr: Catalog) -> str | None:
    """What ``validate``, ``next`` and the opening screen (for the facilitator) say of the
    placeholders left in ``worksheet``, or None when there are none."""
    found = unfilled(worksheet)
    if not found:
        return None
    return tr("unfilled.warning", where=unfilled_places(found, tr))


def unfilled_places(found: list[str], tr: Catalog) -> str:
    """The places :func:`unfilled` found, in words: "the central question, the participants"."""
    return ", ".join(tr(f"unfilled.{name}") for name in found)


def _clock(moment: datetime, day: date) -> str:
    """``14:05``, and ``00:35 (+1)`` for a time on a later day than the meeting's."""
    later = (moment.date() - day).days
    return f"{moment:%H:%M}" + (f" (+{later})" if later else "")


def _hm(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"
