"""The local chain-rule step of one autograd node, in words and torch's own numbers.

Only tensors torch passed to the hooks (and the values it saved on the node) are printed;
nothing is recomputed except the one product the text spells out, which equals torch's
output by construction of the rule it describes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch


def fmt(t: Any) -> str:
    """A short human form of a number or tensor."""
    if t is None:
        return "—"
    if isinstance(t, torch.Tensor):
        t = t.detach().cpu().numpy()
    a = np.asarray(t, dtype=np.float64)
    if a.ndim == 0 or a.size == 1:
        return f"{float(a.reshape(-1)[0]):.6g}"
    return np.array2string(a, precision=4, separator=", ", threshold=8).replace("\n", "")


def _saved(node: Any, name: str) -> Any:
    try:
        return getattr(node, name)
    except (AttributeError, RuntimeError):
        return None


def rule_text(
    node: Any,
    label: str,
    grad: torch.Tensor | None,
    grad_inputs: Sequence[torch.Tensor | None],
    incoming: Sequence[tuple[int, torch.Tensor]],
    leaf: str | None,
) -> str:
    """One line: what the node did with the gradient that arrived (``grad``)."""
    op = type(node).__name__
    outs = [g for g in grad_inputs if g is not None]
    if grad is None:
        return f"{op}: not reached by this v"
    g = fmt(grad)
    if op == "AccumulateGrad":
        name = leaf or label or "x"
        if len(incoming) > 1:
            parts = " + ".join(fmt(c) for _, c in incoming)
            return f"AccumulateGrad: {name}.grad = {parts} = {g}"
        return f"AccumulateGrad: {name}.grad += {g}"
    if op.startswith("PowBackward0"):
        base, exp = _saved(node, "_saved_self"), _saved(node, "_saved_exponent")
        if base is not None and exp is not None and outs:
            e, p = fmt(exp), float(exp) - 1
            power = "" if p == 1 else f"^{fmt(p)}"
            return (
                f"{op}: grad · {e}·{_base(label)}{power} = "
                f"{g} · {e}·{fmt(base)}{power} = {fmt(outs[0])}"
            )
    if op.startswith("MulBackward") and len(grad_inputs) == 2:
        a, b = _saved(node, "_saved_self"), _saved(node, "_saved_other")
        parts = []
        for side, out, factor in (("left", grad_inputs[0], b), ("right", grad_inputs[1], a)):
            if out is not None and factor is not None:
                parts.append(
                    f"to the {side}: grad · other factor = {g} · {fmt(factor)} = {fmt(out)}"
                )
        if parts:
            return f"{op}: " + "; ".join(parts)
    if op.startswith("AddBackward") or op.startswith("SubBackward"):
        sign = "−" if op.startswith("Sub") else "+"
        return (
            f"{op}: a {sign} b passes grad {g} unchanged to each side"
            f" ({', '.join(fmt(o) for o in grad_inputs if o is not None)})"
        )
    if op.startswith("StackBackward"):
        return f"{op}: splits grad {g} into one entry per component: " + ", ".join(
            fmt(o) for o in outs
        )
    if op.startswith("NegBackward"):
        return f"{op}: grad · (−1) = {g} · (−1) = {fmt(outs[0]) if outs else '—'}"
    arrow = "; ".join(fmt(o) for o in outs) or "nothing (no input needs a gradient)"
    return f"{op}: grad {g} · ∂({label})/∂input → {arrow}"


def _base(label: str) -> str:
    head = label.rsplit("**", 1)[0] if "**" in label else "x"
    return head if head.isidentifier() else f"({head})"
