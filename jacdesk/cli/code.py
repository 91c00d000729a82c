"""``jacdesk-cli code``: the standalone PyTorch script for a saved session."""

from __future__ import annotations

import argparse


def add_parser(sub) -> None:
    """Add the ``code FILE [-o OUT]`` subcommand to ``sub`` (argparse subparsers)."""
    c = sub.add_parser(
        "code",
        help="print the standalone PyTorch script for a session file",
        description="Example: jacdesk-cli code lesson.jacdesk -o lesson.py && python3 lesson.py "
        "(the script needs only torch and prints the same numbers as jacdesk)",
    )
    c.add_argument("file", metavar="FILE", help="a session saved by jacdesk")
    c.add_argument("-o", "--output", metavar="OUT", help="write the script to OUT (atomically)")


def run_code(args: argparse.Namespace) -> str:
    """The script for ``args.file``.

    Raises
    ------
    JacdeskError
        When the file cannot be read as a session, or its expressions or values are invalid.
    """
    # Imported here: the session loader and the generator pull in torch, --help should not.
    from jacdesk.core.codegen.script import script_for_session
    from jacdesk.core.sessions.session import load_session

    return script_for_session(load_session(args.file))
