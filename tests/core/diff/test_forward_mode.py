"""Forward-mode AD under one lock (no false "forward mode is not available" warnings), and a
first analyze that needs neither forward mode, torch.func nor sympy."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import torch

import jacdesk
from jacdesk.core.diff import autodiff, forward_mode

ROOT = Path(__file__).resolve().parents[3]
SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})

COLD = """
import json, sys, torch, jacdesk
r = jacdesk.analyze(*SEED, symbolic=False)
heavy = ["sympy", "torch._decomp.decompositions_for_jvp", "torch.fx.experimental.symbolic_shapes"]
print(json.dumps({
    "J": r.jacobian.tolist(), "vjp": r.vjp.tolist(), "jvp": r.jvp.tolist(),
    "source": r.extras["jvp_source"], "loaded": [m for m in heavy if m in sys.modules],
    "warnings": list(r.warnings),
}))
""".replace("SEED", repr(SEED))


def test_a_fresh_process_gets_the_seed_without_the_heavy_imports() -> None:
    done = subprocess.run(
        [sys.executable, "-c", COLD], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["J"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["vjp"] == [5.0, 18.0]
    assert out["jvp"] == [4.0, 19.0]
    assert out["source"] == "from J"
    assert out["loaded"] == []
    assert out["warnings"] == []


def test_z_backward_is_bit_for_bit_y_backward_v() -> None:
    rng = np.random.default_rng(1)
    x0 = torch.tensor(rng.standard_normal(5), dtype=torch.float64)
    v = torch.tensor(rng.standard_normal(3), dtype=torch.float64)

    def f(x: torch.Tensor) -> torch.Tensor:
        return torch.stack([torch.sin(x).sum(), (x**3).prod(), torch.exp(x[0]) * x[4]])

    a = x0.clone().requires_grad_(True)
    f(a).backward(v)
    b = x0.clone().requires_grad_(True)
    (f(b) * v).sum().backward()
    assert torch.equal(a.grad, b.grad)


def test_threads_never_race_on_forward_mode() -> None:
    forward_mode.warm()
    assert forward_mode.ready()
    errors: list[BaseException] = []
    warnings: list[str] = []

    def work() -> None:
        try:
            for k in range(25):
                r = jacdesk.analyze(
                    ["x1**2 + 2*x2", "3*x1 + 4*x2**2", "x1*x2"],
                    {"x1": 1.0 + k, "x2": 2.0},
                    symbolic=False,
                    hessian=k % 5 == 0,
                )
                warnings.extend(w for w in r.warnings if "forward mode" in w)
                assert r.extras["jvp_source"] == "forward"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    warm = threading.Thread(target=forward_mode.warm)
    for t in [*threads, warm]:
        t.start()
    for t in [*threads, warm]:
        t.join(timeout=120)
    assert not errors
    assert warnings == []


def test_forward_mode_is_exclusive_across_threads() -> None:
    inside = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with forward_mode.dual_level():
            inside.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(10)
    assert not forward_mode.LOCK.acquire(blocking=False) or forward_mode.LOCK.release()
    release.set()
    holder.join(10)
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    u = torch.tensor([1.0, 0.0], dtype=torch.float64)

    class F:
        dtype, device = torch.float64, torch.device("cpu")

        def __call__(self, x, dual=False):
            return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])

    assert autodiff.jvp(F(), [x], u).tolist() == [2.0, 3.0]
