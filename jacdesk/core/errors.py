"""The one error type a user ever sees."""

from __future__ import annotations


class JacdeskError(ValueError):
    """A problem with what the user typed or gave, explained in one line.

    Parameters
    ----------
    message
        What is wrong and how to fix it, in plain words, without the column.
    column
        1-based column in the offending text, or ``None`` when no single column applies.
    source
        Which input the column refers to (``"f2"``, ``"--var x"``); ``None`` for the only one.
    about
        Which input of a computation is at fault, for programs to act on (``"v"``, ``"u"``;
        ``None`` when unspecified), so that no caller ever tests the message's words.
    """

    def __init__(
        self,
        message: str,
        column: int | None = None,
        source: str | None = None,
        *,
        about: str | None = None,
    ):
        self.message = " ".join(message.split())  # one line, always
        self.column = column
        self.source = source
        self.about = about
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.column is not None:
            where.append(f"column {self.column}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def located(self, source: str) -> JacdeskError:
        """Return a copy that names ``source`` (e.g. the output line) as where it happened."""
        if self.source:
            return self
        return JacdeskError(self.message, self.column, source, about=self.about)
