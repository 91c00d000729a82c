"""Build the standalone one-folder bundle: ``python3 packaging/build_bundle.py``.

Runs PyInstaller on ``packaging/jacdesk.spec`` (output in ``dist/jacdesk``, work files in
``build/pyinstaller``, both git-ignored), then prints how long it took and the folder's size.
Needs ``python3 -m pip install pyinstaller`` once; takes minutes (see README).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "jacdesk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "jacdesk"


def command() -> list[str]:
    """The PyInstaller command line this script runs (the README's one-liner)."""
    return [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
    ]


def folder_size(path: Path) -> int:
    """Bytes in the regular files under ``path`` (links not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    if importlib.util.find_spec("PyInstaller") is None:
        print("build_bundle: PyInstaller is missing: python3 -m pip install pyinstaller")
        return 2
    t0 = time.perf_counter()
    rc = subprocess.run(command(), cwd=ROOT, check=False).returncode
    elapsed = time.perf_counter() - t0
    if rc != 0:
        print(f"build_bundle: PyInstaller failed (exit {rc}) after {elapsed:.0f} s")
        return rc
    size = folder_size(BUNDLE)
    print(f"build_bundle: {BUNDLE} built in {elapsed:.0f} s, {size / 2**20:.0f} MiB")
    print(f"build_bundle: check it with: {Path(sys.executable).name} packaging/check_bundle.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
