"""Show as PyTorch code: a standalone script that reproduces jacdesk's numbers.

The script defines ``f`` in plain torch (translated from jacdesk's own expression tree, never
by running the user's text), then prints f, J by ``torch.autograd.functional.jacobian``, det J,
``y.backward(v)`` with each ``x.grad``, the rows of J by one-hot backward passes, and J u: one
``label = [numbers]`` line each, with Python's exact float reprs. This module only writes text;
the user (or a test, in a subprocess) runs it.
"""

from __future__ import annotations

import builtins
import keyword
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from jacdesk._version import __version__
from jacdesk.core import conventions
from jacdesk.core.diff.compile import prepare
from jacdesk.core.diff.numeric import DET_LIMIT
from jacdesk.core.diff.ordering import Ordering
from jacdesk.core.engine import TEACHING_LIMIT
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.nodes import names_in_order
from jacdesk.core.language.parser import parse
from jacdesk.core.language.shapes import infer

from .expr import ExprWriter
from .steps import Plan, derivative_sections, det_helpers, tensor_line

#: Names the script itself defines or imports; a user name equal to one gets a trailing "_".
SCRIPT_NAMES = frozenset(
    {"torch", "math", "f", "inputs", "y", "v", "J", "blocks", "block", "rows", "i", "e_i"}
    | {"leaf", "tangents", "Ju", "det_J", "det2", "det3", "_"}
)


def generate_script(
    expressions: Sequence[str] | str,
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
    *,
    vec: str = "row",
    layout: str = "numerator",
    v: Any = None,
    u: Any = None,
) -> str:
    """A standalone PyTorch script that recomputes what jacdesk shows, the tutorial's way.

    Parameters
    ----------
    expressions
        One expression of any shape, or several scalar expressions (one output component each).
    variables
        Ordered differentiation inputs, name → value (number, nested list, array or text).
    constants
        Names with values that are not differentiated.
    vec, layout
        The conventions of the printed J, as in :func:`jacdesk.analyze`.
    v, u
        The vectors of ``y.backward(v)`` and J u, as in :func:`jacdesk.analyze` (``vjp``,
        ``jvp``); ``None`` means ones.

    Returns
    -------
    str
        Python source that needs only torch; ``python3 script.py`` prints one
        ``label = value`` line per result.

    Raises
    ------
    JacdeskError
        For any problem with the input, exactly as :func:`jacdesk.analyze` reports it.
    """
    conventions.check(layout, vec)
    program, point, consts, _ = prepare(expressions, variables, constants)
    if not point:
        raise JacdeskError("no variables: give at least one variable to differentiate by")
    order = Ordering(program, vec)
    v_flat = None if v is None else order.output_vector(v, "v (for backward)")
    u_flat = None if u is None else order.input_vector(u, "u (for J u)")

    names = _script_names([*point, *consts])
    env = {**{k: a.shape for k, a in consts.items()}, **{k: a.shape for k, a in point.items()}}
    stacked = program.stacked
    trees = [parse(t, f"f{i + 1}" if stacked else None) for i, t in enumerate(program.texts)]
    shapes: dict[int, tuple[int, ...]] = {}
    for tree in trees:
        shapes.update(infer(tree, env))
    writer = ExprWriter(shapes, names)
    bodies = [writer.write(tree) for tree in trees]
    used = {name for tree in trees for name in names_in_order(tree) if name in point}

    m, n = program.n_outputs, program.n_inputs
    plan = Plan(
        variables=[(k, names[k], a.shape) for k, a in point.items()],
        out_shape=program.output_shape,
        vec=vec,
        layout=layout,
        used=used,
        v_row=None if v_flat is None else _unpermute(v_flat, order.perm_out, program.output_shape),
        u_parts=None if u_flat is None else _split(_unpermute(u_flat, order.perm_in, (n,)), point),
        rows=m <= TEACHING_LIMIT and n <= TEACHING_LIMIT,
        det=m == n and n <= DET_LIMIT,
    )
    if plan.det and n in (2, 3):
        writer.det_sizes.add(n)  # det J by the same cofactors as jacdesk's
    steps = derivative_sections(plan)

    lines = _header(program.texts, stacked, conventions.statement(layout, vec), names)
    lines += ["", "import math", ""] if writer.uses_math else [""]
    lines += ["import torch", ""]
    lines.append("# The point: float64, and requires_grad=True so that backward() fills x.grad.")
    lines += [tensor_line(names[k], a, grad=True) for k, a in point.items()]
    leaves = [names[k] for k in point]
    lines.append(
        f"inputs = ({leaves[0]},)" if len(leaves) == 1 else f"inputs = ({', '.join(leaves)})"
    )
    if consts:
        lines += ["", "# Constants: used by f, not differentiated."]
        lines += [tensor_line(names[k], a, grad=False) for k, a in consts.items()]
    lines += det_helpers(sorted(writer.det_sizes))
    lines += ["", "", *_function(names, list(point), program.texts, bodies, stacked, writer.parts)]
    lines += ["", "", *steps]
    return "\n".join(lines).rstrip() + "\n"


