"""Plot views of f, J and det J over a grid of two plotted inputs (or one).

The 2-D views here (``maps_2d``, ``det_field``, ``linear_map``, ``plot_controls``) use pyqtgraph's
2-D items only, so they work on every machine; ``surfaces_3d`` adds OpenGL surfaces where
available. Views draw the arrays of a :class:`~jacdesk.core.results.grid.GridResult` or an
:class:`~jacdesk.core.results.analysis.Analysis`; they never compute derivatives.
"""
