"""``jacdesk-cli jacobian --torch FILE.py`` and ``jacdesk-cli functions --torch``.

The script is read, never run (:mod:`jacdesk.core.language.torch_reader`). Its translation
replaces ``-e`` / ``--var`` / ``--const`` / ``--vjp`` / ``--jvp`` on the parsed arguments, so
that ``jacobian`` then computes and prints exactly what it prints for those ``-e`` arguments;
the translation's notes (float32 asked for, renamed names) join the result's warnings.
"""

from __future__ import annotations

import argparse
from typing import Any

from jacdesk.core.errors import JacdeskError

from .options import from_args


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--torch FILE.py`` and ``--function NAME`` for ``jacobian``."""
    parser.add_argument(
        "--torch",
        metavar="FILE.py",
        help="read f, the point, v and u from a PyTorch script instead of -e (it is read, never "
        "run; --var replaces the script's point; see: functions --torch)",
    )
    parser.add_argument(
        "--function",
        metavar="NAME",
        help="with --torch: the function to read (default: the only one, or the one the script differentiates)",
    )


def add_functions_option(parser: argparse.ArgumentParser) -> None:
    """``functions --torch``."""
    parser.add_argument(
        "--torch", action="store_true", help="list the PyTorch subset that --torch reads"
    )


def list_functions(args: argparse.Namespace) -> str | None:
    """The text of ``functions --torch``, or ``None`` for the expression language's list."""
    if not getattr(args, "torch", False):
        return None
    from jacdesk.core.language.torch_subset import describe_subset

    return describe_subset()


def prepare(args: argparse.Namespace) -> Any:
    """Put the script's translation into ``args`` (``expr``, ``var``, ``const``, ``vjp``,
    ``jvp``); returns it, or ``None`` without ``--torch``.

    Raises
    ------
    JacdeskError
        ``-e`` and ``--torch`` together, neither of them, ``--function`` without ``--torch``,
        or anything the reader refuses (one line with its line and column).
    """
    if args.torch is None:
        if args.function is not None:
            raise JacdeskError("--function NAME goes with --torch FILE.py")
        if not args.expr:
            raise JacdeskError(
                "give at least one expression with -e (or a PyTorch script with --torch FILE.py)"
            )
        return None
    if args.expr:
        raise JacdeskError("give either -e expressions or --torch FILE.py, not both")
    values = dict(args.var)
    if len(values) != len(args.var):
        raise JacdeskError("a variable is given twice with --var")
    from jacdesk.core.sessions.torch_problem import read_torch_file

    tr = read_torch_file(args.torch, args.function, values)
    consts = dict(args.const)
    unknown = sorted(set(consts) - set(tr.constants))
    if unknown:
        have = ", ".join(tr.constants) or "none"
        raise JacdeskError(
            f"--const {unknown[0]}: the script has no constant {unknown[0]} (its constants: {have})"
        )
    args.expr = list(tr.expressions)
    args.var = list(tr.variables.items())
    args.const = list({**tr.constants, **consts}.items())
    if args.vjp is None and tr.v is not None:
        args.vjp = tr.v
    if args.jvp is None and tr.u is not None:
        args.jvp = tr.u_in(args.vec)
    return tr


def with_notes(result: Any, translation: Any) -> Any:
    """The analysis with the translation's notes among its warnings (no-op without one)."""
    if translation is None:
        return result
    from jacdesk.core.sessions.torch_problem import with_notes as add

    return add(result, translation.notes)


def save(args: argparse.Namespace, translation: Any) -> None:
    """``--save`` for ``--torch``: the session of the inputs, keeping the script's source."""
    from jacdesk.core.sessions.session import save_session
    from jacdesk.core.sessions.torch_problem import session_from_translation

    session = session_from_translation(
        translation,
        constants=dict(args.const),
        options=from_args(args),
        v=args.vjp,
        u=args.jvp,
    )
    save_session(session, args.save)
