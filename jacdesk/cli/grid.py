"""``jacdesk-cli grid``: f, J or det J over a grid, as CSV or JSON (the data behind the plots)."""

from __future__ import annotations

import argparse
import json

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.parser import parse
from jacdesk.core.results.grid import to_long_csv

WHATS = ("value", "jacobian", "det")


def add_parser(sub, pair) -> None:
    g = sub.add_parser(
        "grid",
        help="f, J or det J over a grid of one or two inputs (CSV or JSON)",
        description='Example: jacdesk-cli grid -e "x1**2 + 2*x2" -e "3*x1 + 4*x2**2" '
        "--var x1=1 --var x2=2 --over x1=-3:3:50 --over x2=-3:3:50 --what det",
    )
    g.add_argument("-e", "--expr", action="append", required=True, metavar="EXPR")
    g.add_argument(
        "--var",
        action="append",
        type=pair,
        default=[],
        metavar="NAME=VALUE",
        help="a variable and its value at the point (inputs not plotted stay there)",
    )
    g.add_argument("--const", action="append", type=pair, default=[], metavar="NAME=VALUE")
    g.add_argument(
        "--over",
        action="append",
        type=_over,
        required=True,
        metavar="INPUT=LO:HI:N",
        help="an input to vary (x1, x[0], X[0,1]) from LO to HI in N points; once or twice",
    )
    g.add_argument("--what", choices=WHATS, default="value")
    g.add_argument("--format", choices=("csv", "json"), default="csv")
    g.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")


def _over(text: str) -> tuple[str, tuple[float, float, int]]:
    label, sep, spec = text.rpartition("=")
    parts = spec.split(":")
    if not sep or len(parts) != 3:
        raise argparse.ArgumentTypeError(f"expected INPUT=LO:HI:N, got {text!r}")
    try:
        return label.strip(), (float(parts[0]), float(parts[1]), int(parts[2]))
    except ValueError:
        raise argparse.ArgumentTypeError(f"LO, HI and N must be numbers in {text!r}") from None


def run_grid(args: argparse.Namespace) -> str:
    for i, text in enumerate(args.expr):  # syntax errors before torch loads
        parse(text, f"f{i + 1}" if len(args.expr) > 1 else None)
    over = dict(args.over)
    if len(over) != len(args.over):
        raise JacdeskError("an input is given twice with --over")
    from jacdesk.core.diff.grid import grid

    g = grid(args.expr, dict(args.var), over, constants=dict(args.const))
    if args.format == "json":
        return json.dumps(g.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return to_long_csv(g, args.what)
