"""Reverse-mode differentiation on matrix expressions: ∂f/∂X shaped like X, for scalar f.

sympy's own matrix ``diff`` is right for many textbook cases but silently wrong for others
(``log(det(X))`` → 0, ``inv(X)[0, 1]`` → 0, ``logsumexp``→ 0 in sympy 1.14), so every
register here has an explicit pull-back rule: the adjoint G of a value V (shaped like V) is
passed back to V's arguments, as autograd does with numbers. The rules are the Matrix
Cookbook's; the result is still only shown after it matched autograd at the point.
"""

from __future__ import annotations

import sympy as sp
from sympy import Determinant, Identity, Inverse, MatMul, OneMatrix, Trace, ZeroMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf
from sympy.matrices.expressions.hadamard import HadamardPower, HadamardProduct
from sympy.matrices.expressions.slice import MatrixSlice

from jacdesk.core.language.program import Instr, Program
from jacdesk.core.symbolic.entrywise import _BINARY, _UNARY

from .algebra import (
    _T,
    Unsupported,
    add,
    derivative,
    is_matrix,
    mul,
    total,
    transpose,
)
from .build import _SCALAR_OPS, Built, index_spans, scalar_output

_NEG = sp.Integer(-1)


def gradients(b: Built, program: Program) -> dict[str, sp.Basic]:
    """∂f/∂v for every variable v (a zero matrix where f does not depend on v).

    Raises
    ------
    Unsupported
        When f is not scalar or some step on the way has no rule.
    """
    scalar_output(b, program)  # refuses a non-scalar f with the learner's reason
    out = program.outputs[0]
    seed = b.values[out]
    adj: dict[int, sp.Basic] = {out: OneMatrix(*seed.shape) if is_matrix(seed) else sp.Integer(1)}
    found: dict[str, sp.Basic] = {}
    for reg in range(out, -1, -1):
        g = adj.pop(reg, None)
        if g is None or not b.active[reg]:
            continue
        ins = program.tape[reg]
        if ins.op == "var":
            found[ins.data] = g
            continue
        for arg, part in _pullback(ins, reg, g, b, program):
            if b.active[arg]:
                adj[arg] = add(adj[arg], part) if arg in adj else part
    grads = {}
    for name, _ in program.variables:
        if name in found:
            grads[name] = found[name]
        else:
            sym = b.symbols[name]
            grads[name] = ZeroMatrix(*sym.shape) if is_matrix(sym) else sp.Integer(0)
    return grads


def frob(g: sp.Basic, m: sp.Basic) -> sp.Basic:
    """Σ G∘M as a scalar: tr(GᵀM), or the plain sum when G is all ones (from a sum)."""
    if isinstance(g, OneMatrix):
        return total(m)
    return Trace(mul(transpose(g), m))


def _unbroadcast(g: sp.Basic, like: sp.Basic) -> sp.Basic:
    return total(g) if is_matrix(g) and not is_matrix(like) else g


def _scalar_partials(ins: Instr, args: list[sp.Basic]) -> list[sp.Basic]:
    """Partials of a scalar step by sympy's ordinary (reliable) scalar calculus."""
    us = [sp.Dummy(f"u{i}", real=True) for i in range(len(args))]
    op, f = ins.op, ins.data
    if op == "neg":
        val = -us[0]
    elif op in _SCALAR_OPS:
        val = _SCALAR_OPS[op](*us)
    elif op == "T":
        val = us[0]
    elif f in _UNARY:
        val = _UNARY[f](us[0])
    elif f in _BINARY and len(us) == 2:
        val = _BINARY[f](*us)
    elif f in ("sum", "mean", "min", "max", "logsumexp"):
        val = us[0]
    elif f == "norm":
        val = sp.Abs(us[0])
    elif f == "softmax":
        val = sp.Integer(1)  # of a single number: constant
    else:
        raise Unsupported(f"{op if op != 'call' else f} of a scalar has no rule here")
    back = dict(zip(us, args, strict=True))
    return [sp.diff(val, u).xreplace(back) for u in us]


def _partial(expr: sp.Basic, wrt: sp.Basic) -> sp.Basic:
    u = sp.Dummy("u", real=True)
    return sp.diff(expr.xreplace({wrt: u}), u).xreplace({u: wrt})


def _pullback(ins: Instr, reg: int, g: sp.Basic, b: Built, program: Program) -> list:
    args = [b.values[a] for a in ins.args]
    regs = ins.args
    value = b.values[reg]
    if not any(is_matrix(v) for v in [*args, value]):
        return [(r, mul(g, p)) for r, p in zip(regs, _scalar_partials(ins, args), strict=True)]
    op = ins.op
    if op == "neg":
        return [(regs[0], mul(_NEG, g))]
    if op == "T":
        return [(regs[0], transpose(g) if len(ins.shape) == 2 else g)]
    if op in ("+", "-"):
        second = mul(_NEG, g) if op == "-" else g
        return [(regs[0], _unbroadcast(g, args[0])), (regs[1], _unbroadcast(second, args[1]))]
    if op in ("*", "/", "**"):
        return _elementwise_pullback(op, regs, args, value, g)
    if op == "@":
        return _matmul_pullback(regs, args, [program.tape[r].shape for r in regs], g)
    if op == "index":
        return [(regs[0], _index_pullback(args[0], program.tape[regs[0]].shape, ins.data, g))]
    return _call_pullback(ins.data, regs, args, value, g, b, program)


