"""What the CLI prints: the JSON, CSV and text renderings of an analysis, and the function list."""

from __future__ import annotations

import json

import numpy as np

from jacdesk.core.conventions import NUMERATOR
from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import readable, to_csv, to_text_table
from jacdesk.core.language.functions import CONSTANTS, FUNCTIONS
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.matrices import NAMES, select

#: ``--what``'s help, shared by jacobian and run.
WHAT_HELP = f"matrix for --format csv: {', '.join(NAMES)} (hessian:K for output K, counted from 1)"


def check_what(what: str) -> None:
    """Refuse an unknown ``--what`` before computing anything."""
    if what.partition(":")[0] not in {name.partition(":")[0] for name in NAMES}:
        # Checked for every format, so that a misspelt --what is never silently ignored.
        raise JacdeskError(f"unknown matrix {what!r}; choose one of {', '.join(NAMES)}")
    key, colon, arg = what.partition(":")
    if key == "hessian" and colon and not (arg.isdigit() and int(arg) >= 1):
        raise JacdeskError(
            f"hessian:{arg} is not a component number; K counts the outputs from 1 (hessian:1)"
        )


def render(result: Analysis, fmt: str, what: str = "jacobian", labels: bool = False) -> str:
    """The output of ``jacobian`` and ``run``: JSON, one matrix as CSV, or the text report."""
    if fmt != "csv" and what.startswith("hessian:") and result.hessian is not None:
        select(result, what)  # a component that does not exist is an error in every format
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        m = select(result, what)
        if labels:
            return to_csv(m.data, m.row_labels, m.col_labels, m.corner)
        return to_csv(m.data)
    return render_text(result)


def render_text(r: Analysis) -> str:
    """The ``--format text`` report: labelled J, det J, backward(v), J u, checks, warnings."""
    point = ", ".join(f"{k} = {_vec(v)}" for k, v in r.point.items())
    rows, cols = r.labels_in_layout
    out = [f"J = ∂({', '.join(r.output_labels)})/∂({', '.join(r.input_labels)}) at {point}"]
    out += [f"conventions: {r.conventions}"]
    if r.dtype != "float64":  # float64 is the default; anything else is said up front
        out.append(f"computed in {r.dtype} (torch.{r.dtype}): about 7 significant digits")
    out.append("")
    out += [to_text_table(r.jacobian_in_layout, rows, cols), ""]
    if r.determinant is not None and r.rank is not None and r.rank < r.jacobian.shape[0]:
        out.append(f"det J = 0   (J is singular: rank {r.rank} of {r.jacobian.shape[0]})")
    elif r.determinant is not None:
        out.append(f"det J = {readable(r.determinant)}   (log|det J| = {readable(r.log_abs_det)})")
    out.append(f"y.backward(v), v = {_vec(r.v)}:  x.grad = v^T J = {_vec(r.vjp)}")
    out.append(f"J u, u = {_vec(r.u)}:  {_vec(r.jvp)}")
    if r.rows_by_backward is not None:
        out.append(f"rows by backward: {r.backward_passes} passes, one-hot v = e_i gives row i")
    sym = r.symbolic
    if sym is not None and sym.jacobian_text is not None:
        text = sym.jacobian_text
        grid = text if r.layout == NUMERATOR else list(zip(*text, strict=True))
        out += ["", "symbolic J:", to_text_table(grid, rows, cols)]
        if sym.determinant_text:
            out.append(f"det J = {sym.determinant_text}")
    if r.hessian is not None and r.hessian.ndim == 2:
        out += ["", "Hessian:", to_text_table(r.hessian, r.input_labels, r.input_labels)]
    c = r.check
    verdict = {True: "pass", False: "FAIL", None: "not run"}[c.ok]
    fd = "skipped" if c.fd_max_abs_err is None else f"{c.fd_max_abs_err:.2e}"
    out += ["", f"check: {verdict} (finite differences max error {fd}; strategy: {r.strategy})"]
    out += [f"warning: {w}" for w in r.warnings]
    return "\n".join(out) + "\n"


def _vec(a) -> str:
    arr = np.asarray(a)
    if arr.ndim == 0:
        return readable(float(arr))
    return "[" + ", ".join(_vec(x) for x in arr) + "]"


def list_functions() -> str:
    lines = [f"{sig.usage:<22} {sig.meaning}" for sig in FUNCTIONS.values()]
    lines += [f"{name:<22} the constant {value!r}" for name, value in CONSTANTS.items()]
    return "\n".join(lines) + "\n"
