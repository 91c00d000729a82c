"""``jacdesk-cli``: the command-line front end over :mod:`jacdesk.core`.

Every failure is one line on stderr and exit status 2 (bad input) or 1 (a bug); never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import cli_code, cli_grid, cli_session
from .core.errors import JacdeskError
from .core.export import atomic_write, readable, to_csv, to_text_table
from .core.functions import CONSTANTS, FUNCTIONS
from .core.language import parse
from .core.matrices import NAMES, select
from .core.results import Analysis

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
        required=True,
        metavar="EXPR",
        help="an output expression; several -e give one scalar component each",
    )
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
    j.add_argument(
        "--vec",
        choices=("row", "col"),
        default="row",
        help="flatten matrices row-major (torch, default) or column-major (textbook vec)",
    )
    j.add_argument(
        "--layout",
        choices=("numerator", "denominator"),
        default="numerator",
        help="J's rows are the outputs (numerator, torch's, default) or the inputs (denominator)",
    )
    j.add_argument("--hessian", action="store_true", help="also compute second derivatives")
    j.add_argument("--no-symbolic", action="store_true", help="skip the symbolic Jacobian")
    cli_session.add_compute_options(j)
    j.add_argument("--format", choices=("json", "csv", "text"), default="json")
    j.add_argument(
        "--what",
        default="jacobian",
        metavar="WHICH",
        help=f"matrix for --format csv: {', '.join(NAMES)}",
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
    cli_code.add_parser(sub)
    sub.add_parser("functions", help="list the functions and constants of the expression language")
    return p  # fmt: skip


def run_jacobian(args: argparse.Namespace) -> str:
    variables = dict(args.var)
    if len(variables) != len(args.var):
        raise JacdeskError("a variable is given twice with --var")
    check_what(args.what)
    # Syntax errors need no torch: report them before paying ~2 s for its import.
    for i, text in enumerate(args.expr):
        parse(text, f"f{i + 1}" if len(args.expr) > 1 else None)

    from .core.engine import analyze  # torch loads here, after argument errors are reported

    result = analyze(
        args.expr,
        variables,
        constants=dict(args.const),
        vjp=args.vjp,
        jvp=args.jvp,
        vec=args.vec,
        layout=args.layout,
        hessian=args.hessian,
        symbolic=not args.no_symbolic,
        symbolic_timeout=args.symbolic_timeout,
        rows=True if args.rows else None,
        fd_check=True if args.fd_check else None,
        det=True if args.det else None,
        device=args.device,
    )
    text = render(result, args.format, args.what, args.labels)
    if args.save:  # only once the inputs are known to work
        cli_session.save_args(args)
    return text


def check_what(what: str) -> None:
    """Refuse an unknown ``--what`` before computing anything."""
    if what.partition(":")[0] not in {name.partition(":")[0] for name in NAMES}:
        # Checked for every format, so that a misspelt --what is never silently ignored.
        raise JacdeskError(f"unknown matrix {what!r}; choose one of {', '.join(NAMES)}")


def render(result: Analysis, fmt: str, what: str = "jacobian", labels: bool = False) -> str:
    """The output of ``jacobian`` and ``run``: JSON, one matrix as CSV, or the text report."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        m = select(result, what)
        if labels:
            return to_csv(m.data, m.row_labels, m.col_labels, m.corner)
        return to_csv(m.data)
    return render_text(result)


def render_text(r: Analysis) -> str:
    """The ``--format text`` report: labelled J, det J, backward(v), J u, checks, warnings."""
    point = ", ".join(f"{k} = {_vec(v)}" for k, v in r.point.items())
    rows, cols = r.labels_in_layout
    out = [f"J = ∂({', '.join(r.output_labels)})/∂({', '.join(r.input_labels)}) at {point}"]
    out += [f"conventions: {r.conventions}", ""]
    out += [to_text_table(r.jacobian_in_layout, rows, cols), ""]
    if r.determinant is not None:
        out.append(f"det J = {readable(r.determinant)}   (log|det J| = {readable(r.log_abs_det)})")
    out.append(f"y.backward(v), v = {_vec(r.v)}:  x.grad = v^T J = {_vec(r.vjp)}")
    out.append(f"J u, u = {_vec(r.u)}:  {_vec(r.jvp)}")
    if r.rows_by_backward is not None:
        out.append(f"rows by backward: {r.backward_passes} passes, one-hot v = e_i gives row i")
    sym = r.symbolic
    if sym is not None and getattr(sym, "jacobian_text", None) is not None:
        grid = (
            sym.jacobian_text
            if r.layout == "numerator"
            else list(zip(*sym.jacobian_text, strict=True))
        )
        out += ["", "symbolic J:", to_text_table(grid, rows, cols)]
        if getattr(sym, "determinant_text", None):
            out.append(f"det J = {sym.determinant_text}")
    if r.hessian is not None and r.hessian.ndim == 2:
        out += ["", "Hessian:", to_text_table(r.hessian, r.input_labels, r.input_labels)]
    c = r.check
    verdict = {True: "pass", False: "FAIL", None: "not run"}[c.ok]
    fd = "skipped" if c.fd_max_abs_err is None else f"{c.fd_max_abs_err:.2e}"
    out += ["", f"check: {verdict} (finite differences max error {fd}; strategy: {r.strategy})"]
    out += [f"warning: {w}" for w in r.warnings]
    return "\n".join(out) + "\n"


def _vec(a) -> str:
    import numpy as np

    arr = np.asarray(a)
    if arr.ndim == 0:
        return readable(float(arr))
    return "[" + ", ".join(_vec(x) for x in arr) + "]"


def list_functions() -> str:
    lines = [f"{sig.usage:<22} {sig.meaning}" for sig in FUNCTIONS.values()]
    lines += [f"{name:<22} the constant {value!r}" for name, value in CONSTANTS.items()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``jacdesk-cli``; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "jacobian":
            text = run_jacobian(args)
        elif args.command == "grid":
            text = cli_grid.run_grid(args)
        elif args.command in cli_session.COMMANDS:
            text = cli_session.run(args)
        elif args.command == "code":
            text = cli_code.run_code(args)
        else:
            text = list_functions()
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
