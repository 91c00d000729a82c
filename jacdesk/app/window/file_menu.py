"""File menu: new / open / recent / save, export of any matrix, export all, the PyTorch script."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from jacdesk.app.state import session_io
from jacdesk.app.system.i18n import translate
from jacdesk.app.widgets.code_dialog import CodeDialog
from jacdesk.app.widgets.matrix_export import export_dialog
from jacdesk.core.errors import JacdeskError
from jacdesk.core.results.matrices import select

if TYPE_CHECKING:
    from .main_window import MainWindow

KEYS = QKeySequence.StandardKey


def build_file_menu(win: MainWindow) -> QMenu:
    menu = win.menuBar().addMenu(translate("FileMenu", "&File"))
    menu.setToolTipsVisible(True)
    doc = win.document
    _add(menu, translate("FileMenu", "&New"), doc.new, KEYS.New,
         translate("FileMenu", "Start an empty session"))  # fmt: skip
    _add(menu, translate("FileMenu", "&Open…"), lambda: doc.open(), KEYS.Open,
         translate("FileMenu", "Open a .jacdesk session file"))  # fmt: skip
    recent = menu.addMenu(translate("FileMenu", "Open &Recent"))
    recent.aboutToShow.connect(lambda: _fill_recent(win, recent))
    _add(menu, translate("FileMenu", "&Save"), doc.save, KEYS.Save,
         translate("FileMenu", "Save the session (expressions, point, settings)"))  # fmt: skip
    _add(menu, translate("FileMenu", "Save &As…"), doc.save_as, KEYS.SaveAs,
         translate("FileMenu", "Save the session under a new name"))  # fmt: skip
    menu.addSeparator()
    export = menu.addMenu(translate("FileMenu", "&Export"))
    export.setToolTipsVisible(True)
    export.aboutToShow.connect(lambda: _fill_export(win, export))
    win.export_all_action = _add(
        menu, translate("FileMenu", "Export &all to a folder…"), lambda: export_all(win), None,
        translate("FileMenu", "Every matrix as CSV, plus session.json and the session"))  # fmt: skip
    win.code_action = _add(
        menu, translate("FileMenu", "Show as &PyTorch code…"), lambda: show_code(win),
        QKeySequence("Ctrl+Shift+P"),
        translate("FileMenu", "A standalone script that computes the same numbers the tutorial's way"),
    )  # fmt: skip
    menu.addSeparator()
    _add(menu, translate("FileMenu", "&Quit"), win.close, KEYS.Quit,
         translate("FileMenu", "Close jacdesk (asks about unsaved changes)"))  # fmt: skip
    return menu


def _add(menu: QMenu, text: str, slot, key, tip: str) -> QAction:
    action = QAction(text, menu)
    if key is not None:
        action.setShortcut(key)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    return action


def _fill_recent(win: MainWindow, menu: QMenu) -> None:
    menu.clear()
    items = win.document.recent()
    for path in items:
        menu.addAction(Path(path).name, lambda p=path: win.document.open(p)).setToolTip(path)
    if not items:
        menu.addAction(translate("FileMenu", "(none yet)")).setEnabled(False)


def export_names(result) -> list[tuple[str, str]]:
    """(menu text, ``matrices.select`` name) for every matrix the result has."""
    names = [(translate("FileMenu", "J — the Jacobian"), "jacobian"),
             (translate("FileMenu", "f — the value"), "value"),
             (translate("FileMenu", "vᵀJ — what backward(v) gives"), "vjp"),
             (translate("FileMenu", "J u — the JVP"), "jvp")]  # fmt: skip
    if result.rows_by_backward is not None:
        names.append((translate("FileMenu", "J rebuilt row by row (one-hot backward)"), "rows"))
    grad = translate("FileMenu", "∂/∂{name} — {name}.grad")
    names += [(grad.format(name=n), f"gradient:{n}") for n in result.gradients]
    if result.hessian is not None:
        if result.hessian.ndim == 2:
            names.append((translate("FileMenu", "Hessian"), "hessian"))
        else:
            of = translate("FileMenu", "Hessian of {label}")
            names += [(of.format(label=lab), f"hessian:{k + 1}")
                      for k, lab in enumerate(result.output_labels)]  # fmt: skip
    return names


def _fill_export(win: MainWindow, menu: QMenu) -> None:
    menu.clear()
    result = win.controller.last_result
    if result is None:
        menu.addAction(translate("FileMenu", "(nothing computed yet)")).setEnabled(False)
        return
    for text, name in export_names(result):
        menu.addAction(f"{text}…", lambda n=name: export_matrix(win, n))
    grid = getattr(result.symbolic, "jacobian_text", None)
    if grid is not None:
        menu.addAction(
            translate("FileMenu", "Symbolic J (formulas)…"), lambda: export_symbolic(win)
        )
    menu.addSeparator()
    menu.addAction(
        translate("FileMenu", "Current plot as PNG or SVG…"), lambda: win.plots.save_image_dialog()
    )
    menu.addAction(
        translate("FileMenu", "Data behind the plots (CSV)…"), lambda: win.plots.save_data_dialog()
    )


def export_matrix(win: MainWindow, name: str) -> str | None:
    result = win.controller.last_result
    if result is None:
        return None
    m = select(result, name)
    path = export_dialog(win, m.title, m.data, m.row_labels, m.col_labels, m.corner)
    if path:
        text = translate("FileMenu", "exported {title} to {path}")
        win.statusBar().showMessage(text.format(title=m.title, path=path), 4000)
    return path


def export_symbolic(win: MainWindow) -> str | None:
    r = win.controller.last_result
    grid = getattr(getattr(r, "symbolic", None), "jacobian_text", None)
    if grid is None:
        return None
    rows, cols = r.output_labels, r.input_labels
    if r.layout == "denominator":
        grid, rows, cols = [list(c) for c in zip(*grid, strict=True)], cols, rows
    return export_dialog(win, translate("FileMenu", "symbolic J"), grid, rows, cols, r.conventions)


def export_all(win: MainWindow, folder: str | None = None) -> list[Path]:
    """Every matrix as CSV + session.json + the session, into a folder (asked for if None)."""
    from jacdesk.core.sessions.bundle import export_all as write_bundle

    result = win.controller.last_result
    if result is None:
        QMessageBox.information(
            win,
            translate("FileMenu", "Export all"),
            translate("FileMenu", "Nothing has been computed yet."),
        )
        return []
    if folder is None:
        folder = QFileDialog.getExistingDirectory(
            win, translate("FileMenu", "Export all into folder")
        )
        if not folder:
            return []
    try:
        written = write_bundle(session_io.collect(win), result, folder, win.plots.data_files())
    except JacdeskError as err:
        QMessageBox.warning(win, translate("FileMenu", "Export failed"), str(err))
        return []
    text = translate("FileMenu", "exported {count} files to {folder}")
    win.statusBar().showMessage(text.format(count=len(written), folder=folder), 5000)
    return written


def show_code(win: MainWindow) -> CodeDialog | None:
    from jacdesk.core.codegen.script import script_for_session

    try:
        script = script_for_session(session_io.collect(win, with_view=False))
    except JacdeskError as err:
        QMessageBox.warning(
            win,
            translate("FileMenu", "No script"),
            translate(
                "FileMenu", "The current input cannot be turned into a script: {error}"
            ).format(error=err),
        )
        return None
    dialog = CodeDialog(script, win)
    dialog.show()
    return dialog
