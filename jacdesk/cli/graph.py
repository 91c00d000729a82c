"""``jacdesk-cli graph``: the autograd graph torch walks for ``y.backward(v)`` (JSON, DOT, text)."""

from __future__ import annotations

import argparse
import json

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.parser import parse

FORMATS = ("json", "dot", "text")


def add_parser(sub, pair) -> None:
    """Register ``graph`` with the same -e / --var / --const / --vjp as ``jacobian``."""
    g = sub.add_parser(
        "graph",
        help="the autograd graph of y.backward(v): nodes, gradients, engine order (JSON, DOT, text)",
        description='Example: jacdesk-cli graph -e "x1**2 + 2*x2" -e "3*x1 + 4*x2**2" '
        "--var x1=1 --var x2=2 --vjp [0,1] --format text",
    )
    g.add_argument("-e", "--expr", action="append", required=True, metavar="EXPR")
    g.add_argument(
        "--var",
        action="append",
        type=pair,
        default=[],
        metavar="NAME=VALUE",
        help="a variable and its value (number, [1, 2], [[1, 2], [3, 4]]); these are the leaves",
    )
    g.add_argument("--const", action="append", type=pair, default=[], metavar="NAME=VALUE")
    g.add_argument("--vjp", metavar="JSON", help="v for y.backward(v) (default: ones)")
    g.add_argument("--format", choices=FORMATS, default="json")
    g.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")


def run_graph(args: argparse.Namespace) -> str:
    """The text ``graph`` prints (or writes with -o)."""
    for i, text in enumerate(args.expr):  # syntax errors before torch loads
        parse(text, f"f{i + 1}" if len(args.expr) > 1 else None)
    variables = dict(args.var)
    if len(variables) != len(args.var):
        raise JacdeskError("a variable is given twice with --var")
    from jacdesk.core.diff.backward_graph import backward_graph

    graph = backward_graph(args.expr, variables, constants=dict(args.const), v=args.vjp)
    if args.format == "dot":
        return graph.to_dot()
    if args.format == "text":
        return graph.to_text()
    data = graph.to_dict()
    if graph.message:
        data["message"] = graph.message
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
