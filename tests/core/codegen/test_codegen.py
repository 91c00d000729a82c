"""Show as PyTorch code: the generated script, run in a subprocess, prints jacdesk's numbers.

Every script runs standalone with ``python -W error`` (any warning fails it). Starting torch
costs ~1.5 s per process, so the table's scripts run in parallel from one fixture.
"""

from __future__ import annotations

import argparse
import ast
import math
import os
import subprocess
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jacdesk
from jacdesk import JacdeskError
from jacdesk.cli.code import add_parser, run_code
from jacdesk.core.codegen.script import generate_script, script_for_session

TUTORIAL = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
X2 = [[1.5, -0.5], [0.25, 2.0]]
X3 = [[2.0, 0.5, -1.0], [0.25, 1.5, 0.75], [-0.5, 1.0, 3.0]]
SPD = [[3.0, 0.5, 0.2], [0.5, 2.0, -0.3], [0.2, -0.3, 1.5]]
W = [[0.5, -1.0, 0.25], [1.5, 0.3, -0.7]]


@dataclass(frozen=True)
class Case:
    exprs: Any
    variables: dict
    constants: dict = field(default_factory=dict)
    vec: str = "row"
    layout: str = "numerator"
    v: Any = None
    u: Any = None


# One process per script costs ~2 s of CPU, so each case covers several translations at once.
CASES = {
    "tutorial": Case(TUTORIAL, {"x1": 1, "x2": 2}),
    "polar, v and u": Case(
        ["r*cos(theta)", "r*sin(theta)"], {"r": 2.0, "theta": "pi/3"}, v=[2, -1], u=[0.5, 3]
    ),
    "linear layer by W": Case(
        "tanh(W @ x + b)", {"W": W}, {"x": [1.0, -2.0, 0.5], "b": [0.1, -0.2]}
    ),
    "A @ X @ B, col, denominator": Case(
        "A @ X @ B",
        {"X": [[1.0, 2.0, 0.0], [-1.0, 0.5, 3.0]]},
        {"A": [[1.0, 2.0], [3.0, -1.0]], "B": [[1.0, 0.0], [2.0, 1.0], [0.5, -1.0]]},
        vec="col",
        layout="denominator",
    ),
    "scalars of matrices, col": Case(
        [
            "trace(X.T @ A @ X)",
            "det(X)",
            "logdet(Y)",
            "inv(X)[0, 1]",
            "a.T @ X @ b",
            "norm(X)**2",
            "X[0, 1]*X[1, 0]",
            "sum(Y**2) + max(X) + min(Y)",
        ],
        {"X": X2, "Y": SPD},
        {"A": [[2.0, 1.0], [0.0, 3.0]], "a": [1.0, 2.0], "b": [3.0, -1.0]},
        vec="col",
    ),
    "det: 3x3, singular, 4x4, 1x1": Case(
        ["det(X)", "det(S)", "det(Z)", "det(O)"],
        {
            "X": X3,
            "S": [[1.0, 2.0], [2.0, 4.0]],
            "Z": np.eye(4) + 0.1 * np.arange(16).reshape(4, 4),
            "O": [[3.0]],
        },
    ),
    "x.T @ A @ x, unused w": Case(
        "x.T @ A @ x", {"x": [1.0, 2.0], "w": 3.0}, {"A": [[2.0, 1.0], [0.5, 3.0]]}
    ),
    "functions of a vector": Case(
        [
            "sqrt(x[0]) + abs(x[1])",
            "relu(x[1]) - relu(-x[0])",
            "min(x) * max(x)",
            "atan2(x[1], x[0])",
            "mean(x) + sum(x[1:])",
            "sum(diag(outer(x, x)))",
            "dot(x, x) + norm(x)",
            "max(x[0], 2) + min(x[1], 0) + max(x[2], x[0])",
            "logsumexp(x) + logsumexp(x[0])",
            "sum(softmax(x) * x)",
        ],
        {"x": [1.5, -0.5, 2.0]},
    ),
    "elementwise functions and numbers": Case(
        "[sin(x1), cos(x1), tan(x1), asin(x1), acos(x1), atan(x1), sinh(x1), cosh(x1), "
        "tanh(x1), exp(x1), log(x1), sigmoid(x1), softplus(x1), norm(x1), softmax(x1), "
        "x1 * x2, x1 + 1, 2, pi/4, sin(1), 2*3*x1, x1**-1 + 2**-1*x2, x2**(1/3), e**x1, "
        "007*x2, 1e3*x1, 3**40*x1, 99999999*99999999*99999999*x2]",
        {"x1": 0.3, "x2": 3.0},
    ),
    "matrix functions, col, v and u": Case(
        "softmax(X) * logsumexp(X) + diag(diag(X)) + [[1, 2], [3, 4]] @ X.T + X.T @ X",
        {"X": X2},
        vec="col",
        v=[[1.0, 2.0], [-3.0, 0.5]],
        u=[[0.5, -1.0], [2.0, 1.0]],
    ),
    "no dependence": Case("2 + pi", {"x": 1.0}),
    "python names": Case(
        "lambda * input + f * J + v", {"lambda": 2.0, "input": 3.0, "f": 1.0, "J": 0.5}, {"v": 4.0}
    ),
    "large: rows skipped": Case("X @ X", {"X": np.eye(9) + 0.01 * np.arange(81.0).reshape(9, 9)}),
}


