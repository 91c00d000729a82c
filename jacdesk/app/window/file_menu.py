"""File menu: new / open / recent / save, export of any matrix, export all, the PyTorch script."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from jacdesk.app.system.i18n import translate
from jacdesk.app.widgets.code_dialog import CodeDialog
from jacdesk.app.widgets.matrix_export import export_dialog
from jacdesk.core.conventions import DENOMINATOR
from jacdesk.core.errors import JacdeskError
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.matrices import select

if TYPE_CHECKING:
    from jacdesk.app.state.controller import Controller
    from jacdesk.app.state.session_io import SessionIO
    from jacdesk.app.views.plots_panel import PlotsPanel

    from .document import Document

KEYS = QKeySequence.StandardKey


class FileMenu:
    """Builds File ▸ … into ``window``'s menu bar and runs the commands it offers.

    The document opens and saves; the exports read the controller's newest result, the
    session (``sessions``) and the plots' data; messages go to ``window``'s status bar.
    """

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        controller: Controller,
        sessions: SessionIO,
        plots: PlotsPanel,
    ) -> None:
        self.window = window
        self.document = document
        self.controller = controller
        self.sessions = sessions
        self.plots = plots

    def build(self) -> QMenu:
        """Add the File menu, in the current language, to the window's menu bar."""
        menu = self.window.menuBar().addMenu(translate("FileMenu", "&File"))
        menu.setToolTipsVisible(True)
        doc = self.document
        _add(
            menu,
            translate("FileMenu", "&New"),
            doc.new,
            KEYS.New,
            translate("FileMenu", "Start an empty session"),
        )
        _add(
            menu,
            translate("FileMenu", "&Open…"),
            lambda: doc.open(),
            KEYS.Open,
            translate("FileMenu", "Open a .jacdesk session file"),
        )
        recent = menu.addMenu(translate("FileMenu", "Open &Recent"))
        recent.aboutToShow.connect(lambda: self._fill_recent(recent))
        _add(
            menu,
            translate("FileMenu", "&Save"),
            doc.save,
            KEYS.Save,
            translate("FileMenu", "Save the session (expressions, point, settings)"),
        )
        _add(
            menu,
            translate("FileMenu", "Save &As…"),
            doc.save_as,
            KEYS.SaveAs,
            translate("FileMenu", "Save the session under a new name"),
        )
        menu.addSeparator()
        export = menu.addMenu(translate("FileMenu", "&Export"))
        export.setToolTipsVisible(True)
        export.aboutToShow.connect(lambda: self._fill_export(export))
        _add(
            menu,
            translate("FileMenu", "Export &all to a folder…"),
            self.export_all,
            None,
            translate("FileMenu", "Every matrix as CSV, plus session.json and the session"),
        )
        _add(
            menu,
            translate("FileMenu", "Show as &PyTorch code…"),
            self.show_code,
            QKeySequence("Ctrl+Shift+P"),
            translate(
                "FileMenu", "A standalone script that computes the same numbers the tutorial's way"
            ),
        )
        menu.addSeparator()
        _add(
            menu,
            translate("FileMenu", "&Quit"),
            self.window.close,
            KEYS.Quit,
            translate("FileMenu", "Close jacdesk (asks about unsaved changes)"),
        )
        return menu

    def _fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        items = self.document.recent()
        for path in items:
            menu.addAction(Path(path).name, lambda p=path: self.document.open(p)).setToolTip(path)
        if not items:
            menu.addAction(translate("FileMenu", "(none yet)")).setEnabled(False)

    def _fill_export(self, menu: QMenu) -> None:
        menu.clear()
        result = self.controller.last_result
        if result is None:
            menu.addAction(translate("FileMenu", "(nothing computed yet)")).setEnabled(False)
            return
        for text, name in export_names(result):
            menu.addAction(f"{text}…", lambda n=name: self.export_matrix(n))
        if _symbolic_grid(result) is not None:
            menu.addAction(
                translate("FileMenu", "Symbolic J (formulas)…"), lambda: self.export_symbolic()
            )
        menu.addSeparator()
        plots = self.plots
        menu.addAction(
            translate("FileMenu", "Current plot as PNG or SVG…"), lambda: plots.save_image_dialog()
        )
        menu.addAction(
            translate("FileMenu", "Data behind the plots (CSV)…"), lambda: plots.save_data_dialog()
        )

    # -- commands ----------------------------------------------------------------------------
    def export_matrix(self, name: str) -> str | None:
        """Export the ``matrices.select`` matrix ``name`` (asks for a file); the path written."""
        result = self.controller.last_result
        if result is None:
            return None
        m = select(result, name)
        path = export_dialog(self.window, m.title, m.data, m.row_labels, m.col_labels, m.corner)
        if path:
            text = translate("FileMenu", "exported {title} to {path}")
            self.window.statusBar().showMessage(text.format(title=m.title, path=path), 4000)
        return path

    def export_symbolic(self) -> str | None:
        """Export the symbolic J's formulas, in the result's layout."""
        r = self.controller.last_result
        grid = None if r is None else _symbolic_grid(r)
        if grid is None:
            return None
        rows, cols = r.output_labels, r.input_labels
        if r.layout == DENOMINATOR:
            grid, rows, cols = [list(c) for c in zip(*grid, strict=True)], cols, rows
        title = translate("FileMenu", "symbolic J")
        return export_dialog(self.window, title, grid, rows, cols, r.conventions)

    def export_all(self, folder: str | None = None) -> list[Path]:
        """Every matrix as CSV + session.json + the session, into a folder (asked for if None)."""
        from jacdesk.core.sessions.bundle import export_all as write_bundle

        win = self.window
        result = self.controller.last_result
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
            session = self.sessions.collect()
            written = write_bundle(session, result, folder, self.plots.data_files())
        except JacdeskError as err:
            QMessageBox.warning(win, translate("FileMenu", "Export failed"), str(err))
            return []
        text = translate("FileMenu", "exported {count} files to {folder}")
        win.statusBar().showMessage(text.format(count=len(written), folder=folder), 5000)
        return written

    def show_code(self) -> CodeDialog | None:
        """The session as a standalone PyTorch script, in a dialog (None when it cannot be)."""
        from jacdesk.core.codegen.script import script_for_session

        try:
            script = script_for_session(self.sessions.collect(with_view=False))
        except JacdeskError as err:
            QMessageBox.warning(
                self.window,
                translate("FileMenu", "No script"),
                translate(
                    "FileMenu", "The current input cannot be turned into a script: {error}"
                ).format(error=err),
            )
            return None
        dialog = CodeDialog(script, self.window)
        dialog.show()
        return dialog


