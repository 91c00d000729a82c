"""The compute tool bar: digits shown, vec, layout, dtype, Hessian and symbolic, in one widget.

It owns its controls. A change by the user is announced as ``optionsChanged`` with a whole
:class:`~jacdesk.core.conventions.ComputeOptions`; the controller holds the options and the
bar follows the controller's ``optionsChanged`` through :meth:`ComputeToolbar.set_options`,
which sets the controls without announcing anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QToolBar, QWidget

from jacdesk.app.system.i18n import translate
from jacdesk.core.conventions import (
    COL,
    DENOMINATOR,
    FLOAT32,
    FLOAT64,
    NUMERATOR,
    ROW,
    ComputeOptions,
)

from .style import DEFAULT_DIGITS


class ComputeToolbar(QToolBar):
    """Digits, vec, layout, dtype, Hessian, symbolic; after ``actions`` (Recompute, Cancel).

    Signals
    -------
    optionsChanged(object)
        The user changed an option: the options the bar shows now (a ComputeOptions).
    digitsChanged(int)
        The number of significant digits to show in every matrix.
    """

    optionsChanged = Signal(object)
    digitsChanged = Signal(int)

    def __init__(self, actions: Iterable[QAction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("computeToolbar")
        self._options = ComputeOptions()
        self.addActions(list(actions))
        self.addSeparator()

        self.digits_label = QLabel()
        self.addWidget(self.digits_label)
        self.precision = QSpinBox(minimum=1, maximum=17, value=DEFAULT_DIGITS)
        self.precision.valueChanged.connect(self.digitsChanged)
        self.addWidget(self.precision)

        self.vec_label = QLabel()
        self.addWidget(self.vec_label)
        self.vec_combo = QComboBox()
        for vec in (ROW, COL):
            self.vec_combo.addItem("", vec)
        self.vec_combo.currentIndexChanged.connect(self._on_controls_changed)
        self.addWidget(self.vec_combo)

        self.layout_label = QLabel()
        self.addWidget(self.layout_label)
        self.layout_combo = QComboBox()
        for layout in (NUMERATOR, DENOMINATOR):
            self.layout_combo.addItem("", layout)
        self.layout_combo.currentIndexChanged.connect(self._on_controls_changed)
        self.addWidget(self.layout_combo)

        self.dtype_combo = QComboBox()
        self.dtype_combo.setObjectName("dtypeCombo")
        for dtype in (FLOAT64, FLOAT32):
            self.dtype_combo.addItem(dtype, dtype)
        self.dtype_combo.currentIndexChanged.connect(self._on_controls_changed)
        self.addWidget(self.dtype_combo)

        self.hessian_box = QCheckBox()
        self.hessian_box.toggled.connect(self._on_controls_changed)
        self.addWidget(self.hessian_box)

        self.symbolic_box = QCheckBox()
        self.symbolic_box.toggled.connect(self._on_controls_changed)
        self.addWidget(self.symbolic_box)
        self.set_options(self._options)
        self.retranslate()

    # -- the options -------------------------------------------------------------------------
    def options(self) -> ComputeOptions:
        """The options the controls show (fields without a control kept from the last set)."""
        return self._options.replace(
            vec=self.vec_combo.currentData(),
            layout=self.layout_combo.currentData(),
            hessian=self.hessian_box.isChecked(),
            symbolic=self.symbolic_box.isChecked(),
            dtype=self.dtype_combo.currentData(),
        )

    def set_options(self, options: ComputeOptions) -> None:
        """Show ``options`` (the controller's); no ``optionsChanged`` follows."""
        self._options = options
        controls = (
            self.vec_combo,
            self.layout_combo,
            self.dtype_combo,
            self.hessian_box,
            self.symbolic_box,
        )
        were_blocked = [w.blockSignals(True) for w in controls]
        try:
            for combo, value in (
                (self.vec_combo, options.vec),
                (self.layout_combo, options.layout),
                (self.dtype_combo, options.dtype),
            ):
                combo.setCurrentIndex(max(combo.findData(value), 0))
            self.hessian_box.setChecked(options.hessian)
            self.symbolic_box.setChecked(options.symbolic)
        finally:
            for w, blocked in zip(controls, were_blocked, strict=True):
                w.blockSignals(blocked)

    def digits(self) -> int:
        return self.precision.value()

    def set_digits(self, digits: int) -> None:
        """Show ``digits`` significant digits (``digitsChanged`` follows when it changes)."""
        self.precision.setValue(digits)

    def _on_controls_changed(self, *_args: object) -> None:
        self._options = self.options()
        self.optionsChanged.emit(self._options)

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The bar's texts in the current language (its controls and state stay). They share
        the translation context "Actions" with the menus."""
        self.setWindowTitle(translate("Actions", "Compute"))
        self.digits_label.setText(translate("Actions", " digits "))
        self.precision.setToolTip(
            translate("Actions", "Significant digits shown in every matrix (exports stay exact)")
        )
        self.vec_label.setText(translate("Actions", " vec "))
        self.vec_combo.setItemText(0, translate("Actions", "row-major (torch)"))
        self.vec_combo.setItemText(1, translate("Actions", "column-major (textbook vec)"))
        self.vec_combo.setToolTip(
            translate(
                "Actions", "How matrix inputs and outputs are flattened into J's rows and columns"
            )
        )
        self.layout_label.setText(translate("Actions", " layout "))
        self.layout_combo.setItemText(0, translate("Actions", "numerator (rows = outputs)"))
        self.layout_combo.setItemText(1, translate("Actions", "denominator (rows = inputs)"))
        self.layout_combo.setToolTip(
            translate(
                "Actions",
                "Numerator layout: J's rows are the outputs (torch.autograd.functional.jacobian);\n"
                "denominator layout: its transpose, rows are the inputs",
            )
        )
        self.dtype_combo.setItemText(0, "float64")  # notation: the same in every language
        self.dtype_combo.setItemText(1, "float32")
        self.dtype_combo.setToolTip(
            translate(
                "Actions",
                "The floating-point type torch computes in: float64 (about 16 digits) or\n"
                "float32, the seed's dtype=torch.float (about 7 digits; really computed in float32)",
            )
        )
        self.hessian_box.setText(translate("Actions", "Hessian"))
        self.hessian_box.setToolTip(
            translate(
                "Actions", "Also compute second derivatives (one Hessian per output component)"
            )
        )
        self.symbolic_box.setText(translate("Actions", "Symbolic"))
        self.symbolic_box.setToolTip(
            translate(
                "Actions",
                "Derive the symbolic Jacobian with sympy (time-bounded, in the background)",
            )
        )
