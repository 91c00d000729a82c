"""The standalone bundle's spec and scripts (packaging/); the built bundle itself when present.

CI does not build the bundle (several minutes and ~0.9 GB, see README "Standalone bundle"):
the last test runs ``packaging/check_bundle.py`` only where ``dist/jacdesk`` was built.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "jacdesk.spec"
BUNDLE = ROOT / "dist" / "jacdesk"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _calls(tree: ast.AST, func: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func
    ]


def _keyword(call: ast.Call, name: str):
    for kw in call.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value) if isinstance(kw.value, ast.Constant) else kw.value
    return None


def test_scripts_exist():
    for name in ("jacdesk.spec", "launch_jacdesk.py", "launch_jacdesk_cli.py"):
        assert (PACKAGING / name).is_file(), name
    for name in ("build_bundle.py", "check_bundle.py", "bundle_probe.py"):
        assert (PACKAGING / name).is_file(), name


def test_spec_is_onedir_with_a_windowed_gui_and_a_console_cli():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    exes = {_keyword(call, "name"): call for call in _calls(tree, "EXE")}
    assert set(exes) == {"jacdesk", "jacdesk-cli"}
    assert _keyword(exes["jacdesk"], "console") is False
    assert _keyword(exes["jacdesk-cli"], "console") is True
    for call in exes.values():  # onedir: binaries go to COLLECT, not into the executable
        assert _keyword(call, "exclude_binaries") is True
    (collect,) = _calls(tree, "COLLECT")
    assert _keyword(collect, "name") == "jacdesk"
    assert "gui" in {arg.id for arg in collect.args if isinstance(arg, ast.Name)}
    assert "cli" in ast.unparse(collect)  # Windows: two programs; elsewhere a link to one
    assert 'os.symlink("jacdesk", _link)' in SPEC.read_text(encoding="utf-8")
    (analysis,) = _calls(tree, "Analysis")
    text = ast.unparse(analysis)
    assert "launch_jacdesk" in SPEC.read_text() and "pathex=[ROOT]" in text


@pytest.mark.parametrize(
    ("script", "target"),
    [("launch_jacdesk.py", "jacdesk.app.main"), ("launch_jacdesk_cli.py", "jacdesk.cli.main")],
)
def test_launchers_call_freeze_support_before_importing_jacdesk(script, target):
    # The sympy child is a "spawn" process: in a frozen app it re-runs the executable, and
    # only freeze_support() turns that run into the child instead of a second app.
    tree = ast.parse((PACKAGING / script).read_text(encoding="utf-8"))
    (guard,) = [n for n in tree.body if isinstance(n, ast.If)]
    body = [ast.unparse(n) for n in guard.body]
    assert body[0] == "multiprocessing.freeze_support()"
    assert any(f"from {target} import main" in line for line in body[1:])
    imports = [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert "import multiprocessing" in imports
    assert not [line for line in imports if "jacdesk" in line]


def _spec_list(name: str) -> list[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in {SPEC.name}")


def test_the_app_imports_nothing_the_bundle_leaves_out():
    # A module in the spec's EXCLUDES that jacdesk starts to import would be missing only in the
    # frozen app; catch that here, where the bundle is not built.
    excluded = _spec_list("EXCLUDES")
    code = (
        "import sys, jacdesk, jacdesk.cli, jacdesk.app.window.main_window, pyqtgraph.opengl\n"
        "jacdesk.analyze(['x1**2 + 2*x2', '3*x1 + 4*x2**2'], {'x1': 1, 'x2': 2},"
        " symbolic=False, hessian=True, jvp=[1, 0])\n"
        "print('\\n'.join(sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    loaded = set(run.stdout.split())
    hits = [m for m in loaded for x in excluded if m == x or m.startswith(x + ".")]
    assert not hits, f"imported but excluded from the bundle: {sorted(hits)}"


def test_build_command_writes_into_ignored_folders():
    build = _load("build_bundle")
    cmd = build.command()
    assert cmd[1:4] == ["-m", "PyInstaller", str(SPEC)]
    assert cmd[cmd.index("--distpath") + 1] == str(ROOT / "dist")
    assert cmd[cmd.index("--workpath") + 1] == str(ROOT / "build" / "pyinstaller")
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "build/" in ignored and "dist/" in ignored


def test_readme_documents_the_bundle_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Standalone bundle" in text
    assert "python3 packaging/build_bundle.py" in text
    assert "python3 packaging/check_bundle.py" in text


def test_check_isolates_the_bundle_from_this_python(tmp_path, monkeypatch):
    check = _load("check_bundle")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("JACDESK_QUIT_AFTER_MS", "1")
    env = check.isolated_env(tmp_path)
    assert "PYTHONPATH" not in env and "JACDESK_QUIT_AFTER_MS" not in env
    assert env["JACDESK_DATA_DIR"].startswith(str(tmp_path))
    assert env["XDG_CONFIG_HOME"].startswith(str(tmp_path))


def test_check_says_how_to_build_when_there_is_no_bundle(tmp_path, capsys):
    check = _load("check_bundle")
    assert check.main([str(tmp_path / "nothing")]) == 2
    assert "build_bundle.py" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(
    not BUNDLE.is_dir(), reason="no dist/jacdesk: build it with python3 packaging/build_bundle.py"
)
def test_built_bundle_passes_its_check():
    run = subprocess.run(
        [sys.executable, str(PACKAGING / "check_bundle.py"), str(BUNDLE)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "check_bundle: PASS" in run.stdout


def test_third_party_notices_carry_qt_lgpl_and_the_main_licences(tmp_path: Path) -> None:
    third_party = _load("third_party")
    found = third_party.collect(tmp_path)
    for name in ("PySide6-Essentials", "torch", "sympy", "pyqtgraph", "numpy"):
        assert name in found
    text = (tmp_path / third_party.NOTICES).read_text(encoding="utf-8")
    assert "LGPL-3.0" in text and "may be replaced" in text
    lgpl = tmp_path / "licenses" / "PySide6-Essentials" / "LGPL-3.0.txt"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl.read_text(encoding="utf-8")
    assert "From PyTorch" in (tmp_path / "licenses" / "torch" / "LICENSE").read_text(
        encoding="utf-8"
    )
    assert (tmp_path / "licenses" / "sympy" / "LICENSE").is_file()


def test_the_spec_bundles_the_notices() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "third_party.collect(" in text and "_notice_datas" in text
