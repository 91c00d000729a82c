"""Hostile PyTorch scripts are refused or ignored, in bounded time, and nothing in them runs.

Every script below would create the canary file if any of it were executed; the reader is
run on all of them (in this process and through the CLI) and the canary must never appear.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from jacdesk.cli.main import main
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.torch_reader import MAX_SOURCE, read_torch


def _hostile(canary: Path) -> dict[str, str]:
    c = repr(str(canary))
    touch = f"open({c}, 'w').write('ran')"
    head = "import torch\nimport os\nimport subprocess\n"
    call = "\nf(torch.tensor([1.0, 2.0]))\n"
    return {
        "os.system in f": head + f"def f(x):\n    os.system('touch ' + {c})\n    return x\n" + call,
        "subprocess in f": head
        + f"def f(x):\n    return subprocess.run(['touch', {c}]) * x\n"
        + call,
        "__import__": head
        + f"def f(x):\n    return __import__('os').system('touch ' + {c}) + x\n"
        + call,
        "dunder chain": head
        + "def f(x):\n    return x.__class__.__mro__[1].__subclasses__()[0]\n"
        + call,
        "open": head + f"def f(x):\n    {touch}\n    return x\n" + call,
        "eval": head + f'def f(x):\n    return eval("{touch}") + x\n' + call,
        "exec": head + f'def f(x):\n    exec("{touch}")\n    return x\n' + call,
        "getattr": head
        + f"def f(x):\n    return getattr(os, 'system')('touch ' + {c}) + x\n"
        + call,
        "builtins via globals": head
        + "def f(x):\n    return globals()['__builtins__'] + x\n"
        + call,
        "while True": head + "def f(x):\n    while True:\n        pass\n    return x\n" + call,
        "torch.load": head + f"def f(x):\n    return torch.load({c}) * x\n" + call,
        "torch.load point": head + f"def f(x):\n    return x\nx = torch.load({c})\nf(x)\n",
        "recursion": head + "def f(x):\n    return f(x) + 1\n" + call,
        "class": head
        + f"class M(torch.nn.Module):\n    def forward(self, x):\n        {touch}\n        return x\ndef f(x):\n    return M()(x)\n"
        + call,
        "comprehension": head
        + "def f(x):\n    return torch.stack([x[i] ** 2 for i in range(2)])\n"
        + call,
        "decorator": head
        + f"def deco(g):\n    {touch}\n    return g\n@deco\ndef f(x):\n    return x\n"
        + call,
        "default argument": head + f"def f(x, y=os.system('touch ' + {c})):\n    return x\n" + call,
        "exponential growth": head
        + "def f(x):\n"
        + "".join("    x = x * x + x\n" for _ in range(60))
        + "    return x\n"
        + call,
        "deep nesting": head
        + "def f(x):\n    return "
        + "-(" * 180
        + "x"
        + ")" * 180
        + "\n"
        + call,
        "long sum": head + "def f(x):\n    return x" + " + x" * 2500 + "\n" + call,
        "huge power": head + "def f(x):\n    return x * 9 ** 9 ** 9\n" + call,
        "huge tensor in f": head + "def f(x):\n    return x * torch.ones(10 ** 9).sum()\n" + call,
        "huge point": head + "def f(x):\n    return x\nx = torch.ones(10 ** 9)\nf(x)\n",
        "null byte": head + "def f(x):\n    return x\x00\n",
        "a 1 MB line": head + "def f(x):\n    return x\nz = " + "1 + " * 262_144 + "1\n" + call,
    }


def _top_level_side_effects(canary: Path) -> str:
    c = repr(str(canary))
    return (
        "import torch, os\n"
        f"os.system('touch ' + {c})\n"
        f"open({c}, 'w').write('ran')\n"
        f"__import__('subprocess').run(['touch', {c}])\n"
        "def f(x):\n    return x ** 2\n"
        "x = torch.tensor([1.0, 2.0])\n"
        "print(f(x), eval('1 + 1'))\n"
    )


def test_hostile_scripts_are_refused_in_bounded_time_and_nothing_runs(tmp_path) -> None:
    canary = tmp_path / "canary"
    for name, source in _hostile(canary).items():
        start = time.monotonic()
        with pytest.raises(JacdeskError) as info:
            read_torch(source)
        assert time.monotonic() - start < 10, name  # a hang detector, not a benchmark
        assert "\n" not in str(info.value), name
        assert not canary.exists(), name


def test_top_level_side_effects_are_ignored_never_run(tmp_path) -> None:
    canary = tmp_path / "canary"
    tr = read_torch(_top_level_side_effects(canary))
    assert tr.expressions == ("x ** 2",)
    assert tr.variables["x"].tolist() == [1.0, 2.0]
    assert not canary.exists()


def test_the_cli_refuses_them_with_exit_2_and_one_line(tmp_path, capsys) -> None:
    canary = tmp_path / "canary"
    for name, source in list(_hostile(canary).items())[:8]:
        path = tmp_path / "hostile.py"
        path.write_text(source, encoding="utf-8")
        capsys.readouterr()
        assert main(["jacobian", "--torch", str(path), "--no-symbolic"]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("jacdesk-cli: error: line ") and err.count("\n") == 1, (name, err)
    assert not canary.exists()


def test_size_limits_are_stated() -> None:
    with pytest.raises(JacdeskError, match=f"jacdesk reads scripts of up to {MAX_SOURCE:,}"):
        read_torch("x = 1\n" * (MAX_SOURCE // 5))
    with pytest.raises(JacdeskError, match="longer than 10,000 characters"):
        read_torch(_hostile(Path("unused"))["exponential growth"])


def test_costly_top_level_numbers_are_not_computed() -> None:
    # Statements the function does not depend on are never evaluated; what it does depend on
    # is bounded (no huge products, at most 5,000,000 numbers built in all).
    source = (
        "import torch\nA = torch.ones(1000, 1000)\n" + "A = A @ A\n" * 50
        + "".join(f"B{k} = torch.ones(1000, 1000) * {k}\n" for k in range(40))
        + "def f(x):\n    return x * 2\nf(torch.tensor([1.0, 2.0]))\n"
    )  # fmt: skip
    start = time.monotonic()
    assert read_torch(source).expressions == ("x * 2",)
    assert time.monotonic() - start < 10
    total = "C = " + " + ".join(f"B{k}" for k in range(40)) + "\n"
    used = source.replace("def f(x):", total + "def f(x):").replace("return x * 2", "return x * C")
    with pytest.raises(JacdeskError, match="builds more than 5,000,000 numbers"):
        read_torch(used)
