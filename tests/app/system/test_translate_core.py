"""Core's English texts in Chinese: marked texts, texts built from templates, unknown ones."""

from __future__ import annotations

import pytest

from jacdesk.app.system import i18n
from jacdesk.core.conventions import statement


@pytest.fixture
def chinese(qapp):
    i18n.install_translator(qapp, "zh_CN")
    yield
    i18n.install_translator(qapp, "en")


def test_a_marked_strategy_is_translated(chinese):
    assert i18n.translate_core("Strategy", "forward mode (torch.func.jacfwd)") == (
        "前向模式（torch.func.jacfwd）"
    )


def test_a_built_strategy_is_translated_part_by_part(chinese):
    text = "reverse mode: the batch-sum trick, 2 backward pass(es) over 1,600 points"
    assert (
        i18n.translate_core("Strategy", text)
        == "反向模式：批量求和技巧，2 次反向传播，共 1,600 个点"
    )


def test_the_conventions_line_is_translated(chinese):
    assert i18n.translate_core("Conventions", statement("numerator", "row")) == (
        "分子布局（行 = 输出，列 = 输入）；矩阵按行优先展平（torch 的 reshape(-1)）"
    )


def test_unknown_texts_and_english_stay_as_they_are(qapp, chinese):
    assert i18n.translate_core("Strategy", "some new strategy") == "some new strategy"
    i18n.install_translator(qapp, "en")
    assert i18n.translate_core("Conventions", statement("denominator", "col")) == statement(
        "denominator", "col"
    )
