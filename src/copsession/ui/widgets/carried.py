"""How an item carried over from an earlier meeting is shown: on the opening screen and in the review."""

from __future__ import annotations

from rich.text import Text

from copsession.formats import short_date
from copsession.i18n import Catalog
from copsession.minutes import status_word
from copsession.record import SessionRecord

STATUS_MARK = {"open": "○", "done": "✓", "dropped": "✗"}


def describe_item(record: SessionRecord, index: int, tr: Catalog) -> Text:
    """One carried item: mark, kind, text, owner, origin date and (once reviewed) status and note."""
    item = record.carried[index]
    text = Text()
    text.append(f"{STATUS_MARK[item.status] if item.reviewed else '·'} ", style="bold")
    text.append(f"{tr('kind_short.' + item.kind)}: ", style="italic")
    text.append(item.text)
    details = [d for d in (item.owner, short_date(item.due, tr.language) if item.due else "") if d]
    if details:
        text.append(f" ({', '.join(details)})")
    text.append(f"  [{short_date(item.origin_date, tr.language)}]", style="dim")
    if item.reviewed:
        text.append(f"  {status_word(tr, item.kind, item.status, item.source)}", style="bold")
    if item.note:
        text.append(f" — {item.note}", style="italic")
    return text
