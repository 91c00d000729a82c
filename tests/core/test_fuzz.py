"""Fuzz: random and hostile input through analyze and session files.

Whatever comes in, the answer is a result or a one-line :class:`JacdeskError`: never a raw
error, never a hang (each call runs under an alarm), and nothing executed (a canary file that
hostile text tries to create never appears; eval/exec/compile are never called).
"""

from __future__ import annotations

import builtins
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jacdesk.core.engine import analyze
from jacdesk.core.errors import JacdeskError
from jacdesk.core.sessions.session import session_from_json

#: Built from parts, so that the test's own source (which libraries may compile) never holds it.
MARK = "_".join(("jacdesk", "fuzz", "mark"))
CANARY = Path("/tmp") / (MARK + "_canary")
#: Pieces of the fuzz's user text that no library source ever contains.
USER_MARKS = (MARK,)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def spies(monkeypatch, default_memory_budget):
    """Record eval/exec/compile calls whose source mentions the fuzz's hostile text.

    Libraries compile their own code (dataclasses, torch) at any time; what must never happen
    is that user text reaches one of these.
    """
    calls: list[str] = []
    for name in ("eval", "exec", "compile"):
        real = getattr(builtins, name)

        def spy(*args, _name=name, _real=real, **kw):
            source = args[0] if args else ""
            if isinstance(source, (str, bytes)) and any(mark in str(source) for mark in USER_MARKS):
                calls.append(f"{_name}({str(source)[:60]!r})")
            return _real(*args, **kw)

        monkeypatch.setattr(builtins, name, spy)
    CANARY.unlink(missing_ok=True)
    yield calls
    assert not CANARY.exists(), "hostile input was executed"


def _analyze_or_refuse(bounded, exprs, variables, constants=None, **kw) -> None:
    with bounded():
        try:
            r = analyze(exprs, variables, constants=constants, symbolic=False, **kw)
        except JacdeskError as err:
            assert "\n" not in str(err) and str(err), repr(err)
            return
    assert r.jacobian.ndim == 2


HOSTILE_TEXT = [
    f"__import__('os').system('touch {CANARY}')",
    f'exec(\'open("{CANARY}", "w")\')',
    f"open('{CANARY}', 'w')",
    "x.__class__.__bases__[0].__subclasses__()",
    f"{MARK}(x)",
    f"eval('{MARK}')",
    "(lambda: x)()",
    "[x for x in range(10**9)]",
    "x" + "+x" * 20000,
    "(" * 10000 + "x" + ")" * 10000,
    "x ** 10 ** 10 ** 10",
    "1e308 * 1e308 * x",
    "x[10**100]",
    "zeros(10**6, 10**6) @ x",
    "",
    "   ",
    "\x00",
    "x @",
]

HOSTILE_VALUES = [
    {"x": float("nan")},
    {"x": float("inf")},
    {"x": "1; import os"},
    {"x": f"__import__('os').system('touch {CANARY}')"},
    {"x": None},
    {"x": {"a": 1}},
    {"x": [1, [2, 3]]},
    {"x": [[1, 2], [3]]},
    {"x": []},
    {"x": [[]]},
    {"x": np.ones((2, 2, 2))},
    {"x": np.array(["a", "b"])},
    {"x": np.array([1 + 2j])},
    {"x": object()},
    {"x": 10**400},
    {"x": True},
    {"x": np.ones(10**5)},
    {"": 1.0},
    {"1x": 1.0},
    {"__class__": 1.0},
]


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=lambda t: repr(t[:30]))
def test_hostile_text(bounded, spies, text) -> None:
    _analyze_or_refuse(bounded, text, {"x": 1.0})
    assert spies == []


@pytest.mark.parametrize("variables", HOSTILE_VALUES, ids=lambda v: repr(v)[:40])
@pytest.mark.parametrize("expr", ["sum(x * x)", "outer(x, x)", "x @ x", "softmax(x)"])
def test_hostile_values(bounded, spies, expr, variables) -> None:
    _analyze_or_refuse(bounded, expr, variables)
    assert spies == []


