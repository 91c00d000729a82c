"""What the backward lab and the JVP view share: an edited vector, some matrices, a badge."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QLabel, QWidget

from jacdesk.app.widgets.style import set_stale_look
from jacdesk.core.results.analysis import Analysis


class VectorLab(QWidget):
    """Base of the two labs. Subclasses set ``editor``, ``badge``, ``_views``, ``_digits``,
    ``_mark`` and ``_stale_labels`` / ``_text_labels``, and implement the hooks below."""

    _result: Analysis | None

    # -- hooks -------------------------------------------------------------------------------
    def _labels_of(self, result: Analysis) -> tuple[str, ...]:
        raise NotImplementedError

    def _vector_of(self, result: Analysis) -> np.ndarray:
        raise NotImplementedError

    def _ask_for(self, vector: np.ndarray) -> None:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    _stale_labels: tuple[QLabel, ...] = ()
    _text_labels: tuple[QLabel, ...] = ()

    # -- shared API --------------------------------------------------------------------------
    def show_result(self, result: Analysis) -> None:
        """Show ``result``; a new number of components resets the vector to ones (and asks)."""
        self._result = result
        labels = tuple(self._labels_of(result))
        resized = len(labels) != len(self.editor.labels())
        if labels != self.editor.labels():
            self.editor.set_labels(labels)
            only = self.tr("{label} only")
            self.editor.set_one_hot_labels([only.format(label=s) for s in labels])
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
