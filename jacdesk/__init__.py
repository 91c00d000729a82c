"""jacdesk — an offline lab for vector and matrix differentiation with PyTorch.

The public API is Qt-free::

    >>> import jacdesk
    >>> r = jacdesk.analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2})
    >>> r.jacobian.tolist(), r.vjp.tolist(), r.determinant
    ([[2.0, 2.0], [3.0, 16.0]], [5.0, 18.0], 26.0)

torch loads on first use of :func:`analyze` (or :func:`grid`), not on ``import jacdesk``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from jacdesk._version import __version__
from jacdesk.core.errors import JacdeskError

__all__ = [
    "JacdeskError",
    "__version__",
    "analyze",
    "analyze_fn",
    "backward_graph",
    "grid",
    "parse",
    "show",
]

if TYPE_CHECKING:  # pragma: no cover
    from jacdesk.core.diff.backward_graph import backward_graph
    from jacdesk.core.diff.grid import grid
    from jacdesk.core.engine import analyze
    from jacdesk.core.language.parser import parse
    from jacdesk.core.sessions.python_fn import analyze_fn, show

#: Public name → the module that defines it, imported on first use.
_LAZY = {
    "analyze": "jacdesk.core.engine",
    "grid": "jacdesk.core.diff.grid",
    "backward_graph": "jacdesk.core.diff.backward_graph",
    "parse": "jacdesk.core.language.parser",
    "analyze_fn": "jacdesk.core.sessions.python_fn",
    "show": "jacdesk.core.sessions.python_fn",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `import jacdesk` (and the window's first paint) does not wait for torch.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jacdesk' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
