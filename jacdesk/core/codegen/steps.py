"""The derivative sections of the generated script: J, det J, backward(v), rows, J u.

Each section is source text that prints one ``label = value`` line per result, matching
:class:`jacdesk.core.results.analysis.Analysis` in the presented (``vec``, ``layout``) order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jacdesk.core.conventions import COL, NUMERATOR
from jacdesk.core.language.shapes import Shape

F64 = "dtype=torch.float64"


@dataclass(frozen=True)
class Plan:
    """What the sections need to know about the computation."""

    variables: list[tuple[str, str, Shape]]  # (user name, script name, shape), J's column order
    out_shape: Shape
    vec: str
    layout: str
    used: set[str]  # variables f refers to (the others keep x.grad = None)
    v_row: np.ndarray | None  # v shaped like y (row-major); None: ones
    u_parts: list[np.ndarray] | None  # u as one tangent per variable; None: ones
    rows: bool  # the one-pass-per-row reconstruction, as jacdesk runs it by default
    det: bool

    @property
    def m(self) -> int:
        return int(np.prod(self.out_shape, dtype=np.int64))

    @property
    def n(self) -> int:
        return sum(int(np.prod(s, dtype=np.int64)) for _, _, s in self.variables)

    @property
    def col_out(self) -> bool:
        """Whether y's entries are listed column by column (a matrix f with vec = "col")."""
        return self.vec == COL and len(self.out_shape) == 2


def literal(a: np.ndarray) -> str:
    """Python source of an array's numbers with exact float reprs (``[[1.0, 2.0], …]``)."""
    return repr(np.asarray(a, dtype=np.float64).tolist())


def tensor_line(name: str, a: np.ndarray, grad: bool) -> str:
    """``name = torch.tensor(...)``; a matrix gets one row per line."""
    extra = ", requires_grad=True" if grad else ""
    if a.ndim == 2 and a.shape[0] > 1:
        rows = "\n".join(f"        {literal(r)}," for r in a)
        return f"{name} = torch.tensor(\n    [\n{rows}\n    ],\n    {F64}{extra},\n)"
    return f"{name} = torch.tensor({literal(a)}, {F64}{extra})"


def det_helpers(sizes: list[int]) -> list[str]:
    """``det2``/``det3`` for the sizes f and det J use: jacdesk's cofactor dets."""
    if not sizes:
        return []
    lines = [
        "",
        "",
        "# det by cofactors, as jacdesk computes it up to 3×3: integer entries give exact",
        "# integers, and the gradient is the cofactor matrix even where the matrix is singular",
        "# (torch.linalg.det's backward gives 0 there).",
    ]
    if 2 in sizes:
        lines += ["def det2(A):", "    return A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]"]
    if 3 in sizes:
        if 2 in sizes:
            lines += ["", ""]
        lines += [
            "def det3(A):",
            "    return (",
            "        A[0, 0] * (A[1, 1] * A[2, 2] - A[1, 2] * A[2, 1])",
            "        - A[0, 1] * (A[1, 0] * A[2, 2] - A[1, 2] * A[2, 0])",
            "        + A[0, 2] * (A[1, 0] * A[2, 1] - A[1, 1] * A[2, 0])",
            "    )",
        ]
    return lines


def derivative_sections(p: Plan) -> list[str]:
    """All the sections after ``def f``, as lines."""
    value = ["# f at the point.", "y = f(*inputs)", 'print("f =", y.tolist())']
    return [*value, "", *_jacobian(p), *_det(p), "", *_backward(p), "", *_rows(p), "", *_jvp(p)]


def _flat_out(t: str, p: Plan) -> str:
    """``t`` (shaped like y) flattened in the order of J's rows."""
    return f"{t}.T.reshape(-1)" if p.col_out else f"{t}.reshape(-1)"


def _flat_grad(name: str, shape: Shape, p: Plan) -> str:
    if len(shape) == 2 and p.vec == COL:
        return f"{name}.grad.T.reshape(-1)"
    return f"{name}.grad.reshape(-1)"


def _block(k: int, shape: Shape, p: Plan) -> str:
    """Block k of torch's jacobian as an m × size matrix in jacdesk's order."""
    size = int(np.prod(shape, dtype=np.int64))
    o = len(p.out_shape)
    dims = list(range(o + len(shape)))
    if p.vec == COL:
        # Column-major vec: swap each matrix's two axes before the row-major reshape.
        if o == 2:
            dims[0], dims[1] = 1, 0
        if len(shape) == 2:
            dims[o], dims[o + 1] = o + 1, o
    perm = "" if dims == sorted(dims) else f".permute({', '.join(map(str, dims))})"
    return f"blocks[{k}]{perm}.reshape({p.m}, {size})"


