"""The top-level names of a script, each read only when something needs its value.

Every assignment binds a name at its statement's position; a value is computed (by
:class:`~.torch_values.ValueReader`, from numbers only) the first time the point, a constant,
v or u needs it, with the names as they were bound *before* that statement. So statements the
function never depends on cost nothing, however many numbers they would build.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator, Mapping
from typing import Any

from .torch_values import Unreadable, ValueReader

MAX_CHAIN = 200  # a value built from a value built from … this many statements deep


class Thunk:
    """An assignment's right-hand side, read when first needed (then remembered)."""

    def __init__(self, node: ast.expr, position: int, default_dtype: str):
        self.node = node
        self.position = position
        self.default_dtype = default_dtype
        self.done = False
        self.value: Any = None


class Part:
    """Entry ``k`` of an unpacked assignment (``a, b = torch.ones(2), torch.zeros(2)``)."""

    def __init__(self, whole: Thunk, k: int, n: int, stmt: ast.stmt):
        self.whole = whole
        self.k = k
        self.n = n
        self.stmt = stmt


class LazyEnv:
    """Names → their bindings in statement order; :meth:`at` gives the names before one."""

    def __init__(self, reader: ValueReader):
        self.reader = reader
        self._positions: dict[str, list[int]] = {}
        self._values: dict[str, list[Any]] = {}
        self._depth = 0

    def bind(self, name: str, position: int, value: Any) -> None:
        self._positions.setdefault(name, []).append(position)
        self._values.setdefault(name, []).append(value)

    def at(self, position: int) -> View:
        """The names as the statement at ``position`` sees them (bound before it)."""
        return View(self, position)

    def lookup(self, name: str, before: int) -> Any:
        positions = self._positions.get(name)
        k = bisect.bisect_left(positions, before) - 1 if positions else -1
        if k < 0:
            raise KeyError(name)
        return self._resolve(self._values[name][k])

    def has(self, name: str, before: int) -> bool:
        positions = self._positions.get(name)
        return bool(positions) and positions[0] < before

    def names(self, before: int) -> list[str]:
        return [n for n in self._positions if self.has(n, before)]

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, Part):
            whole = self._resolve(value.whole)
            if isinstance(whole, tuple) and len(whole) == value.n:
                return whole[value.k]
            if isinstance(whole, Unreadable):
                return whole
            stmt = value.stmt
            return Unreadable(
                "it is unpacked from a value jacdesk does not read", stmt.lineno, stmt.col_offset
            )
        if not isinstance(value, Thunk):
            return value
        if not value.done:
            if self._depth >= MAX_CHAIN:
                node = value.node
                return Unreadable(
                    f"it is built over more than {MAX_CHAIN} statements",
                    node.lineno,
                    node.col_offset,
                )
            self._depth += 1
            saved = self.reader.default_dtype
            try:
                self.reader.default_dtype = value.default_dtype
                value.value = self.reader.value(value.node, self.at(value.position))
            finally:
                self.reader.default_dtype = saved
                self._depth -= 1
            value.done = True
        return value.value


class View(Mapping[str, Any]):
    """The top-level names as one statement sees them."""

    def __init__(self, env: LazyEnv, before: int):
        self.env = env
        self.before = before

    def __getitem__(self, name: str) -> Any:
        return self.env.lookup(name, self.before)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.env.has(name, self.before)

    def __iter__(self) -> Iterator[str]:
        return iter(self.env.names(self.before))

    def __len__(self) -> int:
        return len(self.env.names(self.before))
