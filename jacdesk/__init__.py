"""jacdesk — an offline lab for vector and matrix differentiation with PyTorch.

The public API is Qt-free::

    >>> import jacdesk
    >>> r = jacdesk.analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2})
    >>> r.jacobian.tolist(), r.vjp.tolist(), r.determinant
    ([[2.0, 2.0], [3.0, 16.0]], [5.0, 18.0], 26.0)

torch loads on first use of :func:`analyze`, not on ``import jacdesk``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jacdesk.core.errors import JacdeskError

__version__ = "0.1.0"
__all__ = ["JacdeskError", "__version__", "analyze", "parse"]

if TYPE_CHECKING:  # pragma: no cover
    from jacdesk.core.engine import analyze
    from jacdesk.core.language.parser import parse


def __getattr__(name: str) -> Any:
    # Lazy so that `import jacdesk` (and the window's first paint) does not wait for torch.
    if name == "analyze":
        from jacdesk.core.engine import analyze

        return analyze
    if name == "parse":
        from jacdesk.core.language.parser import parse

        return parse
    raise AttributeError(f"module 'jacdesk' has no attribute {name!r}")