def analysis(case: Case):
    return jacdesk.analyze(
        case.exprs,
        case.variables,
        case.constants,
        vjp=case.v,
        jvp=case.u,
        vec=case.vec,
        layout=case.layout,
        symbolic=False,
    )


def script(case: Case) -> str:
    return generate_script(
        case.exprs,
        case.variables,
        case.constants,
        vec=case.vec,
        layout=case.layout,
        v=case.v,
        u=case.u,
    )


def run_scripts(sources: list[str], folder: Path) -> list[dict[str, Any]]:
    """Run each source as its own ``python -W error`` process (in parallel); parse its lines."""

    def one(k: int) -> dict[str, Any]:
        path = folder / f"script_{k}.py"
        path.write_text(sources[k], encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-W", "error", str(path)], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        return parse_output(proc.stdout)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(one, range(len(sources))))


def parse_output(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for line in text.splitlines():
        label, sep, value = line.partition(" = ")
        assert sep, line
        assert label not in out, f"{label} printed twice"
        out[label] = ast.literal_eval(value.replace("nan", "None").replace("inf", "1e999"))
    return out


def assert_close(got: Any, want: Any, what: str) -> None:
    got = np.array(got, dtype=np.float64)  # None (from nan) becomes nan
    want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    finite = want[np.isfinite(want)]
    scale = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
    np.testing.assert_allclose(
        got, want, rtol=1e-12, atol=1e-12 * scale, equal_nan=True, err_msg=what
    )


def assert_matches(printed: dict[str, Any], r) -> None:
    expected = {
        "f": r.value,
        "J": r.jacobian_in_layout,
        "v": r.v,
        "v^T J": r.vjp,
        "J u": r.jvp,
        **{f"{name}.grad": g for name, g in r.gradients.items()},
    }
    if r.determinant is not None:
        expected["det J"] = r.determinant
    if r.rows_by_backward is not None:
        expected["rows"] = r.rows_by_backward
    assert set(printed) == set(expected)
    for label, want in expected.items():
        assert_close(printed[label], want, label)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, dict[str, Any]]:
    names = list(CASES)
    outputs = run_scripts([script(CASES[k]) for k in names], tmp_path_factory.mktemp("scripts"))
    return dict(zip(names, outputs, strict=True))


@pytest.mark.parametrize("name", list(CASES))
def test_script_prints_what_jacdesk_computes(printed, name):
    assert_matches(printed[name], analysis(CASES[name]))


def test_tutorial_is_exact(printed):
    out = printed["tutorial"]
    assert out["J"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["det J"] == 26.0
    assert out["x1.grad"] == 5.0 and out["x2.grad"] == 18.0
    assert out["v^T J"] == [5.0, 18.0]
    assert out["rows"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["J u"] == [4.0, 19.0]


def test_tutorial_script_reads_like_the_tutorial():
    src = script(CASES["tutorial"])
    for piece in (
        "torch.autograd.functional.jacobian(f, inputs)",
        "y.backward(v)",
        "x1.grad",
        "e_i[i] = 1.0",
        "retain_graph=True",
        "x1**2 + 2 * x2",
        "x1 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)",
    ):
        assert piece in src
    assert "jacdesk" not in "".join(line for line in src.splitlines() if not line.startswith("#"))


def test_skipped_rows_are_said(printed):
    assert "rows" not in printed["large: rows skipped"]
    assert "skipped" in script(CASES["large: rows skipped"])


@pytest.mark.parametrize("name", list(CASES))
def test_script_runs_no_strings_as_code(name):
    tree = ast.parse(script(CASES[name]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"eval", "exec", "compile", "__import__"}
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            )
            assert set(modules) <= {"torch", "math"}


@pytest.mark.parametrize(
    ("exprs", "variables", "kwargs", "message"),
    [
        ("x1 +", {"x1": 1}, {}, "column"),
        ("sinn(x1)", {"x1": 1}, {}, "did you mean sin"),
        (["x1", "[x1, x1]"], {"x1": 1}, {}, "f2"),
        ("2 + pi", {}, {}, "no variables"),
        ("x1", {"x1": 1}, {"layout": "sideways"}, "layout"),
        ("x1", {"x1": 1}, {"vec": "diagonal"}, "vec"),
        ("x1 * x2", {"x1": 1, "x2": 2}, {"u": [1, 2, 3]}, "u"),
        (TUTORIAL, {"x1": 1, "x2": 2}, {"v": [1]}, "v"),
        ("__import__", {"x1": 1}, {}, "__"),
    ],
)
def test_invalid_input_raises_the_usual_error(exprs, variables, kwargs, message):
    with pytest.raises(JacdeskError) as err:
        generate_script(exprs, variables, **kwargs)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_script_for_session_passes_everything_on():
    session = types.SimpleNamespace(
        expressions=TUTORIAL,
        variables={"x1": 1, "x2": 2},
        constants={},
        vec="col",
        layout="denominator",
        v=[2, -1],
        u=None,
    )
    src = script_for_session(session)
    assert src == generate_script(
        TUTORIAL, {"x1": 1, "x2": 2}, vec="col", layout="denominator", v=[2, -1]
    )
    assert "denominator layout" in src and "[2.0, -1.0]" in src


def test_cli_code_subcommand(monkeypatch):
    session = types.SimpleNamespace(
        expressions=TUTORIAL, variables={"x1": 1, "x2": 2}, constants=None,
        vec="row", layout="numerator", v=None, u=None,
    )  # fmt: skip
    fake = types.ModuleType("jacdesk.core.sessions.session")
    fake.load_session = lambda path: session if path == "lesson.jacdesk" else None
    monkeypatch.setitem(sys.modules, "jacdesk.core.sessions.session", fake)
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["code", "lesson.jacdesk", "-o", "out.py"])
    assert (args.command, args.file, args.output) == ("code", "lesson.jacdesk", "out.py")
    assert run_code(args) == generate_script(TUTORIAL, {"x1": 1, "x2": 2})


# -- random expressions ------------------------------------------------------------------------
# Scalars built from x (a scalar), y (a 3-vector) and A (a 2×2 matrix); several stacked into
# one script, so that one process checks many translations.

_SCALAR_LEAVES = st.sampled_from(["x", "y[0]", "y[-1]", "A[0, 1]", "2", "0.5", "pi", "3x"])
_VECTORS = st.sampled_from(
    ["y", "softmax(y)", "sin(y)", "y * x", "[(A @ y[1:])[0], x, (A @ y[:2])[1]]", "[x, 1, y[1]]"]
)
_MATRICES = st.sampled_from(["A", "A.T", "A @ A", "diag(y[1:])", "outer(y[:2], y[1:])", "x * A"])
_FROM_VECTOR = st.sampled_from(["sum", "mean", "norm", "max", "min", "logsumexp"])
_FROM_MATRIX = st.sampled_from(["trace", "det", "sum", "norm"])
_UNARY = st.sampled_from(["sin", "tanh", "sigmoid", "softplus", "atan", "abs", "cos"])


def _extend(inner):
    return st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(_UNARY, inner).map(lambda t: f"{t[0]}({t[1]})"),
        inner.map(lambda s: f"-{s}"),
        inner.map(lambda s: f"{s}**2"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]} / (2 + {t[1]}**2)"),
        st.tuples(st.sampled_from(["atan2", "max", "min"]), inner, inner).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
    )


