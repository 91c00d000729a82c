"""PyTorch scripts of the subset: jacdesk's reading agrees with torch running the same file.

Each script is a complete file: the function, the point, and a main block that prints torch's
own f, J (``torch.autograd.functional.jacobian``) and ``x.grad`` after ``y.backward(v)``. The
test runs every file itself, in one subprocess (``runpy``, as ``python FILE`` would), reads
the same files with jacdesk's reader (which runs nothing) and compares.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import jacdesk
from jacdesk.core.language.torch_reader import read_torch

HEADER = "import json\nimport math\n\nimport torch\nimport torch.nn.functional as F\n"

MAIN = """

if __name__ == "__main__":
{point}
    y = f(*inputs)
    y.backward({v})
    J = torch.autograd.functional.jacobian(f, inputs)
    print("RESULT " + json.dumps({{
        "f": y.detach().reshape(-1).tolist(),
        "J": torch.cat([j.reshape(y.numel(), -1) for j in J], dim=1).tolist(),
        "grad": torch.cat([x.grad.reshape(-1) for x in inputs]).tolist(),
    }}))
"""

F64 = "dtype=torch.float64, requires_grad=True"

#: name → (module code with f, the point's lines (inputs, maybe v), what y.backward gets)
SCRIPTS: dict[str, tuple[str, str, str]] = {
    "polar": (
        "def f(p):\n    r, theta = p\n    return torch.stack([r * torch.cos(theta), r * torch.sin(theta)])\n",
        f"inputs = (torch.tensor([2.0, math.pi / 6], {F64}),)",
        "torch.ones_like(y)",
    ),
    "several inputs": (
        "def f(x, y):\n    return x * y.sum() + torch.exp(x) / (1 + y[0] ** 2)\n",
        f"inputs = (torch.tensor([0.5, -1.0, 2.0], {F64}), torch.tensor([1.5, 0.25], {F64}))\nv = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)",
        "v",
    ),
    "quadratic form with a module constant": (
        "A = torch.tensor([[2.0, 1.0], [1.0, 3.0]], dtype=torch.float64)\n\n\ndef f(X):\n    return torch.trace(X.T @ A @ X)\n",
        f"inputs = (torch.tensor([[1.0, 2.0], [3.0, 4.0]], {F64}),)",
        "",
    ),
    "two-layer network (nn.functional)": (
        "W1 = torch.tensor([[0.5, -0.3], [0.8, 0.1], [-0.2, 0.4]], dtype=torch.float64)\n"
        "b1 = torch.tensor([0.1, -0.1, 0.05], dtype=torch.float64)\n"
        "W2 = torch.tensor([[1.0, -1.0, 0.5]], dtype=torch.float64)\n\n\n"
        "def f(x):\n    h = torch.tanh(F.linear(x, W1, b1))\n    return F.softplus(W2 @ h)\n",
        f"inputs = (torch.tensor([0.3, -0.7], {F64}),)",
        "torch.ones_like(y)",
    ),
    "softmax of a vector": (
        "def f(z):\n    return F.softmax(z, dim=0)\n",
        f"inputs = (torch.tensor([1.0, 2.0, 0.5], {F64}),)\nv = torch.tensor([0.0, 1.0, 0.0], dtype=torch.float64)",
        "v",
    ),
    "log_softmax by rows": (
        "def f(Z):\n    return F.log_softmax(Z, dim=1)\n",
        f"inputs = (torch.tensor([[1.0, 2.0, 0.5], [0.1, -0.4, 0.3]], {F64}),)",
        "torch.ones_like(y)",
    ),
    "softmax by columns": (
        "def f(Z):\n    return torch.softmax(Z, dim=0) * Z\n",
        f"inputs = (torch.tensor([[1.0, 2.0], [0.5, 0.1], [-0.4, 0.3]], {F64}),)",
        "torch.ones_like(y)",
    ),
    "tensor methods": (
        "def f(x):\n    a = x.pow(2).sum()\n    b = x.exp().mean()\n    c = x.abs().sin().sum()\n"
        "    return torch.stack([a, b, c, x.norm(), x.sigmoid().prod()])\n",
        f"inputs = (torch.tensor([0.3, -1.2, 2.0], {F64}),)",
        "torch.ones_like(y)",
    ),
    "slicing": (
        "def f(X):\n    return X[:, 0] * X[1] + X[0, 1:].sum() + X[::2, 1].sum() * X[-1]\n",
        f"inputs = (torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [0.5, -1.0, 2.0]], {F64}),)",
        "torch.ones_like(y)",
    ),
    "torch.cat of vectors": (
        "def f(x, y):\n    return torch.cat([x ** 2, torch.sin(y), x[:1] * y[1:]])\n",
        f"inputs = (torch.tensor([1.0, 2.0], {F64}), torch.tensor([0.5, 0.25, -1.0], {F64}))",
        "torch.ones_like(y)",
    ),
    "torch.cat of matrices": (
        "def f(A, B):\n    return torch.cat([A, B], dim=1) @ torch.cat([A.T, B.T], dim=0)\n",
        f"inputs = (torch.tensor([[1.0, 2.0], [0.0, 1.0]], {F64}), torch.tensor([[0.5], [2.0]], {F64}))",
        "torch.ones_like(y)",
    ),
    "det, logdet, inverse": (
        "def f(X):\n    return torch.stack([torch.linalg.det(X), torch.logdet(X)]) + torch.inverse(X)[0]\n",
        f"inputs = (torch.tensor([[3.0, 1.0], [0.5, 2.0]], {F64}),)",
        "torch.ones_like(y)",
    ),
    "sums over dims": (
        "def f(X):\n    return X.sum(dim=0) * X.mean(1).sum() + torch.sum(X, 1, keepdim=True).T[0]\n",
        f"inputs = (torch.tensor([[1.0, 2.0], [3.0, 4.0]], {F64}),)",
        "torch.ones_like(y)",
    ),
    "helper function and lambda": (
        "square = lambda t: t * t\n\n\ndef g(u, w):\n    return torch.sigmoid(u) * w\n\n\n"
        "def f(x):\n    return g(square(x), x[0]) + math.pi\n",
        f"inputs = (torch.tensor([0.2, 0.4], {F64}),)",
        "torch.ones_like(y)",
    ),
    "float32, torch's default": (
        "def f(x):\n    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2]) * torch.relu(x).sum()\n",
        "inputs = (torch.tensor([1.0, 2.0], requires_grad=True),)",
        "torch.ones_like(y)",
    ),
    "outer, dot, diag": (
        "def f(a, b):\n    return torch.outer(a, b) * torch.dot(a, a) + torch.diag(a)\n",
        f"inputs = (torch.tensor([1.0, 2.0], {F64}), torch.tensor([0.5, -1.0], {F64}))",
        "torch.ones_like(y)",
    ),
    "reshape and view": (
        "def f(x):\n    M = x.reshape(2, 2)\n"
        "    return (M @ M.t()).flatten() + x.view(2, 2)[1].unsqueeze(1).squeeze().sum() * torch.eye(2).reshape(-1)\n",
        f"inputs = (torch.tensor([1.0, 2.0, 3.0, 4.0], {F64}),)",
        "torch.ones_like(y)",
    ),
    "scalar out, logsumexp, atan2, mse_loss": (
        "def f(x, y):\n    return torch.logsumexp(x, dim=0) + torch.atan2(y, x[0]) ** 2 - F.mse_loss(x, torch.ones_like(x))\n",
        f"inputs = (torch.tensor([0.5, 1.5], {F64}), torch.tensor(0.7, {F64}))",
        "",
    ),
    "shapes as numbers, unpacking": (
        "def f(x):\n    n = x.shape[0]\n    a, b, c = x\n    out = torch.stack([a * b, b * c, c * a]) / n\n"
        "    out += torch.ones(n) * len(x)\n    return out\n",
        f"inputs = (torch.tensor([1.0, 2.0, 3.0], {F64}),)",
        "torch.ones_like(y)",
    ),
}


def _script(code: str, point: str, v: str) -> str:
    return HEADER + "\n\n" + code + MAIN.format(point=textwrap.indent(point, "    "), v=v)


DRIVER = r"""
import contextlib, io, json, runpy, sys
out = {}
for path in sys.argv[1:]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(path, run_name="__main__")
    line = [l for l in buf.getvalue().splitlines() if l.startswith("RESULT ")][-1]
    out[path] = json.loads(line[len("RESULT "):])
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def torch_results(tmp_path_factory) -> dict[str, tuple[str, dict]]:
    """Every script run by Python itself (one subprocess for all: torch is imported once)."""
    folder = tmp_path_factory.mktemp("torch_scripts")
    paths = {}
    for k, (name, case) in enumerate(SCRIPTS.items()):
        path = folder / f"script_{k}.py"
        path.write_text(_script(*case), encoding="utf-8")
        paths[name] = path
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, *map(str, paths.values())],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    ran = json.loads(proc.stdout.strip().splitlines()[-1])
    return {name: (p.read_text(encoding="utf-8"), ran[str(p)]) for name, p in paths.items()}


