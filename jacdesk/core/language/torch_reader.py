"""Read a PyTorch script as jacdesk's problem, without running it.

The script is parsed with :func:`ast.parse` and walked with an allow-list: it is never
executed, compiled or imported. :func:`read_torch` finds the function, the point the script
passes to it, v and u, the module-level constants it uses and the dtype asked for, and
translates the function into jacdesk's expression language (:class:`TorchTranslation`).
Anything outside the subset is refused in one line naming its line and column.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError

from . import torch_terms as tt
from .program import MAX_ENTRIES, build_program
from .torch_body import Body
from .torch_body import parameter_names as parameters_of_def
from .torch_refs import Module, Qualified, builtin
from .torch_script import OnesLike, Output, Script
from .torch_subset import CONSTANTS, MODULES, DType, Seq
from .torch_translation import (
    TorchSourceError,
    TorchTranslation,
    dtype_note,
    jacdesk_name,
    no_point,
    not_supported,
    outputs,
    vector,
)
from .torch_values import TensorValue, Unreadable

__all__ = ["MAX_SOURCE", "TorchSourceError", "TorchTranslation", "parameters", "read_torch"]

MAX_SOURCE = 200_000  # characters; a long tutorial script is a few thousand
MAX_NODES = 100_000
MAX_DEPTH = 100
MAX_FUNCTIONS = 100

#: Names that run or reach code; refused by name wherever they appear in the function.
_DANGEROUS = frozenset(
    {
        "eval",
        "exec",
        "compile",
        "open",
        "input",
        "getattr",
        "setattr",
        "delattr",
        "globals",
        "locals",
        "vars",
        "breakpoint",
        "exit",
        "quit",
        "help",
        "memoryview",
        "type",
        "super",
        "object",
        "dir",
        "id",
    }
)


def _parse(source: str) -> ast.Module:
    if not isinstance(source, str):
        raise JacdeskError("a PyTorch script must be text")
    if len(source) > MAX_SOURCE:
        raise JacdeskError(
            f"the script is {len(source):,} characters long; jacdesk reads scripts of up to {MAX_SOURCE:,}"
        )
    try:
        tree = ast.parse(source.removeprefix("\ufeff"), mode="exec")
    except SyntaxError as err:
        col = None if err.offset is None else max(err.offset - 1, 0)
        raise TorchSourceError(f"Python syntax error: {err.msg}", err.lineno, col) from None
    except (ValueError, RecursionError, MemoryError, OverflowError):
        raise JacdeskError(
            "the script cannot be parsed: it nests too deeply or holds a null byte"
        ) from None
    count = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:  # no recursion: a hostile script may nest deeply
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise JacdeskError(
                f"the script has more than {MAX_NODES:,} parts; jacdesk reads smaller scripts"
            )
        if depth > MAX_DEPTH:
            line, col = getattr(node, "lineno", None), getattr(node, "col_offset", None)
            raise TorchSourceError(
                f"this nests deeper than {MAX_DEPTH} levels; simplify it", line, col
            )
        for child in ast.iter_child_nodes(node):
            # The left operand of a + b + c … is no deeper: long sums are read iteratively.
            same = isinstance(node, ast.BinOp) and child is node.left
            stack.append((child, depth if same else depth + 1))
    return tree


def _choose(script: Script, function: str | None) -> str:
    names = list(script.functions)
    if function is not None:
        if function not in script.functions:
            defined = f"it defines {', '.join(names)}" if names else "it defines none"
            raise JacdeskError(f"the script defines no function {function!r}; {defined}")
        return function
    if not names:
        raise JacdeskError(
            "the script defines no function; write def f(x): return ... (or f = lambda x: ...)"
        )
    if len(names) == 1:
        return names[0]
    if len(names) <= MAX_FUNCTIONS:
        facts = {n: script.facts(n) for n in names}
        for test in (lambda f: f.derivative_calls > 0, lambda f: f.point is not None):
            picked = [n for n in names if test(facts[n])]
            if len(picked) == 1:
                return picked[0]
    raise JacdeskError(
        f"the script defines {', '.join(names[:8])}{'…' if len(names) > 8 else ''}; say which one to read (--function NAME)"
    )


def _array(value: Any, what: str, line: int | None) -> np.ndarray:
    arr = np.array(value, dtype=np.float64)
    if arr.ndim > 2 or arr.size == 0 or arr.size > MAX_ENTRIES or not np.isfinite(arr).all():
        raise TorchSourceError(
            f"{what} must be a scalar, a vector or a matrix of finite numbers (at most {MAX_ENTRIES:,})",
            line,
        )
    return arr


def read_torch(
    source: str, function: str | None = None, values: Mapping[str, Any] | None = None
) -> TorchTranslation:
    """Translate a PyTorch script's function, point, v and u into jacdesk's problem.

    Parameters
    ----------
    source
        The script's text (at most ``MAX_SOURCE`` characters). It is parsed, never run.
    function
        Which function to read; by default the only one, or the one the script differentiates.
    values
        Values for the function's parameters (name → number or nested list), replacing the
        point the script builds; required for parameters the script gives no value.

    Returns
    -------
    TorchTranslation

    Raises
    ------
    TorchSourceError
        For anything outside the subset, in one line naming its line and column.
    JacdeskError
        For problems with the script as a whole (too large, no function, a bad value).
    """
    script = Script(_parse(source))
    name = _choose(script, function)
    fn = script.functions[name]
    facts = script.facts(name)
    params = parameters_of_def(fn)
    taken: set[str] = set()
    jnames = [jacdesk_name(p, taken) for p in params]
    given: dict[str, Any] = {}
    for key, value in (values or {}).items():
        # A value may name the parameter as the script does (e) or as jacdesk does (e_).
        p = key if key in params else dict(zip(jnames, params, strict=True)).get(key)
        if p is None:
            raise JacdeskError(
                f"{key!r} is not a parameter of {name} (its parameters: {', '.join(params) or 'none'})"
            )
        given[p] = value
    if (
        facts.point is not None
        and len(facts.point) != len(params)
        and not set(params) <= set(given)
    ):
        raise TorchSourceError(
            f"{name} takes {len(params)} argument(s) but the script passes {len(facts.point)}",
            facts.point_line,
        )
    variables: dict[str, np.ndarray] = {}
    dtypes: list[str] = []
    notes: list[str] = []
    for k, (p, jname) in enumerate(zip(params, jnames, strict=True)):
        if jname != p:
            notes.append(
                f"the parameter {p} is called {jname} in jacdesk ({p} is one of jacdesk's own names)"
            )
        if p in given:
            variables[jname] = _array(given[p], f"the value of {p}", None)
            continue
        if facts.point is None:
            raise no_point(name, p, facts.problem, fn)
        value = facts.point[k]
        variables[jname] = _array(
            value.array if isinstance(value, TensorValue) else value,
            f"the point for {p}",
            facts.point_line,
        )
        dtypes.append(value.dtype if isinstance(value, TensorValue) else "float64")
    constants: dict[str, np.ndarray] = {}
    const_names: dict[str, str] = {}

    def globals_(gname: str, node: ast.Name) -> Any:
        if gname in facts.env:
            return _global(gname, facts.env[gname], node, constants, const_names, taken, notes)
        if gname in script.aliases:
            path = script.aliases[gname]
            if path in CONSTANTS:
                text, value = CONSTANTS[path]
                return tt.Term(text, tt.ATOM, (), value)
            return Module(path) if path in MODULES or "." not in path else Qualified(path, node)
        if gname in script.classes:
            raise not_supported(
                f"the class {gname} (nn.Module subclasses included)", node.lineno, node.col_offset
            )
        found = builtin(gname)
        if found is not None:
            return found
        if gname in _DANGEROUS:
            raise not_supported(gname, node.lineno, node.col_offset)
        raise TorchSourceError(
            f"{gname!r} has no value: it is not a parameter, a local name, an import or a module-level constant of the script",
            node.lineno,
            node.col_offset,
        )

    body = Body(script.functions, globals_)
    args = [tt.name(j, a.shape) for j, a in variables.items()]
    out = body.run(name, fn, args, fn)
    expressions, out_shape = outputs(out, name, fn, notes)
    m = int(np.prod(out_shape, dtype=np.int64))
    v = vector(facts.v, m, "v (of y.backward)", notes)
    if v is not None and len(out_shape) == 2:
        v = v.reshape(out_shape)  # analyze() reads a v shaped like f in either vec order
    u = vector(facts.u, sum(a.size for a in variables.values()), "u (of jvp)", notes)
    dtype = dtypes[0] if dtypes and len(set(dtypes)) == 1 else ("mixed" if dtypes else "float64")
    if dtype != "float64":
        notes.insert(0, dtype_note(dtype, dtypes))
    try:  # the terms type-checked already; this is the program analyze() will build
        build_program(
            expressions,
            {k: a.shape for k, a in variables.items()},
            {k: a.shape for k, a in constants.items()},
        )
    except JacdeskError as err:
        line = fn.body[-1].lineno if isinstance(fn, ast.FunctionDef) else fn.lineno
        raise TorchSourceError(
            f"the translation does not build in jacdesk ({err}); please report this", line
        ) from None
    return TorchTranslation(
        function=name,
        parameters=tuple(params),
        variables=variables,
        expressions=expressions,
        output_shape=out_shape,
        constants=constants,
        v=v,
        u=u,
        dtype=dtype,
        notes=tuple(notes),
        source=source,
    )


def parameters(source: str, function: str | None = None) -> tuple[str, ...]:
    """The parameters of the function :func:`read_torch` would read (for a front end that
    asks the user for values the script does not give)."""
    script = Script(_parse(source))
    return tuple(parameters_of_def(script.functions[_choose(script, function)]))


def _global(
    name: str,
    value: Any,
    node: ast.Name,
    constants: dict,
    const_names: dict,
    taken: set[str],
    notes: list[str],
) -> Any:
    if isinstance(value, TensorValue):
        if name not in const_names:
            jname = jacdesk_name(name, taken)
            if jname != name:
                notes.append(
                    f"the constant {name} is called {jname} in jacdesk ({name} is one of jacdesk's own names)"
                )
            const_names[name] = jname
            constants[jname] = _array(value.array, f"the constant {name}", value.line)
        jname = const_names[name]
        return tt.name(jname, constants[jname].shape)
    if isinstance(value, (int, float)):
        return tt.num(value)
    if isinstance(value, tuple) and all(isinstance(v, (int, float)) for v in value):
        return Seq(tuple(tt.num(v) for v in value))
    if isinstance(value, DType):
        return value
    if isinstance(value, Unreadable):
        raise TorchSourceError(
            f"the module-level {name} cannot be read: {value.reason} (line {value.line}); jacdesk reads constants written as torch.tensor([...])",
            node.lineno,
            node.col_offset,
        )
    if isinstance(value, (Output, OnesLike)):
        raise TorchSourceError(
            f"{name} is the function's own value; the function cannot use it",
            node.lineno,
            node.col_offset,
        )
    raise TorchSourceError(
        f"the module-level {name} is not a tensor of numbers", node.lineno, node.col_offset
    )
