"""Help ▸ Lessons as data: a guided walk through the tutorial, in English and Chinese.

``resources/lessons/steps.json`` says what each step loads and what it must show (the same in
every language); ``<language>.json`` holds the titles, the explanations (a small rich-text
subset, no links) and the panel's labels. Both are read with ``json.loads`` and checked field
by field; anything unexpected is refused with a :class:`LessonError` naming file and field.
Qt-free: the driver that applies a step to the window is ``jacdesk.app.window.lesson_driver``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

FORMAT = 1
LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = "en"
#: Result tabs a step may show (ResultTabs names) and the Plots sub-views (PlotsPanel attributes).
VIEWS = (
    "J",
    "Symbolic J",
    "det J",
    "Backward lab",
    "Graph",
    "JVP",
    "Gradients",
    "Kronecker",
    "Hessian",
    "Check",
    "Plots",
)
PLOTS = ("maps", "det_field", "linear_map", "surfaces")
#: What a step may ask the tests to check, with the type of the expected value.
EXPECT = {
    "jacobian": list,
    "x_grad": list,
    "row": int,
    "rows": list,
    "jvp": list,
    "column": int,
    "det": (int, float),
    "gradient": dict,
    "closed_form": dict,
}
UI_KEYS = (
    "title",
    "lesson",
    "steps",
    "back",
    "next",
    "close",
    "steps_tip",
    "back_tip",
    "next_tip",
    "close_tip",
    "text_tip",
)
SETUP_KEYS = {
    "key",
    "expressions",
    "variables",
    "constants",
    "v",
    "u",
    "view",
    "plot",
    "part",
    "expect",
    "formula",
}
#: A step's formula is LaTeX for the typesetter (the same in every language); longer than
#: this it would not fit the lesson panel.
MAX_FORMULA = 600
#: Lesson texts are bundled and offline: nothing in them may point at the network or a file.
FORBIDDEN = ("://", "<a", "href", "src=", "<img", "www.", "url(")


class LessonError(ValueError):
    """A lesson file that is missing, not JSON, or not shaped as expected."""


class _Folder(Protocol):  # a pathlib.Path or an importlib.resources Traversable
    def joinpath(self, name: str) -> Any: ...


@dataclass(frozen=True)
class Step:
    """One step: what to load, what to show and explain, and what the shown view must hold."""

    key: str
    title: str
    text: str  # rich text: <p> paragraphs with <b>, <i>, <code>, <sub>, <sup>
    expressions: tuple[str, ...]
    variables: dict[str, Any]
    constants: dict[str, Any]
    view: str
    plot: str | None = None
    part: str | None = None
    v: tuple[float, ...] | None = None
    u: tuple[float, ...] | None = None
    expect: dict[str, Any] | None = None
    formula: str | None = None  # LaTeX, typeset above the text (only ever drawn, never run)


@dataclass(frozen=True)
class Lesson:
    language: str
    ui: dict[str, str]
    steps: tuple[Step, ...]


def lesson_folder() -> _Folder:
    """The bundled lesson files (inside the installed package)."""
    return resources.files("jacdesk").joinpath("resources").joinpath("lessons")


def resolve_language(code: str | None) -> str:
    """``"en"`` or ``"zh_CN"``: "zh", "zh-CN", "zh_Hans_CN"… → "zh_CN"; anything else → "en"."""
    text = str(code or "").replace("-", "_")
    if text in LANGUAGES:
        return text
    return "zh_CN" if text.lower().startswith("zh") else DEFAULT_LANGUAGE


def load_lesson(language: str | None = DEFAULT_LANGUAGE, folder: _Folder | None = None) -> Lesson:
    """The lesson in ``language`` (English when there is no file for it), checked."""
    folder = folder or lesson_folder()
    lang = resolve_language(language)
    if lang != DEFAULT_LANGUAGE and not folder.joinpath(f"{lang}.json").is_file():
        lang = DEFAULT_LANGUAGE
    setups = _parse_setups(_read(folder, "steps.json"), "steps.json")
    name = f"{lang}.json"
    data = _read(folder, name)
    _need(data.get("format") == FORMAT, name, "format", f"must be {FORMAT}")
    _need(data.get("language") == lang, name, "language", f"must be {lang!r}")
    ui = data.get("ui")
    _need(isinstance(ui, dict), name, "ui", "must be an object")
    for key in UI_KEYS:
        _need(_text(ui.get(key)), name, f"ui.{key}", "must be a non-empty string")
    texts = data.get("steps")
    ok = isinstance(texts, list) and len(texts) == len(setups)
    _need(ok, name, "steps", f"must be a list of {len(setups)} steps, like steps.json")
    steps = [
        Step(**_texts(entry, f"steps[{i}]", name, setup["key"]), **setup)
        for i, (setup, entry) in enumerate(zip(setups, texts, strict=True))
    ]
    return Lesson(lang, {k: ui[k] for k in UI_KEYS}, tuple(steps))


# -- checks -----------------------------------------------------------------------------------
def _read(folder: _Folder, name: str) -> dict:
    path = folder.joinpath(name)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LessonError(f"lesson file {name} cannot be read: {err}") from err
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise LessonError(
            f"lesson file {name} is not valid JSON (line {err.lineno}, column {err.colno}: "
            f"{err.msg})"
        ) from err
    _need(isinstance(data, dict), name, "the top level", "must be an object")
    return data


def _parse_setups(data: dict, name: str) -> list[dict[str, Any]]:
    _need(data.get("format") == FORMAT, name, "format", f"must be {FORMAT}")
    raw = data.get("steps")
    _need(isinstance(raw, list) and bool(raw), name, "steps", "must be a non-empty list")
    out: list[dict[str, Any]] = []
    for i, s in enumerate(raw):
        where = f"steps[{i}]"
        _need(isinstance(s, dict), name, where, "must be an object")
        setup = _setup(s, where, name)
        _need(all(o["key"] != setup["key"] for o in out), name, f"{where}.key", "is used twice")
        out.append(setup)
    return out


def _setup(s: dict, where: str, name: str) -> dict[str, Any]:
    """One checked entry of steps.json, as the keyword arguments of :class:`Step`."""

    def need(ok: bool, field: str, what: str) -> None:
        _need(ok, name, f"{where}.{field}" if field else where, what)

    extra = set(s) - SETUP_KEYS
    need(not extra, "", f"has unknown fields {sorted(extra)}")
    need(_text(s.get("key")), "key", "must be a non-empty string")
    exprs = s.get("expressions")
    ok = isinstance(exprs, list) and bool(exprs) and all(_text(e) for e in exprs)
    need(ok, "expressions", "must be a list of non-empty strings")
    for field in ("variables", "constants"):
        values = s.get(field, {})
        ok = isinstance(values, dict) and all(_text(k) and _numbers(x) for k, x in values.items())
        need(ok, field, "must map names to numbers or nested lists of them")
    need(s.get("view") in VIEWS, "view", f"must be one of {list(VIEWS)}")
    need(s.get("plot") in (None, *PLOTS), "plot", f"must be one of {list(PLOTS)}")
    part = s.get("part")
    ok = part is None or (_text(part) and part.isidentifier() and not part.startswith("_"))
    need(ok, "part", "must be a public attribute name of the view")
    vectors = {}
    for field in ("v", "u"):
        vec = s.get(field)
        ok = vec is None or (isinstance(vec, list) and bool(vec) and all(map(_number, vec)))
        need(ok, field, "must be a list of numbers")
        vectors[field] = None if vec is None else tuple(float(x) for x in vec)
    expect = s.get("expect", {})
    ok = isinstance(expect, dict) and all(
        k in EXPECT and isinstance(x, EXPECT[k]) for k, x in expect.items()
    )
    need(ok, "expect", f"must map some of {sorted(EXPECT)} to values")
    formula = s.get("formula")
    ok = formula is None or (_text(formula) and len(formula) <= MAX_FORMULA)
    need(ok, "formula", f"must be LaTeX text of at most {MAX_FORMULA} characters")
    return {
        "key": s["key"],
        "expressions": tuple(e.strip() for e in exprs),
        "variables": dict(s.get("variables", {})),
        "constants": dict(s.get("constants", {})),
        "view": s["view"],
        "plot": s.get("plot"),
        "part": part,
        **vectors,
        "expect": dict(expect),
        "formula": formula,
    }


def _texts(entry: object, where: str, name: str, key: str) -> dict[str, str]:
    """The title and the explanation (paragraphs joined as rich text) of one step."""
    ok = isinstance(entry, dict) and set(entry) == {"key", "title", "text"}
    _need(ok, name, where, 'must be an object with "key", "title" and "text"')
    assert isinstance(entry, dict)
    _need(entry["key"] == key, name, f"{where}.key", f"must be {key!r}, as in steps.json")
    _need(_text(entry["title"]), name, f"{where}.title", "must be a non-empty string")
    paras = entry["text"]
    ok = isinstance(paras, list) and bool(paras) and all(_text(p) for p in paras)
    _need(ok, name, f"{where}.text", "must be a list of non-empty paragraphs")
    for field, value in (("title", entry["title"]), *(("text", p) for p in paras)):
        bad = next((s for s in FORBIDDEN if s in value.lower()), None)
        _need(bad is None, name, f"{where}.{field}", f"must not contain {bad!r} (no links)")
    return {"title": entry["title"].strip(), "text": "".join(f"<p>{p}</p>" for p in paras)}


def _need(ok: bool, name: str, field: str, what: str) -> None:
    if not ok:
        raise LessonError(f"lesson file {name}: {field} {what}")


def _text(x: object) -> bool:
    return isinstance(x, str) and bool(x.strip())


def _number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _numbers(x: object) -> bool:
    """A finite number, or a non-empty (nested) list of them."""
    if isinstance(x, list):
        return bool(x) and all(_numbers(y) for y in x)
    return _number(x)
