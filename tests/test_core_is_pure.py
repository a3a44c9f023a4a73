"""The core must work without Textual: prove it for every core module, in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import copsession

CORE = sorted(m.name for m in pkgutil.iter_modules(copsession.__path__) if m.name != "ui")


def test_every_core_module_is_listed():
    assert {"engine", "changes", "kinds", "record", "recordfile", "persistence", "index", "series", "capture",
            "minutes", "brief", "worksheet", "storage", "i18n", "clock", "cli"} <= set(CORE)


def test_core_modules_do_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import copsession.{m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.') or m == 'rich')\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported Textual: {result.stdout}"
