"""At launch the background formulas wait for the first numbers; exports never wait."""

from __future__ import annotations

import threading

from jacdesk.app.widgets import math_render
from jacdesk.app.widgets.math_render import MathKey, MathRenderer


def test_held_formulas_are_drawn_once_the_event_is_set(qtbot):
    first_numbers = threading.Event()
    math_render.hold_until(first_numbers.wait)
    renderer = MathRenderer()
    key = MathKey("x^{2}", 18.0, "#000000")
    try:
        done: list[MathKey] = []
        renderer.pictureReady.connect(lambda k, _p: done.append(k))
        assert renderer.request(key) is None
        # Not drawn while held: exports and tests still draw on their own thread at once.
        other = renderer.render_now(MathKey("y", 18.0, "#000000"))
        assert other.image is not None and done == []
        with qtbot.waitSignal(renderer.pictureReady, timeout=20_000) as blocker:
            first_numbers.set()
        assert blocker.args[0] == key and blocker.args[1].image is not None
    finally:
        first_numbers.set()
        renderer.shutdown()


def test_shutdown_opens_the_gate_so_the_pool_can_end():
    never = threading.Event()
    math_render.hold_until(never.wait)
    renderer = MathRenderer()
    renderer.request(MathKey("z", 18.0, "#000000"))
    renderer.shutdown()  # returns: the held job is released, not waited for forever
    never.set()
