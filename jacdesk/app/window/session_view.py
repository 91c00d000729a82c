"""The window's widgets as a :class:`~jacdesk.app.state.session_io.SessionView`.

:mod:`jacdesk.app.state.session_io` turns what the widgets show into a session and back
without knowing any widget; this adapter is the one place that knows which widget holds what.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jacdesk.app.views.plots_panel import PlotsPanel
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.widgets.compute_toolbar import ComputeToolbar
from jacdesk.app.widgets.expression_editor import ExpressionEditor
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
    ) -> None:
        self.editor = editor
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
