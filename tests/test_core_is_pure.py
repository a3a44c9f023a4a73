"""The core must work without Textual: prove it for every core module, in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import copsession

CORE = sorted(m.name for m in pkgutil.iter_modules(copsession.__path__) if m.name != "ui")


def test_every_core_module_is_listed():
    assert {
        "engine",
        "changes",
        "kinds",
        "record",
        "recordfile",
        "persistence",
        "index",
        "series",
        "capture",
        "minutes",
        "brief",
        "worksheet",
        "storage",
        "i18n",
        "clock",
        "cli",
    } <= set(CORE)


def test_core_modules_do_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import copsession.{m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.') or m == 'rich')\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported Textual: {result.stdout}"


def test_the_ui_leaves_files_to_the_session():
    """No module under ui/ reads or writes records, locks, the index or files itself: opening,
    locking, saving and following a meeting go through copsession.session (and the audience's
    follower, copsession.running). Imports inside functions count too."""
    import ast
    from pathlib import Path

    forbidden = {"copsession.persistence", "copsession.recordfile", "copsession.storage", "copsession.index"}
    ui = Path(copsession.__file__).parent / "ui"
    found = []
    for path in sorted(ui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            found += [f"{path.name}:{node.lineno} {name}" for name in names if name in forbidden]
    assert found == []
