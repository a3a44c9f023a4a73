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


def _imports_at_run_time(path, module: str, modules: set[str]) -> set[str]:
    """The copsession modules ``module`` (at ``path``) imports when it runs: at the top or inside
    functions, but not under ``if TYPE_CHECKING:`` (those are for the type checker only)."""
    import ast

    found: set[str] = set()

    def visit(node) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                found.add(child.module)
                found.update(f"{child.module}.{a.name}" for a in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in modules and name != module}


def test_no_module_imports_itself_round_about():
    """No import cycles between copsession's modules, counting imports inside functions: a module
    that needs the app's type for a cast imports it under ``TYPE_CHECKING`` only."""
    from pathlib import Path

    src = Path(copsession.__file__).parent.parent
    paths = {}
    for path in (src / "copsession").rglob("*.py"):
        parts = path.relative_to(src).with_suffix("").parts
        paths[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: _imports_at_run_time(path, name, set(paths)) for name, path in paths.items()}

    def reaches(start: str, goal: str) -> list[str] | None:
        """A path of imports from ``start`` back to ``goal``, if there is one."""
        seen, todo = {start}, [[start]]
        while todo:
            trail = todo.pop()
            for following in sorted(graph[trail[-1]]):
                if following == goal:
                    return trail + [goal]
                if following not in seen:
                    seen.add(following)
                    todo.append(trail + [following])
        return None

    cycles = [" → ".join(trail) for name in sorted(graph) if (trail := reaches(name, name))]
    assert cycles == []
    assert "copsession.ui.screens.meeting" in graph and graph["copsession.ui.screens.meeting"]  # it did look
