"""The minutes and the brief as documents: realistic meetings, rendered and checked by markdownlint.

Every bundled worksheet (English and Dutch) is run through the engine with hostile text in every
step, a prompt drawn again, a pass, a break, a pulse and items carried over from an earlier
meeting; the minutes and the brief are written to a temporary folder and linted with
markdownlint-cli2 (default rules, ``tests/markdownlint.jsonc``: no line length, a heading may
repeat under another parent). No finding is allowed.

The linter is a Node program installed beside the virtual environment, never globally (``.ci/run``
does this)::

    npm install --prefix .venv/markdownlint --no-audit --no-fund markdownlint-cli2@0.22.1
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from copsession.brief import render_brief
from copsession.bundled import bundled_worksheets
from copsession.capture import NOTE_KINDS_TABLE, words_of
from copsession.clock import FakeClock
from copsession.index import scan
from copsession.kinds import kind_of
from copsession.minutes import render_minutes
from copsession.series import meetings_of
from copsession.worksheet import parse_worksheet
from mdhelpers import sections, table_rows
from meetings import new_meeting, say

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / ".venv" / "markdownlint" / "node_modules" / ".bin" / "markdownlint-cli2"
CONFIG = Path(__file__).resolve().parent / "markdownlint.jsonc"
INSTALL = "npm install --prefix .venv/markdownlint --no-audit --no-fund markdownlint-cli2@0.22.1"

HOSTILE = [
    "# not a heading | pipe <b>bold</b> & R&D &amp; *stars* _under_ snake_case",
    "1. not a list",
    "- not a list either [link](http://x) `code` ~~strike~~",
    "> not a quote, see https://example.org/a_b?x=1. Or www.example.org, mail j.devries@ggd.nl.",
    "Ends with a backslash \\",
    "Room # 3 #",
]


def lint(folder: Path) -> subprocess.CompletedProcess:
    if not LINTER.exists():
        pytest.skip(f"markdownlint-cli2 is not installed at {LINTER.parent}; install it with: {INSTALL}")
    if shutil.which("node") is None:
        pytest.skip("node is not installed (markdownlint-cli2 needs it)")
    files = sorted(p.name for p in folder.glob("*.md"))
    assert files
    return subprocess.run(
        [str(LINTER), "--config", str(CONFIG), *(":" + f for f in files)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_no_findings(folder: Path) -> None:
    result = lint(folder)
    assert result.returncode == 0, result.stdout + result.stderr


def _with_history(text: str, tmp: Path):
    """The worksheet as the second meeting of its series: a first meeting left an action and a concern open."""
    worksheet = parse_worksheet(text, "w.toml")
    first = new_meeting(worksheet, FakeClock(datetime(2026, 10, 22, 14)), minutes_dir=tmp)
    first.go_to(0)
    say(
        first,
        "/action Ask the school | board @" + worksheet.participants[0].name + " 2026-11-01",
        "/concern Schools # are <i>missing</i>",
    )
    first.finish()
    return worksheet, meetings_of(scan(tmp).summaries, worksheet.series)


def run_meeting(text: str, tmp: Path):
    """Every step of the worksheet, typed through the engine the way a facilitator would."""
    worksheet, earlier = _with_history(text, tmp / "series")
    language = worksheet.language
    clock = FakeClock(datetime(2026, 12, 3, 14))
    m = new_meeting(worksheet, clock, earlier=earlier)
    m.review(0, "done", "Done | on <b>time</b>")
    names = [p.name for p in worksheet.participants]
    if len(names) > 2:
        m.set_present(names[-1], False)
    words = {info.kind: words_of(info, language)[0] for info in NOTE_KINDS_TABLE if info.command}
    for index, step in enumerate(worksheet.steps):
        m.go_to(index)
        handler = kind_of(step)
        if step.kind == "check-in":
            m.draw_prompt()  # another prompt, before anyone answers
            say(m, HOSTILE[0], "/" + words["concern"] + " Nobody from the schools | is here")
            m.move_turn(+1)
            m.pass_turn()
            say(m, HOSTILE[1])
        elif handler.is_round:
            say(m, HOSTILE[2])
            m.move_turn(+1)
            m.pass_turn()
        elif step.kind == "results":
            say(m, HOSTILE[3])
            m.next_list()
            say(m, HOSTILE[4] + " @" + names[0] + " 2026-12-10", "Find figures")
            m.next_list()
            say(m, HOSTILE[5])
        elif step.kind == "break":
            pass
        else:
            for line in HOSTILE:
                say(m, line)
            if step.kind == "exploration":
                m.draw_provocation()
                m.tag(m.record.notes[-1].id, "known")
                m.vote(m.record.notes[-2].id, +1)
                for kind, word in words.items():
                    if kind not in ("note", "private"):
                        say(m, f"/{word} {HOSTILE[0]}")
            for _ in handler.topics(step)[1:]:
                m.move_cursor(+1)
                say(m, HOSTILE[2])
        clock.advance(step.minutes * 60)
    for score, name in enumerate(names[:-1], 3):
        m.set_pulse(name, min(score, 5))
    return m


def write(folder: Path, name: str, record, mono: float) -> tuple[str, str]:
    minutes = render_minutes(record, ended=datetime(2026, 12, 3, 16, 30), mono=mono)
    brief = render_brief(record)
    (folder / f"{name}.md").write_text(minutes, encoding="utf-8")
    (folder / f"{name}-brief.md").write_text(brief, encoding="utf-8")
    return minutes, brief


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> Path:
    """The minutes and brief of every bundled worksheet, and of a meeting that has just begun."""
    folder = tmp_path_factory.mktemp("documents")
    for bundled in bundled_worksheets():
        m = run_meeting(bundled.text, tmp_path_factory.mktemp(bundled.name))
        # rendered from the copy the app renders from when it saves
        write(folder, bundled.name, m.record.copy_for_reading(), m.mono)
        started = new_meeting(parse_worksheet(bundled.text, "w.toml"))
        started.go_to(0)
        write(folder, bundled.name + "-started", started.record.copy_for_reading(), started.mono)
    return folder


def test_minutes_and_briefs_pass_markdownlint(documents):
    assert len(list(documents.glob("*.md"))) >= 4 * 14
    assert_no_findings(documents)


def test_a_prompt_drawn_mid_round_passes_markdownlint(small, small_nl, tmp_path):
    """With the proposed record field ``prompt_switches`` (the next note id at each Ctrl+R)."""
    for worksheet in (small, small_nl):
        m = new_meeting(worksheet)
        m.go_to(0)
        say(m, HOSTILE[0])
        switch = m.record.next_id
        m.draw_prompt()
        m.move_turn(+1)
        say(m, HOSTILE[1])
        m.move_turn(+1)
        m.pass_turn()
        m.record.steps[0].prompt_switches = [switch]
        minutes, _ = write(tmp_path, worksheet.language, m.record, m.mono)
        assert "#### " in minutes
    assert_no_findings(tmp_path)


def test_the_documents_read_as_typed(documents):
    """The hostile lines reach the documents as typed, in the meeting's language."""
    md = MarkdownIt("commonmark").enable("table")
    for language, results, who in (("en", "Results", "Who"), ("nl", "Resultaten", "Wie")):
        text = (documents / f"regular.{language}.md").read_text(encoding="utf-8")
        parsed = sections(md, text)
        assert "\\|" not in "".join(line for line in text.splitlines() if not line.startswith("|"))
        assert (
            "\\> not a quote, see <https://example.org/a_b?x=1>. Or www\\.example.org, mail <j.devries@ggd.nl>."
            in parsed[results]
        )
        rows = table_rows(md, text, who)
        assert ["Ends with a backslash \\\\", "Fatima", "2026-12-10" if language == "en" else "10-12-2026"] in rows
        brief = (documents / f"regular.{language}-brief.md").read_text(encoding="utf-8")
        assert table_rows(md, brief, who)[1:] == rows[1:]
    started = sections(md, (documents / "regular.nl-started-brief.md").read_text(encoding="utf-8"))
    assert started["Resultaten"] == ["Nog geen resultaten."]
    assert started["Afgesproken acties"] == ["Nog geen acties afgesproken."]


def test_the_linter_finds_what_the_renderer_must_avoid(tmp_path):
    """The check is real: the findings the minutes used to have are found."""
    (tmp_path / "old.md").write_text(
        "# T\n\n**Meeting 2**\n\n## 4. Break\n\n## 1. Each person draws.\n\n- x\n\n"
        "| # | Step |\n|---:|---|\n| 1 | Check-in |\n\n## Concerns\n\nNone.\n",
        encoding="utf-8",
    )
    result = lint(tmp_path)
    assert result.returncode != 0
    for rule in ("MD036", "MD026", "MD060"):
        assert rule in result.stdout + result.stderr, result.stdout
