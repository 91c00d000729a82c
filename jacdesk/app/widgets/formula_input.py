"""The formula box with its two modes: jacdesk expressions, or a PyTorch function to read."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .expression_editor import ExpressionEditor
from .torch_editor import TorchEditor

EXPRESSIONS = "expressions"
TORCH = "torch"


class FormulaInput(QWidget):
    """Two toggles (*Expressions* / *PyTorch*) over the editor of that mode.

    ``expressions_editor`` and ``torch_editor`` are the two editors; ``modeChanged(str)``
    (``"expressions"`` / ``"torch"``) when the user or :meth:`set_mode` switches.
    """

    modeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expressions_editor = ExpressionEditor(self)
        self.torch_editor = TorchEditor(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.expressions_editor)
        self.stack.addWidget(self.torch_editor)

        self.expressions_button = QToolButton(self, checkable=True, autoRaise=True)
        self.torch_button = QToolButton(self, checkable=True, autoRaise=True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.addButton(self.expressions_button)
        self.group.addButton(self.torch_button)
        self.expressions_button.setChecked(True)
        self.group.buttonToggled.connect(self._on_group_buttonToggled)
        self.group.buttonClicked.connect(self._on_group_buttonClicked)
        self.retranslate()

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        bar.addWidget(self.expressions_button)
        bar.addWidget(self.torch_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

    def retranslate(self) -> None:
        self.expressions_button.setText(self.tr("Expressions"))
        self.expressions_button.setToolTip(self.tr("Type jacdesk expressions, one per line"))
        self.torch_button.setText("PyTorch")  # a name: the same in every language
        self.torch_button.setToolTip(
            self.tr("Paste a PyTorch function (def f(x): …); it is read, never run")
        )

    def mode(self) -> str:
        return TORCH if self.torch_button.isChecked() else EXPRESSIONS

    def set_mode(self, mode: str) -> None:
        """Show the editor of ``mode``; emits ``modeChanged`` when it changes."""
        (self.torch_button if mode == TORCH else self.expressions_button).setChecked(True)

    def _on_group_buttonToggled(self, button: QToolButton, checked: bool) -> None:
        if not checked:
            return
        torch = button is self.torch_button
        self.stack.setCurrentWidget(self.torch_editor if torch else self.expressions_editor)
        self.modeChanged.emit(TORCH if torch else EXPRESSIONS)

    def _on_group_buttonClicked(self, button: QToolButton) -> None:
        # Back to PyTorch by hand: the problem becomes the script's again (the expressions
        # may have been edited meanwhile).
        if button is self.torch_button and self.torch_editor.source().strip():
            self.torch_editor.read_now()
