"""A typeset formula: LaTeX drawn crisply at the widget's font size and pixel ratio.

The picture comes from :mod:`math_render` (cached; drawn off the GUI thread the first time).
It shrinks to fit a narrow window (down to half size), and a right-click copies the LaTeX or
saves the formula as SVG or PNG.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontInfo, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QFileDialog, QMenu, QSizePolicy, QWidget

from .math_render import MathKey, Picture, shared_renderer, to_svg

# Below this share of its natural size a formula is not shrunk further (it is cut instead).
MIN_SCALE = 0.5


class MathView(QWidget):
    """Shows one formula. ``rendered()`` when the picture for the current LaTeX is shown;
    ``scale`` multiplies the font size (1.4 by default: an equation reads larger than body text)."""

    rendered = Signal()

    def __init__(
        self, parent: QWidget | None = None, scale: float = 1.4, min_scale: float = MIN_SCALE
    ) -> None:
        super().__init__(parent)
        self._latex: str | None = None
        self._key: MathKey | None = None
        self._picture: Picture | None = None
        self._scale = scale
        self._min_scale = min_scale  # a narrow place shrinks the picture down to this
        self._renderer = shared_renderer()
        self._renderer.pictureReady.connect(self._on_renderer_pictureReady)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_customContextMenuRequested)
        self.setToolTip(self.tr("Right-click: copy as LaTeX, save as SVG or PNG"))

    # ----------------------------------------------------------------------------- public API
    def set_latex(self, latex: str | None) -> None:
        """Show ``latex`` (None: nothing); a cached picture shows at once, else soon."""
        if latex == self._latex:
            return
        self._latex = latex
        self._request()

    def latex(self) -> str | None:
        return self._latex

    def picture(self) -> Picture | None:
        """The picture shown now (of the current LaTeX), or None while it is drawn."""
        return self._picture

    def is_rendered(self) -> bool:
        return self._latex is None or self._picture is not None

    def key(self) -> MathKey | None:
        return self._key

    def save_svg(self, path: str | Path) -> Path:
        picture, key = self._now(), self._key
        try:  # a formula shown from pieces is written as one SVG
            svg = picture.svg or to_svg(key.latex, key.size, key.colour)
        except ValueError as err:
            raise OSError(str(err)) from None
        out = Path(path)
        out.write_text(svg, encoding="utf-8")
        return out

    def save_png(self, path: str | Path) -> Path:
        picture = self._now()
        out = Path(path)
        if picture.image is None or not picture.image.save(str(out), "PNG"):
            raise OSError(f"cannot write {out}")
        return out

    # ----------------------------------------------------------------------------- drawing
    def font_pixels(self) -> float:
        return QFontInfo(self.font()).pixelSize() * self._scale

    def sizeHint(self) -> QSize:
        image = self._image()
        if image is None:
            return QSize(0, 0 if self._latex is None else int(self.font_pixels() * 1.5))
        ratio = image.devicePixelRatio()
        return QSize(int(image.width() / ratio) + 8, int(image.height() / ratio) + 8)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(int(hint.width() * self._min_scale), hint.height())

    def heightForWidth(self, width: int) -> int:
        return self.sizeHint().height()

    def paintEvent(self, _event) -> None:
        image = self._image()
        if image is None:
            return
        ratio = image.devicePixelRatio()
        w, h = image.width() / ratio, image.height() / ratio
        room = max(self.width() - 8, 1)
        s = min(1.0, max(self._min_scale, room / w)) if w > 0 else 1.0
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        top = max((self.height() - h * s) / 2, 0)
        painter.drawImage(QRectF(4, top, w * s, h * s), image)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._request()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        if self._key is not None and self._key.ratio != self.devicePixelRatioF():
            self._request()  # moved to a screen with another pixel ratio
        super().showEvent(event)

    # ----------------------------------------------------------------------------- helpers
    def _image(self):
        return None if self._picture is None else self._picture.image

    def _request(self) -> None:
        if self._latex is None:
            if self._key is not None:
                self._renderer.withdraw(self._key)
            self._key, self._picture = None, None
            self.updateGeometry()
            self.update()
            return
        colour = self.palette().color(QPalette.ColorRole.WindowText).name()
        key = MathKey(self._latex, round(self.font_pixels(), 2), colour, self.devicePixelRatioF())
        previous, self._key = self._key, key
        found = self._renderer.request(key, instead_of=previous)
        self._show(found)

    def _show(self, picture: Picture | None) -> None:
        self._picture = picture
        self.updateGeometry()
        self.update()
        if picture is not None:
            self.setToolTip(
                picture.error or self.tr("Right-click: copy as LaTeX, save as SVG or PNG")
            )
            self.rendered.emit()

    def _on_renderer_pictureReady(self, key: MathKey, picture: Picture) -> None:
        if key == self._key:
            self._show(picture)

    def _now(self) -> Picture:
        if self._key is None:
            raise OSError("no formula is shown")
        return self._renderer.render_now(self._key)

    def _on_self_customContextMenuRequested(self, pos: QPoint) -> None:
        if self._latex is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Copy as LaTeX"), self.copy_latex)
        menu.addAction(self.tr("Save as SVG…"), lambda: self._save_dialog("svg"))
        menu.addAction(self.tr("Save as PNG…"), lambda: self._save_dialog("png"))
        menu.popup(self.mapToGlobal(pos))

    def copy_latex(self) -> None:
        if self._latex is not None:
            QGuiApplication.clipboard().setText(self._latex)

    def _save_dialog(self, kind: str) -> Path | None:
        what = self.tr("SVG pictures (*.svg)") if kind == "svg" else self.tr("PNG images (*.png)")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the formula"), f"formula.{kind}", what
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_suffix(f".{kind}")
        try:
            return self.save_svg(path) if kind == "svg" else self.save_png(path)
        except OSError:
            return None
