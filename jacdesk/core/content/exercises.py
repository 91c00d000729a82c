"""Practice mode: exercises from the seed onward, each checked against jacdesk's own numbers.

No answer is stored: :func:`expected` runs :func:`jacdesk.core.engine.analyze` on the
exercise's f when the learner checks, and :func:`check_answer` compares within a tolerance.
Answers are read with ``json.loads`` (numbers and lists), never evaluated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from jacdesk.core.errors import JacdeskError

SEED = ("x1**2 + 2*x2", "3*x1 + 4*x2**2")
KINDS = ("grad", "jacobian", "row", "det", "mode")


@dataclass(frozen=True)
class Exercise:
    """One question: ``kind`` says what is asked (x.grad for v, J, row ``row`` of J, det J,
    or the cheaper mode); the texts are in English and 简体中文."""

    key: str
    kind: str
    exprs: tuple[str, ...]
    variables: dict = field(hash=False)
    prompt_en: str
    prompt_zh: str
    v: tuple[float, ...] | None = None
    row: int = 0
    tolerance: float = 1e-6


@dataclass(frozen=True)
class CheckResult:
    """Whether the answer was right, what jacdesk computed, and the worked chain rule."""

    correct: bool
    expected: object
    worked: str


def _x(n: int) -> str:
    return ", ".join(f"x{i + 1}" for i in range(n))


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "seed-grad-ones",
        "grad",
        SEED,
        {"x1": 1, "x2": 2},
        "f = [x1² + 2·x2, 3·x1 + 4·x2²] at (1, 2): y.backward(v) with v = [1, 1]. What is x.grad?",
        "f = [x1² + 2·x2, 3·x1 + 4·x2²]，点 (1, 2)：y.backward(v)，v = [1, 1]。x.grad 是多少？",
        v=(1.0, 1.0),
    ),
    Exercise(
        "seed-grad-e1",
        "grad",
        SEED,
        {"x1": 1, "x2": 2},
        "Same f at (1, 2), v = [1, 0]. What is x.grad?",
        "同一个 f，点 (1, 2)，v = [1, 0]。x.grad 是多少？",
        v=(1.0, 0.0),
    ),
    Exercise(
        "seed-grad-e2",
        "grad",
        SEED,
        {"x1": 1, "x2": 2},
        "Same f at (1, 2), v = [0, 1]. What is x.grad?",
        "同一个 f，点 (1, 2)，v = [0, 1]。x.grad 是多少？",
        v=(0.0, 1.0),
    ),
    Exercise(
        "seed-grad-mixed",
        "grad",
        SEED,
        {"x1": 1, "x2": 2},
        "Same f at (1, 2), v = [2, -1]. What is x.grad?",
        "同一个 f，点 (1, 2)，v = [2, -1]。x.grad 是多少？",
        v=(2.0, -1.0),
    ),
    Exercise(
        "seed-row-2",
        "row",
        SEED,
        {"x1": 1, "x2": 2},
        "Same f at (1, 2): write row 2 of J (the gradient of f2).",
        "同一个 f，点 (1, 2)：写出 J 的第 2 行（f2 的梯度）。",
        row=1,
    ),
    Exercise(
        "seed-jacobian",
        "jacobian",
        SEED,
        {"x1": 1, "x2": 2},
        "Same f at (1, 2): write J as [[…], […]].",
        "同一个 f，点 (1, 2)：写出 J，格式 [[…], […]]。",
    ),
    Exercise(
        "seed-det",
        "det",
        SEED,
        {"x1": 1, "x2": 2},
        "Same f at (1, 2): what is det J?",
        "同一个 f，点 (1, 2)：det J 是多少？",
    ),
    Exercise(
        "seed-other-point",
        "jacobian",
        SEED,
        {"x1": -1, "x2": 0.5},
        "Same f at (-1, 0.5): write J.",
        "同一个 f，点 (-1, 0.5)：写出 J。",
    ),
    Exercise(
        "polar-jacobian",
        "jacobian",
        ("r*cos(t)", "r*sin(t)"),
        {"r": 2, "t": 0},
        "Polar to Cartesian, f = [r·cos t, r·sin t] at r = 2, t = 0: write J.",
        "极坐标到直角坐标，f = [r·cos t, r·sin t]，r = 2，t = 0：写出 J。",
    ),
    Exercise(
        "polar-det",
        "det",
        ("r*cos(t)", "r*sin(t)"),
        {"r": 2, "t": 0.5},
        "Polar to Cartesian at r = 2, t = 0.5: what is det J? (it is r)",
        "极坐标到直角坐标，r = 2，t = 0.5：det J 是多少？（它等于 r）",
    ),
    Exercise(
        "product-grad",
        "grad",
        ("x1*x2*x3",),
        {"x1": 1, "x2": 2, "x3": 3},
        "f = x1·x2·x3 at (1, 2, 3), a scalar: y.backward(). What is x.grad?",
        "f = x1·x2·x3，点 (1, 2, 3)，是标量：y.backward()。x.grad 是多少？",
        v=(1.0,),
    ),
    Exercise(
        "mode-many-inputs",
        "mode",
        ("sum(x**2)",),
        {"x": [1, 2, 3, 4, 5, 6, 7, 8]},
        "f = sum(x²) with x in R⁸ (one output, eight inputs): is reverse or forward mode cheaper?",
        "f = sum(x²)，x ∈ R⁸（一个输出、八个输入）：反向模式还是前向模式更省？",
    ),
    Exercise(
        "mode-many-outputs",
        "mode",
        ("t", "t**2", "t**3", "t**4", "t**5"),
        {"t": 1.5},
        "f(t) = [t, t², t³, t⁴, t⁵] (five outputs, one input): is reverse or forward cheaper?",
        "f(t) = [t, t², t³, t⁴, t⁵]（五个输出、一个输入）：反向还是前向更省？",
    ),
    Exercise(
        "matrix-grad",
        "grad",
        ("sum(A @ x)",),
        {"A": [[1, 2], [3, 4]], "x": [1, 1]},
        "f = sum(A x) with A = [[1, 2], [3, 4]] also a variable, x = [1, 1]: x.grad for "
        "y.backward()? Give A.grad then x.grad flattened: [a11, a12, a21, a22, x1, x2].",
        "f = sum(A x)，A = [[1, 2], [3, 4]] 也是变量，x = [1, 1]：y.backward() 后的梯度？"
        "按 [a11, a12, a21, a22, x1, x2] 展平写出 A.grad 和 x.grad。",
        v=(1.0,),
    ),
)


def _analysis(ex: Exercise, v: tuple[float, ...] | None):
    # Imported here: the window lists the exercises at start-up, before torch is loaded.
    from jacdesk.core.engine import analyze

    return analyze(
        list(ex.exprs),
        ex.variables,
        vjp=list(v) if v else None,
        symbolic=False,
        det=ex.kind == "det",
    )


def expected(ex: Exercise) -> object:
    """jacdesk's answer to ``ex``, computed now by :func:`analyze` (never stored)."""
    a = _analysis(ex, ex.v)
    if ex.kind == "grad":
        return np.asarray(a.vjp, dtype=float)
    if ex.kind == "jacobian":
        return np.asarray(a.jacobian, dtype=float)
    if ex.kind == "row":
        return np.asarray(a.jacobian[ex.row], dtype=float)
    if ex.kind == "det":
        return float(a.determinant)
    m, n = a.jacobian.shape
    return "reverse" if m < n else "forward"


