"""Small questions about a script's ``ast`` nodes, asked without evaluating anything."""

from __future__ import annotations

import ast


def dotted(node: ast.AST) -> str:
    """``os.path.join`` for that attribute chain; ``""`` when it does not start at a name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def is_main_guard(test: ast.expr) -> bool:
    if not (
        isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
    ):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides
    )


def calls_in(stmt: ast.stmt) -> list[ast.Call]:
    """The calls in one statement, in the order Python starts them (by position)."""
    found = [n for n in ast.walk(stmt) if isinstance(n, ast.Call)]
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def first_arg_is(call: ast.Call, function: str) -> bool:
    return bool(call.args) and is_name(call.args[0], function)


def keyword_arg(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def unpacked(node: ast.expr) -> list[ast.expr]:
    return (
        list(node.elts)
        if isinstance(node, (ast.Tuple, ast.List))
        else [ast.Starred(node, ast.Load())]
        if isinstance(node, ast.Name)
        else [node]
    )