def _add(menu: QMenu, text: str, slot, key, tip: str) -> QAction:
    action = QAction(text, menu)
    if key is not None:
        action.setShortcut(key)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    return action


def _symbolic_grid(result: Analysis):
    """The symbolic J as text (outputs down), or None before (or without) the symbolic forms."""
    return None if result.symbolic is None else result.symbolic.jacobian_text


def export_names(result: Analysis) -> list[tuple[str, str]]:
    """(menu text, ``matrices.select`` name) for every matrix the result has."""
    names = [
        (translate("FileMenu", "J — the Jacobian"), "jacobian"),
        (translate("FileMenu", "f — the value"), "value"),
        (translate("FileMenu", "vᵀJ — what backward(v) gives"), "vjp"),
        (translate("FileMenu", "J u — the JVP"), "jvp"),
    ]
    if result.rows_by_backward is not None:
        names.append((translate("FileMenu", "J rebuilt row by row (one-hot backward)"), "rows"))
    grad = translate("FileMenu", "∂/∂{name} — {name}.grad")
    names += [(grad.format(name=n), f"gradient:{n}") for n in result.gradients]
    if result.hessian is not None:
        if result.hessian.ndim == 2:
            names.append((translate("FileMenu", "Hessian"), "hessian"))
        else:
            of = translate("FileMenu", "Hessian of {label}")
            names += [
                (of.format(label=lab), f"hessian:{k + 1}")
                for k, lab in enumerate(result.output_labels)
            ]
    return names
