"""The group steers: the next meeting's questions from what the group left open.

A CoP is self-steering: its participants set the direction. ``copsession next`` therefore proposes
the next meeting's exploration questions from the trajectory itself — the open questions it still
carries, the actions due by the next meeting, the ideas and results the group gave the most votes in
its last meeting, the results it named there, its shared goal and its working agreements — each
marked with where it came from. The facilitator keeps, drops and reorders them (:func:`chosen`)
before the worksheet is written; nothing here asks or prints.

Everything is read from the meetings' summaries and the last meeting's record document: what people
said in a round is never proposed, a private remark never (neither is a kind the summaries carry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from copsession.formats import long_date
from copsession.i18n import Catalog
from copsession.worksheet import clean_text

SOURCES = ("question", "action", "idea", "result", "goal", "agreement")
"""Where a proposal can come from, in the order they are proposed."""

MOST = 12
"""The most proposals listed: a meeting's exploration has room for a handful of questions."""

KEPT = 4
"""How many the facilitator keeps when not asked (``--keep`` not given and no terminal to ask at)."""

VOTED = 3
"""How many of the last meeting's most-voted ideas and results are proposed."""


@dataclass(frozen=True)
class Proposal:
    """A question proposed for the next meeting, and where it came from."""

    text: str
    """The question as it stands in the worksheet."""
    source: str
    """One of :data:`SOURCES`."""
    origin: str
    """Where it came from, in words: "open question from meeting 3 (3 March 2027)"."""
    about: str = ""
    """The group's own words it was made from (an idea with votes is not proposed again as a result)."""


def propose(
    meetings: list[dict[str, Any]], last: dict[str, Any] | None, upcoming: date, language: str
) -> list[Proposal]:
    """The proposals for the meeting on ``upcoming`` of a trajectory whose held meetings' summaries are
    ``meetings`` (in order) and whose last meeting's record document is ``last``."""
    if not meetings:
        return []
    tr = Catalog(language)
    numbers = {str(m.get("id", "")): int(m.get("series_number") or i + 1) for i, m in enumerate(meetings)}
    carry = [c for c in meetings[-1].get("carry", []) if isinstance(c, dict) and str(c.get("text", "")).strip()]
    found: list[Proposal] = []

    def origin(key: str, item: dict[str, Any], **values: object) -> str:
        record = str(item.get("origin", "")).partition("#")[0]
        number = numbers.get(record, int(meetings[-1].get("series_number") or len(meetings)))
        day = _day(item.get("origin_date")) or _day(meetings[-1].get("date"))
        when = long_date(day, language) if day else ""
        return tr(key, number=number, date=when, **values)

    for item in reversed(carry):  # the newest first: what the group left open last time leads
        if item.get("kind") == "question":
            text = _as_question(item["text"])
            found.append(Proposal(text, "question", origin("steer.from_question", item), _plain(item["text"])))
    for item in carry:
        due = _day(item.get("due"))
        if item.get("kind") == "action" and due is not None and due <= upcoming:
            key = "steer.action_owner" if item.get("owner") else "steer.action"
            text = tr(key, text=_plain(item["text"]), owner=item.get("owner", ""))
            where = origin("steer.from_action", item, due=long_date(due, language))
            found.append(Proposal(text, "action", where, _plain(item["text"])))
    found += _voted(last, meetings[-1], tr, language)
    voted = {p.about.casefold() for p in found if p.source == "idea"}
    for text in meetings[-1].get("results", []):
        if isinstance(text, str) and _plain(text) and _plain(text).casefold() not in voted:
            found.append(
                Proposal(tr("steer.result", text=_plain(text)), "result", origin("steer.from_result", {}), _plain(text))
            )
    for kind in ("goal", "agreement"):
        for item in carry:
            if item.get("kind") == kind:
                text = tr(f"steer.{kind}", text=_plain(item["text"]))
                found.append(Proposal(text, kind, origin(f"steer.from_{kind}", item), _plain(item["text"])))
    unique: dict[str, Proposal] = {}
    for proposal in found:  # the first of equal questions stays
        unique.setdefault(proposal.text.casefold(), proposal)
    return list(unique.values())[:MOST]


def _voted(last: dict[str, Any] | None, summary: dict[str, Any], tr: Catalog, language: str) -> list[Proposal]:
    """The ideas and results of the last meeting with the most votes (a round's words never: only
    notes of exploration and results steps, as the summary's own rule has it — never a private one)."""
    if last is None:
        return []
    notes = [
        n
        for n in last.get("notes", [])
        if isinstance(n, dict)
        and isinstance(n.get("votes"), int)
        and n["votes"] > 0
        and n.get("kind") in ("note", "result")
        and str(n.get("text", "")).strip()
        in {str(t).strip() for t in [*summary.get("learnt", []), *summary.get("results", [])]}
    ]
    notes.sort(key=lambda n: -n["votes"])  # stable: equal votes keep the meeting's order
    day = _day(summary.get("date"))
    number = int(summary.get("series_number") or 1)
    return [
        Proposal(
            tr("steer.idea", text=_plain(n["text"]), count=n["votes"]),
            "idea",
            tr("steer.from_idea", number=number, date=long_date(day, language) if day else "", count=n["votes"]),
            _plain(n["text"]),
        )
        for n in notes[:VOTED]
    ]


def chosen(spec: str, proposals: list[Proposal]) -> list[Proposal] | None:
    """The proposals a facilitator keeps, in their order, from what they typed: numbers separated by
    spaces or commas ("3 1 4", "3,1,4"), ranges ("1-3"), "0" for none; an empty answer keeps the
    first :data:`KEPT`. None when the answer is not such a list (the caller says so and asks again)."""
    words = [w for w in re.split(r"[\s,;]+", spec.strip()) if w]
    if not words:
        return proposals[:KEPT]
    if words in (["0"], ["-"]):
        return []
    kept: list[int] = []
    for word in words:
        found = re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", word)
        if found is None:
            return None
        first, final = int(found[1]), int(found[2] or found[1])
        if not (1 <= first <= len(proposals) and 1 <= final <= len(proposals)):
            return None
        step = 1 if final >= first else -1
        kept += [n for n in range(first, final + step, step) if n not in kept]
    return [proposals[n - 1] for n in kept]


def _as_question(text: str) -> str:
    """An open question as the worksheet shows it: one line, ending in a question mark."""
    text = _plain(text)
    return text if text.endswith(("?", "?", "!")) else text.rstrip(".…:;, ") + "?"


def _plain(text: Any) -> str:
    """One line of visible text (a record edited by hand may hold a terminal's escapes)."""
    return " ".join(clean_text(str(text)).split())


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
