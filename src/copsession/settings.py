"""The facilitator's own settings (the theme), remembered between meetings.

Stored as TOML in ``$COPSESSION_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/copsession``,
else ``~/.config/copsession``. A missing or broken file means the defaults; a file
that cannot be written is reported, never fatal.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from copsession.i18n import languages
from copsession.places import config_folder
from copsession.storage import StorageError, atomic_write, ensure_folder


def settings_path() -> Path:
    """Where the settings file lives."""
    return config_folder() / "settings.toml"


def load_settings() -> dict:
    """The saved settings, or ``{}`` when there are none or they cannot be read."""
    try:
        data = tomllib.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_setting(key: str, value: str) -> StorageError | None:
    """Remember ``key = value``; the reason, if it could not be saved."""
    import tomli_w  # lazy: only when writing; 0.5 ms at start-up (importtime, 7 Dec 2026)

    path = settings_path()
    data = load_settings()
    data[key] = value
    try:
        ensure_folder(path.parent)
        atomic_write(path, tomli_w.dumps(data))
    except StorageError as error:
        return error
    return None


def user_language() -> str:
    """The language of what belongs to no worksheet (the command line, the audience window before a
    meeting, ``copsession new``): the one remembered in the settings (``language``, set with
    ``copsession language``), else ``$COPSESSION_LANG``, else the locale (``$LC_ALL``,
    ``$LC_MESSAGES``, ``$LANG``: ``nl_NL.UTF-8`` is Dutch); English otherwise."""
    return language_source()[2]


def language_source() -> tuple[str, str, str]:
    """Where the user's language comes from: ``("setting", "nl", "nl")``, ``("env", "COPSESSION_LANG=nl",
    "nl")``, ``("locale", "LANG=nl_NL.UTF-8", "nl")`` or ``("default", "", "en")`` — the source, what
    it says, and the language."""
    remembered = load_settings().get("language")
    if isinstance(remembered, str) and remembered in languages():
        return "setting", remembered, remembered
    for variable in ("COPSESSION_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:  # "nl", "nl_NL.UTF-8", "nl_BE@euro": the language is what comes before "_", "." or "@"
            code = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0].lower()
            source = "env" if variable == "COPSESSION_LANG" else "locale"
            return source, f"{variable}={value}", code if code in languages() else "en"
    return "default", "", "en"
