"""The window's widgets as a :class:`~jacdesk.app.state.session_io.SessionView`.

:mod:`jacdesk.app.state.session_io` turns what the widgets show into a session and back
without knowing any widget; this adapter is the one place that knows which widget holds what.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jacdesk.app.views.plots_panel import PlotsPanel
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.views.vector_lab import VectorLab
from jacdesk.app.widgets.compute_toolbar import ComputeToolbar
from jacdesk.app.widgets.expression_editor import ExpressionEditor
from jacdesk.app.widgets.formula_input import TORCH, FormulaInput
from jacdesk.app.widgets.variables_panel import VariablesPanel

#: load(expressions, variables, constants, note): the window's way to show a problem.
Load = Callable[[Sequence[str], Mapping[str, Any], Mapping[str, Any], str], None]


class ShownSession:
    """Reads and fills the editor, the variables panel, the digits, the tab and the plots."""

    def __init__(
        self,
        editor: ExpressionEditor,
        variables: VariablesPanel,
        toolbar: ComputeToolbar,
        tabs: ResultTabs,
        plots: PlotsPanel,
        load: Load,
        formula: FormulaInput | None = None,
        labs: tuple[VectorLab, VectorLab] | None = None,
    ) -> None:
        self.editor = editor
        self.formula = formula
        self.labs = labs
        self.variables = variables
        self.toolbar = toolbar
        self.tabs = tabs
        self.plots = plots
        self.load = load

    def expressions(self) -> list[str]:
        return self.editor.expressions()

    def point(self) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        return self.variables.variables(), self.variables.constants()

    def view_state(self) -> dict[str, Any]:
        return {
            "digits": self.toolbar.digits(),
            "tab": self.tabs.current_name(),
            "plots": self.plots.settings(),
        }

    def show_problem(
        self,
        expressions: Sequence[str],
        variables: Mapping[str, Any],
        constants: Mapping[str, Any],
    ) -> None:
        self.load(expressions, variables, constants, "")

    def apply_view(self, digits: int | None, tab: str | None, plots: dict | None) -> None:
        if digits is not None:
            self.toolbar.set_digits(digits)
        names = self.tabs.names()
        if tab is not None and tab in names:
            self.tabs.setCurrentIndex(names.index(tab))
        if plots is not None:
            self.plots.apply_settings(plots)

    def torch_source(self) -> tuple[str, str | None] | None:
        f = self.formula
        if f is None or f.mode() != TORCH or not f.torch_editor.source().strip():
            return None
        return f.torch_editor.source(), f.torch_editor.function()

    def show_torch(self, source: str | None, function: str | None) -> None:
        f = self.formula
        if f is None:
            return
        if source is None:
            f.set_mode("expressions")
            return
        # The session brings its own point, v and u: the source is shown, not loaded again.
        f.torch_editor.set_source(source, function, announce=False)
        f.set_mode(TORCH)

    def show_vectors(self, v: Any, u: Any) -> None:
        if self.labs is not None:
            backward, jvp = self.labs
            backward.follow(v)
            jvp.follow(u)
