"""The Jacobian matrix J at the point: outputs down, inputs across (numerator layout)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.core.results import Analysis

from .matrix_view import MatrixView
from .stale_badge import StaleBadge
from .style import WARNING_STYLE, set_stale_look, short_list

CAPTION_TIP = (
    "Row i holds the derivatives of output f_i, column j those with respect to input x_j "
    "(numerator layout, as torch.autograd.functional.jacobian returns it)."
)


class JacobianView(QWidget):
    """Caption, the J table, and a strip with the result's warnings."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setToolTip(CAPTION_TIP)
        self.badge = StaleBadge(self)
        self.matrix_view = MatrixView("", self, badge=False)
        self.matrix_view.setToolTip("The Jacobian at the point; hover a cell for ∂f_i/∂x_j exactly")
        self.matrix_view.statusMessage.connect(self.statusMessage)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setToolTip("What jacdesk noticed while computing this result")
        self.warnings.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.matrix_view)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        outs, ins = result.output_labels, result.input_labels
        m, n = result.jacobian.shape
        self.caption.setText(
            f"<b>J = ∂({short_list(outs)})/∂({short_list(ins)})</b> — {m}×{n} — rows: outputs, "
            f"columns: inputs (numerator layout) — {result.strategy}"
        )
        self.matrix_view.set_matrix(
            result.jacobian, outs, [f"∂/∂{x}" for x in ins], self._cell_name
        )
        self._show_warnings(result.warnings)

    def set_stale(self, stale: bool) -> None:
        self.matrix_view.set_stale(stale)
        self.badge.set_stale(stale)
        set_stale_look([self.caption], stale)

    def set_precision(self, digits: int) -> None:
        self.matrix_view.set_precision(digits)

    def clear(self, message: str = "") -> None:
        self._result = None
        self.caption.setText("J = ∂f/∂x — rows: outputs, columns: inputs (numerator layout)")
        self.matrix_view.clear(message or "type f and a point to see its Jacobian")
        self._show_warnings(())

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def _cell_name(self, row: int, col: int) -> str:
        r = self._result
        if r is None:
            return f"J[{row}, {col}]"
        return f"∂{r.output_labels[row]}/∂{r.input_labels[col]}"
