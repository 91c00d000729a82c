"""Which names in the typed expressions are variables, and what shapes to give new ones."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from jacdesk.core.errors import JacdeskError

from .functions import CONSTANTS, FUNCTIONS
from .nodes import Name, walk
from .parser import parse
from .program import build_program
from .shapes import Shape


def discover_names(texts: Sequence[str]) -> list[str]:
    """Names that need a value, in order of first appearance (functions and pi/e excluded).

    Lines that do not parse contribute nothing; their error is reported elsewhere.
    """
    seen: dict[str, None] = {}
    for text in texts:
        try:
            tree = parse(text)
        except JacdeskError:
            continue
        first: dict[str, int] = {}
        for node in walk(tree):
            if isinstance(node, Name) and node.id not in FUNCTIONS and node.id not in CONSTANTS:
                first[node.id] = min(first.get(node.id, node.col), node.col)
        for name in sorted(first, key=first.__getitem__):
            seen.setdefault(name, None)
    return list(seen)


def guess_shapes(
    texts: Sequence[str], known: Mapping[str, Shape], new: Sequence[str], size: int = 2
) -> dict[str, Shape]:
    """Shapes for ``new`` names that make the expressions type-check, when some do.

    The default is the usual convention (lowercase scalar, capitalised ``size × size`` matrix);
    when that fails, assignments of scalar / vector / matrix are tried in order of how many
    names depart from the convention (at most 3⁴ tries). Returns the first that type-checks,
    or the convention if none does, so that the user sees the shape error.
    """
    default = {n: ((size, size) if n[:1].isupper() else ()) for n in new}
    options: list[Shape] = [(), (size,), (size, size)]
    exprs = list(texts) if len(texts) > 1 else (texts[0] if texts else "")
    names = list(new)[:4]  # beyond four new names, keep the convention (this runs per edit)
    candidates = sorted(
        itertools.product(options, repeat=len(names)),
        key=lambda combo: sum(c != default[n] for n, c in zip(names, combo, strict=True)),
    )
    for combo in candidates:
        shapes = {**default, **dict(zip(names, combo, strict=True))}
        try:
            build_program(exprs, {**known, **shapes})
            return shapes
        except JacdeskError:
            continue
    return default
