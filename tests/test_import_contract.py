"""The core and the CLI stay free of Qt/GL, and nothing evaluates strings as code.

* jacdesk, jacdesk.core (every module) and jacdesk.cli import in a fresh interpreter
  without pulling in PySide6, shiboken6, pyqtgraph or OpenGL (nor jacdesk.app).
* The same holds statically: no import statement in jacdesk/core or jacdesk/cli.py names
  those packages.
* No code under jacdesk/ calls eval/exec, sympify, parse_expr or lambdify: expressions
  typed by a user go through jacdesk's own parser, never through Python's.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "jacdesk"
CORE = PKG / "core"
CLI = PKG / "cli"

GUI_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph", "OpenGL")
# Modules of ours that may (later) import Qt; the core and CLI must not reach them.
GUI_MODULES_OF_OURS = ("jacdesk.app",)

# Called by bare name (``eval(s)``, ``exec(s)``, ``compile(s, ...)``) these run or build code from strings.
# ``model.eval()`` (torch) and ``app.exec()`` (Qt) are methods, not that, and are allowed.
BANNED_BUILTIN_CALLS = frozenset({"eval", "exec", "compile"})
# sympy's string-to-code paths: banned as names, as attributes (``sp.sympify``) and as
# imported names (``from sympy import sympify as S`` would hide the call).
BANNED_SYMPY_CALLS = frozenset({"sympify", "parse_expr", "lambdify"})


def _require_core() -> None:
    if not CORE.is_dir() or not (CORE / "__init__.py").is_file():
        pytest.skip("jacdesk/core is not there yet")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _core_and_cli_files() -> list[Path]:
    return sorted(CORE.rglob("*.py")) + sorted(CLI.rglob("*.py"))


def _is_forbidden(module: str) -> bool:
    top = module.split(".", 1)[0]
    return top in GUI_PACKAGES or any(
        module == ours or module.startswith(ours + ".") for ours in GUI_MODULES_OF_OURS
    )


def _imported_modules(path: Path, tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in *tree*, relative ones resolved."""
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # ``from jacdesk import app``
                yield node.lineno, f"{module}.{alias.name}"


def test_core_and_cli_import_without_gui_packages() -> None:
    _require_core()
    script = r"""
import importlib, json, pkgutil, sys
import jacdesk, jacdesk.core
names = ["jacdesk", "jacdesk.core"]
def boom(name):
    raise ImportError(f"cannot import {name}")
for info in pkgutil.walk_packages(jacdesk.core.__path__, "jacdesk.core.", onerror=boom):
    importlib.import_module(info.name)
    names.append(info.name)
import jacdesk.cli
names.append("jacdesk.cli")
for info in pkgutil.walk_packages(jacdesk.cli.__path__, "jacdesk.cli.", onerror=boom):
    if info.name != "jacdesk.cli.__main__":  # running it would start the command line
        importlib.import_module(info.name)
        names.append(info.name)
print(json.dumps({"imported": names, "modules": sorted(sys.modules)}))
"""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, f"importing the core failed:\n{proc.stderr}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "jacdesk.core" in result["imported"]
    offenders = [m for m in result["modules"] if _is_forbidden(m)]
    assert offenders == [], (
        f"importing {result['imported']} pulled in GUI modules: {offenders[:20]}"
    )


def test_core_and_cli_sources_do_not_import_gui_packages() -> None:
    _require_core()
    problems = []
    for path in _core_and_cli_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported_modules(path, tree):
            if _is_forbidden(module):
                problems.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert problems == [], "\n".join(problems)


def _string_code_calls(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and (
                func.id in BANNED_BUILTIN_CALLS or func.id in BANNED_SYMPY_CALLS
            ):
                yield node.lineno, f"{func.id}("
            elif isinstance(func, ast.Attribute) and (
                func.attr in BANNED_SYMPY_CALLS
                or (
                    func.attr in BANNED_BUILTIN_CALLS
                    and isinstance(func.value, ast.Name)
                    and func.value.id in {"builtins", "__builtins__"}
                )
            ):
                yield node.lineno, f".{func.attr}("
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in BANNED_SYMPY_CALLS:
                    yield node.lineno, f"import of {alias.name}"


def test_nothing_under_jacdesk_evaluates_strings_as_code() -> None:
    if not PKG.is_dir():
        pytest.skip("jacdesk/ is not there yet")
    problems = []
    for path in sorted(PKG.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, what in _string_code_calls(tree):
            problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert problems == [], "\n".join(problems)


def test_the_scanners_catch_what_they_are_meant_to() -> None:
    """Self-check, so that a scanner bug cannot make the contract pass vacuously."""
    src = (
        "import PySide6.QtCore\n"
        "from pyqtgraph import PlotWidget\n"
        "from ..app import main\n"
        "from jacdesk import app\n"
        "import numpy\n"
    )
    fake = CORE / "fake.py"
    found = [m for _, m in _imported_modules(fake, ast.parse(src)) if _is_forbidden(m)]
    assert "PySide6.QtCore" in found
    assert "pyqtgraph" in found
    assert "jacdesk.app" in found
    assert "jacdesk.app.main" in found
    assert not any(m.startswith("numpy") for m in found)

    calls = (
        "eval(s)\nexec(s)\nsp.sympify(s)\nparse_expr(s)\nsympy.lambdify(x, e)\n"
        "from sympy import sympify as S\n"
        "model.eval()\napp.exec()\nbuiltins.eval(s)\n"
    )
    hits = [what for _, what in _string_code_calls(ast.parse(calls))]
    assert hits.count("eval(") == 1
    assert hits.count("exec(") == 1
    assert ".sympify(" in hits and "parse_expr(" in hits and ".lambdify(" in hits
    assert "import of sympify" in hits
    assert ".eval(" in hits  # builtins.eval(...)
    assert len(hits) == 7  # model.eval() and app.exec() are not flagged


def test_import_contracts_hold() -> None:
    """The layer orders, the Qt-free core and CLI, and no circles, as pyproject.toml states them.

    ``lint-imports`` (import-linter) reads ``[tool.importlinter]``; any broken contract fails CI.
    """
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    proc = subprocess.run(
        [lint, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "BROKEN" not in proc.stdout


def test_core_keeps_few_loose_modules() -> None:
    """Core is grouped by concern: at most 6 modules beside its 3–8 subpackages."""
    _require_core()
    loose = sorted(p.name for p in CORE.glob("*.py") if p.name != "__init__.py")
    packages = sorted(p.name for p in CORE.iterdir() if (p / "__init__.py").is_file())
    assert len(loose) <= 6, loose
    assert 3 <= len(packages) <= 8, packages