_BASE = st.one_of(
    _SCALAR_LEAVES,
    st.tuples(_FROM_VECTOR, _VECTORS).map(lambda t: f"{t[0]}({t[1]})"),
    st.tuples(_FROM_MATRIX, _MATRICES).map(lambda t: f"{t[0]}({t[1]})"),
    _VECTORS.map(lambda s: f"dot({s}, y)"),
)
SCALARS = st.recursive(_BASE, _extend, max_leaves=6)


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SCALARS, min_size=8, max_size=8), st.sampled_from(["row", "col"]))
def test_random_expressions_match(tmp_path_factory, exprs, vec):
    case = Case(exprs, {"x": 0.7, "y": [0.3, -1.2, 0.9], "A": [[1.1, -0.4], [0.6, 0.8]]}, vec=vec)
    r = analysis(case)
    (out,) = run_scripts([script(case)], tmp_path_factory.mktemp("random"))
    assert_matches(out, r)


def test_nan_and_inf_are_parsed():
    assert math.isnan(np.array(parse_output("f = [nan, 1.0]")["f"], dtype=float)[0])
    assert parse_output("f = -inf")["f"] == -1e999


def test_numbers_torch_rejects_in_python_stay_tensors():
    # 1/0 raises in Python and (-8)**(1/3) is complex there: torch gives inf and nan.
    src = generate_script("x + 1/0 + (-8)**(1/3) + 2**0.5", {"x": 1.0})
    assert "torch.tensor(1, dtype=torch.float64) / 0" in src
    assert "torch.tensor(-8, dtype=torch.float64) ** (1 / 3)" in src
    assert "2**0.5" in src


