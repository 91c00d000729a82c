"""The point: one :class:`VariableRow` per name, in J's column order, with Reset and Random."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.system.i18n import translate

from .value_grid import default_value
from .variable_row import DEFAULT_RANGE, VariableRow

EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "VariablesPanel", "No variables yet: type an expression such as x1**2 + 2*x2."
)


class VariablesPanel(QWidget):
    """Rows of variables (differentiated, in J's column order) and constants (marked).

    ``pointChanged()`` is emitted once per user action (a value, the order, a shape or a
    constant flag); ``shapeChanged(name, shape)`` when the user changes a shape. The
    programmatic calls :meth:`set_names` and :meth:`load` emit nothing.
    """

    pointChanged = Signal()
    shapeChanged = Signal(str, tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VariableRow] = []
        self._shapes: dict[str, tuple[int, ...]] = {}
        self._defaults: dict[str, np.ndarray] = {}
        # Rows dropped by set_names (a name gone for a keystroke): value and constant flag,
        # given back when the name returns; forgotten by load (a new session).
        self._memory: dict[str, tuple[np.ndarray, bool]] = {}
        self._arrows: dict[str, tuple[QToolButton, QToolButton]] = {}
        self.rng = np.random.default_rng()
        # Ctrl+Z / Ctrl+Shift+Z inside the panel undo value and shape edits; the editor keeps
        # its own text undo (the shortcuts only act while the focus is in the panel).
        self.undo_stack = QUndoStack(self)
        self._held: dict[str, np.ndarray] = {}
        for action, keys in (
            (
                self.undo_stack.createUndoAction(self, self.tr("Undo")),
                QKeySequence.StandardKey.Undo,
            ),
            (
                self.undo_stack.createRedoAction(self, self.tr("Redo")),
                QKeySequence.StandardKey.Redo,
            ),
        ):
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.setToolTip(
            self.tr("Put every value back to its default (the example's, or 1)")
        )
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.random_button = QPushButton(self.tr("Random point"), self)
        self.random_button.setToolTip(
            self.tr(
                "New random values for the variables (not the constants): scalars uniform in "
                "their slider range, vectors and matrices standard normal, rounded to 2 decimals"
            )
        )
        self.random_button.clicked.connect(self._on_random_button_clicked)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 4, 4, 0)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.random_button)
        buttons.addStretch(1)

        self.empty_label = QLabel(self.tr(EMPTY_TEXT), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setContentsMargins(4, 8, 4, 8)
        self.empty_label.setToolTip(self.tr("Variables appear here as you type them"))
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(2)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._list)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setToolTip(self.tr("The point: one row per name, in the order of J's columns"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll, 1)
        self._relayout()

    # ----------------------------------------------------------------------------- public API
    def set_names(self, names: Sequence[str], shapes: Mapping[str, tuple]) -> None:
        """Keep the rows (and values) of names that stay, add new ones, drop vanished ones.

        A new name goes just below the lowest of the names that precede it in ``names``; it
        gets the shape in ``shapes`` (scalar when absent). A kept name whose shape in
        ``shapes`` differs gets a default value of that shape.
        """
        wanted = list(dict.fromkeys(names))
        rows = [r for r in self._rows if r.name in wanted]
        for r in self._rows:
            if r.name not in wanted:
                self._memory[r.name] = (r.value(), r.is_constant())
                self._drop(r)
        for r in rows:
            shape = tuple(shapes.get(r.name, r.shape()))
            if shape != r.shape():
                r.set_value(default_value(shape))
        for k, name in enumerate(wanted):
            if any(r.name == name for r in rows):
                continue
            remembered, constant = self._memory.pop(name, (None, False))
            shape = tuple(shapes.get(name, () if remembered is None else remembered.shape))
            loaded = self._defaults.get(name)
            if remembered is not None and remembered.shape == shape:
                value = remembered
            elif loaded is not None and loaded.shape == shape:
                value, constant = loaded, False
            else:
                value, constant = default_value(shape), False
            before = [i for i, r in enumerate(rows) if r.name in wanted[:k]]
            row = self._new_row(name, value)
            row.set_constant(constant)
            rows.insert(max(before) + 1 if before else 0, row)
        self._rows = rows
        self._relayout()

    def load(self, variables: Mapping[str, object], constants: Mapping[str, object]) -> None:
        """Replace every row: ``variables`` in J's order, then ``constants``; these values
        become what Reset restores."""
        before = list(self._rows)
        old = {r.name: r for r in self._rows}
        self._rows = []
        self._defaults = {}
        self._memory = {}
        self.undo_stack.clear()  # a new point: earlier edits belong to another session
        for names, constant in ((variables, False), (constants, True)):
            for name, value in names.items():
                arr = np.asarray(value, dtype=np.float64)
                self._defaults[name] = arr
                row = old.pop(name, None)
                if row is not None and row.shape() == arr.shape:
                    # A value of the same shape keeps its row: a 40×40 grid's cells are
                    # rewritten in place instead of built again (tens of ms), and a scalar's
                    # row, reset to a new row's slider range, spares the window a relayout.
                    if arr.ndim == 0:
                        row.set_range(*DEFAULT_RANGE)
                    row.set_value(arr)
                else:
                    if row is not None:
                        self._drop(row)
                    row = self._new_row(name, arr)
                row.set_constant(constant)
                self._rows.append(row)
        for row in old.values():
            self._drop(row)
        if self._rows == before:
            # The same rows in the same order (new values only): the layout stands.
            self._remember_rows()
        else:
            self._relayout()

    def variables(self) -> dict[str, np.ndarray]:
        """The differentiated names and their values, in panel (J column) order."""
        return {r.name: r.value() for r in self._rows if not r.is_constant()}

    def constants(self) -> dict[str, np.ndarray]:
        """The names held constant, with their values."""
        return {r.name: r.value() for r in self._rows if r.is_constant()}

    def order(self) -> list[str]:
        """Every name, constants included, top to bottom."""
        return [r.name for r in self._rows]

    def row(self, name: str) -> VariableRow:
        return next(r for r in self._rows if r.name == name)

    def move(self, name: str, delta: int) -> None:
        """Move a row up (-1) or down (+1), as its arrow buttons do; emits ``pointChanged``."""
        i = self.order().index(name)
        j = min(max(i + delta, 0), len(self._rows) - 1)
        if i != j:
            self._rows.insert(j, self._rows.pop(i))
            self._relayout()
            self.pointChanged.emit()

    def reset(self) -> None:
        """Loaded values for loaded names, else 1 / ones / the default matrix; one signal."""
        for r in self._rows:
            loaded = self._defaults.get(r.name)
            r.set_value(loaded if loaded is not None else default_value(r.shape()))
        self._after_bulk_change()

    def random_point(self) -> None:
        """Random values for the differentiated names (see the button's tooltip); one signal."""
        for r in self._rows:
            if r.is_constant():
                continue
            if r.kind() == "scalar":
                r.set_value(np.array(round(self.rng.uniform(*r.slider_range()), 2)))
            else:
                r.set_value(np.round(self.rng.standard_normal(r.shape()), 2))
        self._after_bulk_change()

    # ----------------------------------------------------------------------------- slots
    def _on_reset_button_clicked(self) -> None:
        self.reset()

    def _on_random_button_clicked(self) -> None:
        self.random_point()

    def _on_row_value_changed(self, name: str, value: np.ndarray) -> None:
        old = self._held.get(name)
        self._held[name] = np.array(value, dtype=np.float64)
        if old is not None and not np.array_equal(old, value):
            self.undo_stack.push(_ValueEdit(self, name, old, self._held[name]))
        self._note_shape(name, tuple(np.shape(value)))
        self.pointChanged.emit()

    def restore_value(self, name: str, value: np.ndarray) -> None:
        """Undo / redo of an edit of ``name``: show ``value`` and report it (one signal)."""
        if name not in self.order():
            return
        self.row(name).set_value(value)
        self._held[name] = np.array(value, dtype=np.float64)
        self._note_shape(name, tuple(np.shape(value)))
        self.pointChanged.emit()

    def _on_row_constant_toggled(self, _name: str, _constant: bool) -> None:
        self.pointChanged.emit()

    # ----------------------------------------------------------------------------- helpers
    def _new_row(self, name: str, value: np.ndarray) -> VariableRow:
        row = VariableRow(name, value, self._list)
        arrows = []
        for arrow, delta in ((Qt.ArrowType.UpArrow, -1), (Qt.ArrowType.DownArrow, 1)):
            button = QToolButton(row)
            button.setArrowType(arrow)
            button.setAutoRaise(True)
            tip = (
                self.tr("Move {name} up: its column(s) of J move left")
                if delta < 0
                else self.tr("Move {name} down: its column(s) of J move right")
            )
            button.setToolTip(tip.format(name=name))
            button.clicked.connect(lambda _=False, n=name, d=delta: self.move(n, d))
            row.header.addWidget(button)
            arrows.append(button)
        self._arrows[name] = (arrows[0], arrows[1])
        row.valueChanged.connect(self._on_row_value_changed)
        row.constantToggled.connect(self._on_row_constant_toggled)
        self._shapes[name] = row.shape()
        return row

    def _drop(self, row: VariableRow) -> None:
        row.hide()
        self._list_layout.removeWidget(row)
        row.deleteLater()

    def _note_shape(self, name: str, shape: tuple[int, ...]) -> None:
        if self._shapes.get(name) != shape:
            self._shapes[name] = shape
            self.shapeChanged.emit(name, shape)

    def _after_bulk_change(self) -> None:
        self._held = {r.name: r.value() for r in self._rows}
        for r in self._rows:
            self._note_shape(r.name, r.shape())
        self.pointChanged.emit()

    def _remember_rows(self) -> None:
        self._shapes = {r.name: r.shape() for r in self._rows}
        self._held = {r.name: r.value() for r in self._rows}

    def _relayout(self) -> None:
        while (item := self._list_layout.takeAt(0)) is not None:
            widget = item.widget()
            if isinstance(widget, QFrame):  # a separator line
                widget.hide()
                widget.deleteLater()
        for k, row in enumerate(self._rows):
            if k:
                line = QFrame(self._list)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                self._list_layout.addWidget(line)
            self._list_layout.addWidget(row)
        self._list_layout.addStretch(1)
        self._remember_rows()
        self._arrows = {n: a for n, a in self._arrows.items() if n in self._shapes}
        for k, row in enumerate(self._rows):
            up, down = self._arrows[row.name]
            up.setEnabled(k > 0)
            down.setEnabled(k < len(self._rows) - 1)
        self.empty_label.setVisible(not self._rows)
        self.reset_button.setEnabled(bool(self._rows))
        self.random_button.setEnabled(bool(self._rows))


class _ValueEdit(QUndoCommand):
    """One user edit of a value or shape; the edit itself already happened when pushed."""

    def __init__(self, panel: VariablesPanel, name: str, old: np.ndarray, new: np.ndarray):
        super().__init__(translate("VariablesPanel", "edit {name}").format(name=name))
        self._panel, self._name, self._old, self._new = panel, name, old, new
        self._done = True

    def redo(self) -> None:
        if self._done:  # QUndoStack.push calls redo: the grid shows the new value already
            self._done = False
            return
        self._panel.restore_value(self._name, self._new)

    def undo(self) -> None:
        self._panel.restore_value(self._name, self._old)
