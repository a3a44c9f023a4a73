"""Every voice in the room: participants take part from their own phones and laptops.

The *desk* is the meeting's side of it, in the core (no Textual, no web server): it makes the
meeting's code, lets devices join with it, says what a device's page may show and offer on the step
the facilitator is on (:meth:`Desk.offer`), takes what a device sends (:meth:`Desk.submit`) into an
inbox, and — only when the facilitator accepts it — hands it to the meeting engine, so undo, the
record, the minutes and the audience window treat it like any other note, marked as coming from a
participant. What a device sends is checked here, whoever sends it: sizes, rates, the code, the
steps it may send in, a retry sent twice (its idempotency key). Nothing here identifies a device in
the record: a device is a number for this meeting and a random token in its cookie, both forgotten
when the meeting ends.
"""

from __future__ import annotations

import re
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from copsession.engine import MAX_CONTRIBUTION, MAX_NAME, Meeting
from copsession.i18n import Catalog
from copsession.kinds import kind_of
from copsession.worksheet import clean_name, clean_text

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""The meeting code's letters: none that are mistaken for another (no i, l, o, 0, 1)."""

CODE_LENGTH = 10
"""31¹⁰ codes (about 50 bits): with :data:`MAX_JOIN_TRIES` wrong tries a minute per address,
guessing one takes longer than any CoP exists."""

KINDS = ("pulse", "vote", "concern", "card", "answer", "question")
"""What a participant can send: a pulse score, a dot on an idea or result on screen, a concern, a
card in a brainwriting or 1-2-4-All work form, an answer to the check-in's or exploration's prompt,
and an open question (in any step)."""

NOTE_OF = {"concern": "concern", "card": "note", "answer": "note", "question": "question"}
"""The kind of note each text a participant sends becomes when accepted."""

CARD_FORMS = ("brainwriting", "one-two-four-all")
"""The work forms whose cards participants write on their own devices."""

DOTS = 3
"""The dots each device has to spend in a step."""

MAX_PER_MINUTE = 20
"""What one device may send in a minute (a person types far fewer; a script is slowed down)."""

MAX_DEVICES = 200
MAX_WAITING = 1000
"""The inbox holds at most this many waiting contributions (sixty phones sending ten each fit): more
are refused until some are handled."""

MAX_JOIN_TRIES = 10
"""Wrong codes tried in a minute (by the web server per address) before it stops answering them."""

_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


@dataclass(frozen=True)
class Opening:
    """Where the meeting listens for participants' devices (``run --participants``): by default
    this computer only; ``network`` (or a ``host`` that is not a loopback address) lets the devices
    on the room's network in. Port 0: a free one."""

    host: str | None = None
    port: int = 0
    network: bool = False


