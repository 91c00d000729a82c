"""The Graph tab: watch ``y.backward(v)`` walk torch's real autograd graph, node by node.

The graph is captured on the worker (the controller owns the request); this view only steps
through the captured order: colours, the current node's arriving gradient and local rule,
what flows out on each edge, and the chain rule z = vᵀf with live numbers.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.widgets.graph_canvas import GraphCanvas, short
from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.vector_editor import VectorEditor
from jacdesk.core.formats.latex_chain import backward_chain
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.graph import BackwardGraph
from jacdesk.core.results.graph_layout import GraphLayout, layout


class GraphView(QWidget):
    """Step, Back, Run to end, Reset over the engine order of one captured graph.

    ``graphRequested(v)`` asks for a capture with this v (the controller runs it on the worker
    and answers with :meth:`show_graph`).
    """

    graphRequested = Signal(object)
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: BackwardGraph | None = None
        self._reached: set[int] = set()  # nodes a non-zero gradient reaches: fixed per graph
        self.step = 0
        self._jacobian: np.ndarray | None = None
        self._value: np.ndarray | None = None
        self.canvas = GraphCanvas(self)
        self.canvas.setToolTip(self.tr("torch's autograd graph: output on top, leaves below"))
        self.v_editor = VectorEditor("v", self)
        self.v_editor.setToolTip(self.tr("v of y.backward(v), as in Backward lab"))
        self.v_editor.vectorChanged.connect(self._on_v_editor_vector_changed)
        for inner in self.v_editor.findChildren(QAbstractButton):  # the table's corner button
            if not inner.toolTip():
                inner.setToolTip(self.v_editor.toolTip())
        buttons = QHBoxLayout()
        self.step_button = self._button(self.tr("Step"), "Right", self._on_step_clicked)
        self.back_button = self._button(self.tr("Back"), "Left", self._on_back_clicked)
        self.run_button = self._button(self.tr("Run to end"), "End", self._on_run_clicked)
        self.reset_button = self._button(self.tr("Reset"), "Home", self._on_reset_clicked)
        self.svg_button = self._button(self.tr("SVG/PNG…"), None, self._on_export_clicked)
        self.dot_button = self._button(self.tr("DOT…"), None, self._on_dot_clicked)
        self.svg_button.setToolTip(self.tr("Save the drawn graph as an SVG or PNG picture"))
        self.dot_button.setToolTip(self.tr("Save the graph as Graphviz DOT text"))
        for b in (
            self.step_button,
            self.back_button,
            self.run_button,
            self.reset_button,
            self.svg_button,
            self.dot_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.progress = QLabel(self)
        self.node_label = QLabel(self, wordWrap=True)
        self.node_label.setToolTip(self.tr("The node torch runs at this step"))
        self.chain_label = QLabel(self, wordWrap=True)
        self.chain_label.setToolTip(self.tr("The chain rule with this v: x.grad = vᵀJ"))
        self.equation = MathView(self, scale=1.2)
        self.equation.setToolTip(
            self.tr(
                "The seed's chain with this v and torch's x.grad. Right-click: copy as LaTeX, save"
            )
        )
        self.equation.setVisible(False)
        self._result: Analysis | None = None
        self.message = QLabel(self, wordWrap=True)
        side = QWidget(self)
        col = QVBoxLayout(side)
        col.addWidget(self.v_editor)
        col.addWidget(self.progress)
        col.addWidget(self.node_label)
        col.addWidget(self.chain_label)
        col.addWidget(self.equation)
        col.addStretch(1)
        split = QSplitter(self)
        split.addWidget(self.canvas)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QVBoxLayout(self)
        box.addLayout(buttons)
        box.addWidget(self.message)
        box.addWidget(split, 1)
        self.canvas.nodeClicked.connect(self._on_canvas_node_clicked)
        self._refresh()

    def _button(self, text: str, key: str | None, slot) -> QPushButton:
        b = QPushButton(text, self)
        if key:
            b.setShortcut(QKeySequence(key))
            b.setToolTip(self.tr("Shortcut: {key}").replace("{key}", key))
        b.clicked.connect(slot)
        return b

    # -- inputs -----------------------------------------------------------------------------
    def show_result(self, result: Analysis) -> None:
        """A new analysis: keep its J for the chain panel and ask for the graph with its v."""
        self._result = result
        self._jacobian = np.asarray(result.jacobian)
        self._value = np.asarray(result.value)
        v = np.asarray(result.v, dtype=np.float64).reshape(-1)
        if v.size != self.v_editor.vector().size:
            self.v_editor.set_labels([f"f{i + 1}" for i in range(v.size)])
            self.v_editor.set_one_hot_labels([f"e{i + 1}" for i in range(v.size)])
        self.v_editor.set_vector(v)
        self.graphRequested.emit(v)

    def set_precision(self, digits: int) -> None:
        """Digits are fixed here (boxes are small); kept for the result-view protocol."""

    def set_stale(self, stale: bool) -> None:
        """Grey the graph while it belongs to an older input."""
        self.canvas.setEnabled(not stale)

    def show_graph(self, graph: BackwardGraph, positions: GraphLayout | None = None) -> None:
        """Draw a captured graph and start at the root (step 0: nothing run yet).

        ``positions`` come from the worker; without them the layout is computed here.
        """
        self.graph = graph
        # Computed once per graph, not per step: a step must stay far under a frame (16 ms).
        self._reached = {
            n.id for n in graph.nodes if n.grad is not None and np.any(n.grad != 0)
        } | {graph.root}
        self.canvas.set_graph(graph, positions or layout(graph))
        self.message.setText(self.tr(graph.message) if graph.message else "")
        self.message.setVisible(bool(graph.message))
        self.step = 0
        self._refresh()
        self.canvas.fit()

    def show_error(self, text: str) -> None:
        """The capture failed: say why in one line."""
        self.message.setText(text)
        self.message.setVisible(True)

    # -- stepping -----------------------------------------------------------------------------
    def go_to(self, step: int) -> None:
        """Show the state after ``step`` nodes have run (0 … len(order))."""
        total = len(self.graph.order) if self.graph else 0
        self.step = max(0, min(step, total))
        self._refresh()

    def current_node(self) -> int | None:
        """The id of the node run at this step (None before the first)."""
        if self.graph is None or self.step == 0:
            return None
        return self.graph.order[self.step - 1]

    def _on_step_clicked(self) -> None:
        self.go_to(self.step + 1)

    def _on_back_clicked(self) -> None:
        self.go_to(self.step - 1)

    def _on_run_clicked(self) -> None:
        self.go_to(len(self.graph.order) if self.graph else 0)

    def _on_reset_clicked(self) -> None:
        self.go_to(0)

    def _on_canvas_node_clicked(self, node_id: int) -> None:
        if self.graph is not None and node_id in self.graph.order:
            self.go_to(self.graph.order.index(node_id) + 1)

    def _on_v_editor_vector_changed(self, v) -> None:
        self.graphRequested.emit(np.asarray(v, dtype=np.float64))

    def _refresh(self) -> None:
        g = self.graph
        for b in (self.step_button, self.back_button, self.run_button, self.reset_button):
            b.setEnabled(g is not None)
        if g is None:
            self.progress.setText(self.tr("No graph yet: type f and its point"))
            self.node_label.setText("")
            self.chain_label.setText("")
            self.equation.set_latex(None)
            self.equation.setVisible(False)
            return
        done = set(g.order[: max(self.step - 1, 0)])
        current = self.current_node()
        self.canvas.show_step(done, current, self._reached)
        self.progress.setText(
            self.tr("Step {k} of {n}")
            .replace("{k}", str(self.step))
            .replace("{n}", str(len(g.order)))
        )
        self.node_label.setText(self._node_text(current))
        self.chain_label.setText(self._chain_text())
        latex = self._chain_latex()
        self.equation.set_latex(latex)
        self.equation.setVisible(latex is not None)

    def _node_text(self, current: int | None) -> str:
        g = self.graph
        if current is None:
            return self.tr("Press Step: torch starts at the root with grad = v = {v}").replace(
                "{v}", short(g.v, 60)
            )
        n = g.node(current)
        lines = [
            f"<b>{n.op}</b> — {n.label}",
            self.tr("gradient arriving ∂z/∂node: {g}").replace("{g}", short(n.grad, 80)),
            self.tr("local rule: {r}").replace("{r}", n.rule),
        ]
        for target, flow in n.flows:
            lines.append(
                self.tr("→ to {t}: {g}")
                .replace("{t}", f"{g.node(target).op} ({g.node(target).label})")
                .replace("{g}", short(flow, 80))
            )
        return "<br>".join(lines)

    def _chain_text(self) -> str:
        g = self.graph
        v = g.v.reshape(-1)
        grad = np.concatenate([a.reshape(-1) for a in g.leaves.values()]) if g.leaves else v[:0]
        lines = [
            self.tr("z = vᵀf = {z}").replace("{z}", f"{float(v @ g.value.reshape(-1)):.6g}"),
            self.tr("∂z/∂f = vᵀ = {v}").replace("{v}", short(v, 80)),
        ]
        if self._jacobian is not None and self._jacobian.shape == (v.size, grad.size):
            lines.append(self.tr("∂f/∂x = J = {j}").replace("{j}", short(self._jacobian, 120)))
            lines.append(
                self.tr("product ∂z/∂f · ∂f/∂x = vᵀJ = {p}").replace(
                    "{p}", short(v @ self._jacobian, 80)
                )
            )
        lines.append(self.tr("x.grad from torch = {x}").replace("{x}", short(grad, 80)))
        return "<br>".join(lines)

    def _chain_latex(self) -> str | None:
        """The seed's eqs. 3–6 typeset with the graph's v and the x.grad torch left."""
        g, r = self.graph, self._result
        if r is None or not g.leaves:
            return None
        grad = np.concatenate([a.reshape(-1) for a in g.leaves.values()])
        v = g.v.reshape(-1)
        if np.asarray(r.jacobian).shape != (v.size, grad.size):
            return None  # the graph and the analysis belong to different inputs for now
        return backward_chain(dataclasses.replace(r, v=v, vjp=grad))

    # -- export ---------------------------------------------------------------------------------
    def export_to(self, path: str) -> None:
        """Write the graph to ``path``: .svg, .png or .dot by its suffix."""
        if self.graph is None:
            return
        if path.endswith(".svg"):
            self.canvas.export_svg(path)
        elif path.endswith(".dot"):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(self.graph.to_dot())
        else:
            self.canvas.export_png(path)
        self.statusMessage.emit(self.tr("saved {path}").replace("{path}", path))

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the graph"), "graph.svg", self.tr("SVG (*.svg);;PNG (*.png)")
        )
        if path:
            self.export_to(path)

    def _on_dot_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the graph as DOT"), "graph.dot", self.tr("Graphviz DOT (*.dot)")
        )
        if path:
            self.export_to(path)
