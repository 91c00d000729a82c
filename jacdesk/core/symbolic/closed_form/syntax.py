"""The expression language's side of printing: precedence, products, sums, numbers, ones.

Helpers for :mod:`jacdesk.core.symbolic.closed_form.printer`. A "kind" says what a sympy matrix is in the
language: ``mat`` (2-D), ``col`` or ``row`` (a 1-D vector, stored n×1 or 1×n by sympy) or
``scal`` (a 1×1 product of vectors, a 0-D value in the language).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy import Identity, MatMul, OneMatrix, ZeroMatrix

ADD, MUL, NEG, POW, POST, ATOM = range(1, 7)  # the grammar's precedence levels, loosest first


class Unprintable(Exception):
    """The form has no spelling in the expression language."""


def paren(text: str, prec: int, need: int) -> str:
    return text if prec >= need else f"({text})"


def special(e: sp.Basic, shapes: Mapping[str, tuple[int, ...]]) -> tuple[str, int, str]:
    """Identity, all-ones and zero matrices, built from values the program has."""
    r, c = e.shape
    if isinstance(e, Identity):
        if r == 1:
            return "1", ATOM, "scal"
        return f"diag({ones(r, shapes)})", ATOM, "mat"
    kind = "scal" if r == c == 1 else "col" if c == 1 else "row" if r == 1 else "mat"
    shape = {"scal": (), "col": (r,), "row": (c,), "mat": (r, c)}[kind]
    like = [n for n, s in shapes.items() if s == shape]
    if isinstance(e, ZeroMatrix):
        return (f"0 * {like[0]}", MUL, kind) if like else ("0", ATOM, "scal")
    if kind == "scal":
        return "1", ATOM, kind
    if like:
        return f"{like[0]} ** 0", POW, kind
    if kind == "mat":
        return f"outer({ones(r, shapes)}, {ones(c, shapes)})", ATOM, kind
    return ones(max(r, c), shapes), POW, kind


def ones(n: int, shapes: Mapping[str, tuple[int, ...]]) -> str:
    """A 1-D vector of n ones, as ``v ** 0`` of some value of that length in the program."""
    for name, s in shapes.items():
        if s == (n,):
            return f"{name} ** 0"
    for name, s in shapes.items():
        if len(s) == 2 and n in s:
            return f"{name}[:, 0] ** 0" if s[0] == n else f"{name}[0] ** 0"
    raise Unprintable(f"it needs a vector of {n} ones")


def slice_text(t, p, k, shape, rows, cols, flip: bool) -> tuple[str, int, str]:
    """``base[rows, cols]`` for a printed base (text, precedence, kind) of sympy ``shape``.

    ``flip``: the base was printed untransposed (``inv(X)[0]`` for column 0 of ``inv(X).T``).
    """
    t = paren(t, p, POST)
    (r0, r1, _), (c0, c1, _) = rows, cols
    n_r, n_c = shape
    if k == "col":
        text, kind = f"{t}[{span(r0, r1, n_r)}]", "scal" if r1 - r0 == 1 else "col"
    elif c1 - c0 == 1 and (r0, r1) == (0, n_r):
        text, kind = f"{t}[:, {c0}]", "col"
    elif r1 - r0 == 1 and (c0, c1) == (0, n_c):
        text, kind = f"{t}[{r0}]", "row"
    elif k == "mat":
        text, kind = f"{t}[{span(r0, r1, n_r)}, {span(c0, c1, n_c)}]", "mat"
    else:
        raise Unprintable("it slices a row vector")
    if flip:
        kind = {"col": "row", "row": "col"}.get(kind, kind)
        if kind == "mat":
            text = f"{text}.T"
    return text, POST, kind


def product(t, p, k, t2, p2, k2) -> tuple[str, int, str]:
    """One step of a matrix product chain, spelled by what the two sides are in the language."""
    if k == "scal" or k2 == "scal":
        return f"{paren(t, p, MUL)} * {paren(t2, p2, NEG)}", MUL, k2 if k == "scal" else k
    if k == "col" and k2 == "row":
        return f"outer({t}, {t2})", ATOM, "mat"
    if k == "mat" and k2 == "row":
        return f"{paren(t, p, MUL)} * {paren(t2, p2, NEG)}", MUL, "mat"  # (m,1) * (n,) broadcasts
    if k == "col" and k2 == "mat":
        raise Unprintable("it multiplies a vector by a one-row matrix")
    kind = {("mat", "mat"): "mat", ("mat", "col"): "col", ("row", "mat"): "row"}.get((k, k2))
    return f"{paren(t, p, MUL)} @ {paren(t2, p2, NEG)}", MUL, kind or "scal"


def join(terms: list) -> tuple[str, int]:
    terms = sorted(terms, key=lambda x: x[-1])  # a positive term first: "a - b", not "-b + a"
    out = ("-" + paren(terms[0][0], terms[0][1], MUL)) if terms[0][-1] else terms[0][0]
    for t, p, *_, neg in terms[1:]:
        out += f" {'-' if neg else '+'} {paren(t, p, MUL)}"
    return out, ADD


def same(kinds: list[str]) -> str:
    if len(set(kinds)) != 1:
        raise Unprintable("it adds terms of different shapes")
    return kinds[0]


def negative(term: sp.Basic) -> bool:
    if term.is_Matrix:
        if not isinstance(term, MatMul):
            return False
        term = sp.Mul(*(a for a in term.args if not a.is_Matrix))  # its scalar coefficient
    return bool(term.as_coeff_Mul()[0] < 0)


def negative_exp(f: sp.Basic) -> bool:
    return isinstance(f, sp.Pow) and bool(f.exp.is_Number and f.exp < 0)


def ones_row(a: sp.Basic) -> bool:
    return isinstance(a, OneMatrix) and a.shape[0] == 1


def span(a: int, b: int, n: int) -> str:
    if b - a == 1:
        return str(a)
    return f"{a if a else ''}:{b if b != n else ''}"


def number(e: sp.Basic) -> tuple[str, int]:
    if e.is_Integer:
        return str(int(e)), ATOM if e >= 0 else NEG
    if e.is_Rational:
        return f"{e.p}/{e.q}", MUL
    text = repr(float(e))
    return text, NEG if text.startswith("-") else ATOM
