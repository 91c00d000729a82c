"""What the backward lab and the JVP view share: an edited vector, some matrices, a badge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.widgets.lab_marks import LineHighlighter, vector_text
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import DEFAULT_DIGITS, set_stale_look
from jacdesk.app.widgets.vector_editor import VectorEditor
from jacdesk.core.results.analysis import Analysis


@dataclass(frozen=True)
class LabTexts:
    """A lab's own texts, marked with ``QT_TRANSLATE_NOOP`` in the subclass's context (the
    base translates them with ``self.tr``, which looks in the subclass's context first)."""

    intro: str
    intro_tip: str
    editor_tip: str
    box: str
    computing: str


class VectorLab(QWidget):
    """Base of the two labs: the intro, the vector's editor and box, the badge, and the flow
    of a result (labels, the vector, staleness, digits).

    A subclass builds its own views into :attr:`body` (below the vector's box), calls
    :meth:`_finish` and implements the hooks below.
    """

    def __init__(self, name: str, texts: LabTexts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self._follow: np.ndarray | None = None
        self._digits = DEFAULT_DIGITS
        self._computing = texts.computing

        intro = QLabel(self.tr(texts.intro), self)
        intro.setWordWrap(True)
        intro.setStyleSheet("font-weight: bold;")
        intro.setToolTip(self.tr(texts.intro_tip))

        self.editor = VectorEditor(name, self)
        self.editor.setToolTip(self.tr(texts.editor_tip))
        self.editor.vectorChanged.connect(self._on_editor_vectorChanged)
        box = QGroupBox(self.tr(texts.box), self)
        box.setToolTip(self.editor.toolTip())
        QVBoxLayout(box).addWidget(self.editor)

        self.badge = StaleBadge(self)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.badge)
        # The lab's layout: the intro and the vector's box; the subclass adds the rest. It
        # scrolls, so that a short window (1024×640) is not held taller by the lab.
        self.page = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.body = QVBoxLayout(self.page)
        self.body.addLayout(top)
        self.body.addWidget(box)
        self._views: tuple[MatrixView, ...] = ()
        self._stale_labels: tuple[QLabel, ...] = ()
        self._text_labels: tuple[QLabel, ...] = ()

    def _finish(
        self,
        views: tuple[MatrixView, ...],
        mark: LineHighlighter,
        stale_labels: tuple[QLabel, ...],
        text_labels: tuple[QLabel, ...],
    ) -> None:
        """After the subclass's widgets: the matrices that follow digits and staleness, the
        line a one-hot vector highlights, the labels greyed when stale / emptied by clear."""
        self.body.addStretch(1)
        self._views = views
        self._mark = mark
        self._stale_labels = stale_labels
        self._text_labels = text_labels
        for view in views:
            view.set_precision(self._digits)
        self.clear()

    # -- hooks -------------------------------------------------------------------------------
    def _labels_of(self, result: Analysis) -> tuple[str, ...]:
        """The vector's component labels (the outputs for v, the inputs for u)."""
        raise NotImplementedError

    def _vector_of(self, result: Analysis) -> np.ndarray:
        """The vector ``result`` was computed with."""
        raise NotImplementedError

    def _product_of(self, result: Analysis) -> np.ndarray:
        """What the vector gives: vᵀJ or J u."""
        raise NotImplementedError

    def _ask_for(self, vector: np.ndarray) -> None:
        """Ask for a result with ``vector`` (emit the subclass's signal)."""
        raise NotImplementedError

    def _refresh(self) -> None:
        """Redraw from ``self._result`` and the editor's vector."""
        raise NotImplementedError

    # -- shared API --------------------------------------------------------------------------
    def vector(self) -> np.ndarray:
        """The vector in the editor."""
        return self.editor.vector()

    def set_vector(self, values: Sequence[float] | np.ndarray) -> None:
        """Put ``values`` in the editor (nothing is asked for)."""
        self.editor.set_vector(values)
        self._refresh()

    def product_text(self) -> str:
        """The product as shown ("[5, 18]"), "computing…" while the vector has no result yet,
        "" without a result."""
        if self._result is None:
            return ""
        if not self._current():
            return self.tr(self._computing)
        return vector_text(self._product_of(self._result), self._digits)

    def follow(self, vector: np.ndarray | None) -> None:
        """The window set the vector itself (a session, a script's ``y.backward(v)``): show it
        with the first result of its size instead of asking for ones."""
        arr = None if vector is None else np.asarray(vector, dtype=np.float64)
        # A v shaped like a matrix f is flattened by the vec order: the result will say.
        self._follow = arr if arr is not None and arr.ndim <= 1 else None

    def show_result(self, result: Analysis) -> None:
        """Show ``result``; a new number of components resets the vector to ones (and asks)."""
        self._result = result
        labels = tuple(self._labels_of(result))
        resized = len(labels) != len(self.editor.labels())
        if labels != self.editor.labels():
            self.editor.set_labels(labels)
            only = self.tr("{label} only")
            self.editor.set_one_hot_labels([only.format(label=s) for s in labels])
        if self._follow is not None and self._follow.size == len(labels):
            self.editor.set_vector(self._follow)
            self._follow = None
        self._refresh()
        if resized and not np.array_equal(self.editor.vector(), self._vector_of(result)):
            self._ask_for(self.editor.vector())

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        for view in self._views:
            view.set_stale(stale)
        set_stale_look(self._stale_labels, stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        for view in self._views:
            view.set_precision(digits)
        self._refresh()

    def clear(self, message: str = "") -> None:
        self._result = None
        for view in self._views:
            view.clear(message)
        self._mark.set_index(None)
        for label in self._text_labels:
            label.setText("")

    # -- slots and helpers -------------------------------------------------------------------
    def _on_editor_vectorChanged(self, vector: np.ndarray) -> None:
        self._refresh()
        self._ask_for(vector)

    def _current(self) -> bool:
        """Whether the result shown was computed with the editor's vector."""
        r = self._result
        return r is not None and np.array_equal(self.editor.vector(), self._vector_of(r))
