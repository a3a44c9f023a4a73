"""Public Textual API only, except the three uses in ``ui/textual_private.py``; each of those fails
loudly here when Textual changes what it relies on (run this file before moving Textual's pin)."""

from __future__ import annotations

import ast
import codecs
import importlib
import inspect
import re
import tomllib
from pathlib import Path

import pytest
from textual.app import App
from textual.dom import DOMNode

SRC = Path(__file__).resolve().parents[1] / "src" / "copsession"
PRIVATE_MODULE = SRC / "ui" / "textual_private.py"
ROOT = SRC.parents[1]


def _sources() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if p != PRIVATE_MODULE]


def _our_names() -> set[str]:
    """Every name copsession defines itself: functions, classes, attributes it assigns."""
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return names


PYTHON_PRIVATE = {"_exit", "_replace", "_asdict", "_fields", "_make", "_value_", "_name_", "_missing_"}
"""Private-looking names of Python itself (``os._exit``, named tuples, enums)."""


def test_no_private_textual_or_rich_import_outside_the_one_module():
    pattern = re.compile(r"^\s*(from|import)\s+(textual|rich)(\.\w+)*\._\w+", re.MULTILINE)
    found = [
        f"{p.relative_to(ROOT)}: {m.group(0).strip()}"
        for p in _sources()
        for m in pattern.finditer(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_private_name_used_outside_the_one_module():
    """Any ``x._name`` in copsession names something copsession defined itself (or Python's own)."""
    ours = _our_names() | PYTHON_PRIVATE
    used = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                if node.attr not in ours:
                    used.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
    assert used == []


def _classes_and_their_names():
    """Each class copsession defines in ``ui/`` with the names its own body defines."""
    for path in sorted((SRC / "ui").rglob("*.py")):
        if path == PRIVATE_MODULE:
            continue
        module = importlib.import_module("copsession." + ".".join(path.relative_to(SRC).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and hasattr(module, node.name):
                names = set()
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(item.name)
                    elif isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        names.add(item.target.id)
                yield getattr(module, node.name), names


def test_no_class_of_ours_overrides_a_private_textual_name():
    """What a class of ours defines with one underscore is never a name of Textual's classes above it
    (``NoteList._render`` shadowed ``Widget._render``: Ctrl+C on selected notes stopped the meeting).
    The exception hook, defined in ``ui/textual_private.py``, is the one allowed."""
    shadowed = []
    for cls, names in _classes_and_their_names():
        textual_bases = [base for base in cls.__mro__ if base.__module__.startswith(("textual.", "rich."))]
        for name in names:
            if name.startswith("_") and not name.startswith("__"):
                if any(name in vars(base) for base in textual_bases):
                    shadowed.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert shadowed == []


# -- each private use, checked against this Textual ------------------------------------------ #


def test_textual_is_pinned_to_the_version_these_checks_passed_with():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    from importlib.metadata import version

    pins = [d for d in project["project"]["dependencies"] if d.startswith("textual")]
    assert pins == [f"textual=={version('textual')}"]  # exactly, and the one installed
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8").split()
    assert f"textual=={version('textual')}" in constraints and f"rich=={version('rich')}" in constraints


def test_the_exception_hook_is_still_where_textual_sends_every_error():
    """(1) ``App._handle_exception(error)``: Textual's one place for unexpected errors."""
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
    from copsession.ui.textual_private import CalmCrashes, CalmStop

    seen: list[Exception] = []

    class Crashing(CalmCrashes, App[None]):
        def calm_stop(self, error: Exception) -> CalmStop:
            seen.append(error)
            return CalmStop("calm words")

        def on_mount(self) -> None:
            raise RuntimeError("a bug")

    import asyncio

    async def run() -> None:
        app = Crashing()
        with pytest.raises(CalmStop, match="calm words"):
            async with app.run_test():
                pass

    asyncio.run(run())
    assert [type(e) for e in seen] == [RuntimeError]


def test_the_footer_key_still_takes_what_the_footer_gives_it():
    """(2) ``textual.widgets._footer.FooterKey``: our footer builds its keys with it."""
    from copsession.ui.textual_private import FooterKey

    parameters = inspect.signature(FooterKey.__init__).parameters
    for name in ("key", "key_display", "description", "action", "disabled", "tooltip", "classes"):
        assert name in parameters, name
    assert issubclass(FooterKey, DOMNode)


def test_the_linux_driver_still_looks_its_decoder_up_in_its_module():
    """(3) ``linux_driver.getincrementaldecoder``: the driver must read it from its module when its
    input thread runs, or copsession's tolerant decoder is silently not used."""
    from textual.drivers import linux_driver

    from copsession.ui import terminal_input
    from copsession.ui.textual_private import replace_input_decoder

    source = inspect.getsource(linux_driver.LinuxDriver)
    assert re.search(r"(?<![.\w])getincrementaldecoder\(", source), "the driver no longer calls the module's name"
    assert linux_driver.getincrementaldecoder in (codecs.getincrementaldecoder, terminal_input._decoder_factory)
    terminal_input.tolerate_invalid_input()
    assert linux_driver.getincrementaldecoder is terminal_input._decoder_factory
    assert replace_input_decoder(terminal_input._decoder_factory) is False  # idempotent
    decoder = linux_driver.getincrementaldecoder("utf-8")()
    assert decoder.decode(b"a\xffb") == "a\ufffdb"
