"""The yardstick: a bare Textual app with a header, an input and a footer, and a start-up probe."""

from __future__ import annotations

import resource
import time

from textual.app import App
from textual.widgets import Footer, Header, Input


class Bare(App):
    """What any Textual app with an input box costs."""

    def compose(self):
        yield Header()
        yield Input()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()


def report_first_frame(app: App, started: float) -> None:
    """Once ``app`` has painted its first frame: print seconds since ``started`` and peak memory (KiB), exit."""

    def report() -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{time.perf_counter() - started:.6f} {peak}", flush=True)
        app.exit()

    app.call_after_refresh(report)