def test_there_are_at_least_fifteen_scripts() -> None:
    assert len(SCRIPTS) >= 15


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_jacdesk_agrees_with_torch_running_the_script(name, torch_results) -> None:
    source, torch_out = torch_results[name]
    tr = read_torch(source)
    r = jacdesk.analyze(
        list(tr.expressions), tr.variables, tr.constants, vjp=tr.v, jvp=tr.u, symbolic=False
    )
    # float32 scripts agree to float32's precision; float64 ones to rounding.
    rtol, atol = (1e-5, 1e-5) if tr.dtype == "float32" else (1e-10, 1e-12)
    assert np.allclose(np.asarray(r.value).reshape(-1), torch_out["f"], rtol=rtol, atol=atol)
    assert np.allclose(r.jacobian, np.asarray(torch_out["J"]), rtol=rtol, atol=atol)
    assert np.allclose(r.vjp, torch_out["grad"], rtol=rtol, atol=atol)
    assert (tr.dtype == "float32") == any("float32" in n for n in tr.notes)


def test_the_scripts_cover_the_subset() -> None:
    text = "\n".join(code for code, _, _ in SCRIPTS.values())
    for construct in ("torch.cat", "F.", ".pow(", "[:, 0]", "[::2", "@", "torch.stack", "dim=1"):
        assert construct in text, construct
    assert "def f(x, y)" in text and "def f(A, B)" in text  # several inputs, matrices
