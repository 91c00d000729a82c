"""LaTeX math to pictures, offline. jacdesk's own formulas are laid out by
:mod:`math_boxes` and painted with QPainter in the STIX Two Math font that ziamath bundles
(about a millisecond); other LaTeX goes through ziamath → SVG → QtSvg (tens of milliseconds).

Pictures are drawn on one background thread into QImages that the GUI thread only shows;
finished pictures are kept by (LaTeX, size, colour, pixel ratio) and a formula shown again
comes from the cache at once. Nothing here is a widget.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from .math_boxes import layout, paint
from .math_layout import QUAD, RELATION_SPACE, Glyphs, compose, split
from .math_parse import Unsupported

CACHE_SIZE = 256
#: Drawn once in the background at start: every kind of box and the common glyphs.
WARM_UP = (
    r"f\left(x_{1}\right) = \begin{bmatrix}\frac{\partial f_{1}}{\partial x_{1}} & 2 \\ "
    r"3 & 16 - 0.5\end{bmatrix}^{\mathsf{T}} \cdot \sqrt{x} + \texttt{x.grad}"
)
# Open unless the launch holds it: the warm-up (registering the math font, ~0.15 s) and the
# first formulas then wait until the first numbers are on screen instead of sharing the GIL
# with them.
_gate = threading.Event()
_gate.set()


def hold_until(wait: Callable[[], object], grace_s: float = 0.0) -> None:
    """Background formulas wait until ``wait()`` returns (on a thread of its own), plus ``grace_s``.

    Only the background thread waits: :meth:`MathRenderer.render_now` (exports, tests) and the
    cache answer at once.
    """
    _gate.clear()

    def open_later() -> None:
        try:
            wait()
        finally:
            time.sleep(grace_s)  # the result still has to reach the views on the GUI thread
            _gate.set()

    threading.Thread(target=open_later, name="jacdesk-math-gate", daemon=True).start()


@dataclass(frozen=True)
class MathKey:
    """What a picture depends on: the formula, the font size in pixels, colour, pixel ratio."""

    latex: str
    size: float
    colour: str
    ratio: float = 1.0


@dataclass(frozen=True)
class Picture:
    """A rendered formula: its SVG text (empty for one put together from pieces: see
    :func:`to_svg`) and the image (``None`` on failure, with ``error`` saying why in one
    line); ``baseline`` is the baseline's distance from the image's top, in pixels."""

    svg: str
    image: QImage | None
    error: str = ""
    baseline: float = 0.0


def to_svg(latex: str, size: float, colour: str) -> str:
    """The SVG text of ``latex`` at ``size`` pixels in ``colour`` (raises ValueError)."""
    import ziamath  # lazy: its font loads on first use, never at start-up

    # QtSvg draws SVG Tiny: no <symbol> with its own viewBox (SVG 2), which ziamath uses by
    # default; without it each glyph is a plain <path> and the formula draws correctly.
    ziamath.config.svg2 = False
    try:
        return ziamath.Latex(latex, size=size, color=colour).svg()
    except Exception as err:  # ziamath / latex2mathml raise many kinds for unknown LaTeX
        raise ValueError(f"cannot typeset this formula ({type(err).__name__})") from None


def draw(key: MathKey) -> Picture:
    """Lay out and draw ``key`` (any thread: QImage and QSvgRenderer need no GUI thread)."""
    try:
        svg = to_svg(key.latex, key.size, key.colour)
    except ValueError as err:
        return Picture("", None, str(err))
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return Picture(svg, None, "the formula's picture could not be drawn")
    box = renderer.viewBoxF()
    w = max(1, math.ceil(box.width() * key.ratio))
    h = max(1, math.ceil(box.height() * key.ratio))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, w, h))
    painter.end()
    image.setDevicePixelRatio(key.ratio)
    return Picture(svg, image, baseline=-box.y() * key.ratio)


class MathRenderer(QObject):
    """Pictures of formulas, from the cache or from the background thread.

    ``pictureReady(object, object)`` carries (:class:`MathKey`, :class:`Picture`) to the
    GUI thread when a requested picture is done.
    """

    pictureReady = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[MathKey, Picture] = OrderedDict()
        # Requested, not yet drawn: the job and how many views wait for it.
        self._pending: dict[MathKey, tuple[Future, int]] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jacdesk-math")
        # First in the queue: the math font registered with Qt (~0.15 s, once a process) and
        # its first glyphs drawn, as soon as the gate opens, so the user's first formula is
        # not the one that pays for them.
        self.warmed: Future = self._pool.submit(self._warm_up)

    def cached(self, key: MathKey) -> Picture | None:
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
            return found

    def request(self, key: MathKey, instead_of: MathKey | None = None) -> Picture | None:
        """The picture at once when cached; else None, and ``pictureReady`` follows.

        ``instead_of`` is what the caller asked for before: while dragging a slider, formulas
        nobody waits for any more are dropped instead of drawn in turn.
        """
        if instead_of is not None and instead_of != key:
            self.withdraw(instead_of)
        found = self.cached(key)
        if found is not None:
            return found
        with self._lock:
            if key in self._pending:
                job, waiting = self._pending[key]
                self._pending[key] = (job, waiting + 1)
                return None
            try:
                job = self._pool.submit(self._work, key)
            except RuntimeError:  # shut down: the application is quitting
                return None
            self._pending[key] = (job, 1)
        return None

    def withdraw(self, key: MathKey) -> None:
        """One caller no longer waits for ``key``; the last one cancels it if not started."""
        with self._lock:
            entry = self._pending.get(key)
            if entry is None:
                return
            job, waiting = entry
            if waiting > 1:
                self._pending[key] = (job, waiting - 1)
            elif job.cancel():
                del self._pending[key]

    def render_now(self, key: MathKey) -> Picture:
        """Draw on this thread (exports, tests, benchmarks), through the cache."""
        found = self.cached(key)
        if found is None:
            found = self._draw(key)
            self._keep(key, found)
        return found

    def _draw(self, key: MathKey) -> Picture:
        """jacdesk's own LaTeX goes the fast way (:mod:`math_boxes`, well under a millisecond);
        other LaTeX goes through ziamath, a formula with top-level ``=`` / ``, \\quad`` / line
        breaks piece by piece (each piece cached: a live equation changes one piece at a
        time)."""
        try:
            image, baseline = paint(layout(key.latex, key.size), key.size, key.colour, key.ratio)
        except Unsupported:
            pass
        else:
            return Picture("", image, baseline=baseline)
        lines = split(key.latex)
        if len(lines) == 1 and len(lines[0]) == 1:
            return draw(key)
        rows = []
        for line in lines:
            row = []
            for piece, after in line:
                if after == "=":
                    parts = [(piece, RELATION_SPACE), ("=", RELATION_SPACE)]
                else:
                    parts = [(piece, 0.0), (after, QUAD)] if after else [(piece, 0.0)]
                for text, gap in parts:
                    picture = self.render_now(MathKey(text, key.size, key.colour, key.ratio))
                    if picture.image is None:
                        return draw(key)  # says what is wrong with the whole formula
                    row.append((Glyphs(picture.image, picture.baseline), gap))
            rows.append(row)
        image = compose(rows, key.size, key.ratio)
        return Picture("", image, baseline=rows[0][0][0].baseline if rows and rows[0] else 0.0)

    def shutdown(self) -> None:
        _gate.set()  # a job held at the gate must not keep the pool from ending
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _warm_up(self) -> None:
        _gate.wait()
        lines = layout(WARM_UP, 16.0)
        paint(lines, 16.0, "#000000", 1.0)

    def _work(self, key: MathKey) -> None:
        _gate.wait()
        picture = self.render_now(key)
        with self._lock:
            self._pending.pop(key, None)
        self.pictureReady.emit(key, picture)

    def _keep(self, key: MathKey, picture: Picture) -> None:
        with self._lock:
            self._cache[key] = picture
            self._cache.move_to_end(key)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)


_shared: MathRenderer | None = None


def shared_renderer() -> MathRenderer:
    """The application's one renderer (made on first use, on the GUI thread)."""
    global _shared
    if _shared is None:
        from PySide6.QtCore import QCoreApplication

        _shared = MathRenderer(QCoreApplication.instance())
    return _shared
