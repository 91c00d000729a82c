"""Which inputs the plots vary, over what ranges, how finely; the tangent-plane switch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from jacdesk.app.widgets.style import WARNING_STYLE

NONE_TEXT = QT_TRANSLATE_NOOP("PlotControls", "— none (plot over x only) —")
DEFAULT_N = 100
HALF = 3.0


def default_range(p: float) -> tuple[float, float]:
    """−3 … 3 when that shows the point with room to spare, else the point ± 3."""
    return (-HALF, HALF) if p - 1 > -HALF and p + 1 < HALF else (p - HALF, p + HALF)


def _spin(tip: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(-1e9, 1e9)
    spin.setDecimals(4)
    spin.setSingleStep(0.5)
    spin.setKeyboardTracking(False)  # one change per edit, not per keystroke
    spin.setToolTip(tip)
    return spin


class PlotControls(QWidget):
    """Two input choosers, a lo/hi range for each, the resolution and the tangent-plane switch.

    ``settingsChanged`` carries :meth:`settings` whenever they change and are valid (lo < hi).
    """

    settingsChanged = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._point: dict[str, float] = {}
        self._ranges: dict[str, tuple[float, float]] = {}
        self._wanted: tuple[str, str | None] | None = None
        self._previous_x: str | None = None
        self._previous_y: str | None = None
        self.x_combo = QComboBox(self)
        self.x_combo.setToolTip(
            self.tr("The input plotted across (x axis); the others stay at the point")
        )
        self.y_combo = QComboBox(self)
        self.y_combo.setToolTip(
            self.tr("The input plotted upwards (y axis), or none for curves over one input")
        )
        self.x_lo, self.x_hi = (
            _spin(self.tr("Lowest x plotted")),
            _spin(self.tr("Highest x plotted")),
        )
        self.y_lo, self.y_hi = (
            _spin(self.tr("Lowest y plotted")),
            _spin(self.tr("Highest y plotted")),
        )
        self.n_spin = QSpinBox(self)
        self.n_spin.setRange(10, 400)
        self.n_spin.setValue(DEFAULT_N)
        self.n_spin.setKeyboardTracking(False)
        self.n_spin.setSuffix(self.tr(" points per axis"))
        self.n_spin.setToolTip(
            self.tr("Grid resolution: more points, finer maps, slower to compute")
        )
        self.tangent = QCheckBox(self.tr("tangent plane"), self)
        self.tangent.setToolTip(
            self.tr("Draw the tangent plane f(p) + J (x − p) at the point (3-D view)")
        )
        self.reset = QPushButton(self.tr("Reset ranges"), self)
        self.reset.setToolTip(
            self.tr("Ranges back to −3 … 3, or ± 3 around the point when it lies outside")
        )
        self.warning = QLabel(self)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setVisible(False)
        self.x_row, self.y_row = QHBoxLayout(), QHBoxLayout()
        for row, lo, hi in ((self.x_row, self.x_lo, self.x_hi), (self.y_row, self.y_lo, self.y_hi)):
            row.addWidget(lo, 1)
            row.addWidget(QLabel(self.tr("to")))
            row.addWidget(hi, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("x input:"), self.x_combo)
        form.addRow(self.tr("x range:"), self.x_row)
        form.addRow(self.tr("y input:"), self.y_combo)
        form.addRow(self.tr("y range:"), self.y_row)
        form.addRow(self.tr("resolution:"), self.n_spin)
        form.addRow(self.tangent, self.reset)
        form.addRow(self.warning)
        self._form = form
        self.x_combo.currentIndexChanged.connect(self._on_x_combo_changed)
        self.y_combo.currentIndexChanged.connect(self._on_y_combo_changed)
        for spin in (self.x_lo, self.x_hi, self.y_lo, self.y_hi):
            spin.valueChanged.connect(self._on_range_edited)
        self.n_spin.valueChanged.connect(self._on_n_spin_changed)
        self.tangent.toggled.connect(self._on_tangent_toggled)
        self.reset.clicked.connect(self._on_reset_clicked)
        self.set_inputs([], {})

    def set_inputs(self, labels: list[str], point: dict[str, float]) -> None:
        """Offer ``labels``; keep the chosen x and y when still offered, else the first two."""
        before = self.settings()
        x, y = self._x(), self._y()
        if self._wanted is not None and self._wanted[0] in labels:
            x, y = self._wanted  # choices restored from a session, once their inputs exist
            self._wanted = None
        self._labels, self._point = list(labels), {k: float(v) for k, v in point.items()}
        if x not in labels:
            x = labels[0] if labels else None
        keep_1d = y is None and before["x"] in labels  # "none" was chosen for y: keep it
        if not keep_1d and (y not in labels or y == x):
            y = next((a for a in labels if a != x), None)
        self._fill(x, y)
        if self.settings() != before:
            self._emit()

    def apply(self, settings: Mapping[str, Any]) -> None:
        """Restore saved choices (a session's plot settings); anything malformed is ignored."""
        ranges = settings.get("ranges")
        if isinstance(ranges, dict):
            for a, r in ranges.items():
                if _is_range(r):
                    self._ranges[str(a)] = (float(r[0]), float(r[1]))
        n, tangent = settings.get("n"), settings.get("tangent")
        for widget, ok, apply in (
            (self.n_spin, isinstance(n, int) and not isinstance(n, bool), self.n_spin.setValue),
            (self.tangent, isinstance(tangent, bool), self.tangent.setChecked),
        ):
            if ok:
                widget.blockSignals(True)
                apply(n if widget is self.n_spin else tangent)
                widget.blockSignals(False)
        x, y = settings.get("x"), settings.get("y")
        if isinstance(x, str) and (y is None or isinstance(y, str)):
            self._wanted = (x, y)
        self.set_inputs(self._labels, self._point)

    def settings(self) -> dict[str, Any]:
        x, y = self._x(), self._y()
        ranges = {a: self._ranges[a] for a in (x, y) if a is not None and a in self._ranges}
        return {
            "x": x,
            "y": y,
            "ranges": ranges,
            "n": self.n_spin.value(),
            "tangent": self.tangent.isChecked(),
        }

    def _x(self) -> str | None:
        return self.x_combo.currentData()

    def _y(self) -> str | None:
        return self.y_combo.currentData()

    def _fill(self, x: str | None, y: str | None) -> None:
        """Combos and spin boxes from the state, without signals."""
        widgets = (self.x_combo, self.y_combo, self.x_lo, self.x_hi, self.y_lo, self.y_hi)
        for w in widgets:
            w.blockSignals(True)
        self.x_combo.clear()
        self.y_combo.clear()
        self.y_combo.addItem(self.tr(NONE_TEXT), None)
        for a in self._labels:
            self.x_combo.addItem(a, a)
            self.y_combo.addItem(a, a)
            self._ranges.setdefault(a, default_range(self._point.get(a, 0.0)))
        self.x_combo.setCurrentIndex(max(self.x_combo.findData(x), 0))
        self.y_combo.setCurrentIndex(max(self.y_combo.findData(y), 0) if y is not None else 0)
        for a, lo, hi in ((x, self.x_lo, self.x_hi), (y, self.y_lo, self.y_hi)):
            if a is not None:
                lo.setValue(self._ranges[a][0])
                hi.setValue(self._ranges[a][1])
        for w in widgets:
            w.blockSignals(False)
        self._previous_x, self._previous_y = x, y
        self._form.setRowVisible(3, y is not None)
        for w in (*widgets, self.n_spin, self.tangent, self.reset):
            w.setEnabled(bool(self._labels))

    def _on_x_combo_changed(self, _index: int) -> None:
        x, y = self._x(), self._y()
        if x is not None and x == y:  # choosing y's input for x swaps the two
            others = [a for a in self._labels if a != x]
            y = self._previous_x if self._previous_x in others else (others[0] if others else None)
        self._fill(x, y)
        self._emit()

    def _on_y_combo_changed(self, _index: int) -> None:
        x, y = self._x(), self._y()
        if y is not None and y == x:
            x = self._previous_y or next((a for a in self._labels if a != y), x)
        self._fill(x, y)
        self._emit()

    def _on_range_edited(self, _value: float) -> None:
        for a, lo, hi in ((self._x(), self.x_lo, self.x_hi), (self._y(), self.y_lo, self.y_hi)):
            if a is not None:
                self._ranges[a] = (lo.value(), hi.value())
        self._emit()

    def _on_reset_clicked(self) -> None:
        for a in (self._x(), self._y()):
            if a is not None:
                self._ranges[a] = default_range(self._point.get(a, 0.0))
        self._fill(self._x(), self._y())
        self._emit()

    def _on_n_spin_changed(self, _value: int) -> None:
        self._emit()

    def _on_tangent_toggled(self, _checked: bool) -> None:
        self._emit()

    def _emit(self) -> None:
        bad = [a for a, (lo, hi) in self.settings()["ranges"].items() if not lo < hi]
        self.warning.setText(
            self.tr("⚠ {inputs}: the range's low end must be below its high end").format(
                inputs=", ".join(bad)
            )
        )
        self.warning.setVisible(bool(bad))
        if self._labels and not bad:
            self.settingsChanged.emit(self.settings())


def _is_range(r: Any) -> bool:
    if not isinstance(r, (list, tuple)) or len(r) != 2:
        return False
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in r):
        return False
    return bool(r[0] < r[1])
