"""The command line's words: every command and option has an English and a Dutch name, and every
help text comes from the catalogs, in the user's language. Both names work in either language: before
parsing, :func:`in_language` writes the other language's names as the user's, so that help, usage
lines and errors name only the user's words (a Dutch user never meets ``--minutes-dir``; a script
written with it still works). argparse's own words ("usage:", its errors) come from the same catalogs
through gettext: see :func:`copsession.i18n.translate_argparse`."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copsession import __version__
from copsession.bundled import default_worksheet
from copsession.cli.common import _date_argument, _whole_number
from copsession.i18n import Catalog, languages
from copsession.settings import language_source

NAMES: dict[str, str] = {
    "run": "starten",
    "resume": "hervatten",
    "show": "publiek",
    "validate": "controleren",
    "list": "lijst",
    "plan": "agenda",
    "schema": "schema",
    "history": "verloop",
    "brief": "samenvatting",
    "trajectory": "traject",
    "next": "volgende",
    "report": "rapportage",
    "export": "exporteren",
    "new": "nieuw",
    "language": "taal",
}
"""Every command's English name and its Dutch one, in the order help lists them."""

ALIASES = {dutch: english for english, dutch in NAMES.items() if dutch != english}
"""The Dutch names, to the English name the code knows a command by."""

COMMANDS = tuple(NAMES) + tuple(ALIASES)
"""Every name a command can be given: a first word that is none of these is a worksheet."""


def english_name(command: str) -> str:
    """The English name of a command given by either name."""
    return ALIASES.get(command, command)


def command_name(command: str, language: str) -> str:
    """How ``command`` (its English name) is called in ``language``: what messages tell people to type."""
    return NAMES[command] if language == "nl" else command


@dataclass(frozen=True)
class Argument:
    """An option (with its English and Dutch names) or, without names, a positional argument."""

    dest: str
    help: str | None
    """The catalog key of its help text (which may name ``{default}``)."""
    metavar: str | None = None
    """The catalog key of the word that stands for its value in help (``cli.metavar.…``)."""
    english: str | None = None
    dutch: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)

    def name(self, language: str) -> str | None:
        """The option's name in ``language`` (None for a positional argument)."""
        return self.dutch if language == "nl" and self.dutch else self.english


def _option(english: str, dutch: str | None, dest: str, help: str, metavar: str | None = None, **settings) -> Argument:
    return Argument(dest, help, metavar, english, dutch, settings)


def _positional(dest: str, help: str | None, metavar: str, **settings) -> Argument:
    return Argument(dest, help, metavar, None, None, settings)


_FOLDER = _option("--minutes-dir", "--map", "minutes_dir", "cli.option.minutes_dir", "cli.metavar.folder", type=Path)
_BELL = _option("--bell", "--bel", "bell", "cli.option.bell", action="store_true")
_THEME = _option("--theme", "--thema", "theme", "cli.option.theme", "cli.metavar.theme")
_FORMATS = ("docx", "odt", "html")


def _series(help: str) -> Argument:
    return _option("--series", "--traject", "series", help, "cli.metavar.name")


def _language(help: str) -> Argument:
    return _option("--lang", "--taal", "lang", help, "cli.metavar.language", choices="languages")


