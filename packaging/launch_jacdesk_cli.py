"""Entry script of the frozen ``jacdesk-cli`` (PyInstaller bundle, see jacdesk.spec).

``freeze_support()`` first, as in ``launch_jacdesk.py``: the symbolic Jacobian comes from a
"spawn" child that re-runs this executable.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from jacdesk.cli.main import main

    raise SystemExit(main())
