"""The Check tab's formulas: central differences written out, then autograd's largest
absolute and relative differences from them and from the symbolic J, with this point's errors."""

from __future__ import annotations

import dataclasses

import jacdesk
from jacdesk.core.formats.latex_check import check_chain
from jacdesk.core.results.analysis import Check

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})
FD = (
    r"J^{\mathrm{FD}}_{i j} = \frac{f_{i}\left(x + h e_{j}\right) - f_{i}\left(x - h e_{j}\right)}"
    r"{2 h}"
)


def _with(check: Check):
    return dataclasses.replace(jacdesk.analyze(*SEED, symbolic=False), check=check)


def test_every_check_with_its_errors():
    r = _with(Check(1.1e-10, 3.67e-11, True, 0.0, True))
    assert check_chain(r) == (
        FD + r" \\ \max_{i, j} \left|J_{i j} - J^{\mathrm{FD}}_{i j}\right| = 1.1 \cdot 10^{-10}, "
        r"\quad \max_{i, j} \frac{\left|J_{i j} - J^{\mathrm{FD}}_{i j}\right|}{\max\left(\left|"
        r"J_{i j}\right|, 1\right)} = 3.67 \cdot 10^{-11} \\ \max_{i, j} \left|J_{i j} - "
        r"J^{\mathrm{sym}}_{i j}(x)\right| = 0"
    )


def test_before_sympy_only_the_finite_differences():
    latex = check_chain(_with(Check(2.5e-9, 1e-9, True)))
    assert latex.startswith(FD) and r"\mathrm{sym}" not in latex
    assert r"= 2.5 \cdot 10^{-9}" in latex


def test_no_check_no_formula():
    assert check_chain(_with(Check(None, None, None))) is None


def test_the_seed_checks_out():
    latex = check_chain(jacdesk.analyze(*SEED))
    assert latex.startswith(FD) and latex.endswith(r"J^{\mathrm{sym}}_{i j}(x)\right| = 0")
