"""The app's bottom layers, checked statically (import-linter cannot name Qt's submodules).

* ``jacdesk/app/state`` holds state only: it imports QtCore, never QtWidgets, QtGui (or any
  other part of Qt that draws), pyqtgraph or OpenGL.
* ``state`` and ``system`` are independent siblings at the bottom of the app: neither
  imports the other, and neither imports a higher app layer.
* Nothing in the app imports :mod:`jacdesk.app.window.main_window` except ``main``: the
  menus, the document and the lessons get what they need, never the window.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "jacdesk" / "app"
STATE = APP / "state"
SYSTEM = APP / "system"

#: What draws: widgets, painting, OpenGL, SVG, plots.
DRAWING = (
    "PySide6.QtWidgets",
    "PySide6.QtGui",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg",
    "pyqtgraph",
    "OpenGL",
)
#: The app's layers above state and system.
HIGHER = tuple(f"jacdesk.app.{layer}" for layer in ("widgets", "plots", "views", "window", "main"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    return _imported(tree, package)


def _imported(tree: ast.AST, package: str) -> Iterator[tuple[int, str]]:
    """Relative imports resolved against ``package``; a ``from X import name`` also yields
    ``X.name`` (so ``from PySide6 import QtWidgets`` is seen as PySide6.QtWidgets)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                module = f"{base}.{module}" if module else base
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for line, module in imports(path)
        if _under(module, forbidden)
    ]


def test_state_imports_no_widgets_no_gui_and_no_drawing() -> None:
    assert sorted(p.name for p in STATE.glob("*.py"))  # the scan has something to scan
    assert _offenders(STATE, DRAWING) == []


@pytest.mark.parametrize(
    ("folder", "sibling"), [(STATE, "jacdesk.app.system"), (SYSTEM, "jacdesk.app.state")]
)
def test_state_and_system_are_independent_bottom_layers(folder: Path, sibling: str) -> None:
    assert _offenders(folder, (sibling, *HIGHER)) == []


def test_only_main_knows_the_main_window() -> None:
    users = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(APP.rglob("*.py"))
        if path.name not in ("main.py", "main_window.py")
        for line, module in imports(path)
        if _under(module, ("jacdesk.app.window.main_window",))
    ]
    assert users == []


def test_the_scanner_sees_every_form_of_import() -> None:
    """Self-check, so that a scanner bug cannot make the tests above pass vacuously."""
    src = (
        "from PySide6 import QtWidgets\n"
        "from PySide6.QtGui import QColor\n"
        "import pyqtgraph as pg\n"
        "from ..system import settings\n"
        "from ..window.main_window import MainWindow\n"
        "from .controller import Controller\n"
        "from PySide6.QtCore import QObject\n"
    )
    found = {m for _, m in _imported(ast.parse(src), "jacdesk.app.state")}
    assert {"PySide6.QtWidgets", "PySide6.QtGui.QColor", "pyqtgraph"} <= found
    assert {"jacdesk.app.system.settings", "jacdesk.app.window.main_window"} <= found
    assert "jacdesk.app.state.controller" in found
    drawing = {m for m in found if _under(m, DRAWING)}
    assert drawing == {"PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtGui.QColor", "pyqtgraph"}
