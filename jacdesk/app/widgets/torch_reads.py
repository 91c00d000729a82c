"""Reading a PyTorch editor's text off the GUI thread: the reader, the window's point for a
bare ``def f(x): ...``, and where the function starts (the text is parsed, never run)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QObject, QRegularExpression, Signal

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.torch_reader import parameters, read_torch
from jacdesk.core.language.torch_translation import TorchTranslation


class Reads(QObject):
    """Carries a background read's outcome to the GUI thread (queued by Qt)."""

    finished = Signal(int, object, object)  # generation, translation or None, error or None


def read_with_point(
    source: str, function: str | None, known: Mapping[str, np.ndarray], note: str
) -> TorchTranslation:
    """:func:`read_torch`; where that fails and the window has values for some of the
    function's parameters, once more with those (a bare ``def f(x): ...`` has no point)."""
    try:
        return read_torch(source, function)
    except JacdeskError as first:
        try:
            names = parameters(source, function)
        except JacdeskError:
            raise first from None
        given = {p: known[p] for p in names if p in known}
        if not given:
            raise
        try:
            translation = read_torch(source, function, given)
        except JacdeskError:
            raise first from None
    added = note.format(names=", ".join(given))
    return dataclasses.replace(translation, notes=(*translation.notes, added))


def function_start() -> QRegularExpression:
    """Where a function starts: ``def`` at the start of a line."""
    return QRegularExpression(r"^\s*def\s")


def defines(source: str, name: str) -> bool:
    """Whether ``source`` (still) defines the function ``name`` (``def`` or a lambda)."""
    pattern = rf"^\s*(?:def\s+{re.escape(name)}\s*\(|{re.escape(name)}\s*=\s*lambda\b)"
    return re.search(pattern, source, flags=re.MULTILINE) is not None
