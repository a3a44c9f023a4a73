"""Where copsession keeps what belongs to the facilitator rather than to a CoP: the settings, the
translations they add, and a cache. Only the standard library, so that anything may import it."""

from __future__ import annotations

import os
from pathlib import Path


def config_folder() -> Path:
    """``$COPSESSION_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/copsession``, else ``~/.config/copsession``."""
    explicit = os.environ.get("COPSESSION_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "copsession"


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/copsession``, else ``~/.cache/copsession``: nothing in it is needed (all of
    it is made again when missing)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "copsession"
