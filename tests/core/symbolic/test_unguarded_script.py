"""A learner's script without an ``if __name__ == "__main__"`` guard still gets symbolic forms."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import jacdesk
r = jacdesk.analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2})
print(r.symbolic.status, r.to_dict()["jacobian_symbolic"])
"""


def test_script_without_main_guard(tmp_path):
    script = tmp_path / "lesson.py"
    script.write_text(SCRIPT)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    proc = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok [['2*x1', '2'], ['3', '8*x2']]"
