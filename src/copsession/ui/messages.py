"""Messages that widgets send up to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from copsession.engine import MeetingEvent


class MeetingChanged(Message):
    """The meeting changed; ``event`` says what (see :class:`copsession.engine.MeetingEvent`). The
    app sends it to the screens, which redraw what the event touched."""

    def __init__(self, event: MeetingEvent) -> None:
        super().__init__()
        self.event = event


class WorkerFailed(Message):
    """A worker ran into an unexpected error (it runs with ``exit_on_error=False``): the app saves,
    reports and says so, and the meeting goes on."""

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker = worker


def report_failed_worker(node, event: Worker.StateChanged) -> None:
    """For a widget that runs workers: hand a failed one up to the app (``Worker.StateChanged``
    does not bubble)."""
    if event.state == WorkerState.ERROR:
        node.post_message(WorkerFailed(event.worker))
