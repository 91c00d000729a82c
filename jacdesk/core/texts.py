"""Marking core's user-facing texts for translation without Qt.

jacdesk.core never imports Qt, yet the window shows its texts (example titles and notes,
strategy names, the conventions line) in the interface language. Core marks each static text
with :func:`QT_TRANSLATE_NOOP`, which returns it unchanged (so the CLI's English output stays
byte-identical) and which ``pyside6-lupdate`` finds by name when it scans ``jacdesk/core``.
Texts that core builds from parts are listed in :data:`TEMPLATES` with named ``{fields}``:
the app matches a built text against them, translates the template and formats it with the
(themselves translated) parts; see ``jacdesk.app.system.i18n.translate_core``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return ``text`` unchanged; ``context`` is the translation context the app looks it up in.

    Parameters
    ----------
    context
        The translation context ("Examples", "Strategy", "Conventions").
    text
        The English source text, returned as is.
    """
    del context
    return text


#: context → templates of texts that core builds from parts (each field is a translated part).
TEMPLATES: dict[str, tuple[str, ...]] = {
    "Strategy": (
        QT_TRANSLATE_NOOP("Strategy", "{strategy} over {points} points"),
        QT_TRANSLATE_NOOP("Strategy", "reverse mode: the batch-sum trick, {m} backward pass(es)"),
        QT_TRANSLATE_NOOP("Strategy", "forward mode, {n} batched dual pass(es)"),
        QT_TRANSLATE_NOOP("Strategy", "{mode} mode (torch.func.{fn} on the Python function)"),
    ),
    "Conventions": (QT_TRANSLATE_NOOP("Conventions", "{layout} layout ({sides}); {vec}"),),
}

#: Parts that the templates above fill in.
PARTS: tuple[tuple[str, str], ...] = (
    ("Conventions", QT_TRANSLATE_NOOP("Conventions", "numerator")),
    ("Conventions", QT_TRANSLATE_NOOP("Conventions", "denominator")),
    ("Strategy", QT_TRANSLATE_NOOP("Strategy", "reverse")),
    ("Strategy", QT_TRANSLATE_NOOP("Strategy", "forward")),
)
