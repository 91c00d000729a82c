"""The jacdesk desktop window (PySide6 + pyqtgraph).

Nothing in jacdesk.core or jacdesk.cli may import this package: Qt stays out of the
command line and the computational core.
"""
