"""The ``jacdesk-cli`` command line: a thin front end over :mod:`jacdesk.core`."""

from .main import main

__all__ = ["main"]
