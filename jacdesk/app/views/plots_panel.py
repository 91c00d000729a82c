"""The Plots tab: controls on the left, the plot views (3-D when OpenGL works, 2-D always)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.plots.plot_controls import PlotControls
from jacdesk.app.system.i18n import translate_core
from jacdesk.app.widgets import plot_export

if TYPE_CHECKING:  # the views import pyqtgraph (~0.2 s): only once the tab is first shown
    from jacdesk.app.plots.det_field import DetField
    from jacdesk.app.plots.linear_map import LinearMapView
    from jacdesk.app.plots.maps_2d import ComponentMaps
    from jacdesk.app.plots.surfaces_3d import Surfaces3D


MIN_VIEWS_WIDTH = 240  # px: two small 2-D maps side by side still read
STACKED_MIN_WIDTH = 500  # px: controls one line per input above two small maps
STACK_BELOW_WIDTH = 760  # px: narrower than this, the controls go above the plots


class PlotsPanel(QWidget):
    """Composes the plot views; they draw what the plot controller computed.

    Signals
    -------
    settingsChanged(dict)
        The controls changed (axes, ranges, resolution, tangent plane).
    pointPicked(dict)
        A click on a 2-D map: {input label: coordinate}.
    """

    settingsChanged = Signal(dict)
    pointPicked = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.controls = PlotControls()
        self.controls.tangent.setChecked(True)
        self.controls.setMaximumWidth(320)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setToolTip(self.tr("What the plots are doing"))
        self._views = QTabWidget()
        # The plots shrink to fit beside the controls, instead of pushing the window's splitter
        # (and the editor pane) narrower: that width would stay lost on every other tab.
        self._views.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self._views.setMinimumWidth(MIN_VIEWS_WIDTH)
        self._views.setToolTip(self.tr("Each view draws the same grid around the point"))
        self._built = False
        self._stale = False
        self._file_names: dict = {}
        side = QVBoxLayout()
        side.addWidget(self.controls)
        side.addWidget(self.status)
        self.image_button = QPushButton(self.tr("Save image…"))
        self.image_button.setToolTip(
            self.tr("The current view as PNG (any view) or SVG (2-D views)")
        )
        self.image_button.clicked.connect(lambda: self.save_image_dialog())
        self.data_button = QPushButton(self.tr("Save data…"))
        self.data_button.setToolTip(
            self.tr("f, J and det J over the grid as CSV files (exact numbers)")
        )
        self.data_button.clicked.connect(lambda: self.save_data_dialog())
        buttons = QHBoxLayout()
        buttons.addWidget(self.image_button)
        buttons.addWidget(self.data_button)
        side.addLayout(buttons)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        self._layout = layout  # beside the plots when wide, above them when narrow
        layout.addLayout(side)
        layout.addWidget(self._views, 1)
        self.controls.settingsChanged.connect(self.settingsChanged)
        self.controls.settingsChanged.connect(self._on_controls_settingsChanged)
        self._data = None
        self._drawn: set = set()

    def minimumSizeHint(self) -> QSize:
        """The stacked minimum even while the controls sit beside the plots: the panel stacks
        as soon as it gets narrow, so a page never resized yet must not hold the tabs (and,
        with the lessons open, a 1024 px window) wider than that."""
        hint = super().minimumSizeHint()
        if self._layout.direction() == QBoxLayout.Direction.LeftToRight:
            hint.setWidth(min(hint.width(), STACKED_MIN_WIDTH))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Controls beside the plots when there is room, above them in a narrow window."""
        wide = event.size().width() >= STACK_BELOW_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
            # Beside the plots: a narrow column; above them: one line per input.
            self.controls.setMaximumWidth(320 if wide else 16777215)
            self.controls.set_one_line(not wide)
        super().resizeEvent(event)

    # The plot views are built when the tab is first shown (or first asked for): pyqtgraph,
    # OpenGL and the GL probe then stay off the path from launch to the first numbers.
    @property
    def views(self) -> QTabWidget:
        self._build_views()
        return self._views

    @property
    def maps(self) -> ComponentMaps:
        self._build_views()
        return self._maps

    @property
    def det_field(self) -> DetField:
        self._build_views()
        return self._det_field

    @property
    def linear_map(self) -> LinearMapView:
        self._build_views()
        return self._linear_map

    @property
    def surfaces(self) -> Surfaces3D | None:
        self._build_views()
        return self._surfaces

    def views_built(self) -> bool:
        """Whether the plot views exist yet (they are built when the tab is first shown)."""
        return self._built

    def showEvent(self, event: QShowEvent) -> None:
        self._build_views()
        super().showEvent(event)

    def _build_views(self) -> None:
        if self._built:
            return
        self._built = True
        from jacdesk.app.plots.det_field import DetField
        from jacdesk.app.plots.gl_support import opengl_available
        from jacdesk.app.plots.linear_map import LinearMapView
        from jacdesk.app.plots.maps_2d import ComponentMaps

        self._maps = ComponentMaps()
        self._det_field = DetField()
        self._linear_map = LinearMapView()
        gl_ok, why = opengl_available()
        self._surfaces = None
        if gl_ok:
            from jacdesk.app.plots.surfaces_3d import Surfaces3D  # OpenGL only where it works

            self._surfaces = Surfaces3D()
            # One switch for the tangent planes: the controls' (the 3-D view's own is hidden).
            self._surfaces.tangent_box.hide()
            self._surfaces.set_tangent_visible(self.controls.settings().get("tangent", True))
            self._views.addTab(self._surfaces, self.tr("Surfaces (3-D)"))
        self._views.addTab(self._maps, self.tr("Maps (2-D)"))
        self._views.addTab(self._det_field, self.tr("det J field"))
        self._views.addTab(self._linear_map, self.tr("Local linear map"))
        #: File names for saved images: English whatever the interface language.
        self._file_names = {
            self._surfaces: "Surfaces",
            self._maps: "Maps",
            self._det_field: "det_J_field",
            self._linear_map: "Local_linear_map",
        }
        if not gl_ok:
            self.status.setText(
                self.tr(
                    "3-D surfaces unavailable ({why}); the 2-D maps show the same data."
                ).format(why=why)
            )
        self._views.currentChanged.connect(lambda _: self._draw_current())
        self._maps.pointPicked.connect(self.pointPicked)
        self._det_field.pointPicked.connect(self.pointPicked)
        self._set_views_stale(self._stale)
        self._draw_current()

    def set_inputs(self, labels: list[str], point: dict[str, float]) -> None:
        self.controls.set_inputs(labels, point)

    def settings(self) -> dict:
        return self.controls.settings()

    def data_files(self) -> dict[str, str]:
        """The grid data behind the plots as CSV files (for Export all)."""
        return plot_export.grid_files(self._data[0] if self._data else None)

    def save_image_dialog(self) -> str | None:
        view = self.views.currentWidget()
        name = self._file_names.get(view, "plot")
        return plot_export.save_image_dialog(self, view, name)

    def save_data_dialog(self) -> list[str]:
        return plot_export.save_data_dialog(self, self._data[0] if self._data else None)

    def apply_settings(self, settings: dict) -> None:
        """Restore saved plot choices (inputs, ranges, resolution, tangent planes)."""
        self.controls.apply(settings)

    def show_grids(self, main, local, result) -> None:
        """Draw a computed grid (and the small one around the point).

        Only the visible view draws now; the others draw when their tab is opened, so an edit
        costs one view's redraw, not four.
        """
        self._data = (main, local, result)
        self._drawn = set()
        if self._built:
            self._draw_current()
        self.status.setText(
            f"{translate_core('Strategy', main.strategy)} · {main.elapsed_s * 1e3:.1f} ms"
        )
        self.set_stale(False)

    def _draw_current(self) -> None:
        view = self._views.currentWidget()
        if self._data is None or view in self._drawn:
            return
        main, local, result = self._data
        if view is self._maps:
            self._maps.show_grid(main, result)
        elif view is self._det_field:
            self._det_field.show_grid(main)
        elif view is self._linear_map:
            self._linear_map.show(result, local)
        elif view is self._surfaces:
            self._surfaces.show_grid(main, result)
            self._surfaces.set_tangent_visible(self.controls.settings().get("tangent", True))
        self._drawn.add(view)

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def set_stale(self, stale: bool) -> None:
        self._stale = stale
        if self._built:
            self._set_views_stale(stale)

    def _set_views_stale(self, stale: bool) -> None:
        for view in (self._maps, self._det_field, self._linear_map, self._surfaces):
            if view is not None:
                view.set_stale(stale)

    def _on_controls_settingsChanged(self, settings: dict) -> None:
        if self._built and self._surfaces is not None:
            self._surfaces.set_tangent_visible(bool(settings.get("tangent", True)))