class Refused(Exception):
    """What a device asked for and was refused, with the catalog key of what its page says."""

    def __init__(self, key: str, status: int = 400, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.status = status
        """As the web server answers it (400 bad, 403 not allowed, 404 unknown code, 413 too large,
        429 too many)."""
        self.values = values


@dataclass
class Device:
    """A phone or laptop that joined this meeting."""

    number: int
    """1, 2, …: how the facilitator's inbox tells devices apart (never their address or browser)."""
    token: str
    """The secret in the device's cookie."""
    removed: bool = False
    sent: deque[float] = field(default_factory=deque)
    """When it sent its last contributions (monotonic seconds), for :data:`MAX_PER_MINUTE`."""


@dataclass
class Contribution:
    """One thing a device sent, waiting for the facilitator (or handled)."""

    id: int
    kind: str
    step: int
    """The step the facilitator was on when it was sent (it is stored there when accepted)."""
    device: int
    text: str = ""
    score: int | None = None
    """A pulse score, 1 to 5."""
    note: int | None = None
    """The note a dot was given to."""
    name: str = ""
    """The name the participant chose to give; empty: anonymous."""
    status: str = "waiting"
    """waiting, accepted, merged (into another one) or declined."""


@dataclass(frozen=True)
class Offer:
    """What a device's page shows and offers now: the step the group sees, never more."""

    open: bool
    language: str
    version: str
    """Changes whenever what the page shows changes (the page looks for a new one)."""
    step: int = -1
    title: str = ""
    focus: str = ""
    """The prompt or question the group looks at."""
    shown: tuple[tuple[int, str, int], ...] = ()
    """The notes on the group's screen: (id, text, votes) — never a private remark."""
    kinds: tuple[str, ...] = ()
    """What the device may send now (see :data:`KINDS`)."""
    dots: int = 0
    """Dots the device has left in this step."""
    pulse_given: bool = False


class Desk:
    """The meeting's desk for participants' devices (see the module's docstring)."""

    def __init__(self, meeting: Meeting, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.meeting = meeting
        self.code = new_code()
        self.is_open = True
        self._clock = clock
        self._devices: dict[str, Device] = {}
        self._contributions: list[Contribution] = []
        self._keys: dict[tuple[int, str], Contribution] = {}
        self._listeners: list[Callable[[], None]] = []
        self._generation = 0

    # -- listening ------------------------------------------------------------ #

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` whenever the inbox or the devices change; returns a function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self) -> None:
        self._generation += 1
        for listener in list(self._listeners):
            listener()

    # -- devices ---------------------------------------------------------------- #

    def join(self, code: str, token: str | None = None) -> str:
        """A device joins with the meeting's code: returns its token (for its cookie). ``token``: the
        one the device still holds, if any — a device the facilitator removed cannot come back by
        scanning the code again."""
        if not self.is_open or not secrets.compare_digest(code.strip().casefold().encode(), self.code.encode()):
            raise Refused("participate.bad_code", 404)
        held = self._devices.get(token or "")
        if held is not None and held.removed:
            raise Refused("participate.removed", 403)
        if len(self._devices) >= MAX_DEVICES:
            raise Refused("participate.full", 503)
        token = secrets.token_urlsafe(24)
        self._devices[token] = Device(len(self._devices) + 1, token)
        self._changed()
        return token

    def device(self, token: str | None) -> Device:
        """The device with ``token``; refused when unknown, removed, or the meeting closed to devices."""
        found = self._devices.get(token or "")
        if self.is_open and found is not None and found.removed:
            raise Refused("participate.removed", 403)
        if not self.is_open or found is None:
            raise Refused("participate.not_in", 403)
        return found

    @property
    def devices(self) -> list[Device]:
        return [d for d in self._devices.values() if not d.removed]

    def remove(self, number: int) -> None:
        """The facilitator removes a device: it cannot send again or come back with its token, and
        what it sent and is still waiting is declined."""
        for device in self._devices.values():
            if device.number == number:
                device.removed = True
        for item in self._contributions:
            if item.device == number and item.status == "waiting":
                item.status = "declined"
        self._changed()

    def close(self) -> None:
        """No device can send or see anything any more (the web server ends every connection)."""
        self.is_open = False
        self._changed()

    # -- what a page shows ---------------------------------------------------- #

    def offer(self, token: str | None) -> Offer:
        """What the page of the device with ``token`` shows and offers now."""
        record = self.meeting.record
        language = record.worksheet.language
        if not self.is_open:
            return Offer(False, language, "closed")
        device = self.device(token)
        index = record.current
        pulse = record.showing.startswith("pulse")
        pulse_given = any(c.device == device.number and c.kind == "pulse" for c in self._live())
        version = f"{record.changes}.{self._generation}"
        if index < 0 or index >= len(record.steps):
            opening = ("pulse",) if pulse and not pulse_given else ()
            return Offer(True, language, version, kinds=opening, pulse_given=pulse_given)
        from copsession.capture import is_private  # lazy: the capture parser is 4 ms of start-up

        step = record.worksheet.steps[index]
        kind = kind_of(step)
        shown = tuple((n.id, n.text, n.votes) for n in kind.listed_notes(record, index) if not is_private(n.kind))
        kinds = ["question"]
        if step.kind == "concern-round":
            kinds.insert(0, "concern")
        elif step.kind in ("check-in", "exploration"):
            kinds.insert(0, "answer")
        elif step.kind == "work-form" and step.form is not None and step.form.id in CARD_FORMS:
            kinds.insert(0, "card")
        dots = DOTS - sum(1 for c in self._live() if c.device == device.number and c.kind == "vote" and c.step == index)
        if step.kind in ("exploration", "results", "work-form") and shown and dots > 0:
            kinds.append("vote")
        if pulse and not pulse_given:
            kinds.insert(0, "pulse")
        return Offer(
            True,
            language,
            version,
            index,
            step.title,
            kind.focus(record, index, Catalog(language)),
            shown,
            tuple(kinds),
            max(dots, 0),
            pulse_given,
        )

    def _live(self) -> list[Contribution]:
        return [c for c in self._contributions if c.status in ("waiting", "accepted")]

    # -- what a device sends ------------------------------------------------ #

    def submit(
        self,
        token: str | None,
        kind: str,
        key: str,
        *,
        text: str = "",
        score: int | None = None,
        note: int | None = None,
        name: str = "",
    ) -> Contribution:
        """Take what a device sent into the inbox. ``key`` is the idempotency key its page made for
        this one submission: the same key again (a retry on flaky Wi-Fi) returns what was stored the
        first time and stores nothing more."""
        device = self.device(token)
        if not _KEY.fullmatch(key or ""):
            raise Refused("participate.bad_request")
        again = self._keys.get((device.number, key))
        if again is not None:
            return again
        now = self._clock()
        while device.sent and device.sent[0] < now - 60:
            device.sent.popleft()
        if len(device.sent) >= MAX_PER_MINUTE:
            raise Refused("participate.too_many", 429)
        if sum(1 for c in self._contributions if c.status == "waiting") >= MAX_WAITING:
            raise Refused("participate.inbox_full", 503)
        offer = self.offer(token)
        if kind == "vote" and offer.dots == 0 and offer.step >= 0:
            raise Refused("participate.no_dots", 409)
        if kind not in offer.kinds:
            raise Refused("participate.not_now", 409)
        item = Contribution(len(self._contributions) + 1, kind, offer.step, device.number)
        if kind == "pulse":
            if score is None or not 1 <= score <= 5:
                raise Refused("participate.bad_request")
            item.score = score
        elif kind == "vote":
            if note is None or note not in {n for n, _, _ in offer.shown}:
                raise Refused("participate.not_now", 409)
            item.note = note
        else:
            item.text = _one_line(text)
            if not item.text:
                raise Refused("participate.empty")
            if len(item.text) > MAX_CONTRIBUTION:
                raise Refused("participate.too_long", 413, most=MAX_CONTRIBUTION)
            item.name = clean_name(name)[:MAX_NAME] if name and kind != "question" else ""
        device.sent.append(now)
        self._contributions.append(item)
        self._keys[(device.number, key)] = item
        self._changed()
        return item

    # -- the facilitator's inbox ---------------------------------------------- #

    def waiting(self) -> list[Contribution]:
        """What waits for the facilitator, oldest first."""
        return [c for c in self._contributions if c.status == "waiting"]

    def get(self, contribution: int) -> Contribution | None:
        found = [c for c in self._contributions if c.id == contribution]
        return found[0] if found else None

    def accept(self, contribution: int, text: str | None = None) -> bool:
        """The facilitator accepts a waiting contribution (with ``text`` when they edited it): it
        becomes a note (or a dot, or a pulse score) through the meeting engine."""
        item = self.get(contribution)
        if item is None or item.status != "waiting":
            return False
        meeting = self.meeting
        if item.kind == "vote" and item.note is not None:
            meeting.vote(item.note, +1)
        elif item.kind == "pulse" and item.score is not None:
            meeting.anonymous_pulse(item.score)
        else:
            words = _one_line(text) if text is not None else item.text
            if not words:
                return False
            if meeting.add_contribution(item.step, NOTE_OF[item.kind], words, item.name) is None:
                return False
            item.text = words
        item.status = "accepted"
        self._changed()
        return True

    def accept_all(self, kinds: tuple[str, ...] = ("vote", "pulse")) -> int:
        """Accept every waiting dot and pulse score (or other ``kinds``) at once; returns how many."""
        return sum(1 for item in self.waiting() if item.kind in kinds and self.accept(item.id))

    def merge(self, contributions: list[int], text: str) -> bool:
        """Several waiting texts said the same thing: one note of ``text``, of the first one's kind and
        step (and name, when they all gave the same); the others are marked merged into it."""
        items = [self.get(c) for c in contributions]
        if len(items) < 2 or any(i is None or i.status != "waiting" or i.kind not in NOTE_OF for i in items):
            return False
        first, rest = items[0], items[1:]
        assert first is not None
        names = {i.name for i in items if i is not None}
        first.name = names.pop() if len(names) == 1 else ""
        if not self.accept(first.id, text):
            return False
        for item in rest:
            assert item is not None
            item.status = "merged"
        self._changed()
        return True

    def decline(self, contribution: int) -> bool:
        item = self.get(contribution)
        if item is None or item.status != "waiting":
            return False
        item.status = "declined"
        self._changed()
        return True


def new_code() -> str:
    """A new meeting code: random, short enough to type from the screen."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _one_line(text: str) -> str:
    return " ".join(clean_text(str(text)).split())
