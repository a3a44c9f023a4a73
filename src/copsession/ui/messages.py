"""Messages that widgets send up to the app."""

from __future__ import annotations

from textual.message import Message
from textual.worker import Worker, WorkerState


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
