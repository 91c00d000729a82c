"""The batched grid behind the plots: values, J and det J against closed forms."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from jacdesk.cli.main import main as cli_main
from jacdesk.core.diff.grid import grid
from jacdesk.core.errors import JacdeskError

EXAMPLE = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


@pytest.fixture(scope="module")
def tutorial():
    return grid(EXAMPLE, {"x1": 1, "x2": 2}, {"x1": (-3, 3, 31), "x2": (-2, 4, 21)})


def test_layout_and_closed_forms(tutorial):
    g = tutorial
    assert g.values.shape == (21, 31, 2)
    assert g.jacobian.shape == (21, 31, 2, 2)
    x, y = np.meshgrid(g.coords[0], g.coords[1])
    np.testing.assert_allclose(g.values[..., 0], x**2 + 2 * y, rtol=0, atol=1e-12)
    np.testing.assert_allclose(g.values[..., 1], 3 * x + 4 * y**2, rtol=0, atol=1e-12)
    np.testing.assert_allclose(g.jacobian[..., 0, 0], 2 * x, atol=1e-12)
    np.testing.assert_allclose(g.jacobian[..., 1, 1], 8 * y, atol=1e-12)
    np.testing.assert_allclose(g.det, 16 * x * y - 6, atol=1e-9)
    assert g.point == (1.0, 2.0)
    assert g.axes == ("x1", "x2")


def test_grid_point_equals_analyze_at_that_point(tutorial):
    import jacdesk

    g = tutorial
    i, j = 20, 10  # coords[0][20] = 1.0, coords[1][10] = 1.0
    r = jacdesk.analyze(EXAMPLE, {"x1": g.coords[0][i], "x2": g.coords[1][j]}, symbolic=False)
    np.testing.assert_allclose(g.jacobian[j, i], r.jacobian, atol=1e-12)
    assert g.det[j, i] == pytest.approx(r.determinant)


def test_entries_of_matrix_variables_and_held_inputs():
    g = grid(
        "X @ x", {"X": [[1, 2], [3, 4]], "x": [1.0, -1.0]}, {"X[1,0]": (0, 2, 3), "x[0]": (0, 1, 2)}
    )
    x10, x0 = np.meshgrid(g.coords[0], g.coords[1])
    np.testing.assert_allclose(g.values[..., 1], x10 * x0 + 4 * -1.0)
    np.testing.assert_allclose(g.jacobian[..., 1, 0], x0)  # ∂f2/∂X[1,0] = x[0]
    np.testing.assert_allclose(g.jacobian[..., 0, 1], 1.0)  # ∂f1/∂x[0] = X[0,0]


def test_one_axis_and_non_square():
    g = grid(["sin(t)", "cos(t)", "t"], {"t": 0.0}, {"t": (0, 1, 11)})
    assert g.values.shape == (11, 3) and g.jacobian.shape == (11, 3, 1) and g.det is None
    np.testing.assert_allclose(g.jacobian[:, 0, 0], np.cos(g.coords[0]), atol=1e-12)


@pytest.mark.parametrize(
    "over",
    [{}, {"y": (0, 1, 3)}, {"x1": (1, 0, 3)}, {"x1": (0, 1, 1)}, {"x1": (0, 1, 3), "x2": "bad"},
     {"x1": (0, 1, 2000), "x2": (0, 1, 2000)}],
)  # fmt: skip
def test_bad_grids_are_refused(over):
    with pytest.raises(JacdeskError):
        grid(EXAMPLE, {"x1": 1, "x2": 2}, over)


def test_cli_grid_csv_and_json(capsys):
    args = ["grid", "-e", EXAMPLE[0], "-e", EXAMPLE[1], "--var", "x1=1", "--var", "x2=2",
            "--over", "x1=-1:1:5", "--over", "x2=0:2:3"]  # fmt: skip
    assert cli_main([*args, "--what", "det"]) == 0
    table = np.loadtxt(io.StringIO(capsys.readouterr().out), delimiter=",", skiprows=1)
    np.testing.assert_allclose(table[:, 2], 16 * table[:, 0] * table[:, 1] - 6)
    assert cli_main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["axes"] == ["x1", "x2"] and len(data["det"]) == 3 and len(data["det"][0]) == 5
