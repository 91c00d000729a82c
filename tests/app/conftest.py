"""Qt tests run without a screen unless the caller chose a platform (e.g. xcb under Xvfb)."""

import os

# Must happen before any QApplication exists; pytest-qt creates it lazily (qapp fixture).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