ARGUMENTS: dict[str, list[Argument]] = {
    "run": [
        _positional("worksheet", "cli.arg.worksheet_default", "cli.metavar.worksheet", nargs="?", default="default"),
        _FOLDER,
        _BELL,
        _THEME,
        _option("--practice", "--oefenen", "practice", "cli.option.practice", action="store_true"),
        _option("--participants", "--deelnemers", "participants", "cli.option.participants", action="store_true"),
        _option("--network", "--netwerk", "network", "cli.option.participants_network", action="store_true"),
        _option("--host", "--adres", "host", "cli.option.participants_host", "cli.metavar.address"),
        _option(
            "--port", "--poort", "port", "cli.option.participants_port", "cli.metavar.port", type="whole", default=0
        ),
    ],
    "resume": [_FOLDER, _BELL, _THEME],
    "show": [
        _FOLDER,
        _option("--web", "--browser", "web", "cli.option.web", action="store_true"),
        _option("--port", "--poort", "port", "cli.option.port", "cli.metavar.port", type="whole", default=8000),
        _option("--host", "--adres", "host", "cli.option.host", "cli.metavar.address"),
        _option("--network", "--netwerk", "network", "cli.option.network", action="store_true"),
        _series("cli.option.show_series"),
    ],
    "validate": [_positional("files", "cli.arg.worksheets", "cli.metavar.worksheet", nargs="+")],
    "list": [_option("--all", "--alle", "all", "cli.option.list_all", action="store_true")],
    "plan": [_positional("worksheet", "cli.arg.worksheet", "cli.metavar.worksheet")],
    "schema": [_positional("path", "cli.arg.schema_path", "cli.metavar.file", type=Path, nargs="?")],
    "history": [_FOLDER, _series("cli.option.history_series")],
    "brief": [_positional("source", "cli.arg.brief_source", "cli.metavar.record_or_minutes", type=Path)],
    "trajectory": [
        _FOLDER,
        _series("cli.option.trajectory_series"),
        _option("--start", "--start", "start", "cli.option.start", "cli.metavar.date", type="date"),
        # no defaults here for what may change an existing plan: None says "not given" (a new plan's
        # defaults, every 6 weeks at 14:00 for 150 minutes, are make_plan's)
        _option("--every", "--elke", "every", "cli.option.every", "cli.metavar.weeks", type="whole"),
        _option(
            "--meetings", "--aantal", "meetings", "cli.option.meetings", "cli.metavar.count", type="whole", default=10
        ),
        _option("--weekday", "--weekdag", "weekday", "cli.option.weekday", "cli.metavar.weekday"),
        _option("--time", "--tijd", "time", "cli.option.time", "cli.metavar.time"),
        _option("--length", "--duur", "length", "cli.option.length", "cli.metavar.minutes", type="whole"),
        _option("--location", "--locatie", "location", "cli.option.location", "cli.metavar.location"),
        _option("--country", "--land", "country", "cli.option.country", "cli.metavar.country"),
        _option("--question", "--vraag", "question", "cli.option.question", "cli.metavar.text"),
        _option("--scope", "--afbakening", "scope", "cli.option.scope", "cli.metavar.text"),
        _option("--facilitator", "--facilitator", "facilitator", "cli.option.facilitator", "cli.metavar.name"),
        _option(
            "--participant",
            "--deelnemer",
            "participants",
            "cli.option.participant",
            "cli.metavar.member",
            action="append",
            default=[],
        ),
        _option(
            "--remove-participant",
            "--zonder-deelnemer",
            "remove",
            "cli.option.remove_participant",
            "cli.metavar.name",
            action="append",
            default=[],
        ),
        _option("--check", "--toets", "checks", "cli.option.check", "cli.metavar.checks", action="append", default=[]),
        _language("cli.option.trajectory_language"),
        _option("--extend", "--verlengen", "extend", "cli.option.extend", "cli.metavar.n", type="whole", default=0),
        _option("--shorten", "--inkorten", "shorten", "cli.option.shorten", "cli.metavar.n", type="whole", default=0),
    ],
    "next": [
        _FOLDER,
        _series("cli.option.next_series"),
        _option("--out", "--naar", "out", "cli.option.out", "cli.metavar.file", type=Path),
        _option("--keep", "--houden", "keep", "cli.option.keep", "cli.metavar.numbers"),
    ],
    "report": [
        _FOLDER,
        _series("cli.option.next_series"),
        _option("--to", "--als", "formats", "cli.option.report_to", action="append", choices=_FORMATS, default=[]),
    ],
    "export": [
        _positional("source", "cli.arg.export_source", "cli.metavar.markdown", type=Path),
        _option("--to", "--als", "formats", "cli.option.export_to", action="append", choices=_FORMATS, required=True),
        _language("cli.option.export_language"),
    ],
    "new": [
        _positional("path", "cli.arg.new_path", "cli.metavar.file", type=Path),
        _language("cli.option.new_language"),
    ],
    "language": [_positional("language", "cli.arg.language", "cli.metavar.language", nargs="?", choices="languages")],
}
"""What each command takes (by its English name)."""


def option_name(dest: str, language: str) -> str:
    """How an option (by what it sets) is called in ``language``: what messages tell people to type."""
    for arguments in ARGUMENTS.values():
        for argument in arguments:
            if argument.dest == dest and argument.english:
                return argument.name(language) or argument.english
    raise KeyError(dest)


