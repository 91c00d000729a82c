"""What the window remembers between launches (QSettings): geometry, layout, last session."""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtCore import QByteArray, QSettings

ORG, APP = "jacdesk", "jacdesk"


def settings() -> QSettings:
    return QSettings(ORG, APP)


def save_session(expressions: list[str], variables: dict, constants: dict) -> None:
    """Remember the last expressions and point (plain JSON: data only, read back safely)."""
    data = {
        "expressions": list(expressions),
        "variables": {k: np.asarray(v).tolist() for k, v in variables.items()},
        "constants": {k: np.asarray(v).tolist() for k, v in constants.items()},
    }
    settings().setValue("session/last", json.dumps(data))


def load_session() -> dict | None:
    """The remembered session, or None when there is none or it is unreadable."""
    raw = settings().value("session/last")
    if not isinstance(raw, str):
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("expressions"), list):
        return None
    if not all(isinstance(e, str) for e in data["expressions"]):
        return None
    for key in ("variables", "constants"):
        if not isinstance(data.get(key, {}), dict):
            return None
    return data


def save_bytes(key: str, value: QByteArray) -> None:
    settings().setValue(key, value)


def load_bytes(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) else None


#: The Practice page's progress: the keys of the exercises solved, and the one shown last.
PRACTICE_SOLVED = "practice/solved"
PRACTICE_CURRENT = "practice/current"


def load_solved() -> set[str]:
    """Keys of the exercises the learner solved (empty when none, or the record is unreadable)."""
    raw = settings().value(PRACTICE_SOLVED)
    try:
        keys = json.loads(raw) if isinstance(raw, str) else []
    except ValueError:
        return set()
    return {k for k in keys if isinstance(k, str)} if isinstance(keys, list) else set()


def save_solved(keys: set[str]) -> None:
    settings().setValue(PRACTICE_SOLVED, json.dumps(sorted(keys)))


def load_current_exercise() -> str:
    """The key of the exercise shown last ("" when none)."""
    value = settings().value(PRACTICE_CURRENT, "")
    return value if isinstance(value, str) else ""


def save_current_exercise(key: str) -> None:
    settings().setValue(PRACTICE_CURRENT, key)
