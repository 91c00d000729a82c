"""The expression language: what parses, what it means, and how refusals point at the text."""

from __future__ import annotations

import math

import numpy as np
import pytest

import jacdesk
from jacdesk import JacdeskError
from jacdesk.core.diff.values import parse_value
from jacdesk.core.language.nodes import (
    BinOp,
    Call,
    Index,
    ListLit,
    Name,
    Neg,
    Num,
    Slice,
    Transpose,
)
from jacdesk.core.language.parser import parse
from jacdesk.core.language.program import build_program


def value(text: str, **variables) -> np.ndarray:
    """f at the point, through the whole engine (no symbolic child)."""
    return jacdesk.analyze(text, variables or {"x": 1.0}, symbolic=False).value


def refused(fn, *args, **kwargs) -> JacdeskError:
    with pytest.raises(JacdeskError) as info:
        fn(*args, **kwargs)
    err = info.value
    assert "\n" not in str(err), repr(str(err))
    assert "\n" not in err.message
    assert "Traceback" not in str(err)
    return err


# -- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2.0),
        ("1.5e-3", 1.5e-3),
        (".5", 0.5),
        ("2.", 2.0),
        ("1E3", 1000.0),
        ("0.1", 0.1),
        ("12345678901234567890", 12345678901234567890.0),
    ],
)
def test_numbers(text, expected):
    node = parse(text)
    assert isinstance(node, Num)
    assert node.value == expected
    assert node.text == text  # kept as typed, for exact symbolic forms
    assert node.col == 1


def test_number_value_through_evaluation():
    assert parse_value("1.5e-3") == 1.5e-3
    assert parse_value(".5") == 0.5


# -- operators -----------------------------------------------------------------------------


def test_caret_is_power():
    node = parse("x^2")
    assert isinstance(node, BinOp) and node.op == "**"
    assert node == BinOp(2, "**", Name(1, "x"), Num(3, 2.0, "2"))
    assert parse_value("2^3") == 8.0


def test_power_is_right_associative():
    node = parse("2**3**2")
    assert isinstance(node, BinOp) and node.op == "**"
    assert isinstance(node.right, BinOp) and node.right.op == "**"
    assert parse_value("2**3**2") == 512.0  # 2**(3**2), not (2**3)**2 = 64
    assert parse_value("2^3^2") == 512.0


def test_unary_minus_binds_looser_than_power():
    node = parse("-x**2")
    assert isinstance(node, Neg)
    assert isinstance(node.operand, BinOp) and node.operand.op == "**"
    assert value("-x**2", x=3.0) == -9.0
    assert parse_value("-2**2") == -4.0
    assert parse_value("2**-1") == 0.5  # a signed exponent still works


def test_precedence():
    assert parse_value("1 + 2*3") == 7.0
    assert parse_value("(1 + 2)*3") == 9.0
    assert parse_value("8 / 2 / 2") == 2.0  # left-associative
    assert parse_value("10 - 3 - 2") == 5.0
    assert parse_value("+-+2") == -2.0


@pytest.mark.parametrize(
    ("text", "point", "expected"),
    [
        ("3x1", {"x1": 2.0}, 6.0),
        ("2(x+1)", {"x": 2.0}, 6.0),
        ("2x^2", {"x": 3.0}, 18.0),  # 2*(x**2)
        ("1.5e1x", {"x": 2.0}, 30.0),
    ],
)
def test_implicit_multiplication(text, point, expected):
    assert value(text, **point) == expected


def test_implicit_multiplication_tree():
    node = parse("3x1")
    assert isinstance(node, BinOp) and node.op == "*"
    assert node.left == Num(1, 3.0, "3")
    assert node.right == Name(2, "x1")


def test_space_between_number_and_name_is_not_a_product():
    err = refused(parse, "3 x")
    assert err.column == 3
    assert "operator" in err.message


def test_constants_pi_and_e():
    assert parse("pi") == Name(1, "pi")
    assert parse_value("pi") == math.pi
    assert parse_value("e") == math.e
    assert parse_value("2pi") == 2 * math.pi


# -- indexing, transpose, literals ---------------------------------------------------------


