"""The compute tool bar owns its controls, announces the user's changes as one ComputeOptions,
and follows the controller (the only holder of the options) without announcing anything."""

from __future__ import annotations

from PySide6.QtGui import QAction

from jacdesk.app.state.controller import Controller
from jacdesk.app.widgets.compute_toolbar import ComputeToolbar
from jacdesk.core.conventions import ComputeOptions


def test_a_change_by_the_user_is_one_options_object(make):
    bar = make(ComputeToolbar)
    assert bar.options() == ComputeOptions()
    heard: list[ComputeOptions] = []
    bar.optionsChanged.connect(heard.append)
    bar.layout_combo.setCurrentIndex(bar.layout_combo.findData("denominator"))
    bar.hessian_box.setChecked(True)
    assert heard == [
        ComputeOptions(layout="denominator"),
        ComputeOptions(layout="denominator", hessian=True),
    ]
    digits: list[int] = []
    bar.digitsChanged.connect(digits.append)
    bar.set_digits(3)
    assert digits == [3] and bar.digits() == 3


def test_following_sets_the_controls_without_announcing(make):
    recompute, cancel = QAction("Recompute"), QAction("Cancel")
    bar = make(ComputeToolbar, [recompute, cancel])
    assert bar.actions()[:2] == [recompute, cancel]
    heard: list[ComputeOptions] = []
    bar.optionsChanged.connect(heard.append)
    bar.set_options(ComputeOptions(vec="col", symbolic=False))
    assert heard == []
    assert bar.vec_combo.currentData() == "col" and not bar.symbolic_box.isChecked()
    assert bar.options() == ComputeOptions(vec="col", symbolic=False)


def test_the_controller_holds_the_options_and_the_bar_follows(qtbot, make):
    controller = Controller()
    bar = make(ComputeToolbar)
    bar.optionsChanged.connect(controller.set_options)
    controller.optionsChanged.connect(bar.set_options)
    told: list[ComputeOptions] = []
    controller.optionsChanged.connect(told.append)

    bar.vec_combo.setCurrentIndex(bar.vec_combo.findData("col"))
    assert controller.options == ComputeOptions(vec="col")
    controller.set_options(hessian=True, symbolic=False)
    assert (
        bar.options() == controller.options == ComputeOptions("col", hessian=True, symbolic=False)
    )
    controller.set_options(hessian=True)  # no change: nothing to tell
    assert told == [ComputeOptions(vec="col"), ComputeOptions("col", hessian=True, symbolic=False)]
    controller.shutdown()


def test_the_dtype_switch_is_part_of_the_options(make):
    bar = make(ComputeToolbar)
    heard: list[ComputeOptions] = []
    bar.optionsChanged.connect(heard.append)
    bar.dtype_combo.setCurrentIndex(bar.dtype_combo.findData("float32"))
    assert heard == [ComputeOptions(dtype="float32")]
    bar.set_options(ComputeOptions(dtype="float64", hessian=True))
    assert bar.dtype_combo.currentData() == "float64" and len(heard) == 1
