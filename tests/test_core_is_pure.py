"""The core must work without Textual: prove it in a fresh interpreter."""

import subprocess
import sys

CORE = ["worksheet", "forms", "record", "capture", "minutes", "storage", "i18n", "clock",
        "bundled", "starter", "cli"]


def test_core_modules_do_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import copsession.{m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported Textual: {result.stdout}"
