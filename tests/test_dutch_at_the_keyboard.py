"""A Dutch user at the keyboard: with only ``LANG=nl_NL.UTF-8`` set, everything copsession says is
Dutch — ``--hulp``, every command's help, every wrong option and value, a whole meeting in the real
terminal, and the trajectory's commands. A list of English words that may never appear (as the
language sweep does for the screens) is checked against all of it; the only English that may show
is a file name (the bundled worksheets' names, the paths in this test)."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from copsession.bundled import bundled_worksheets
from copsession.cli.parser import NAMES
from terminal import COMMAND

ENGLISH = {
    # argparse's and copsession's own English words, the names of the English commands and options,
    # and the words of the meeting screens (words that are Dutch too, such as "is", "was", "of",
    # "plan" and "stop", are left out)
    "usage", "options", "option", "error", "arguments", "argument", "required", "invalid", "expected",
    "expects", "choose", "choice", "show", "help", "this", "the", "and", "with", "from", "not",
    "are", "wrote", "check", "run", "resume", "validate", "list", "history", "brief", "trajectory",
    "next", "report", "export", "new", "language", "english", "dutch", "meeting", "meetings",
    "minutes", "worksheet", "worksheets", "notes", "note", "step", "steps", "save", "saved",
    "previous", "quit", "series", "folder", "default", "whole", "number", "unknown", "command",
    "commands", "there", "yet", "calendar", "written", "goals", "results", "actions", "concerns",
    "attendance", "present", "absent", "speaking", "pass", "prompt", "average", "pulse", "track",
    "remembered", "version", "exit",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]+")


def english_in(text: str, *allowed: str) -> list[str]:
    """The English words in ``text``, after taking out file names: the bundled worksheets', the
    test's own paths, and ``allowed``."""
    names = (
        [str(p) for p in allowed] + [w.name for w in bundled_worksheets()] + ["./minutes"]
    )  # an English meeting's folder
    for name in names:
        text = text.replace(name, " ")
    return sorted({word for word in WORD.findall(text) if word.casefold() in ENGLISH})


