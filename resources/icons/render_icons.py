"""Render the app icon from ``jacdesk.svg`` and refresh the copies the installed package ships.

Run from anywhere after editing the SVG or the MIME type, then commit what changed::

    python resources/icons/render_icons.py

Writes ``resources/icons/hicolor/NxN/apps/jacdesk.png`` (the usual hicolor sizes) and
``resources/icons/jacdesk.ico`` (Windows shortcuts), then mirrors the SVG, the PNGs, the ICO and
``resources/mime/jacdesk.xml`` into ``jacdesk/resources/``: only files inside the package reach a
``pip install .``, and ``jacdesk --install-desktop`` copies from there. A test checks that the two
trees agree.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCE = HERE / "jacdesk.svg"
MIME = ROOT / "resources" / "mime" / "jacdesk.xml"
PACKAGE = ROOT / "jacdesk" / "resources"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can describe


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    # PNG stores straight alpha; converting here keeps edge pixels' colours exact.
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO holding PNG-compressed entries (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"render_icons: {SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: png_bytes(render(renderer, size)) for size in SIZES}
    ico = ico_bytes({size: pngs[size] for size in ICO_SIZES})
    for tree in (HERE, PACKAGE / "icons"):
        for size, blob in pngs.items():
            write(tree / "hicolor" / f"{size}x{size}" / "apps" / "jacdesk.png", blob)
        write(tree / "jacdesk.ico", ico)
    write(PACKAGE / "icons" / "jacdesk.svg", SOURCE.read_bytes())
    (PACKAGE / "mime").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MIME, PACKAGE / "mime" / "jacdesk.xml")
    print(f"render_icons: {len(SIZES)} PNG sizes and an ICO written; package copies refreshed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
