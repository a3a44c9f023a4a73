"""The copsession command's non-interactive commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from copsession.cli import main
from copsession.participation import Opening
from copsession.worksheet import load_worksheet


def test_validate_ok_and_failing(tmp_path, capsys, small_text):
    good = tmp_path / "good.toml"
    good.write_text(small_text, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(small_text.replace("minutes = 10", "minuts = 10", 1), encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert "ok" in capsys.readouterr().err
    assert main(["validate", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: steps[1].minuts: unknown key, did you mean 'minutes'?" in err
    assert "Traceback" not in err


def test_validate_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.toml")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_list_shows_the_bundled_worksheets_of_the_users_language_and_all_on_request(capsys, monkeypatch):
    monkeypatch.setenv("COPSESSION_LANG", "en")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "regular.en" in out and " en " in out and "regular.nl" not in out
    assert "more worksheets in other languages: copsession list --all" in out
    assert main(["list", "--all"]) == 0
    out = capsys.readouterr().out
    assert "regular.en" in out and "regular.nl" in out and " nl " in out and "other languages" not in out
    monkeypatch.setenv("COPSESSION_LANG", "nl")
    assert main(["lijst"]) == 0
    out = capsys.readouterr().out
    assert "regular.nl" in out and "regular.en" not in out and "copsession lijst --alle" in out


def test_new_writes_a_valid_starter_in_each_language(tmp_path, capsys):
    for lang in ("en", "nl"):
        path = tmp_path / f"starter-{lang}.toml"
        assert main(["new", str(path), "--lang", lang]) == 0
        ws = load_worksheet(path)
        assert ws.language == lang
        assert "#" in path.read_text(encoding="utf-8")  # commented
    # never overwrites
    assert main(["new", str(tmp_path / "starter-en.toml")]) == 1
    assert "already exists" in capsys.readouterr().err


def test_run_with_a_broken_worksheet_prints_the_problem(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text("title = [", encoding="utf-8")
    assert main(["run", str(broken)]) == 1
    assert main([str(broken)]) == 1  # `copsession FILE` is `copsession run FILE`
    err = capsys.readouterr().err
    assert "TOML syntax error" in err and "line 1" in err


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "copsession", "list"], capture_output=True, text=True)
    assert result.returncode == 0 and "regular.en" in result.stdout


def test_options_without_a_command_go_to_run(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "copsession.cli.meeting.cmd_run",
        lambda name, folder, bell, theme, practice, participants: (
            seen.update(name=name, folder=str(folder), bell=bell, theme=theme, participants=participants) or 0
        ),
    )
    assert main(["--bell", "--theme", "projector-light"]) == 0
    # no folder given: the meeting's language chooses it (see test_storage's default-folder tests)
    assert seen == {
        "name": "regular.en",
        "folder": "None",
        "bell": True,
        "theme": "projector-light",
        "participants": None,
    }
    assert main(["regular.nl", "--minutes-dir", "elsewhere"]) == 0
    assert seen["name"] == "regular.nl" and seen["folder"] == "elsewhere"
    assert main(["regular.nl", "--deelnemers", "--netwerk", "--poort", "8123"]) == 0  # open to phones on the network
    assert seen["participants"] == Opening(None, 8123, True)


def test_a_closed_pipe_is_not_an_error():
    import os

    result = subprocess.run(
        f"{sys.executable} -m copsession list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "0"},
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_validate_takes_bundled_names_as_run_and_plan_do(capsys):
    assert main(["validate", "regular.nl", "kickoff.en"]) == 0
    out = capsys.readouterr().err  # like the problems: the output stays free for the files
    assert "regular.nl: in orde" in out and "kickoff.en: ok" in out


def test_brief_of_a_file_that_is_not_there_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COPSESSION_LANG", "nl")
    assert main(["brief", str(tmp_path / "weg.md")]) == 1
    assert capsys.readouterr().err.strip() == f"{tmp_path / 'weg.md'}: dit bestand of deze map bestaat niet"


@pytest.mark.parametrize(
    "argv",
    [
        ["run"],
        ["run", "regular.nl", "--bell", "--theme", "projector-light", "--minutes-dir", "m"],
        ["run", "--practice"],
        ["resume", "--minutes-dir", "m"],
        ["show", "--web", "--port", "8080"],
        ["validate", "a.toml", "b.toml"],
        ["list"],
        ["plan", "regular.en"],
        ["schema"],
        ["history", "--series", "A"],
        ["brief", "x.md"],
        ["traject", "--start", "2027-01-12", "--every", "5"],
        ["volgende", "--out", "n.toml"],
        ["rapportage", "--to", "docx"],
        ["export", "x.md", "--to", "odt"],
        ["new", "w.toml", "--lang", "nl"],
    ],
)
def test_the_parser_of_one_command_reads_the_line_as_the_whole_parser_does(argv):
    """Start-up builds only the parser of the command being run: it must read every command line the same."""
    from copsession.cli import ALIASES, _parser
    from copsession.cli.parser import in_language

    command = ALIASES.get(argv[0], argv[0])
    for language in ("en", "nl"):
        line = in_language(argv, language)
        assert vars(_parser(language, only=command).parse_args(line)) == vars(_parser(language).parse_args(line))
