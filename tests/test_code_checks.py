"""The code's own checks run with the tests: ruff (lint and format) and mypy (types), configured in
pyproject.toml. A failure names the file and line, as the tools print them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "src", "tests", "benchmarks"), ("ruff", "format", "--check", "src", "tests", "benchmarks")],
    ids=["lint", "format"],
)
def test_ruff_finds_nothing(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    """Every module type-checks; the engine, its changes, the session and the store strictly."""
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
