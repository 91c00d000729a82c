"""The window's state as a :class:`~jacdesk.core.sessions.session.Session`, and back.

What is computed comes from the widgets that show the problem (through :class:`SessionView`)
and from the controller (options, v and u); the ``view`` part holds what is only presentation
(digits, tab, plot settings). This module knows no widget: the window hands over an object
that implements :class:`SessionView` (``jacdesk.app.window.session_view.ShownSession``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from jacdesk.core.sessions.session import Session

if TYPE_CHECKING:
    from .controller import Controller


class SessionView(Protocol):
    """Where a session is shown: the expressions, the point and the presentation."""

    def expressions(self) -> list[str]:
        """The expressions as typed, one per line."""
        ...

    def point(self) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        """(variables, constants) as entered, variables in J's column order."""
        ...

    def view_state(self) -> dict[str, Any]:
        """What only presentation depends on: ``digits``, ``tab``, ``plots``."""
        ...

    def show_problem(
        self,
        expressions: Sequence[str],
        variables: Mapping[str, Any],
        constants: Mapping[str, Any],
    ) -> None:
        """Put expressions and a point into the widgets (they report them as edits)."""
        ...

    def apply_view(self, digits: int | None, tab: str | None, plots: dict | None) -> None:
        """Restore the presentation; None leaves that part as it is."""
        ...

    def torch_source(self) -> tuple[str, str | None] | None:
        """(PyTorch source, function) while the problem is shown as PyTorch, else None."""
        ...

    def show_torch(self, source: str | None, function: str | None) -> None:
        """Show the PyTorch source the problem was read from (None: show expressions)."""
        ...

    def show_vectors(self, v: Any, u: Any) -> None:
        """Show the session's v and u (None: ones) where they are edited."""
        ...


class SessionIO:
    """:meth:`collect` and :meth:`apply` for one controller and the widgets showing its problem."""

    def __init__(self, controller: Controller, view: SessionView) -> None:
        self.controller = controller
        self.view = view

    def collect(self, with_view: bool = True) -> Session:
        """The session shown now (names no expression mentions are left out)."""
        c = self.controller
        names = set(c.names())
        variables, constants = self.view.point()
        view = _plain(self.view.view_state()) if with_view else {}
        options = c.options
        source, function = self.view.torch_source() or (None, None)
        return Session.from_options(
            options,
            expressions=tuple(self.view.expressions()),
            variables={k: np.asarray(v) for k, v in variables.items() if k in names},
            constants={k: np.asarray(v) for k, v in constants.items() if k in names},
            v=c.v,
            u=c.u,
            view=view,
            torch_source=source,
            torch_function=function,
        )

    def apply(self, session: Session) -> None:
        """Show ``session``: expressions and point, then options, v and u, then the view."""
        # The problem first: loading it resets v and u, which the session then sets.
        self.view.show_problem(session.expressions, session.variables, session.constants)
        self.view.show_torch(session.torch_source, session.torch_function)
        self.view.show_vectors(session.v, session.u)
        self.controller.apply_session(session)
        view = session.view or {}
        digits = view.get("digits")
        tab = view.get("tab")
        plots = view.get("plots")
        self.view.apply_view(
            digits if isinstance(digits, int) and not isinstance(digits, bool) else None,
            tab if isinstance(tab, str) else None,
            plots if isinstance(plots, dict) else None,
        )


def fingerprint(session: Session) -> tuple:
    """What decides "unsaved changes": compared, never written. Arrays count by shape and a
    digest of their bytes, so a 256×256 matrix costs ~1 ms here instead of a JSON dump."""

    def digest(a: np.ndarray | None) -> tuple | None:
        if a is None:
            return None
        arr = np.ascontiguousarray(a, dtype=np.float64)
        return arr.shape, hashlib.blake2b(arr.tobytes(), digest_size=16).digest()

    return (
        session.expressions,
        tuple((k, digest(v)) for k, v in session.variables.items()),
        tuple((k, digest(v)) for k, v in session.constants.items()),
        session.vec,
        session.layout,
        session.hessian,
        session.symbolic,
        digest(session.v),
        digest(session.u),
    )


def _plain(value: Any) -> Any:
    """JSON-ready copy: tuples become lists, numpy numbers become floats."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
