"""The Qt-free core: expression language, torch differentiation, symbolic forms, export.

Nothing under this package imports Qt or pyqtgraph (a test checks it).
"""

from .errors import JacdeskError

__all__ = ["JacdeskError"]
