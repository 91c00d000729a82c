"""3-D axis ticks are rounded to their axis's scale ("-2", not "-1.999")."""

import pytest

from jacdesk.app.plots.gl_support import tick


@pytest.mark.parametrize(
    ("value", "span", "text"),
    [
        (-1.999, 4.0, "-2"),
        (0.5, 4.0, "0.5"),
        (2.0004, 4.0, "2"),
        (123.456, 300.0, "123"),
        (0.012345, 0.02, "0.012"),
        (-1e-5, 4.0, "0"),
        (3.25, 0.0, "3.25"),
    ],
)
def test_ticks_are_rounded_to_the_axis_scale(value, span, text):
    assert tick(value, span) == text
