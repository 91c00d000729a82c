"""Entry script of the frozen ``jacdesk`` window (PyInstaller bundle, see jacdesk.spec).

Outside Windows the bundle has one program: ``jacdesk-cli`` is a symbolic link to ``jacdesk``,
and the name it was started by picks the command line or the window.

``freeze_support()`` must run first: the sympy worker is a ``multiprocessing`` "spawn" child,
and in a frozen app that child is this very executable started again with
``--multiprocessing-fork``; ``freeze_support()`` turns such a start into the child's loop
instead of a second window.
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    if os.path.basename(sys.argv[0]).lower().startswith("jacdesk-cli"):
        from jacdesk.cli.main import main as cli_main

        raise SystemExit(cli_main())

    if os.environ.get("JACDESK_BUNDLE_PROBE"):  # check_bundle.py's self-test of the window
        import bundle_probe

        bundle_probe.install(os.environ["JACDESK_BUNDLE_PROBE"])

    from jacdesk.app.main import main

    raise SystemExit(main())
