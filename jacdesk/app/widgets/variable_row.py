"""One variable of the point: its name, shape (scalar / vector / matrix), a "constant" flag and
its value: a spin box + slider for a scalar, a grid for a vector or matrix."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from .value_grid import ValueGrid, default_value

KINDS = ("scalar", "vector", "matrix")
KIND_TEXTS = (
    QT_TRANSLATE_NOOP("VariableRow", "scalar"),
    QT_TRANSLATE_NOOP("VariableRow", "vector"),
    QT_TRANSLATE_NOOP("VariableRow", "matrix"),
)
STEPS = 1000  # slider positions between lo and hi
LIMIT = 1e9
DEFAULT_RANGE = (-5.0, 5.0)
NAME_CHARS = 6  # names up to this long keep the rows' controls aligned


def kind_of(shape: tuple[int, ...]) -> str:
    return KINDS[len(shape)]


class VariableRow(QWidget):
    """Signals: ``valueChanged(name, array)`` (a scalar as a 0-d array), ``shapeKindChanged(name,
    kind)`` and ``constantToggled(name, flag)`` — for user actions only, never for setters."""

    valueChanged = Signal(str, object)
    shapeKindChanged = Signal(str, str)
    constantToggled = Signal(str, bool)

    def __init__(self, name: str, value: object = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._kind = "scalar"
        self.name_label = QLabel(name, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setMinimumWidth(QFontMetrics(font).horizontalAdvance("x" * NAME_CHARS))
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItems([self.tr(k) for k in KIND_TEXTS])
        self.kind_combo.setToolTip(
            self.tr("Shape of {name}: a number, a vector or a matrix").format(name=name)
        )
        self.kind_combo.activated.connect(self._on_kind_combo_activated)
        self.constant_check = QCheckBox(self.tr("constant"), self)
        self.constant_check.setToolTip(
            self.tr(
                "Hold {name} fixed: it keeps its value but is not differentiated (no column in J)"
            ).format(name=name)
        )
        self.constant_check.toggled.connect(self._on_constant_check_toggled)
        self.header = QHBoxLayout()
        self.header.setContentsMargins(0, 0, 0, 0)
        for w in (self.name_label, self.kind_combo, self.constant_check):
            self.header.addWidget(w)
        self.header.addStretch(1)

        self.spin = QDoubleSpinBox(self)
        self.spin.setDecimals(6)
        self.spin.setRange(-LIMIT, LIMIT)
        self.spin.setSingleStep(0.1)
        self.spin.setKeyboardTracking(False)
        self.spin.setFixedWidth(self.spin.fontMetrics().horizontalAdvance("-000.000000") + 28)
        self.spin.setToolTip(
            self.tr("Value of {name}; arrows step by 0.1, or type and press Enter").format(
                name=name
            )
        )
        self.spin.valueChanged.connect(self._on_spin_value_changed)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, STEPS)
        self.slider.setToolTip(
            self.tr("Drag to sweep {name} between the two range ends").format(name=name)
        )
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.lo_spin, self.hi_spin = self._range_spin("lowest"), self._range_spin("highest")
        self.scalar_box = QWidget(self)
        grid = QGridLayout(self.scalar_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.spin, 0, 0)
        grid.addWidget(self.lo_spin, 0, 1)
        grid.addWidget(self.slider, 0, 2)
        grid.addWidget(self.hi_spin, 0, 3)
        grid.setColumnStretch(2, 1)
        self.grid = ValueGrid("vector", self)
        self.grid.valueChanged.connect(self._on_grid_value_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(self.header)
        layout.addWidget(self.scalar_box)
        layout.addWidget(self.grid)
        self._mark_constant(False)
        self.set_value(np.asarray(value, dtype=np.float64))

    # ----------------------------------------------------------------------------- public API
    def value(self) -> np.ndarray:
        """float64: 0-d for a scalar, else the grid's vector or matrix."""
        if self.kind() == "scalar":
            return np.array(self.spin.value())
        return self.grid.value()

    def set_value(self, value: np.ndarray) -> None:
        """Show ``value``; its number of dimensions picks the kind. Emits nothing."""
        arr = np.asarray(value, dtype=np.float64)
        if arr.ndim == 0:
            x = float(arr)
            lo, hi = self.lo_spin.value(), self.hi_spin.value()
            if not lo <= x <= hi:
                self.set_range(min(lo, math.floor(x)), max(hi, math.ceil(x)))
            self._set_spin(x)
            self._set_slider(x)
        else:
            self.grid.set_value(arr)
        self._show_kind(kind_of(arr.shape))

    def kind(self) -> str:
        """``"scalar"``, ``"vector"`` or ``"matrix"``: what the row holds now."""
        return self._kind

    def shape(self) -> tuple[int, ...]:
        return self.value().shape

    def is_constant(self) -> bool:
        return self.constant_check.isChecked()

    def set_constant(self, constant: bool) -> None:
        """Mark as constant (not differentiated) or not, without emitting ``constantToggled``."""
        blocked = self.constant_check.blockSignals(True)
        self.constant_check.setChecked(constant)
        self.constant_check.blockSignals(blocked)
        self._mark_constant(constant)

    def slider_range(self) -> tuple[float, float]:
        return self.lo_spin.value(), self.hi_spin.value()

    def set_range(self, lo: float, hi: float) -> None:
        """The values the slider sweeps (its ends); the scalar's value is not changed."""
        for spin, x in ((self.lo_spin, lo), (self.hi_spin, hi)):
            blocked = spin.blockSignals(True)
            spin.setValue(x)
            spin.blockSignals(blocked)
        self._set_slider(self.spin.value())

    # ----------------------------------------------------------------------------- slots
    def _on_kind_combo_activated(self, index: int) -> None:
        kind = KINDS[index]
        if kind == self._kind:
            return
        self.set_value(default_value(((), (2,), (2, 2))[index]))
        self.shapeKindChanged.emit(self.name, kind)
        self.valueChanged.emit(self.name, self.value())

    def _on_constant_check_toggled(self, checked: bool) -> None:
        self._mark_constant(checked)
        self.constantToggled.emit(self.name, checked)

    def _on_spin_value_changed(self, x: float) -> None:
        lo, hi = self.slider_range()
        if not lo <= x <= hi:
            self.set_range(min(lo, math.floor(x)), max(hi, math.ceil(x)))
        self._set_slider(x)
        self.valueChanged.emit(self.name, np.array(x))

    def _on_slider_value_changed(self, position: int) -> None:
        lo, hi = self.slider_range()
        x = round(lo + (hi - lo) * position / STEPS, 6)
        self._set_spin(x)
        self.valueChanged.emit(self.name, np.array(self.spin.value()))

    def _on_range_spin_value_changed(self, _: float) -> None:
        lo, hi = self.slider_range()
        if hi <= lo:  # keep a usable range: move the other end
            other = self.hi_spin if self.sender() is self.lo_spin else self.lo_spin
            blocked = other.blockSignals(True)
            other.setValue(lo + 1 if other is self.hi_spin else hi - 1)
            other.blockSignals(blocked)
        self._set_slider(self.spin.value())

    def _on_grid_value_changed(self, value: np.ndarray) -> None:
        self.valueChanged.emit(self.name, value)

    # ----------------------------------------------------------------------------- helpers
    def _range_spin(self, end: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(-LIMIT, LIMIT)
        spin.setDecimals(2)
        spin.setValue(DEFAULT_RANGE[end == "highest"])
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        spin.setKeyboardTracking(False)
        spin.setFixedWidth(spin.fontMetrics().horizontalAdvance("-00.00") + 10)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tip = (
            self.tr("The lowest value of {name} on the slider (type to change)")
            if end == "lowest"
            else self.tr("The highest value of {name} on the slider (type to change)")
        )
        spin.setToolTip(tip.format(name=self.name))
        spin.valueChanged.connect(self._on_range_spin_value_changed)
        return spin

    def _set_spin(self, x: float) -> None:
        blocked = self.spin.blockSignals(True)
        self.spin.setValue(x)
        self.spin.blockSignals(blocked)

    def _set_slider(self, x: float) -> None:
        lo, hi = self.slider_range()
        t = 0.0 if hi <= lo else (min(max(x, lo), hi) - lo) / (hi - lo)
        blocked = self.slider.blockSignals(True)
        self.slider.setValue(round(t * STEPS))
        self.slider.blockSignals(blocked)

    def _show_kind(self, kind: str) -> None:
        self._kind = kind
        self.kind_combo.setCurrentIndex(KINDS.index(kind))
        self.scalar_box.setVisible(kind == "scalar")
        self.grid.setVisible(kind != "scalar")

    def _mark_constant(self, constant: bool) -> None:
        font = self.name_label.font()
        font.setItalic(constant)
        self.name_label.setFont(font)
        palette = self.palette()
        if constant:
            palette.setColor(
                QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
            )
        self.name_label.setPalette(palette)
        self.name_label.setToolTip(
            (
                self.tr("{name} is held constant: not differentiated")
                if constant
                else self.tr("{name} is differentiated: it gives J its own column(s)")
            ).format(name=self.name)
        )