def test_index_forms():
    assert parse("x[0]") == Index(2, Name(1, "x"), (0,))
    assert parse("X[1,0]") == Index(2, Name(1, "X"), (1, 0))
    assert parse("X[:,0]") == Index(2, Name(1, "X"), (Slice(None, None), 0))
    assert parse("X[-1]") == Index(2, Name(1, "X"), (-1,))
    assert parse("X[0:2, 1]") == Index(2, Name(1, "X"), (Slice(0, 2), 1))


def test_index_values():
    X = [[1.0, 2.0], [3.0, 4.0]]
    assert value("X[1,0]", X=X) == 3.0
    assert value("X[:,0]", X=X).tolist() == [1.0, 3.0]
    assert value("X[-1]", X=X).tolist() == [3.0, 4.0]
    assert value("x[0]", x=[5.0, 6.0]) == 5.0
    assert value("x[-1]", x=[5.0, 6.0]) == 6.0


def test_transpose():
    assert parse("X.T") == Transpose(2, Name(1, "X"))
    X = [[1.0, 2.0], [3.0, 4.0]]
    assert value("X.T", X=X).tolist() == [[1.0, 3.0], [2.0, 4.0]]
    assert value("X.T.T", X=X).tolist() == X


def test_list_literals():
    node = parse("[1, x]")
    assert isinstance(node, ListLit) and len(node.items) == 2
    assert parse_value("[[1, 2], [3, 4]]").tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert value("[x, 2*x]", x=3.0).tolist() == [3.0, 6.0]


def test_trailing_comma_in_list():
    assert parse("[1, 2,]") == parse("[1, 2]")
    assert parse_value("[1, 2,]").tolist() == [1.0, 2.0]


def test_function_calls():
    node = parse("sin(x)")
    assert node == Call(1, "sin", (Name(5, "x"),))
    assert parse("atan2(y, x)") == Call(1, "atan2", (Name(7, "y"), Name(10, "x")))
    assert parse_value("sin(0)") == 0.0
    assert parse_value("max(1, 3)") == 3.0
    assert parse_value("max([1, 5, 2])") == 5.0


def test_whitespace_is_ignored():
    assert parse("  x  +  1 ") == BinOp(6, "+", Name(3, "x"), Num(9, 1.0, "1"))


# -- errors: each with its column and one line ----------------------------------------------


def test_syntax_error_column():
    err = refused(parse, "x +* 2")
    assert err.column == 4
    assert "*" in err.message


def test_syntax_error_reports_column_in_text():
    err = refused(parse, "x +* 2")
    assert "column 4" in str(err)


def test_unknown_function_suggests():
    err = refused(parse, "sinn(x)")
    assert err.column == 1
    assert "did you mean sin" in err.message


def test_unknown_function_later_in_text():
    err = refused(parse, "x + expp(x)")
    assert err.column == 5
    assert "did you mean exp" in err.message


def test_unknown_name_suggests():
    err = refused(build_program, "1 + sinn", {"x": ()})
    assert err.column == 5
    assert "did you mean sin" in err.message


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("sin(x, x)", 1, "sin takes 1 argument"),
        ("atan2(x)", 1, "atan2 takes 2 arguments"),
        ("x + dot(x)", 5, "dot takes 2 arguments"),
        ("min(x, x, x)", 1, "min takes 1 or 2 arguments"),
        ("exp()", 1, "got 0"),
    ],
)
def test_wrong_number_of_arguments(text, column, fragment):
    err = refused(parse, text)
    assert err.column == column
    assert fragment in err.message


def test_shape_mismatch_in_matmul_names_both_shapes():
    err = refused(
        jacdesk.analyze,
        "X @ y",
        {"X": np.ones((2, 3)), "y": [1.0, 2.0]},
        symbolic=False,
    )
    assert err.column == 3
    assert "2×3" in err.message
    assert "2-vector" in err.message


def test_shape_mismatch_in_addition_names_both_shapes():
    err = refused(build_program, "y + X", {"X": (2, 3), "y": (2,)})
    assert err.column == 3
    assert "2-vector" in err.message
    assert "2×3" in err.message


def test_shape_mismatch_in_function():
    err = refused(build_program, "x + dot(x, y)", {"x": (2,), "y": (3,)})
    assert err.column == 5
    assert "2-vector" in err.message and "3-vector" in err.message


def test_list_of_mixed_shapes():
    err = refused(build_program, "[x, y]", {"x": (), "y": (2,)})
    assert err.column == 5
    assert "scalar" in err.message and "2-vector" in err.message


