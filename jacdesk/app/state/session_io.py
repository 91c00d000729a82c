"""The window's state as a :class:`~jacdesk.core.sessions.session.Session`, and back.

What is computed comes from the editor, the variables panel and the controller's options; the
``view`` part holds what is only presentation (digits, tab, plot settings).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import numpy as np

from jacdesk.core.sessions.session import Session

if TYPE_CHECKING:
    from jacdesk.app.window.main_window import MainWindow


def collect(win: MainWindow, with_view: bool = True) -> Session:
    """The session the window shows now (names no expression mentions are left out)."""
    c = win.controller
    names = set(win.controller.names())
    variables = {k: np.asarray(v) for k, v in win.variables.variables().items() if k in names}
    constants = {k: np.asarray(v) for k, v in win.variables.constants().items() if k in names}
    view: dict[str, Any] = {}
    if with_view:
        view = {
            "digits": win.precision.value(),
            "tab": win.tabs.current_name(),
            "plots": _plain(win.plots.settings()),
        }
    return Session(
        expressions=tuple(win.editor.expressions()),
        variables=variables,
        constants=constants,
        vec=c.vec,
        layout=c.layout,
        hessian=c.hessian,
        symbolic=c.symbolic,
        v=c.v,
        u=c.u,
        view=view,
    )


def apply(win: MainWindow, session: Session) -> None:
    """Show ``session``: expressions, point, conventions, options, v and u, then the view."""
    c = win.controller
    for combo, value in ((win.vec_combo, session.vec), (win.layout_combo, session.layout)):
        combo.setCurrentIndex(max(combo.findData(value), 0))
    win.hessian_box.setChecked(session.hessian)
    win.symbolic_box.setChecked(session.symbolic)
    win.load_example_parts(session.expressions, session.variables, session.constants, note="")
    c.set_v(session.v)
    c.set_u(session.u)
    view = session.view or {}
    digits = view.get("digits")
    if isinstance(digits, int) and not isinstance(digits, bool):
        win.precision.setValue(digits)
    tab = view.get("tab")
    if isinstance(tab, str) and tab in win.tabs.names():
        win.tabs.setCurrentIndex(win.tabs.names().index(tab))
    plots = view.get("plots")
    if isinstance(plots, dict):
        win.plots.apply_settings(plots)


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