def _help_text(text: str) -> str:
    """A help text as argparse takes it: its own ``%`` formatting must not see ours."""
    return text.replace("%", "%%")


def _add(parser: argparse.ArgumentParser, argument: Argument, tr: Catalog, default_run: str) -> None:
    settings = dict(argument.settings)
    kind = settings.pop("type", None)
    if kind == "whole":
        settings["type"] = _whole_number
    elif kind == "date":
        settings["type"] = _date_argument
    elif kind is not None:
        settings["type"] = kind
    if settings.get("choices") == "languages":
        settings["choices"] = languages()
    if settings.get("default") == "default":
        settings["default"] = default_run
    if argument.metavar is not None and ("choices" not in settings or argument.english is None):
        settings["metavar"] = tr(argument.metavar)
    if argument.help is not None:
        settings["help"] = _help_text(tr(argument.help, default=settings.get("default", "")))
    name = argument.name(tr.language)
    if name is None:
        parser.add_argument(argument.dest, **settings)
    else:
        parser.add_argument(name, dest=argument.dest, **settings)


_HELP = ("--help", "--hulp")
_VERSION = ("--version", "--versie")


def _help_option(parser: argparse.ArgumentParser, tr: Catalog) -> None:
    name = _HELP[1] if tr.language == "nl" else _HELP[0]
    parser.add_argument("-h", name, action="help", default=argparse.SUPPRESS, help=_help_text(tr("cli.option.help")))


def in_language(args: list[str], language: str) -> list[str]:
    """The command line with every command and option name given in the other language written as
    ``language``'s (``--minutes-dir`` → ``--map`` for a Dutch user), so that the parser, its help and
    its errors know the user's words only. Values are left alone, and so is everything after ``--``."""
    if not args:
        return []
    out = list(args)
    command = english_name(out[0]) if out[0] in COMMANDS else None
    if command is not None:
        out[0] = command_name(command, language)
    pick = 1 if language == "nl" else 0
    names = {name: pair[pick] for pair in (_HELP, _VERSION) for name in pair}
    for argument in ARGUMENTS.get(command or "", []):
        if argument.english is not None:
            own = argument.name(language) or argument.english
            names.update({argument.english: own, argument.dutch or argument.english: own})
    for index in range(0 if command is None else 1, len(out)):
        word = out[index]
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if name in names:
            out[index] = names[name] + equals + value
    return out


def _parser(language: str, only: str | None = None) -> argparse.ArgumentParser:
    """The command line in ``language``; with ``only`` (an English command name), the parser of that
    one command (the others are not built: a meeting opens a few milliseconds sooner). Help and error
    messages are the same either way."""
    tr = Catalog(language)
    default_run = default_worksheet(language)
    epilog = None
    if only is None:  # the overview's closing lines (they read the settings) only where it can be shown
        epilog = tr("cli.epilog", default=default_run) + " " + tr("cli.other_names") + "\n\n" + language_note(tr)
    parser = argparse.ArgumentParser(
        prog="copsession",
        description=_help_text(tr("cli.description")),
        epilog=_help_text(epilog) if epilog else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    _help_option(parser, tr)
    parser.add_argument(
        _VERSION[1] if language == "nl" else _VERSION[0],
        action="version",
        version=f"copsession {__version__}",
        help=_help_text(tr("cli.option.version")),
    )
    sub = parser.add_subparsers(dest="command", metavar=tr("cli.metavar.command"))
    for command, arguments in ARGUMENTS.items():
        if only is not None and command != only:
            continue
        summary = _help_text(tr(f"cli.command.{command}"))
        command_parser = sub.add_parser(
            command_name(command, language),
            help=summary,
            description=summary,
            add_help=False,
        )
        _help_option(command_parser, tr)
        for argument in arguments:
            _add(command_parser, argument, tr, default_run)
    return parser


def language_note(tr: Catalog) -> str:
    """Which language the command line speaks, where that comes from, and how to change it."""
    source = language_source()
    return tr(
        "cli.language_note",
        language=tr(f"language.{tr.language}") if tr.has(f"language.{tr.language}") else tr.language,
        source=tr(f"cli.language_from.{source[0]}", value=source[1]),
        command=command_name("language", tr.language),
    )