def test_cases_cover_every_function():
    from jacdesk.core.language.functions import FUNCTIONS
    from jacdesk.core.language.nodes import Call, walk
    from jacdesk.core.language.parser import parse

    used = set()
    for case in CASES.values():
        for text in [case.exprs] if isinstance(case.exprs, str) else case.exprs:
            used |= {n.func for n in walk(parse(text)) if isinstance(n, Call)}
    assert used == set(FUNCTIONS)


def test_long_chains_do_not_recurse():
    src = generate_script("+".join(["x"] * 5000), {"x": 1.0})  # 9,999 characters
    assert src.count("x + x") >= 2499
    compile(src, "script.py", "exec")  # compiled, never run, here


def test_cli_code_reads_a_saved_session(tmp_path):
    session_mod = pytest.importorskip("jacdesk.core.sessions.session")
    session = session_mod.session_from_args(
        TUTORIAL, {"x1": 1, "x2": 2}, vec="col", layout="denominator", v=[2, -1]
    )
    path = tmp_path / "lesson.jacdesk"
    session_mod.save_session(session, path)
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    src = run_code(parser.parse_args(["code", str(path)]))
    assert src == generate_script(
        TUTORIAL, {"x1": 1, "x2": 2}, vec="col", layout="denominator", v=[2, -1]
    )
    bad = tmp_path / "bad.jacdesk"
    bad.write_text("not a session", encoding="utf-8")
    with pytest.raises(JacdeskError):
        run_code(parser.parse_args(["code", str(bad)]))