def test_function_name_cannot_be_a_variable():
    err = refused(jacdesk.analyze, "x", {"sin": 1.0}, symbolic=False)
    assert "sin" in err.message
    err = refused(jacdesk.analyze, "x", {"x": 1.0}, constants={"exp": 1.0}, symbolic=False)
    assert "exp" in err.message


def test_variable_cannot_be_called():
    err = refused(build_program, "x(2)", {"x": ()})
    assert err.column == 1
    assert "'x'" in err.message and "function" in err.message


def test_function_used_as_a_value():
    err = refused(build_program, "x + sin", {"x": ()})
    assert err.column == 5
    assert "sin(x)" in err.message


def test_name_without_value():
    err = refused(build_program, "x + y", {"x": ()})
    assert err.column == 5
    assert "'y'" in err.message and "no value" in err.message


def test_name_without_value_suggests_a_variable():
    err = refused(build_program, "x1 + x3", {"x1": (), "x2": ()})
    assert err.column == 6
    assert "x" in err.message


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_input(text):
    err = refused(parse, text)
    assert err.column == 1
    assert "empty" in err.message


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("(x+1", {5, 1}),  # the end, or the parenthesis left open
        ("sin(x", {6, 4}),
        ("2*(x + (1", {10, 7, 3}),
        ("[1, 2", {6, 1}),
    ],
)
def test_unclosed_parenthesis(text, columns):
    err = refused(parse, text)
    assert err.column in columns
    assert "close" in err.message or "parenthes" in err.message


def test_unclosed_parenthesis_mentions_where_it_opened():
    err = refused(parse, "1 + (x+1")
    assert "column 5" in err.message


def test_unmatched_closing_parenthesis():
    err = refused(parse, "x + 1)")
    assert err.column == 6


@pytest.mark.parametrize(
    ("text", "shape", "column"),
    [
        ("x[5]", (2,), 2),
        ("x[-3]", (2,), 2),
        ("1 + X[2,0]", (2, 2), 6),
        ("X[0,7]", (2, 3), 2),
        ("x[0]", (), 2),  # a scalar has nothing to index
    ],
)
def test_index_out_of_range(text, shape, column):
    err = refused(build_program, text, {"x": shape} if text.count("x") else {"X": shape})
    assert err.column == column


def test_index_out_of_range_message():
    err = refused(build_program, "x[5]", {"x": (2,)})
    assert "out of range" in err.message
    assert "2-vector" in err.message


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("x[0.5]", 3),
        ("x[y]", 3),
        ("X[1,2,3]", 2),
        ("x.y", 2),
        ("x = 1", 3),
        ("x % 2", 3),
        ("{x}", 1),
        ("x @ ", 5),
        ("1..2", 3),
    ],
)
def test_other_syntax_errors(text, column):
    err = refused(parse, text)
    assert err.column == column


def test_errors_of_stacked_outputs_name_the_component():
    err = refused(build_program, ["x", "x +"], {"x": ()})
    assert err.source == "f2"
    assert err.column == 4
    assert str(err).startswith("f2, column 4:")


def test_stacked_outputs_must_be_scalars():
    err = refused(build_program, ["x", "[x, x]"], {"x": ()})
    assert err.source == "f2"
    assert "2-vector" in err.message


def test_non_text_is_refused():
    refused(parse, None)
    refused(parse, 42)


def test_bad_variable_names():
    refused(jacdesk.analyze, "x", {"1x": 1.0}, symbolic=False)
    refused(jacdesk.analyze, "x", {"__class__": 1.0}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": 1.0, "pi": 2.0}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": 1.0}, constants={"x": 2.0}, symbolic=False)


def test_bad_values():
    refused(jacdesk.analyze, "x", {"x": float("nan")}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": [[1.0, 2.0], [3.0]]}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": []}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": np.ones((2, 2, 2))}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": None}, symbolic=False)
    refused(jacdesk.analyze, "x", {"x": "y + 1"}, symbolic=False)


def test_value_text_is_parsed_by_the_language():
    r = jacdesk.analyze("x", {"x": "pi/4"}, symbolic=False)
    assert r.value == math.pi / 4
    r = jacdesk.analyze("sum(x)", {"x": "[1, 2^2]"}, symbolic=False)
    assert r.point["x"].tolist() == [1.0, 4.0]
