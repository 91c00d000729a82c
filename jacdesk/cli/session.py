"""``jacdesk-cli run`` and ``export-all`` (session files), and ``jacobian --save``.

``run FILE`` computes exactly what ``jacobian`` computes for the inputs saved in FILE and
prints it the same way; ``export-all FILE DIR`` writes the window's export bundle. Session
files are data only: a broken or hostile one is refused with one line and exit status 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from .options import from_args

COMMANDS = ("run", "export-all")


def add_save_option(parser: argparse.ArgumentParser) -> None:
    """``--save FILE.jacdesk`` for ``jacobian``."""
    parser.add_argument(
        "--save",
        metavar="FILE.jacdesk",
        help="also save these inputs as a session file (replay it with: run FILE.jacdesk)",
    )


def add_compute_options(p: argparse.ArgumentParser) -> None:
    """The options shared by ``jacobian``, ``run`` and ``export-all``."""
    p.add_argument(
        "--symbolic-timeout",
        type=float,
        default=5.0,
        metavar="S",
        help="seconds allowed for the symbolic forms (default 5)",
    )
    p.add_argument("--rows", action="store_true", help="row-by-row backward even beyond 64 outputs")
    p.add_argument(
        "--fd-check", action="store_true", help="finite-difference check even beyond 64 inputs"
    )
    p.add_argument("--det", action="store_true", help="det J even beyond 256×256")
    p.add_argument("--device", default="cpu", help="cpu (default) or cuda (falls back to cpu)")


def add_parsers(sub: Any) -> None:
    """The ``run`` and ``export-all`` subcommands."""
    from .render import WHAT_HELP

    r = sub.add_parser(
        "run",
        help="evaluate a .jacdesk session file exactly as jacobian would",
        description="Example: jacdesk-cli run tutorial.jacdesk --format text",
    )
    r.add_argument("file", metavar="FILE", help="a session file (.jacdesk)")
    r.add_argument("--format", choices=("json", "csv", "text"), default="json")
    r.add_argument(
        "--what",
        default="jacobian",
        metavar="WHICH",
        help=WHAT_HELP,
    )
    r.add_argument(
        "--labels",
        action="store_true",
        help="CSV: header of input names, first column of output names",
    )
    r.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    add_compute_options(r)
    e = sub.add_parser(
        "export-all",
        help="every matrix of a session as CSV, plus session.json, into a folder",
        description="Example: jacdesk-cli export-all tutorial.jacdesk out/",
    )
    e.add_argument("file", metavar="FILE", help="a session file (.jacdesk)")
    e.add_argument("folder", metavar="DIR", help="the folder to write (created if needed)")
    add_compute_options(e)


def _analyze(session: Any, args: argparse.Namespace) -> Any:
    # The same options, in the same way, as `jacobian` passes them to analyze().
    return session.analyze(
        symbolic_timeout=args.symbolic_timeout,
        rows=True if args.rows else None,
        fd_check=True if args.fd_check else None,
        det=True if args.det else None,
        device=args.device,
    )


def run(args: argparse.Namespace) -> str:
    """Carry out ``run`` or ``export-all``; returns what to print."""
    from jacdesk.core.sessions.session import load_session

    from .render import check_what, render

    if args.command == "run":
        check_what(args.what)
        session = load_session(args.file)
        return render(_analyze(session, args), args.format, args.what, args.labels)
    from jacdesk.core.sessions.bundle import export_all

    session = load_session(args.file)
    paths = export_all(session, _analyze(session, args), args.folder)
    return f"wrote {len(paths)} files to {args.folder}\n" + "".join(f"{p}\n" for p in paths)


def save_args(args: argparse.Namespace) -> None:
    """Write the inputs of a ``jacobian`` command to ``args.save`` as a session file."""
    from jacdesk.core.sessions.session import save_session, session_from_args

    session = session_from_args(
        args.expr,
        args.var,
        args.const,
        options=from_args(args),
        v=args.vjp,
        u=args.jvp,
    )
    save_session(session, args.save)
