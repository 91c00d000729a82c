"""The compute options on the command line: one set of flags, read into one ComputeOptions."""

from __future__ import annotations

import argparse

from jacdesk.core.conventions import DTYPES, FLOAT64, LAYOUTS, NUMERATOR, ROW, VECS, ComputeOptions


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--vec``, ``--layout``, ``--hessian``, ``--no-symbolic`` and ``--dtype`` (jacobian)."""
    parser.add_argument(
        "--vec",
        choices=VECS,
        default=ROW,
        help="flatten matrices row-major (torch, default) or column-major (textbook vec)",
    )
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default=NUMERATOR,
        help="J's rows are the outputs (numerator, torch's, default) or the inputs (denominator)",
    )
    parser.add_argument("--hessian", action="store_true", help="also compute second derivatives")
    parser.add_argument("--no-symbolic", action="store_true", help="skip the symbolic Jacobian")
    parser.add_argument(
        "--dtype",
        choices=DTYPES,
        default=FLOAT64,
        help="compute in float64 (default) or float32, as torch.float does (stated in the output)",
    )


def from_args(args: argparse.Namespace) -> ComputeOptions:
    """The options those flags chose."""
    return ComputeOptions(
        vec=args.vec,
        layout=args.layout,
        hessian=args.hessian,
        symbolic=not args.no_symbolic,
        dtype=getattr(args, "dtype", FLOAT64),
    )
