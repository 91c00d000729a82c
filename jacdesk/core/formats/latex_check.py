"""The Check tab's formulas as LaTeX: what "autograd agrees with finite differences" and
"with the symbolic J" mean, with this point's errors.

For the seed::

    J^FD_ij = (f_i(x + h e_j) − f_i(x − h e_j)) / 2h
    max |J_ij − J^FD_ij| = 1.1·10⁻¹⁰,  max |J_ij − J^FD_ij| / max(|J_ij|, 1) = 3.67·10⁻¹¹
    max |J_ij − J^sym_ij(x)| = 0
"""

from __future__ import annotations

from typing import Any

from .latex_chain import number_latex

__all__ = ["check_chain"]

FD = r"J^{\mathrm{FD}}_{i j}"
DIFF = r"\left|J_{i j} - " + FD + r"\right|"
#: Errors are shown with 3 significant digits, as in the tab's text.
DIGITS = 3


def check_chain(result: Any) -> str | None:
    """Central differences' J, then the largest absolute and relative differences from
    autograd's J (and from the symbolic J at the point, once it is there); None when no
    check ran."""
    c = getattr(result, "check", None)
    if c is None or (c.fd_max_abs_err is None and c.symbolic_max_abs_err is None):
        return None
    lines = []
    if c.fd_max_abs_err is not None:
        lines.append(
            FD + r" = \frac{f_{i}\left(x + h e_{j}\right) - f_{i}\left(x - h e_{j}\right)}{2 h}"
        )
        errors = rf"\max_{{i, j}} {DIFF} = {number_latex(c.fd_max_abs_err, DIGITS)}"
        if c.fd_max_rel_err is not None:
            errors += (
                rf", \quad \max_{{i, j}} \frac{{{DIFF}}}{{\max\left(\left|J_{{i j}}\right|, 1"
                rf"\right)}} = {number_latex(c.fd_max_rel_err, DIGITS)}"
            )
        lines.append(errors)
    if c.symbolic_max_abs_err is not None:
        sym = number_latex(c.symbolic_max_abs_err, DIGITS)
        lines.append(
            rf"\max_{{i, j}} \left|J_{{i j}} - J^{{\mathrm{{sym}}}}_{{i j}}(x)\right| = {sym}"
        )
    return r" \\ ".join(lines)
