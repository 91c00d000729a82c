"""The PyTorch reader: the seed's own script, what a script may say, and how it is written."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import jacdesk
from jacdesk.core.content.examples import EXAMPLES
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.torch_reader import parameters, read_torch
from jacdesk.core.language.torch_subset import describe_subset
from jacdesk.core.language.torch_translation import TorchSourceError

DATA = Path(__file__).resolve().parents[2] / "data"
SEED = (DATA / "JacobianTest.py").read_text(encoding="utf-8")


def read(body: str, **kw) -> object:
    return read_torch("import torch\nimport torch.nn.functional as F\nimport math\n" + body, **kw)


# -- the seed's script, exactly as published ------------------------------------------------------
def test_the_seed_script_is_the_published_one() -> None:
    # Byte for byte as the tutorial publishes it (shebang, coding line and unused import kept).
    digest = hashlib.sha256((DATA / "JacobianTest.py").read_bytes()).hexdigest()
    assert digest == "6fb20c44c7820dca2e0e6e954534d5c5a6e1804bc6b219b419db04aa9fd66e3c"


def test_the_seed_script_reads_as_the_tutorial() -> None:
    tr = read_torch(SEED)
    assert tr.function == "funx" and tr.parameters == ("x",)
    assert tr.expressions == ("x[0] ** 2 + 2 * x[1]", "3 * x[0] + 4 * x[1] ** 2")
    assert tr.variables["x"].tolist() == [1.0, 2.0]
    assert tr.v is None and tr.u is None and tr.constants == {}
    assert tr.dtype == "float32"
    assert any("float32" in n and "float64" in n for n in tr.notes)
    assert tr.source == SEED


def test_the_seed_script_gives_the_tutorial_numbers_and_symbolic_j() -> None:
    tr = read_torch(SEED)
    r = jacdesk.analyze(list(tr.expressions), tr.variables, vjp=tr.v)
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert r.vjp.tolist() == [5.0, 18.0]
    assert r.determinant == 26.0
    assert r.symbolic.jacobian_text == (("2*x[0]", "2"), ("3", "8*x[1]"))


def test_reading_imports_no_torch() -> None:
    code = (
        "import sys; from jacdesk.core.language.torch_reader import read_torch\n"
        f"read_torch(open({str(DATA / 'JacobianTest.py')!r}).read())\n"
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# -- where the point, v and u come from -----------------------------------------------------------
POINTS = {
    "direct call": "def f(x):\n    return x * 2\nx = torch.tensor([1.0, 2.0])\ny = f(x)\n",
    "jacobian": "from torch.autograd.functional import jacobian\ndef f(x):\n    return x * 2\nJ = jacobian(f, torch.tensor([1.0, 2.0]))\n",
    "torch.func.jacrev": "def f(x):\n    return x * 2\nprint(torch.func.jacrev(f)(torch.ones(2) + torch.tensor([0.0, 1.0])))\n",
    "main guard": "def f(x):\n    return x * 2\nif __name__ == '__main__':\n    x = torch.tensor([1.0, 2.0])\n    print(f(x))\n",
    "with block": "def f(x):\n    return x * 2\nwith torch.no_grad():\n    x = torch.arange(1.0, 3.0)\nf(x)\n",
    "lambda": "f = lambda x: x * 2\nprint(f(torch.linspace(1, 2, 2)))\n",
    "starred tuple": "def f(x):\n    return x * 2\ninputs = (torch.tensor([1.0, 2.0]),)\ny = f(*inputs)\n",
}


@pytest.mark.parametrize("name", list(POINTS))
def test_the_point_is_found(name) -> None:
    tr = read(POINTS[name])
    assert tr.variables["x"].tolist() == [1.0, 2.0]
    assert tr.expressions == ("x * 2",)


@pytest.mark.parametrize(
    ("tail", "v"),
    [
        ("y = f(x)\ny.backward(torch.tensor([1.0, 0.0, 2.0]))\n", [1.0, 0.0, 2.0]),
        ("v = torch.tensor([1.0, 0.0, 2.0])\nf(x).backward(gradient=v)\n", [1.0, 0.0, 2.0]),
        ("y = f(x)\ny.backward(torch.ones_like(y))\n", None),
        ("loss = f(x).sum()\nloss.backward()\n", None),
        (
            "from torch.autograd.functional import vjp\nvjp(f, x, torch.tensor([0.0, 1.0, 0.0]))\n",
            [0.0, 1.0, 0.0],
        ),
    ],
)
def test_v_comes_from_backward(tail, v) -> None:
    tr = read(
        "def f(x):\n    return x * 3\nx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\n"
        + tail
    )
    assert (None if tr.v is None else tr.v.tolist()) == v


def test_u_comes_from_jvp() -> None:
    tr = read(
        "def f(x, y):\n    return x * y\nx = torch.tensor([1.0, 2.0], dtype=torch.double)\n"
        "y = torch.tensor([3.0, 4.0], dtype=torch.double)\n"
        "torch.autograd.functional.jvp(f, (x, y), (torch.ones_like(x), torch.tensor([0.5, 0.5])))\n"
    )
    assert tr.u.tolist() == [1.0, 1.0, 0.5, 0.5]
    assert tr.dtype == "float64" and tr.notes == ()


def test_a_v_of_the_wrong_size_is_refused_with_its_line() -> None:
    with pytest.raises(
        TorchSourceError, match=r"^line 4: v \(of y.backward\) has 2 entries but needs 3"
    ):
        read_torch(
            "import torch\ndef f(x):\n    return x * 3\nv = torch.tensor([1.0, 0.0])\nx = torch.ones(3)\nf(x).backward(v)\n"
        )


@pytest.mark.parametrize(
    ("head", "dtype"),
    [
        ("x = torch.tensor([1.0, 2.0], dtype=torch.float64)", "float64"),
        ("x = torch.tensor([1.0, 2.0]).double()", "float64"),
        ("torch.set_default_dtype(torch.float64)\nx = torch.tensor([1.0, 2.0])", "float64"),
        ("x = torch.tensor([1.0, 2.0], dtype=torch.float)", "float32"),
        ("x = torch.tensor([1, 2])", "int64"),
    ],
)
def test_the_dtype_asked_for_is_noted(head, dtype) -> None:
    tr = read(f"def f(x):\n    return x * 2\n{head}\nf(x)\n")
    assert tr.dtype == dtype
    assert bool(tr.notes) == (dtype != "float64")


def test_values_replace_the_point_and_name_parameters() -> None:
    tr = read_torch(SEED, values={"x": [3.0, 4.0]})
    assert tr.variables["x"].tolist() == [3.0, 4.0]
    with pytest.raises(JacdeskError, match="'y' is not a parameter of funx"):
        read_torch(SEED, values={"y": 1.0})


def test_names_that_clash_with_jacdesk_get_an_underscore() -> None:
    e = "e = torch.tensor([1.0, 2.0])\ndef f(sum, x):\n    return sum * x * e\nf(torch.tensor(2.0), torch.ones(2))\n"
    tr = read(e, values={"sum_": 3.0})
    assert list(tr.variables) == ["sum_", "x"] and list(tr.constants) == ["e_"]
    assert tr.variables["sum_"].tolist() == 3.0
    assert tr.expressions == ("sum_ * x * e_",)
    assert len([n for n in tr.notes if "is called" in n]) == 2


def test_the_function_is_chosen_or_named() -> None:
    two = "def g(t):\n    return t * 2\ndef f(x):\n    return g(x) + 1\n"
    assert read(two + "torch.autograd.functional.jacobian(f, torch.ones(2))\n").function == "f"
    assert read(two + "f(torch.ones(2))\n").expressions == ("x * 2 + 1",)
    assert read(two, function="g", values={"t": 1.0}).expressions == ("t * 2",)
    with pytest.raises(
        JacdeskError, match=r"defines g, f; say which one to read \(--function NAME\)"
    ):
        read(two)
    with pytest.raises(JacdeskError, match="defines no function 'h'"):
        read(two, function="h")
    assert parameters("def f(a, b):\n    return a\n") == ("a", "b")


# -- how torch is written in jacdesk ---------------------------------------------------------------
SHAPES = {"x": "torch.tensor([1.0, 2.0, 3.0])", "X": "torch.tensor([[1.0, 2.0], [3.0, 4.0]])"}

WRITTEN = [
    ("x", "torch.stack([x[0] * x[1], x[2]])", ("x[0] * x[1]", "x[2]")),
    ("x", "torch.cat([x[:1], x ** 2])", ("x[:1][0]", "(x ** 2)[0]", "(x ** 2)[1]", "(x ** 2)[2]")),
    ("X", "torch.stack([X[0], X[1]], dim=1)", ("[X[0], X[1]].T",)),
    ("X", "X.sum(dim=0)", ("[1, 1] @ X",)),
    ("X", "X.mean(1, keepdim=True)", ("[X @ [1, 1] / 2].T",)),
    ("X", "F.softmax(X, dim=0)", ("softmax(X.T).T",)),
    ("X", "F.softmax(X, dim=-1)", ("softmax(X)",)),
    ("x", "F.log_softmax(x, dim=0)", ("x - logsumexp(x)",)),
    ("X", "X.T.T @ X.t()", ("X @ X.T",)),
    ("x", "x[::2]", ("x[0]", "x[2]")),
    ("x", "x[-1] * x.shape[0] + len(x)", ("x[-1] * 3 + 3",)),
    ("X", "torch.linalg.inv(X) * torch.linalg.det(X) * math.pi", ("inv(X) * det(X) * pi",)),
    ("x", "F.softplus(x, beta=2)", ("softplus(2 * x) / 2",)),
    ("x", "torch.square(x).rsqrt()", ("1 / sqrt(x ** 2)",)),
    ("x", "-(-x) + +x", ("-(-x) + x",)),
]


@pytest.mark.parametrize(("name", "body", "expected"), WRITTEN)
def test_torch_is_written_in_jacdesk(name, body, expected) -> None:
    tr = read(f"def f({name}):\n    return {body}\nf({SHAPES[name]})\n")
    assert tr.expressions == expected


def test_a_tuple_of_scalars_is_stacked_with_a_note() -> None:
    tr = read("def f(x):\n    return x[0] * x[1], x[0] + x[1]\nf(torch.ones(2))\n")
    assert tr.expressions == ("x[0] * x[1]", "x[0] + x[1]")
    assert any("tuple of 2 numbers" in n for n in tr.notes)


def test_softmax_needs_its_dim() -> None:
    with pytest.raises(TorchSourceError, match="softmax needs dim="):
        read("def f(x):\n    return F.softmax(x)\nf(torch.ones(2))\n")
    with pytest.raises(TorchSourceError, match="dim=2 is out of range"):
        read("def f(X):\n    return F.softmax(X, dim=2)\nf(torch.ones(2, 2))\n")


# -- refusals: one line, the line and the column ----------------------------------------------------
REFUSED = [
    (
        "    os.system('ls')\n    return x\n",
        6,
        4,
        "os.system is not part of the PyTorch that jacdesk reads (see jacdesk-cli functions --torch)",
    ),
    ("    for i in range(2):\n        x = x * 2\n    return x\n", 6, 4, "a for loop is not part"),
    ("    return x if x.sum() > 0 else -x\n", 6, 11, "a conditional expression"),
    (
        "    return torch.sinn(x)\n",
        6,
        11,
        "torch.sinn is not part of the PyTorch that jacdesk reads (see jacdesk-cli functions --torch); did you mean torch.sin?",
    ),
    ("    return x * x[0].item()\n", 6, 15, ".item() cuts the gradient"),
    ("    return x.detach() * x\n", 6, 11, ".detach() cuts the gradient"),
    ("    x[0] = 1.0\n    return x\n", 6, 4, "in-place changes"),
    (
        "    return torch.tensor([x[0], 1.0])\n",
        6,
        11,
        "torch.tensor(...) copies numbers and cuts the gradient",
    ),
    ("    return torch.max(x, 0)\n", 6, 11, "gives values and indices"),
    ("    return x // 2\n", 6, 11, "the operator // is not part"),
    ("    return np.sin(x)\n", 6, 11, "numpy.sin is not part"),
    ("    return f(x)\n", 6, 11, "f calls itself; recursion"),
    ("    y = x * 2\n", 5, 0, "f has no return statement"),
]


@pytest.mark.parametrize(("body", "line", "col", "message"), REFUSED)
def test_refusals_name_the_line_and_column(body, line, col, message) -> None:
    source = f"import torch\nimport numpy as np\nimport os\n\ndef f(x):\n{body}\nf(torch.ones(2))\n"
    with pytest.raises(TorchSourceError) as info:
        read_torch(source)
    err = info.value
    assert str(err).startswith(f"line {line}, col {col}: "), str(err)
    assert message in str(err)
    assert (err.line, err.col, err.column) == (line, col, col + 1)
    assert "\n" not in str(err)


def test_the_issue_s_example_refusal_is_verbatim() -> None:
    source = "import torch\nimport os\n\n\ndef f(x):\n    os.system('touch /tmp/x')\n    return x\n"
    with pytest.raises(TorchSourceError) as info:
        read_torch(source, values={"x": [1.0]})
    assert str(info.value) == (
        "line 6, col 4: os.system is not part of the PyTorch that jacdesk reads "
        "(see jacdesk-cli functions --torch)"
    )


def test_a_missing_or_random_point_is_explained() -> None:
    with pytest.raises(
        TorchSourceError, match=r"^line 1, col 0: f's parameter x has no value.*--var x="
    ):
        read_torch("def f(x):\n    return x\n")
    with pytest.raises(
        TorchSourceError,
        match=r"^line 4, col 4: the point for x cannot be read: it comes from torch.randn, which is random",
    ):
        read_torch("import torch\ndef f(x):\n    return x\nx = torch.randn(3)\nf(x)\n")
    with pytest.raises(
        TorchSourceError, match=r"the module-level W cannot be read: it comes from torch.rand"
    ):
        read_torch(
            "import torch\nW = torch.rand(2)\ndef f(x):\n    return W * x\nf(torch.ones(2))\n"
        )


def test_a_syntax_error_is_one_line_with_its_place() -> None:
    with pytest.raises(TorchSourceError, match=r"^line 2, col \d+: Python syntax error"):
        read_torch("import torch\ndef f(x)\n    return x\n")


# -- the translation object --------------------------------------------------------------------------
def test_the_translation_is_frozen_and_summarised() -> None:
    tr = read_torch(SEED)
    with pytest.raises(ValueError):
        tr.variables["x"][0] = 5.0
    with pytest.raises(AttributeError):
        tr.function = "g"
    text = tr.summary()
    assert "f1 = x[0] ** 2 + 2 * x[1]" in text and "x = [1.0, 2.0]" in text and "note: " in text


def test_describe_subset_lists_what_the_reader_reads() -> None:
    text = describe_subset()
    for name in ("torch.stack", "torch.cat", "F.softmax", "F.log_softmax", "torch.linalg.det",
                 "torch.linalg.inv", "torch.logdet", "torch.outer", "torch.matmul", "math.log",
                 "relu", "softplus", "x.reshape", "y.backward(v)"):  # fmt: skip
        assert name in text, name


# -- round trip: "Show as PyTorch code" read back gives the same numbers ------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_generated_pytorch_code_reads_back_to_the_same_numbers(example) -> None:
    from jacdesk.core.codegen.script import generate_script

    src = generate_script(example.expressions, example.variables, example.constants, v=None)
    tr = read_torch(src)
    a = jacdesk.analyze(
        list(example.expressions), example.variables, example.constants, symbolic=False
    )
    b = jacdesk.analyze(
        list(tr.expressions), tr.variables, tr.constants, vjp=tr.v, jvp=tr.u, symbolic=False
    )
    assert np.allclose(a.jacobian, b.jacobian, rtol=1e-12, atol=1e-12)
    assert np.allclose(a.vjp, b.vjp, rtol=1e-12, atol=1e-12)
    assert np.allclose(a.jvp, b.jvp, rtol=1e-12, atol=1e-12)
    assert tr.dtype == "float64"
