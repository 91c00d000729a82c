"""The interface language: English (the source texts) or Simplified Chinese (Qt translations).

At start-up ``install_translator(app, saved_language())`` loads the choice kept in QSettings
("ui/language": "system", "en" or "zh_CN"); "system" follows ``QLocale.system()``. Settings ▸
Language stores a new choice and installs it again: the window then rebuilds its menus, tool
bar and tab names at once; the other texts change when jacdesk next starts.

Texts are marked for ``pyside6-lupdate`` with ``self.tr("…")`` inside QObject subclasses and
``translate("Context", "…")`` elsewhere; placeholders are ``{name}`` fields filled with
``str.format`` after translation. ``resources/i18n/update_translations.py`` regenerates the
``.ts`` file and compiles the ``.qm`` the app loads (no Qt tools are needed at run time).
Texts from ``jacdesk.core`` (example titles and notes, strategies, the conventions line) are
marked there with the Qt-free ``QT_TRANSLATE_NOOP`` of ``jacdesk.core.texts`` and shown through
:func:`translate_core`, which also translates the texts core builds from its ``TEMPLATES``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from jacdesk.core.texts import TEMPLATES

SETTING = "ui/language"
SYSTEM, ENGLISH, CHINESE = "system", "en", "zh_CN"
LANGUAGES = (SYSTEM, ENGLISH, CHINESE)
#: Each language named in itself (the menu shows these whatever the current language).
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"  # jacdesk/resources/i18n
QM_NAME = "jacdesk_zh_CN"

_installed: list[QTranslator] = []
_current = ENGLISH


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate``; ``pyside6-lupdate`` extracts ``translate("Ctx", "…")``."""
    return QCoreApplication.translate(context, text)


@cache
def _template_patterns(context: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    for template in TEMPLATES.get(context, ()):
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)
        )
        patterns.append((template, re.compile(regex + r"\Z")))
    return tuple(patterns)


def translate_core(context: str, text: str) -> str:
    """A text from ``jacdesk.core`` in the interface language.

    A text marked ``QT_TRANSLATE_NOOP(context, text)`` in core is looked up as is; a text core
    built from one of its ``TEMPLATES[context]`` is matched against it, the template translated
    and its fields (translated the same way, recursively) filled in. Anything else comes back
    unchanged (English), so an unknown text is never lost.
    """
    found = QCoreApplication.translate(context, text)
    if found != text or not text:
        return found
    for template, pattern in _template_patterns(context):
        match = pattern.match(text)
        if match is None:
            continue
        translated = QCoreApplication.translate(context, template)
        if translated == template:
            return text
        fields = {k: translate_core(context, v) for k, v in match.groupdict().items()}
        return translated.format(**fields)
    return text


def resolve(language: str | None) -> str:
    """``"en"`` or ``"zh_CN"``: None / "system" follow the system locale (any zh_* → zh_CN)."""
    if language in (None, "", SYSTEM):
        language = QLocale.system().name()
    return CHINESE if str(language).replace("-", "_").lower().startswith("zh") else ENGLISH


def qm_path() -> Path:
    """The compiled Chinese translation shipped inside the package."""
    return I18N_DIR / f"{QM_NAME}.qm"


def install_translator(app: QCoreApplication | None = None, language: str | None = None) -> str:
    """Install the translators for ``language`` (replacing earlier ones); the language used.

    ``"en"`` removes every translator (the source texts are English). ``"zh_CN"`` loads
    jacdesk's translation and, when Qt ships it, ``qtbase_zh_CN`` for the standard dialog
    buttons. A missing file leaves those texts English.
    """
    global _current
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translator needs a QCoreApplication")
    while _installed:
        app.removeTranslator(_installed.pop())
    lang = resolve(language)
    if lang == CHINESE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("qtbase_zh_CN", qt_dir), (QM_NAME, str(I18N_DIR))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
    _current = lang
    return lang


def current_language() -> str:
    """The language of the translators installed last (``"en"`` before any)."""
    return _current


def _settings() -> QSettings:
    from .settings import settings

    return settings()


def saved_language() -> str:
    """The choice kept in QSettings: "system" (the default), "en" or "zh_CN"."""
    value = _settings().value(SETTING, SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def save_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    _settings().setValue(SETTING, language)
