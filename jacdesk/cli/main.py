"""``jacdesk-cli``: the command-line front end over :mod:`jacdesk.core`.

Every failure is one line on stderr and exit status 2 (bad input) or 1 (a bug); never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import atomic_write
from jacdesk.core.language.parser import parse

from . import code as cli_code
from . import graph as cli_graph
from . import grid as cli_grid
from . import options as cli_options
from . import precision as cli_precision
from . import session as cli_session
from . import torch as cli_torch
from .render import WHAT_HELP, check_what, list_functions, render

PROG = "jacdesk-cli"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise JacdeskError(f"{message} (see {self.prog} --help)")


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Jacobians, v^T J and friends from the command line.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    j = sub.add_parser(
        "jacobian",
        help="f, J, det J, backward(v), J u, rows by backward, checks",
        description='Example: jacdesk-cli jacobian -e "x1**2 + 2*x2" -e "3*x1 + 4*x2**2" --var x1=1 --var x2=2',
    )
    j.add_argument(
        "-e",
        "--expr",
        action="append",
        metavar="EXPR",
        help="an output expression; several -e give one scalar component each",
    )
    cli_torch.add_options(j)
    j.add_argument(
        "--var",
        action="append",
        type=_pair,
        default=[],
        metavar="NAME=VALUE",
        help="a variable and its value (number, pi/4, [1, 2], [[1, 2], [3, 4]]); order = J's columns",
    )
    j.add_argument(
        "--const",
        action="append",
        type=_pair,
        default=[],
        metavar="NAME=VALUE",
        help="a named value that is not differentiated",
    )
    j.add_argument("--vjp", metavar="JSON", help="v for y.backward(v) (default: ones)")
    j.add_argument("--jvp", metavar="JSON", help="u for J u (default: ones)")
    cli_options.add_options(j)
    cli_session.add_compute_options(j)
    j.add_argument("--format", choices=("json", "csv", "text"), default="json")
    j.add_argument(
        "--what",
        default="jacobian",
        metavar="WHICH",
        help=WHAT_HELP,
    )
    j.add_argument(
        "--labels",
        action="store_true",
        help="CSV: header of input names, first column of output names",
    )
    j.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    cli_session.add_save_option(j)
    cli_session.add_parsers(sub)
    cli_grid.add_parser(sub, _pair)
    cli_graph.add_parser(sub, _pair)
    cli_precision.add_parsers(sub, _pair)
    cli_code.add_parser(sub)
    listing = "list the functions and constants of the expression language"
    cli_torch.add_functions_option(sub.add_parser("functions", help=listing))
    return p


def run_jacobian(args: argparse.Namespace) -> str:
    translation = cli_torch.prepare(args)  # --torch FILE.py: the script's -e, --var, … (or None)
    variables = dict(args.var)
    if len(variables) != len(args.var):
        raise JacdeskError("a variable is given twice with --var")
    check_what(args.what)
    # Syntax errors need no torch: report them before paying ~2 s for its import.
    for i, text in enumerate(args.expr):
        parse(text, f"f{i + 1}" if len(args.expr) > 1 else None)

    from jacdesk.core.engine import analyze  # torch loads here, after argument errors are reported

    result = analyze(
        args.expr,
        variables,
        constants=dict(args.const),
        vjp=args.vjp,
        jvp=args.jvp,
        options=cli_options.from_args(args),
        symbolic_timeout=args.symbolic_timeout,
        rows=True if args.rows else None,
        fd_check=True if args.fd_check else None,
        det=True if args.det else None,
        device=args.device,
    )
    result = cli_torch.with_notes(result, translation)
    text = render(result, args.format, args.what, args.labels)
    if args.save and translation is not None:
        cli_torch.save(args, translation)  # the session keeps the script's source
    elif args.save:  # only once the inputs are known to work
        cli_session.save_args(args)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``jacdesk-cli``; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "jacobian":
            text = run_jacobian(args)
        elif args.command == "grid":
            text = cli_grid.run_grid(args)
        elif args.command == "graph":
            text = cli_graph.run_graph(args)
        elif args.command == "precision":
            text = cli_precision.run_precision(args)
        elif args.command == "cost":
            text = cli_precision.run_cost(args)
        elif args.command in cli_session.COMMANDS:
            text = cli_session.run(args)
        elif args.command == "code":
            text = cli_code.run_code(args)
        else:
            text = cli_torch.list_functions(args) or list_functions()
        if getattr(args, "output", None):
            atomic_write(args.output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return 0
    except JacdeskError as err:
        _say(f"{PROG}: error: {err}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except SystemExit as exit_:  # --help and --version print, then exit
        return int(exit_.code or 0)
    except Exception as err:
        _say(f"{PROG}: internal error ({type(err).__name__}: {err}); please report this")
        return 1


def _say(line: str) -> None:
    if sys.stderr is not None:
        sys.stderr.write(" ".join(line.split()) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
