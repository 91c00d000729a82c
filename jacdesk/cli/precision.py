"""``jacdesk-cli precision`` and ``jacdesk-cli cost``: the precision sweep and forward-or-reverse."""

from __future__ import annotations

import argparse
import json

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.parser import parse


def _common(p: argparse.ArgumentParser, pair) -> None:
    p.add_argument("-e", "--expr", action="append", required=True, metavar="EXPR")
    p.add_argument(
        "--var",
        action="append",
        type=pair,
        default=[],
        metavar="NAME=VALUE",
        help="a variable and its value (number, [1, 2], [[1, 2], [3, 4]]); order = J's columns",
    )
    p.add_argument("--const", action="append", type=pair, default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")


def add_parsers(sub, pair) -> None:
    """Register ``precision`` and ``cost`` with the same -e / --var / --const as ``jacobian``."""
    p = sub.add_parser(
        "precision",
        help="float32 J vs float64 J, and finite differences against the step h (the V)",
        description='Example: jacdesk-cli precision -e "sin(x1)*exp(x2)" -e "x1*x2" '
        "--var x1=0.7 --var x2=0.3 --format text",
    )
    _common(p, pair)
    p.add_argument(
        "--dtype",
        choices=("float32", "float64"),
        default="float64",
        help="the dtype the finite differences are computed in (default float64)",
    )
    c = sub.add_parser(
        "cost",
        help="forward or reverse? time the ways of building J on this f",
        description='Example: jacdesk-cli cost -e "sum(x**2)" --var "x=[1,2,3]" --format text',
    )
    _common(c, pair)


def _inputs(args: argparse.Namespace) -> dict:
    for i, text in enumerate(args.expr):  # syntax errors before torch loads
        parse(text, f"f{i + 1}" if len(args.expr) > 1 else None)
    variables = dict(args.var)
    if len(variables) != len(args.var):
        raise JacdeskError("a variable is given twice with --var")
    return variables


def _emit(result, fmt: str) -> str:
    if fmt == "text":
        return result.to_text()
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def run_precision(args: argparse.Namespace) -> str:
    """The text ``precision`` prints."""
    variables = _inputs(args)
    from jacdesk.core.diff.precision import precision

    return _emit(precision(args.expr, variables, dict(args.const), dtype=args.dtype), args.format)


def run_cost(args: argparse.Namespace) -> str:
    """The text ``cost`` prints."""
    variables = _inputs(args)
    from jacdesk.core.diff.cost import cost

    return _emit(cost(args.expr, variables, dict(args.const)), args.format)
