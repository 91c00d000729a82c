"""Syntax colours of the editor's PyTorch mode (Qt-free spans)."""

from __future__ import annotations

from jacdesk.core.language.torch_spans import python_spans


def roles(line: str) -> dict[str, str]:
    return {line[s : s + n]: r for s, n, r in python_spans(line)}


def test_torch_source_is_coloured_by_what_the_reader_makes_of_it() -> None:
    got = roles("    return torch.stack([x[0] ** 2, F.relu(x).sum()]) + math.pi  # f")
    assert got["return"] == "keyword"
    assert got["torch.stack"] == got["F.relu"] == got["sum"] == "function"
    assert got["math.pi"] == "constant" and got["x"] == "variable"
    assert got["0"] == "num" and got["**"] == "op" and got["["] == "bracket"
    assert got["# f"] == "comment"


def test_what_the_reader_refuses_is_marked_bad() -> None:
    got = roles("os.system('x') + eval(s) + torch.load(p) + x.__class__ $")
    assert got["os.system"] == got["eval"] == got["torch.load"] == got["x.__class__"] == "bad"
    assert got["'x'"] == "string" and got["$"] == "bad"


def test_spans_cover_the_line_in_order() -> None:
    line = "in_x = torch.tensor([1.0, 2.0], dtype=torch.float, requires_grad=True)"
    spans = python_spans(line)
    assert [s for s, _, _ in spans] == sorted(s for s, _, _ in spans)
    assert "".join(line[s : s + n] for s, n, _ in spans) == line.replace(" ", "")
    assert roles(line)["torch.float"] == "constant" and roles(line)["True"] == "keyword"
