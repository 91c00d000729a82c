"""The top-level API: lazy (``import jacdesk`` loads no torch), complete and documented."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

import jacdesk

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})


def test_import_jacdesk_loads_no_torch_and_no_qt() -> None:
    code = "import sys, jacdesk; print(sorted(m for m in ('torch', 'PySide6', 'sympy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_every_public_name_resolves_and_has_a_docstring() -> None:
    for name in jacdesk.__all__:
        obj = getattr(jacdesk, name)
        if callable(obj):
            assert obj.__doc__, name
    assert set(jacdesk.__all__) <= set(dir(jacdesk))


def test_grid_is_public_and_is_the_core_grid() -> None:
    from jacdesk.core.diff.grid import grid

    assert jacdesk.grid is grid
    g = jacdesk.grid(*SEED, over={"x1": (0.0, 2.0, 3)})
    # f1 = x1**2 + 2*x2 at x2 = 2 along x1 = 0, 1, 2
    assert np.allclose(np.asarray(g.values)[..., 0].reshape(-1), [4.0, 5.0, 8.0])


def test_backward_graph_is_public_and_gives_the_seed_leaves() -> None:
    from jacdesk.core.diff.backward_graph import backward_graph

    assert jacdesk.backward_graph is backward_graph
    leaves = jacdesk.backward_graph(*SEED).to_dict()["leaves"]
    assert leaves == {"x1": 5.0, "x2": 18.0}


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        jacdesk.no_such_thing  # noqa: B018
    except AttributeError as err:
        assert "no_such_thing" in str(err)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_version_is_the_single_source() -> None:
    from jacdesk._version import __version__

    assert jacdesk.__version__ == __version__