def _jacobian(p: Plan) -> list[str]:
    lines = [
        "# J by torch.autograd.functional.jacobian: one block per input, shaped y.shape + x.shape.",
        "# Each block flattened to one row per output, side by side in the order of the inputs,",
        "# is jacdesk's J.",
        "blocks = torch.autograd.functional.jacobian(f, inputs)",
    ]
    parts = [_block(k, s, p) for k, (_, _, s) in enumerate(p.variables)]
    if len(parts) == 1:
        lines.append(f"J = {parts[0]}")
    elif not any(".permute" in q for q in parts):
        lines.append(f"J = torch.cat([block.reshape({p.m}, -1) for block in blocks], dim=1)")
    else:
        lines += ["J = torch.cat(", "    ["] + [f"        {q}," for q in parts]
        lines += ["    ],", "    dim=1,", ")"]
    if p.layout == NUMERATOR:
        return [*lines, 'print("J =", J.tolist())']
    return [
        *lines,
        "# Denominator layout: jacdesk shows the transpose (rows = inputs, columns = outputs).",
        'print("J =", J.T.tolist())',
    ]


def _det(p: Plan) -> list[str]:
    if not p.det:
        return []
    k = p.n
    det = "J[0, 0]" if k == 1 else f"det{k}(J)" if k <= 3 else "torch.linalg.det(J)"
    return [
        "",
        "# det J (J is square): the factor by which f scales small volumes near the point.",
        f"det_J = {det}",
        'print("det J =", det_J.item())',
    ]


def _backward(p: Plan) -> list[str]:
    lines = [
        "# The tutorial's y.backward(v): for a y that is not a scalar torch needs v, shaped like y,",
        "# and back-propagates the scalar sum(v * y). So x.grad = v^T J, not J: for v = ones,",
        "# the column sums of J.",
        "y = f(*inputs)",
    ]
    if p.v_row is None:
        lines.append("v = torch.ones_like(y)")
    else:
        lines.append(tensor_line("v", p.v_row, grad=False))
    if p.used:
        lines.append("y.backward(v)")
    else:
        lines += [
            "# f does not depend on its inputs: y has no graph to back-propagate through,",
            "# so y.backward(v) would fail, and every x.grad stays zero.",
        ]
    for user, name, _ in p.variables:
        if user in p.used:
            lines.append(f'print("{user}.grad =", {name}.grad.tolist())')
        else:
            lines.append(f"# {user}.grad is None: f does not use {user}, so its gradient is zero.")
            lines.append(f'print("{user}.grad =", torch.zeros_like({name}).tolist())')
    return [
        *lines,
        f'print("v =", {_flat_out("v", p)}.tolist())',
        "# The same vector from J itself (v flattened in the order of J's rows):",
        f'print("v^T J =", ({_flat_out("v", p)} @ J).tolist())',
    ]


def _rows(p: Plan) -> list[str]:
    if not p.rows:
        return [
            "# J row by row (one backward pass per output) is skipped here, as in jacdesk,",
            "# beyond 64 outputs or inputs.",
        ]
    head = [
        "# J row by row, the tutorial's way: back-propagating f_i alone (v = e_i, one-hot)",
        "# leaves row i of J in x.grad. One backward pass per output component.",
    ]
    if not p.used:
        return [
            *head,
            "# f does not depend on its inputs, so every row is zero.",
            f"rows = torch.zeros({p.m}, {p.n}, {F64})",
            'print("rows =", rows.tolist())',
        ]
    if p.col_out:
        rows_y, cols_y = p.out_shape
        shaped = f"e_i.reshape({cols_y}, {rows_y}).T"  # e_i lists y's entries column by column
    else:
        shaped = "e_i.reshape(y.shape)"
    parts = [
        _flat_grad(name, shape, p)
        if user in p.used
        else f"torch.zeros({int(np.prod(shape, dtype=np.int64))}, {F64})"
        for user, name, shape in p.variables
    ]
    row = parts[0] if len(parts) == 1 else f"torch.cat([{', '.join(parts)}])"
    return [
        *head,
        "y = f(*inputs)",
        "rows = []",
        f"for i in range({p.m}):",
        "    for leaf in inputs:",
        "        leaf.grad = None  # backward adds into .grad: start each pass from nothing",
        f"    e_i = torch.zeros({p.m}, {F64})",
        "    e_i[i] = 1.0",
        "    # retain_graph=True keeps y's graph for the next pass.",
        f"    y.backward({shaped}, retain_graph=True)",
        f"    rows.append({row})",
        "rows = torch.stack(rows)",
        'print("rows =", rows.tolist())',
    ]


def _jvp(p: Plan) -> list[str]:
    if p.u_parts is None:
        tangents = [f"torch.ones_like({name})" for _, name, _ in p.variables]
    else:
        tangents = [f"torch.tensor({literal(a)}, {F64})" for a in p.u_parts]
    lines = [
        "# J u by torch.autograd.functional.jvp: u is given as one tangent per input, shaped like it.",
        "tangents = (",
        *(f"    {t},  # for {user}" for t, (user, _, _) in zip(tangents, p.variables, strict=True)),
        ")",
        "_, Ju = torch.autograd.functional.jvp(f, inputs, tangents)",
    ]
    return [*lines, f'print("J u =", {_flat_out("Ju", p)}.tolist())']
