"""The autograd graph drawn layered (output on top, leaves at the bottom), one box per node.

Boxes and arrows are built once per graph; a step only recolours the boxes that changed, so
stepping stays far below a frame even for ~300 nodes. Hover tooltips carry shapes and values.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from jacdesk.core.results.graph import BackwardGraph
from jacdesk.core.results.graph_layout import GraphLayout

BOX_W, BOX_H, GAP_X, GAP_Y = 170.0, 64.0, 24.0, 46.0
IDLE, DONE, CURRENT, OFF = "#f4f4f4", "#dcecff", "#ffd966", "#fafafa"


def short(a: np.ndarray | None, width: int = 22) -> str:
    """A value squeezed into one short line for a box."""
    if a is None:
        return "—"
    if a.ndim == 0:
        return f"{float(a):.4g}"
    text = np.array2string(
        a, separator=", ", threshold=6, formatter={"float_kind": lambda x: f"{x:.4g}"}
    ).replace("\n", "")
    return text if len(text) <= width else text[: width - 1] + "…"


def shape_text(shape: tuple[int, ...]) -> str:
    """``scalar``, ``2`` or ``2×3``: the shape as a learner reads it."""
    if not shape:
        return QCoreApplication.translate("GraphCanvas", "scalar")
    return "×".join(str(k) for k in shape)


class GraphCanvas(QGraphicsView):
    """Draws a :class:`BackwardGraph`; ``nodeClicked(id)`` when a box is clicked."""

    nodeClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self._boxes: dict[int, QGraphicsRectItem] = {}
        self._colour: dict[int, str] = {}
        self.graph: BackwardGraph | None = None

    def set_graph(self, graph: BackwardGraph, layout: GraphLayout) -> None:
        """Build the boxes and arrows of ``graph`` at ``layout``'s positions."""
        scene = self.scene()
        scene.clear()
        self._boxes.clear()
        self._colour.clear()
        self.graph = graph
        centre: dict[int, tuple[float, float]] = {}
        for node in graph.nodes:
            col, row = layout.positions.get(node.id, (0.0, 0))
            x, y = col * (BOX_W + GAP_X), row * (BOX_H + GAP_Y)
            centre[node.id] = (x + BOX_W / 2, y)
            box = QGraphicsRectItem(x, y, BOX_W, BOX_H)
            box.setBrush(QBrush(QColor(IDLE)))
            box.setPen(QPen(QColor("#555555")))
            box.setData(0, node.id)
            box.setToolTip(
                f"{node.op}\n{node.label}\nshape {shape_text(node.shape)}\n"
                f"value {short(node.value, 400)}\ngrad {short(node.grad, 400)}"
            )
            scene.addItem(box)
            bold = QFont()
            bold.setBold(True)
            lines = (
                (node.op, bold),
                (node.label if len(node.label) <= 24 else node.label[:23] + "…", QFont()),
                (f"{shape_text(node.shape)}  = {short(node.value, 14)}", QFont()),
            )
            for i, (text, font) in enumerate(lines):
                item = QGraphicsSimpleTextItem(text, box)
                item.setFont(font)
                item.setPos(x + 6, y + 4 + i * 19)
            self._boxes[node.id] = box
            self._colour[node.id] = IDLE
        pen = QPen(QColor("#888888"), 1.2)
        for a, b in graph.edges:
            if a in centre and b in centre:
                (xa, ya), (xb, yb) = centre[a], centre[b]
                line = scene.addLine(xa, ya + BOX_H, xb, yb, pen)
                line.setZValue(-1)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))

    def show_step(self, done: set[int], current: int | None, reached: set[int]) -> None:
        """Colour: the current node, those already run, and those v never reaches (greyed)."""
        for nid, box in self._boxes.items():
            # A node whose arriving gradient is all zero is off v's path: greyed even once run.
            if nid == current:
                colour = CURRENT
            elif nid not in reached:
                colour = OFF
            else:
                colour = DONE if nid in done else IDLE
            if self._colour[nid] != colour:
                self._colour[nid] = colour
                box.setBrush(QBrush(QColor(colour)))
                now = colour == CURRENT
                box.setPen(QPen(QColor("#c08000" if now else "#555555"), 2 if now else 1))
        if current is not None and current in self._boxes:
            self.ensureVisible(self._boxes[current], 40, 40)

    def colour_of(self, node_id: int) -> str:
        """The fill colour of a box (for tests and the legend)."""
        return self._colour[node_id]

    def fit(self) -> None:
        """Fit the graph in the view, but never so small the boxes cannot be read (then scroll)."""
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        scale = min(view.width() / rect.width(), view.height() / rect.height())
        scale = max(0.6, min(scale, 1.0))
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(rect.center())

    def mousePressEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and item.data(0) is None:
            item = item.parentItem()
        if item is not None:
            self.nodeClicked.emit(int(item.data(0)))
        super().mousePressEvent(event)

    def export_svg(self, path: str) -> None:
        """The whole graph as an SVG file."""
        rect = self.scene().sceneRect()
        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(QSize(int(rect.width()), int(rect.height())))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle("autograd graph")
        painter = QPainter(gen)
        self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()

    def export_png(self, path: str) -> bool:
        """The whole graph as a PNG file (scene resolution)."""
        rect = self.scene().sceneRect()
        image = QImage(int(rect.width()) + 1, int(rect.height()) + 1, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.scene().render(painter, QRectF(image.rect()), rect)
        painter.end()
        return image.save(path, "PNG")
