"""The status bar's "compute anyway" button: what was skipped or refused for size, at what cost."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from jacdesk.core.diff.budget import format_bytes

#: Extra → its name in the button (translated through the widget's context).
EXTRAS = {
    "rows": QT_TRANSLATE_NOOP("AnywayButton", "rows by backward"),
    "fd_check": QT_TRANSLATE_NOOP("AnywayButton", "finite-difference check"),
    "det": QT_TRANSLATE_NOOP("AnywayButton", "det J"),
}


class AnywayButton(QPushButton):
    """Hidden until the controller offers something; clicking it asks for it (``computeAnyway``)."""

    computeAnyway = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)
        self.setFlat(True)
        self.clicked.connect(self.computeAnyway)

    def set_offer(self, offer: object | None) -> None:
        """An ``AnywayOffer`` (extras, cost, needed) or ``None`` to hide the button."""
        if offer is None:
            self.setVisible(False)
            return
        cost = format_bytes(offer.cost) if offer.cost else self.tr("little memory")
        if offer.extras:
            names = ", ".join(self.tr(EXTRAS.get(e, e)) for e in offer.extras)
            self.setText(
                self.tr("Compute anyway: {names} (≈ {cost})").format(names=names, cost=cost)
            )
            self.setToolTip(
                self.tr(
                    "Skipped for size to keep the window quick; they need about {cost} more"
                ).format(cost=cost)
            )
        else:
            self.setText(self.tr("Compute anyway (needs ≈ {cost})").format(cost=cost))
            self.setToolTip(
                self.tr("Over the memory budget: this may use most of the machine's memory")
            )
        self.setVisible(True)