def _elementwise_pullback(op, regs, args, value, g) -> list:
    a, c = args
    ma, mc = is_matrix(a), is_matrix(c)
    if isinstance(value, ElementwiseApplyFunction):  # s / M, s ** M, ...: one scalar inside
        m, r_m, s, r_s = (c, regs[1], a, regs[0]) if mc else (a, regs[0], c, regs[1])
        body = value.function.expr
        d_t = ElementwiseApplyFunction(sp.Lambda(_T, sp.diff(body, _T)), m)
        d_s = ElementwiseApplyFunction(sp.Lambda(_T, _partial(body, s)), m)
        return [(r_m, _hadamard(g, d_t)), (r_s, frob(g, d_s))]
    if op == "*":
        if ma and mc:
            return [(regs[0], _hadamard(g, c)), (regs[1], _hadamard(g, a))]
        s, m = (a, c) if mc else (c, a)
        r_s, r_m = (regs[0], regs[1]) if mc else (regs[1], regs[0])
        return [(r_m, mul(s, g)), (r_s, frob(g, m))]
    if op == "/":
        if ma and mc:
            inv_c = HadamardPower(c, -1)
            back_c = mul(_NEG, _hadamard(g, _hadamard(a, HadamardPower(c, -2))))
            return [(regs[0], _hadamard(g, inv_c)), (regs[1], back_c)]
        return [(regs[0], mul(1 / c, g)), (regs[1], mul(_NEG / c**2, frob(g, a)))]
    # M ** s entry by entry
    back_m = mul(c, _hadamard(g, _hadamard_power(a, c - 1)))
    log_a = ElementwiseApplyFunction(sp.Lambda(_T, sp.log(_T)), a)
    return [(regs[0], back_m), (regs[1], frob(g, _hadamard(value, log_a)))]


def _hadamard_power(m: sp.Basic, p: sp.Basic) -> sp.Basic:
    if p == 0:
        return OneMatrix(*m.shape)
    return m if p == 1 else HadamardPower(m, p)


def _hadamard(g: sp.Basic, m: sp.Basic) -> sp.Basic:
    """G∘M, with c·1∘M written as c·M (the adjoint of a sum or mean is all ones)."""
    if isinstance(g, OneMatrix):
        return m
    scaled_ones = isinstance(g, MatMul) and isinstance(g.args[-1], OneMatrix)
    if scaled_ones and sum(a.is_Matrix for a in g.args) == 1:
        return mul(*g.args[:-1], m)
    return HadamardProduct(g, m).doit(deep=False)


def _matmul_pullback(regs, args, shapes, g) -> list:
    a, c = args
    sa, sc = shapes
    if len(sa) == 1 and len(sc) == 1:  # Trace(aᵀc)
        return [(regs[0], mul(g, c)), (regs[1], mul(g, a))]
    if len(sa) == 1:  # Cᵀa
        return [(regs[0], mul(c, g)), (regs[1], mul(a, transpose(g)))]
    return [(regs[0], mul(g, transpose(c))), (regs[1], mul(transpose(a), g))]


def _index_pullback(m: sp.Basic, shape: tuple[int, ...], items: tuple, g: sp.Basic) -> sp.Basic:
    rows, cols = m.shape
    (r0, r1, _), (c0, c1, _), transposed = index_spans(shape, items)
    if transposed:
        g = transpose(g)
    factors = [g]
    if (r0, r1) != (0, rows):
        factors.insert(0, MatrixSlice(Identity(rows), (0, rows, 1), (r0, r1, 1)))
    if (c0, c1) != (0, cols):
        factors.append(MatrixSlice(Identity(cols), (c0, c1, 1), (0, cols, 1)))
    if len(factors) == 1 and not is_matrix(g):
        return mul(g, OneMatrix(1, 1))
    return mul(*factors)


def _call_pullback(f, regs, args, value, g, b: Built, program: Program) -> list:
    a = args[0]
    if f == "log" and b.aliases.get(a, ("",))[0] == "softmax":
        # Built as u − logsumexp(u)·1 (closed_form_build): pull back to u past the softmax,
        # Jᵀg = g − softmax(u)·Σg, so cross-entropy reads softmax(z) − t.
        sm_instr = program.tape[regs[0]]
        return [
            (sm_instr.args[0], add(g, MatMul(_NEG * total(g), a)))
        ]  # kept nested: prints as softmax(u)
    if isinstance(value, ElementwiseApplyFunction) and f in _UNARY:
        return [(regs[0], _hadamard(g, ElementwiseApplyFunction(derivative(value.function), a)))]
    if f == "sum":
        return [(regs[0], mul(g, OneMatrix(*a.shape)))]
    if f == "mean":
        return [(regs[0], mul(g / (a.shape[0] * a.shape[1]), OneMatrix(*a.shape)))]
    if f == "norm":
        return [(regs[0], mul(g / value, a))]
    if f == "trace":
        return [(regs[0], mul(g, Identity(a.shape[0])))]
    if f == "det":
        return [(regs[0], mul(g, Determinant(a), transpose(Inverse(a))))]
    if f == "logdet":
        return [(regs[0], mul(g, transpose(Inverse(a))))]
    if f == "inv":
        inv_t = transpose(value)
        return [(regs[0], mul(_NEG, inv_t, g, inv_t))]
    if f == "dot":
        return [(regs[0], mul(g, args[1])), (regs[1], mul(g, a))]
    if f == "outer":
        return [(regs[0], mul(g, args[1])), (regs[1], mul(transpose(g), a))]
    if f == "diag":
        return [(regs[0], DiagonalOf(g) if isinstance(value, DiagMatrix) else DiagMatrix(g))]
    if f == "softmax":
        s = value
        back = add(_hadamard(s, g), mul(_NEG, Trace(mul(transpose(s), g)), s))
        return [(regs[0], back)]
    if f == "logsumexp":
        return [(regs[0], mul(g, b.softmax[value]))]
    raise Unsupported(f"{f} has no matrix rule here; see the entry-wise form")
