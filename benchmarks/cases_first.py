"""Issue: first numbers fast — fresh-process first calls and the window's first numbers.

Each round is a new Python process that reports its own timing on stdout, so that the figure
is the first call (cold caches, lazy imports) and not process start-up. Baselines are plain
torch in fresh processes of the same kind, measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Case

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SEED = "['x1**2 + 2*x2', '3*x1 + 4*x2**2'], {'x1': 1.0, 'x2': 2.0}"
SEED_F = "lambda x: torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])"

# Each snippet prints the seconds of the part that is timed.
FIRST_ANALYZE = f"""
import time, torch, jacdesk
t = time.perf_counter()
r = jacdesk.analyze({SEED}, symbolic=False)
dt = time.perf_counter() - t
assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]] and r.vjp.tolist() == [5.0, 18.0]
print(dt)
"""
IMPORT_TORCH = """
import time
t = time.perf_counter()
import torch
print(time.perf_counter() - t)
"""
FIRST_GRAD = f"""
import time, torch
f = {SEED_F}
t = time.perf_counter()
x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
y = f(x)
rows = [torch.autograd.grad(y[i], x, retain_graph=True)[0] for i in range(2)]
print(time.perf_counter() - t)
"""
FIRST_SQUARE = """
import time, numpy as np, torch, jacdesk
X = np.random.default_rng(0).standard_normal((32, 32))
t = time.perf_counter()
r = jacdesk.analyze("X @ X", {"X": X}, symbolic=False)
print(time.perf_counter() - t)
"""
FIRST_SQUARE_PLAIN = """
import time, numpy as np, torch
X = torch.tensor(np.random.default_rng(0).standard_normal((32, 32)))
t = time.perf_counter()
J = torch.func.{how}(lambda m: m @ m)(X)
print(time.perf_counter() - t)
"""


def _env() -> dict[str, str]:
    home = tempfile.mkdtemp(prefix="jacdesk-first-")
    env = dict(os.environ, XDG_CONFIG_HOME=home, JACDESK_DATA_DIR=home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _reported(code: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return float(done.stdout.split()[-1])


def _first_numbers(env: dict[str, str]) -> float:
    env = dict(env, JACDESK_T0=repr(time.time()))
    done = subprocess.run(
        [sys.executable, str(HERE / "first_numbers_probe.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    words = done.stdout.split()
    if "numbers" not in words:
        raise RuntimeError(f"no numbers reported: {done.stdout!r} {done.stderr[-300:]!r}")
    return float(words[words.index("numbers") + 1])


def _imports_alone(env: dict[str, str]) -> float:
    code = "import time\nt = time.perf_counter()\nimport torch, PySide6.QtWidgets\n"
    return _reported(code + "print(time.perf_counter() - t)", env)


def cases() -> list[Case]:
    env = _env()

    def fresh(code: str):
        return lambda: _reported(code, env)

    reported = {"reported": True}
    return [
        Case(
            "first numeric analyze (seed, fresh process)",
            fresh(FIRST_ANALYZE),
            "import torch, fresh process",
            {"import torch": fresh(IMPORT_TORCH)},
            7,
            "ratio <= 0.05",
            dict(reported, other={"plain first autograd.grad rows": fresh(FIRST_GRAD)}),
        ),
        Case(
            "first analyze X @ X, X 32x32 (fresh process)",
            fresh(FIRST_SQUARE),
            "plain torch first call, fresh process",
            {
                "jacfwd": fresh(FIRST_SQUARE_PLAIN.replace("{how}", "jacfwd")),
                "jacrev": fresh(FIRST_SQUARE_PLAIN.replace("{how}", "jacrev")),
            },
            7,
            "ratio <= 1.5",
            reported,
        ),
        Case(
            "window: launch to first numbers",
            lambda: _first_numbers(env),
            "import torch + PySide6.QtWidgets, fresh",
            {"imports alone": lambda: _imports_alone(env)},
            5,
            "at most 1.5 s after launch",
            reported,
        ),
    ]


if __name__ == "__main__":  # quick look: python3 benchmarks/cases_first.py
    env = _env()
    print("first analyze", _reported(FIRST_ANALYZE, env))
    print("import torch", _reported(IMPORT_TORCH, env))
    print("first grad", _reported(FIRST_GRAD, env))
    print("first numbers in the window", _first_numbers(env))
