"""Issue: desktop launch — process start → first window shown, against `import torch` +
`import PySide6.QtWidgets` alone, both as fresh processes in the same run."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Case

HERE = Path(__file__).resolve().parent


def _env() -> dict[str, str]:
    home = tempfile.mkdtemp(prefix="jacdesk-start-")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": home,
        "JACDESK_DATA_DIR": home,
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def _window_shown(env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "start_probe.py")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline()
    proc.wait(timeout=60)
    if not line.startswith("shown"):
        raise RuntimeError(f"the window did not report being shown: {line!r}")


def _imports_alone(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-c", "import torch\nimport PySide6.QtWidgets"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def cases() -> list[Case]:
    env = _env()
    return [
        Case(
            "process start to window shown (fresh process)",
            lambda: _window_shown(env),
            "plain imports",
            {"import torch + PySide6.QtWidgets": lambda: _imports_alone(env)},
            15,
            "ratio < 0.6",
        ),
    ]


if __name__ == "__main__":  # quick look: python3 benchmarks/cases_start.py
    env = _env()
    for fn in (_window_shown, _imports_alone):
        t = time.perf_counter()
        fn(env)
        print(fn.__name__, f"{time.perf_counter() - t:.2f} s")