@pytest.mark.parametrize(
    "kw",
    [
        {"vjp": "[1, 2, 3]"},
        {"vjp": "__import__('os')"},
        {"jvp": [float("nan")] * 2},
        {"jvp": {"a": 1}},
        {"vec": "diag"},
        {"layout": "sideways"},
        {"hessian": "yes"},
        {"rows": True, "fd_check": True, "det": True, "hessian": True},
    ],
    ids=repr,
)
def test_hostile_keywords(bounded, spies, kw) -> None:
    _analyze_or_refuse(bounded, ["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2}, **kw)
    assert spies == []


@pytest.mark.parametrize(
    ("expr", "variables"),
    [
        ("outer(x, x)", {"x": np.ones(1000)}),
        ("X @ X", {"X": np.eye(1000)}),
        ("outer(x, x)", {"x": np.ones(200)}),  # J fits; its Hessian (25 GB) does not
        ("X @ X", {"X": np.eye(300)}),  # fits without the Hessian
    ],
)
def test_huge_requests_are_refused_not_run(bounded, spies, expr, variables) -> None:
    with bounded(), pytest.raises(JacdeskError) as info:
        analyze(expr, variables, symbolic=False, hessian=True)
    assert info.value.about == "memory"


TOKENS = st.sampled_from(
    [
        "x",
        "y",
        "X",
        "1",
        "2.5",
        "1e308",
        "pi",
        "+",
        "-",
        "*",
        "/",
        "**",
        "@",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".T",
        "sin",
        "exp",
        "log",
        "sum",
        "softmax",
        "outer",
        "det",
        "inv",
        "norm",
        "trace",
        "dot",
        "0",
        ":",
        "'",
        "__",
        "import",
        ";",
        "=",
        "\\",
        "{",
        "}",
    ]
)
NUMBER = st.floats(allow_nan=True, allow_infinity=True, width=64)
VALUE = st.one_of(
    NUMBER,
    st.lists(NUMBER, min_size=0, max_size=4),
    st.lists(st.lists(NUMBER, min_size=1, max_size=3), min_size=1, max_size=3),
    st.text(max_size=8),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
)


@FUZZ
@given(
    st.lists(TOKENS, min_size=1, max_size=12).map("".join),
    st.dictionaries(st.sampled_from(["x", "y", "X", "z"]), VALUE, max_size=3),
)
def test_random_expressions_and_values(bounded, spies, text, variables) -> None:
    _analyze_or_refuse(bounded, text, variables)
    assert spies == []


# ---- session files -----------------------------------------------------------------------

GOOD = {
    "format": "jacdesk-session",
    "schema": 1,
    "expressions": ["x1**2 + 2*x2", "3*x1 + 4*x2**2"],
    "variables": [{"name": "x1", "shape": [], "value": 1}, {"name": "x2", "shape": [], "value": 2}],
    "constants": [],
    "conventions": {"vec": "row", "layout": "numerator"},
    "options": {"hessian": False, "symbolic": True},
    "v": None,
    "u": None,
}

SESSION_TEXTS = [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
    "1" * 100_000,
    '{"format": "jacdesk-session", "schema": 1e999}',
    "NaN",
    '{"format": "jacdesk-session", "schema": 1, "expressions": ["x"], "variables": [{"name":'
    ' "x", "shape": [1000000, 1000000], "value": 1}]}',
    '{"format": "jacdesk-session", "schema": 1, "expressions": ["x"], "variables": [{"name":'
    ' "x", "shape": [], "value": NaN}]}',
    '{"format": "jacdesk-session", "schema": 1, "expressions": ["x"], "variables": [{"name":'
    ' "x", "shape": [], "value": "1"}]}',
    "\ufeff{}",
    "\x00",
    "",
]


def _mutations(data: dict) -> list[dict]:
    out = []
    for key in data:
        for bad in (None, 1, "x", [], {}, [[1]], float("nan"), 10**400, "__import__('os')"):
            out.append({**data, key: bad})
    return out


def _session_or_refuse(bounded, text: str) -> None:
    with bounded():
        try:
            s = session_from_json(text)
        except JacdeskError as err:
            assert "\n" not in str(err) and str(err), repr(err)
            return
        try:
            s_result = analyze(
                s.expressions,
                s.variables,
                constants=s.constants,
                options=s.options.replace(symbolic=False),
            )
        except JacdeskError as err:
            assert "\n" not in str(err)
            return
    assert s_result.jacobian.ndim == 2


@pytest.mark.parametrize("text", SESSION_TEXTS, ids=lambda t: repr(t[:30]))
def test_hostile_session_texts(bounded, spies, text) -> None:
    _session_or_refuse(bounded, text)
    assert spies == []


def test_every_field_given_every_wrong_type(bounded, spies) -> None:
    for data in _mutations(GOOD):
        try:
            text = json.dumps(data, allow_nan=True)
        except (ValueError, OverflowError):
            continue
        _session_or_refuse(bounded, text)
    assert spies == []


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(GOOD)), JSON, max_size=len(GOOD)))
def test_random_session_fields(bounded, spies, overrides) -> None:
    data = {**GOOD, **overrides}
    text = json.dumps(data)
    _session_or_refuse(bounded, text)
    assert spies == []


def test_the_seed_survives_the_fuzzers_harness(bounded, spies) -> None:
    r = analyze(GOOD["expressions"], {"x1": 1, "x2": 2}, symbolic=False)
    assert r.jacobian.tolist() == [[2, 2], [3, 16]] and r.vjp.tolist() == [5, 18]
    assert math.isclose(r.determinant, 26.0)