def worked(ex: Exercise) -> str:
    """The chain rule written out with jacdesk's numbers: J, then vᵀJ entry by entry."""
    a = _analysis(ex, ex.v)
    j = np.asarray(a.jacobian, dtype=float)
    lines = [
        f"J = {np.array2string(j, separator=', ')}  (rows: ∂f_i/∂({', '.join(a.input_labels)}))"
    ]
    if ex.kind == "grad":
        v = np.asarray(a.v, dtype=float).ravel()
        for k, label in enumerate(a.input_labels):
            terms = " + ".join(f"{v[i]:g}·{j[i, k]:g}" for i in range(j.shape[0]))
            lines.append(f"{label}.grad = Σᵢ vᵢ ∂fᵢ/∂{label} = {terms} = {a.vjp.ravel()[k]:g}")
    elif ex.kind == "det":
        lines.append(f"det J = {a.determinant:g}")
    elif ex.kind == "mode":
        m, n = j.shape
        lines.append(
            f"m = {m} outputs, n = {n} inputs: reverse needs {m} backward passes, forward {n} JVPs"
        )
    return "\n".join(lines)


def check_answer(ex: Exercise, answer: str) -> CheckResult:
    """Compare the learner's text with jacdesk's answer (within ``ex.tolerance``).

    Raises
    ------
    JacdeskError
        When the text is not a number, a list of numbers, or (for ``mode``) a mode name.
    """
    want = expected(ex)
    if ex.kind == "mode":
        got = answer.strip().lower()
        if got not in ("reverse", "forward", "反向", "前向"):
            raise JacdeskError("answer reverse or forward (反向 or 前向)")
        got = {"反向": "reverse", "前向": "forward"}.get(got, got)
        ok = got == want
    else:
        try:
            got_arr = np.asarray(json.loads(answer), dtype=float)
        except (ValueError, TypeError):
            raise JacdeskError(
                "write a number or a list like [1, 2] (or [[1, 2], [3, 4]])"
            ) from None
        want_arr = np.asarray(want, dtype=float)
        ok = got_arr.shape == want_arr.shape and bool(
            np.allclose(got_arr, want_arr, atol=ex.tolerance, rtol=ex.tolerance)
        )
    return CheckResult(
        ok, want.tolist() if isinstance(want, np.ndarray) else want, "" if ok else worked(ex)
    )
