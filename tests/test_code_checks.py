"""The code's own checks run with the tests: ruff (lint and format) and mypy (types), configured in
pyproject.toml. A failure names the file and line, as the tools print them."""

from __future__ import annotations

import ast
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


# -- how hard each function is to change ------------------------------------------------ #

MOST_BRANCHES = 25
"""The most decisions a function may hold, counted as below (ruff's C901 counts fewer: it skips
``and``/``or`` and the ``if`` of a comprehension, which are decisions a reader must follow too)."""

ALLOWED_ABOVE = {
    "copsession.trajectory.next_worksheet": (32, "the next worksheet, key by key; not split yet"),
    "copsession.minutes.render_minutes": (28, "the minutes' head, participants, agenda and carry-over in order"),
    "copsession.worksheet._build": (28, "every top-level key of a worksheet checked in one pass"),
}
"""Functions known to be above :data:`MOST_BRANCHES`, each with its count today (it may not grow)
and why it is not split yet. A function split below the limit leaves this list."""


def _decisions(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """1 + each ``if``, conditional expression, loop, ``except``, ``case``, ``assert``, each extra
    operand of ``and``/``or``, and each comprehension's loop and its ``if``s; a function defined
    inside counts on its own."""
    count = 1
    stack: list[ast.AST] = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(
            node, (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.match_case, ast.Assert)
        ):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += 1 + len(node.ifs)
        stack.extend(ast.iter_child_nodes(node))
    return count


def _functions() -> dict[str, int]:
    """Every function and method of the package by dotted name (``module.function``), with its count."""
    found: dict[str, int] = {}
    source = ROOT / "src"
    for path in sorted((source / "copsession").rglob("*.py")):
        module = ".".join(path.relative_to(source).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{module}.{node.name}"
                found[name] = max(found.get(name, 0), _decisions(node))
    return found


def test_no_function_holds_too_many_decisions() -> None:
    counts = _functions()
    too_many = [
        f"{name}: {count} (at most {ALLOWED_ABOVE.get(name, (MOST_BRANCHES,))[0]})"
        for name, count in sorted(counts.items())
        if count > max(MOST_BRANCHES, ALLOWED_ABOVE.get(name, (MOST_BRANCHES,))[0])
    ]
    assert too_many == [], "split these into named pieces:\n" + "\n".join(too_many)
    no_longer = [name for name, (allowed, _) in ALLOWED_ABOVE.items() if counts.get(name, 0) <= MOST_BRANCHES]
    assert no_longer == [], f"below the limit now: take them out of ALLOWED_ABOVE: {no_longer}"


def test_the_trajectorys_summary_and_report_stay_small() -> None:
    """The functions issue 20 split: none of their pieces above 15."""
    counts = _functions()
    pieces = [
        name
        for name in counts
        if name.startswith(("copsession.series.", "copsession.trajectory."))
        and name.rsplit(".", 1)[1]
        in {"summarise", "render_report", "_note_sections", "_own_sections", "_listed", "_actions", "_taken_back"}
    ]
    assert len(pieces) == 7
    assert {name: counts[name] for name in pieces if counts[name] > 15} == {}
