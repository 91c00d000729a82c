"""Saving what the Plots tab shows: the current view as PNG or SVG, the grid data as CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from jacdesk.app.system.i18n import translate
from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import atomic_write
from jacdesk.core.results.grid import to_long_csv


def grid_files(grid) -> dict[str, str]:
    """{file name: CSV} for the values, J and (when square) det J over the plotted grid."""
    if grid is None:
        return {}
    out = {
        "plot_values.csv": to_long_csv(grid, "value"),
        "plot_jacobian.csv": to_long_csv(grid, "jacobian"),
    }
    if grid.det is not None:
        out["plot_det.csv"] = to_long_csv(grid, "det")
    return out


def save_image(view: QWidget, path: str) -> str:
    """PNG of any view (3-D included); SVG of the 2-D ones (vector graphics from pyqtgraph)."""
    if path.lower().endswith(".svg"):
        if hasattr(view, "grabFramebuffer") or view.findChild(QOpenGLWidget) is not None:
            raise JacdeskError(
                translate(
                    "PlotExport", "this view is drawn with OpenGL and can only be saved as PNG"
                )
            )
        atomic_write(path, _svg_of(view))
        return path
    image = view.grabFramebuffer() if hasattr(view, "grabFramebuffer") else view.grab()
    buf = QByteArray()
    device = QBuffer(buf)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(device, "PNG"):
        raise JacdeskError(
            translate("PlotExport", "could not draw the view into {path}").format(path=path)
        )
    atomic_write(path, bytes(buf.data()))
    return path


def _svg_of(view: QWidget) -> bytes:
    """The widget drawn into an SVG (lines and text as vectors; images embedded)."""
    buf = QByteArray()
    device = QBuffer(buf)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(device)
    gen.setSize(view.size())
    gen.setViewBox(QRect(0, 0, view.width(), view.height()))
    gen.setTitle("jacdesk plot")
    painter = QPainter(gen)
    view.render(painter, QPoint(0, 0))
    painter.end()
    return bytes(buf.data())


def save_image_dialog(parent: QWidget, view: QWidget, name: str) -> str | None:
    png = translate("PlotExport", "PNG image (*.png)")
    svg = translate("PlotExport", "SVG drawing (*.svg)")
    path, chosen = QFileDialog.getSaveFileName(
        parent, translate("PlotExport", "Save plot"), f"{name}.png", f"{png};;{svg}"
    )
    if not path:
        return None
    if not Path(path).suffix:
        path += ".svg" if chosen == svg else ".png"
    try:
        return save_image(view, path)
    except (JacdeskError, OSError) as err:
        QMessageBox.warning(parent, translate("PlotExport", "Cannot save the plot"), str(err))
        return None


def save_data_dialog(parent: QWidget, grid) -> list[str]:
    files = grid_files(grid)
    if not files:
        QMessageBox.information(
            parent,
            translate("PlotExport", "Plot data"),
            translate("PlotExport", "No plot has been computed yet."),
        )
        return []
    folder = QFileDialog.getExistingDirectory(
        parent, translate("PlotExport", "Save the plot data into folder")
    )
    if not folder:
        return []
    written = []
    try:
        for name, text in files.items():
            atomic_write(Path(folder) / name, text)
            written.append(str(Path(folder) / name))
    except JacdeskError as err:
        QMessageBox.warning(parent, translate("PlotExport", "Cannot save the plot data"), str(err))
    return written
