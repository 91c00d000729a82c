"""Which inputs the plots vary, over what ranges, how finely; the tangent-plane switch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
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
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        self._grid = grid
        self._rows: list[tuple[QWidget, ...]] = []
        for name, combo, lo, hi in (
            (self.tr("x input:"), self.x_combo, self.x_lo, self.x_hi),
            (self.tr("y input:"), self.y_combo, self.y_lo, self.y_hi),
        ):
            self._rows.append((QLabel(name), combo, QLabel(self.tr("from")), lo, QLabel("–"), hi))
        self._y_range = list(self._rows[1][2:])
        self._resolution = QLabel(self.tr("resolution:"))
        # Wide enough for a typical bound such as -1000.0000 (the ±1e9 range would ask for
        # twice that and push the row out of a 1024 px window); larger ones scroll in the box.
        digits = self.x_lo.fontMetrics().horizontalAdvance("-0000.0000") + 28
        for widget in (self.x_lo, self.x_hi, self.y_lo, self.y_hi):
            widget.setMinimumWidth(digits)
        self.n_spin.setMinimumWidth(self.n_spin.sizeHint().width())
        for combo in (self.x_combo, self.y_combo):
            # The long "none" entry must not set the width (the window with lessons open
            # has to fit 1024 px); the list still shows it whole when opened.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        self._one_line: bool | None = None
        self.set_one_line(False)
        self.x_combo.currentIndexChanged.connect(self._on_x_combo_changed)
        self.y_combo.currentIndexChanged.connect(self._on_y_combo_changed)
        for spin in (self.x_lo, self.x_hi, self.y_lo, self.y_hi):
            spin.valueChanged.connect(self._on_range_edited)
        self.n_spin.valueChanged.connect(self._on_n_spin_changed)
        self.tangent.toggled.connect(self._on_tangent_toggled)
        self.reset.clicked.connect(self._on_reset_clicked)
        self.set_inputs([], {})

    def set_one_line(self, one_line: bool) -> None:
        """Each input and its range on one line (above wide plots: 3 rows, so the plots get
        the height), or on two (a narrow column beside the plots)."""
        if one_line == self._one_line:
            return
        self._one_line = one_line
        grid = self._grid
        for r, (name, combo, frm, lo, to, hi) in enumerate(self._rows):
            if one_line:
                for col, widget in enumerate((name, combo, frm, lo, to, hi)):
                    grid.addWidget(widget, r, col)
            else:
                grid.addWidget(name, 2 * r, 0)
                grid.addWidget(combo, 2 * r, 1, 1, 5)
                grid.addWidget(frm, 2 * r + 1, 0)
                grid.addWidget(lo, 2 * r + 1, 1, 1, 2)
                grid.addWidget(to, 2 * r + 1, 3)
                grid.addWidget(hi, 2 * r + 1, 4, 1, 2)
        row = 2 if one_line else 4
        grid.addWidget(self._resolution, row, 0)
        grid.addWidget(self.n_spin, row, 1, 1, 1 if one_line else 5)
        if one_line:
            grid.addWidget(self.tangent, row, 2, 1, 2)
            grid.addWidget(self.reset, row, 4, 1, 2)
        else:
            grid.addWidget(self.tangent, row + 1, 0, 1, 3)
            grid.addWidget(self.reset, row + 1, 3, 1, 3)
        grid.addWidget(self.warning, row + 2, 0, 1, 6)

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
        for widget in self._y_range:
            widget.setVisible(y is not None)
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
