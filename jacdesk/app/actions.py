"""Menus, tool bar and shortcuts of the main window (kept apart from the composition)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QToolBar

from jacdesk.core.examples import EXAMPLES

from .about import show_about
from .file_menu import build_file_menu

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_actions(win: MainWindow) -> None:
    """Create the menu bar and tool bar of ``win`` and connect them."""
    mb = win.menuBar()
    build_file_menu(win)

    edit = mb.addMenu("&Edit")
    undo = QAction("&Undo", win, shortcut=QKeySequence.StandardKey.Undo,
                   triggered=lambda: win.editor.edit.undo())  # fmt: skip
    redo = QAction("&Redo", win, shortcut=QKeySequence.StandardKey.Redo,
                   triggered=lambda: win.editor.edit.redo())  # fmt: skip
    copy = QAction("&Copy", win, triggered=win.copy_focused)
    copy.setToolTip("Copy the selected cells (as tab-separated values) or the selected text")
    edit.addActions([undo, redo, copy])

    compute = mb.addMenu("&Compute")
    win.recompute_action = QAction("&Recompute", win, triggered=win.controller.recompute)
    win.recompute_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    win.recompute_action.setToolTip("Compute now, without waiting for typing to pause (Ctrl+Enter)")
    win.cancel_action = QAction("&Cancel", win, triggered=win.controller.cancel)
    win.cancel_action.setShortcut(QKeySequence("Esc"))
    win.cancel_action.setToolTip("Stop the running computation; the last result stays (Esc)")
    win.cancel_action.setEnabled(False)
    compute.addActions([win.recompute_action, win.cancel_action])

    view = mb.addMenu("&View")
    for i in range(min(9, win.tabs.count())):
        act = QAction(win.tabs.tabText(i), win, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
        act.triggered.connect(lambda _=False, k=i: win.tabs.setCurrentIndex(k))
        view.addAction(act)

    examples = mb.addMenu("E&xamples")
    for ex in EXAMPLES:
        act = QAction(ex.title, win, triggered=lambda _=False, e=ex: win.load_example(e))
        act.setToolTip(ex.note)
        examples.addAction(act)
    examples.setToolTipsVisible(True)

    help_ = mb.addMenu("&Help")
    help_.addAction(QAction("&About jacdesk", win, triggered=lambda: show_about(win)))

    _build_toolbar(win)


def _build_toolbar(win: MainWindow) -> None:
    bar = QToolBar("Compute", win)
    bar.setObjectName("computeToolbar")
    win.addToolBar(bar)
    bar.addAction(win.recompute_action)
    bar.addAction(win.cancel_action)
    bar.addSeparator()

    bar.addWidget(QLabel(" digits "))
    win.precision = QSpinBox(minimum=1, maximum=17, value=6)
    win.precision.setToolTip("Significant digits shown in every matrix (exports stay exact)")
    win.precision.valueChanged.connect(win.tabs.set_precision)
    bar.addWidget(win.precision)

    bar.addWidget(QLabel(" vec "))
    win.vec_combo = QComboBox()
    win.vec_combo.addItem("row-major (torch)", "row")
    win.vec_combo.addItem("column-major (textbook vec)", "col")
    win.vec_combo.setToolTip(
        "How matrix inputs and outputs are flattened into J's rows and columns"
    )
    win.vec_combo.currentIndexChanged.connect(
        lambda _: win.controller.set_options(vec=win.vec_combo.currentData())
    )
    bar.addWidget(win.vec_combo)

    bar.addWidget(QLabel(" layout "))
    win.layout_combo = QComboBox()
    win.layout_combo.addItem("numerator (rows = outputs)", "numerator")
    win.layout_combo.addItem("denominator (rows = inputs)", "denominator")
    win.layout_combo.setToolTip(
        "Numerator layout: J's rows are the outputs (torch.autograd.functional.jacobian);\n"
        "denominator layout: its transpose, rows are the inputs"
    )
    win.layout_combo.currentIndexChanged.connect(
        lambda _: win.controller.set_options(layout=win.layout_combo.currentData())
    )
    bar.addWidget(win.layout_combo)

    win.hessian_box = QCheckBox("Hessian")
    win.hessian_box.setToolTip("Also compute second derivatives (one Hessian per output component)")
    win.hessian_box.toggled.connect(lambda on: win.controller.set_options(hessian=on))
    bar.addWidget(win.hessian_box)

    win.symbolic_box = QCheckBox("Symbolic", checked=True)
    win.symbolic_box.setToolTip(
        "Derive the symbolic Jacobian with sympy (time-bounded, in the background)"
    )
    win.symbolic_box.toggled.connect(lambda on: win.controller.set_options(symbolic=on))
    bar.addWidget(win.symbolic_box)
