"""Help ▸ About: versions of everything that computes or draws, and the device."""

from __future__ import annotations

import platform
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from jacdesk.app.system.i18n import translate


def versions() -> dict[str, str]:
    """Name → version of jacdesk, Python, Qt, torch, sympy, pyqtgraph and the device."""
    import PySide6
    from PySide6.QtCore import qVersion

    from jacdesk._version import __version__

    out = {
        "jacdesk": __version__,
        "Python": f"{platform.python_version()} ({sys.implementation.name})",
        "Qt": f"{qVersion()} (PySide6 {PySide6.__version__})",
    }
    for name in ("torch", "sympy", "pyqtgraph", "numpy"):
        mod = sys.modules.get(name)
        if mod is None:
            try:
                mod = __import__(name)
            except ImportError:
                out[name] = "not installed"
                continue
        out[name] = getattr(mod, "__version__", "?")
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        out["device"] = f"CUDA ({torch.cuda.get_device_name(0)}), CPU by default"
    else:
        out["device"] = "CPU (float64)"
    return out


def show_about(parent: QWidget | None) -> None:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    QMessageBox.about(
        parent,
        translate("About", "About jacdesk"),
        translate(
            "About",
            "<h3>jacdesk</h3><p>An offline lab for vector and matrix differentiation with "
            "PyTorch.</p>",
        )
        + f"<table>{rows}</table>",
    )