@pytest.fixture
def dutch(tmp_path):
    """The environment of a new Dutch user: the locale says Dutch, nothing else is set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COPSESSION_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE") and not k.startswith("TEXTUAL")
    }
    env.update({"LANG": "nl_NL.UTF-8", "COPSESSION_CONFIG_DIR": str(tmp_path / "config")})

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [COMMAND, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )

    return run


def test_help_and_every_commands_help_are_dutch(dutch, tmp_path):
    for line in (["--hulp"], ["-h"], ["--help"], *([name, "--hulp"] for name in NAMES.values())):
        result = dutch(*line)
        assert result.returncode == 0, (line, result.stderr)
        assert english_in(result.stdout + result.stderr, tmp_path) == [], (line, result.stdout)
    overview = dutch("--hulp").stdout
    assert overview.startswith("gebruik: copsession")
    for name in NAMES.values():
        assert f"\n    {name} " in overview or f"\n    {name}\n" in overview, name
    assert "Taal: Nederlands (uit LANG=nl_NL.UTF-8)" in overview and "copsession taal en" in overview
    assert "regular.nl" in overview  # a plain `copsession` runs the Dutch regular meeting


@pytest.mark.parametrize("name", [*NAMES, *NAMES.values()])
def test_a_wrong_option_is_told_in_dutch_by_either_name_of_the_command(dutch, tmp_path, name):
    result = dutch(name, "--onzin")
    assert result.returncode == 2
    # a command that needs an argument says what is missing first; the others name the wrong option
    assert "fout: onbekende argumenten: --onzin" in result.stderr or "fout: deze argumenten ontbreken" in result.stderr
    assert result.stderr.startswith("gebruik: copsession ")
    assert english_in(result.stderr, tmp_path) == [], result.stderr


@pytest.mark.parametrize(
    "line, said",
    [
        (["traject", "--elke", "x"], "--elke: verwacht een geheel getal, niet 'x'"),
        (["trajectory", "--every", "x"], "--elke: verwacht een geheel getal, niet 'x'"),
        (["traject", "--start", "gisteren"], "gisteren"),
        (["exporteren", "x.md"], "deze argumenten ontbreken: --als"),
        (["export", "x.md", "--to", "pdf"], "--als: ongeldige keuze: 'pdf'"),
        (["taal", "xx"], "ongeldige keuze: 'xx'"),
        (["controleren"], "deze argumenten ontbreken: WERKBLAD"),
        (["controleren", "bestaat-niet.toml"], "bestaat-niet.toml"),
        (["hervatten"], "Geen onderbroken bijeenkomst in de map"),
        (["verloop"], "Geen bijeenkomsten in de map"),
        (["rapportage"], "Nog geen bijeenkomsten van een traject in de map"),
        (["samenvatting", "bestaat-niet.json"], "bestaat-niet.json"),
        (["publiek", "--poort", "x"], "--poort: verwacht een geheel getal"),
        (["starten", "--thema"], "--thema: verwacht één waarde"),
    ],
)
def test_wrong_values_and_missing_things_are_told_in_dutch(dutch, tmp_path, line, said):
    result = dutch(*line)
    assert result.returncode != 0
    assert said in result.stderr, result.stderr
    assert english_in(result.stdout + result.stderr, tmp_path, "bestaat-niet.toml", "bestaat-niet.json") == [], (
        result.stderr
    )


def test_the_trajectory_commands_speak_dutch_and_write_dutch_files(dutch, tmp_path):
    said = []
    for line in (
        ["taal"],
        ["lijst"],
        ["agenda", "regular.nl"],
        ["nieuw", "mijn.toml"],
        ["controleren", "mijn.toml"],
        ["traject", "--traject", "Haven", "--start", "14-01-2027", "--locatie", "Gemeentehuis", "--aantal", "4"],
        ["traject"],
        ["traject", "--verlengen", "1"],
        ["volgende"],
    ):
        result = dutch(*line)
        assert result.returncode == 0, (line, result.stderr)
        said.append(result.stdout + result.stderr)
    written = next(tmp_path.glob("2027-01-14-*.toml"))
    assert dutch("controleren", written.name).returncode == 0
    files = {p.name for p in tmp_path.iterdir() if p.is_file()}
    assert {"mijn.toml", "werkblad.schema.json", written.name} <= files
    assert {"traject.toml", "traject.ics"} <= {p.name for p in (tmp_path / "verslagen").iterdir()}
    assert "copsession controleren mijn.toml" in said[3] and "Werkblad aangemaakt" in said[8]
    assert english_in("\n".join(said), tmp_path, "mijn.toml", written.name) == [], said


def test_a_whole_meeting_in_dutch_in_the_real_terminal(tmux_factory, tmp_path):
    """Plain `copsession` for a Dutch user: the Dutch regular meeting, every step, the help, the
    pulse, saved and closed — no English word on any screen."""
    session = tmux_factory(env={"LANG": "nl_NL.UTF-8", "COPSESSION_LANG": "", "LC_ALL": "", "LC_MESSAGES": ""})
    screens = [session.wait_for("Aanwezigheid")]
    session.keys("Space")
    session.keys("PageDown")
    screens.append(session.wait_for("Aan het woord"))
    for step in range(6):
        session.text(f"Aantekening {step + 1}")
        session.keys("Enter")
        screens.append(session.wait_for(f"Aantekening {step + 1}"))
        session.keys("F1")
        screens.append(session.wait_for("Toetsen"))
        session.keys("Escape")
        session.keys("PageDown")
        screens.append(session.screen())
    session.keys("F3")
    screens.append(session.wait_for("koers"))
    session.keys("Escape")
    session.keys("C-s")
    screens.append(session.wait_for("Verslag opgeslagen"))
    session.keys("C-q")
    session.wait_gone()
    leaks = {word for screen in screens for word in english_in(screen, tmp_path)}
    assert leaks == set(), "\n\n".join(screens)
    minutes = next((tmp_path / "verslagen").glob("*.md")).read_text(encoding="utf-8")
    assert "Aantekening 6" in minutes and english_in(minutes, tmp_path) == []
