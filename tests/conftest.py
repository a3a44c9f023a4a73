"""Shared fixtures: small worksheets, a fake clock and an app built by the real factory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from markdown_it import MarkdownIt

from copsession.clock import FakeClock
from copsession.worksheet import Worksheet, parse_worksheet

# Property-based and model-based tests: on a developer's machine hypothesis explores anew each run
# (and remembers what failed, in .hypothesis/); in CI it runs the same examples every time, so a
# landing never hangs on a new find — the finds come from the runs here, each fixed with a test.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# the catalogs' cache (see copsession.i18n) of every test process and command they start, not the user's
os.environ.setdefault("XDG_CACHE_HOME", os.path.join(tempfile.gettempdir(), "copsession-test-cache"))

SMALL = """
title = "Safe at school"
meeting = "Meeting 2"
central_question = "How do we make school safe together?"
goals = ["One shared approach"]
date = 2026-12-03
start = 14:00:00
location = "Room 4"
facilitator = "Sanne"

[[participants]]
name = "Fatima"
organisation = "GGD"
field = "youth health care"

[[participants]]
name = "Joost"
organisation = "Municipality"

[[participants]]
name = "Mirjam"

[[steps]]
kind = "check-in"
minutes = 10
prompt = "What do you bring today?"

[[steps]]
kind = "exploration"
minutes = 20
questions = ["Where do children feel unsafe?", "Who notices it first?"]

[[steps]]
kind = "work-form"
minutes = 20
form = "drawing"

[[steps]]
kind = "break"
minutes = 5

[[steps]]
kind = "concern-round"
minutes = 10
prompt = "What worries you?"

[[steps]]
kind = "results"
minutes = 10
"""


@pytest.fixture
def small_text() -> str:
    return SMALL


@pytest.fixture
def small() -> Worksheet:
    return parse_worksheet(SMALL, "small.toml")


@pytest.fixture
def small_nl() -> Worksheet:
    return parse_worksheet(
        SMALL.replace('meeting = "Meeting 2"', 'meeting = "Bijeenkomst 2"\nlanguage = "nl"'), "klein.toml"
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@pytest.fixture(autouse=True)
def _strict_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unexpected errors inside the meeting engine fail the test instead of becoming a notice
    (the test of that notice switches it off again)."""
    from copsession.engine import Meeting

    monkeypatch.setattr(Meeting, "strict", True)


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder, so a default ./minutes never lands in the repository,
    and with its own settings folder, so the facilitator's remembered theme never leaks in or out."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COPSESSION_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def tmux_factory(tmp_path):
    """Start the real command in tmux sessions that are closed after the test (skipped without tmux)."""
    import shutil

    from terminal import COMMAND, Tmux

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")

    sessions: list[Tmux] = []

    def start(*args: str, size: tuple[int, int] = (80, 24), env: dict[str, str] | None = None) -> Tmux:
        session = Tmux([COMMAND, *args], tmp_path, size=size, env=env)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()