def script_for_session(session: Any) -> str:
    """:func:`generate_script` for a saved session (``jacdesk.core.sessions.session.Session``)."""
    return generate_script(
        session.expressions,
        session.variables,
        session.constants,
        vec=session.vec,
        layout=session.layout,
        v=session.v,
        u=session.u,
    )


def _script_names(user_names: list[str]) -> dict[str, str]:
    """User name → a name that is legal in the script and collides with nothing there."""
    taken = set(SCRIPT_NAMES) | set(keyword.kwlist) | set(dir(builtins)) | set(user_names)
    out: dict[str, str] = {}
    for name in user_names:
        safe = name
        if name in SCRIPT_NAMES or keyword.iskeyword(name) or hasattr(builtins, name):
            safe = name + "_"
            while safe in taken:
                safe += "_"
            taken.add(safe)
        out[name] = safe
    return out


def _unpermute(flat: np.ndarray, perm: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A vector given in J's presented order, back in torch's row-major order and ``shape``."""
    row = np.empty_like(flat)
    row[perm] = flat
    return row.reshape(shape)


def _split(flat: np.ndarray, point: Mapping[str, np.ndarray]) -> list[np.ndarray]:
    parts, offset = [], 0
    for a in point.values():
        parts.append(flat[offset : offset + a.size].reshape(a.shape))
        offset += a.size
    return parts


def _one_line(text: str) -> str:
    # Expressions may span lines (the language treats newlines as spaces); comments may not.
    return " ".join(text.split())


def _comment(text: str) -> list[str]:
    """``text`` as comment lines of at most 94 characters."""
    return textwrap.wrap(
        text, 94, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False
    )


def _header(
    texts: Sequence[str], stacked: bool, statement: str, names: Mapping[str, str]
) -> list[str]:
    lines = [
        f"# Generated by jacdesk {__version__} (Show as PyTorch code). Needs only torch;",
        "# run it with `python3 this_file.py`. It recomputes, with plain PyTorch and the",
        "# tutorial's steps, what jacdesk shows for",
    ]
    if stacked:
        lines += [f"#     f{i + 1} = {_one_line(t)}" for i, t in enumerate(texts)]
    else:
        lines.append(f"#     f = {_one_line(texts[0])}")
    lines += [
        "# f, J by torch.autograd.functional.jacobian, det J, y.backward(v) and x.grad (= v^T J),",
        "# the rows of J by one-hot backward passes, and J u: one `label = value` line each.",
    ]
    lines += _comment(f"Conventions: {statement}.")
    renamed = [f"{k} is called {s}" for k, s in names.items() if k != s]
    if renamed:
        note = f"Renamed to stay clear of Python's own names: {', '.join(renamed)}."
        lines += _comment(note)
    return lines


def _function(
    names: Mapping[str, str],
    variables: list[str],
    texts: Sequence[str],
    bodies: list[str],
    stacked: bool,
    parts: list[str],
) -> list[str]:
    params = ", ".join(names[k] for k in variables)
    lines = [f"def f({params}):"]
    if not stacked:
        lines.append(f"    # f = {_one_line(texts[0])}")
    lines += [f"    {part}" for part in parts]
    if not stacked:
        return [*lines, f"    return {bodies[0]}"]
    lines += [
        "    # One scalar per expression, stacked into the vector y.",
        "    return torch.stack(",
    ]
    lines.append("        [")
    lines += [
        f"            {body},  # f{i + 1} = {_one_line(text)}"
        for i, (body, text) in enumerate(zip(bodies, texts, strict=True))
    ]
    return [*lines, "        ]", "    )"]


__all__ = ["generate_script", "script_for_session"]
