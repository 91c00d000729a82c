"""One line about a variable's closed-form gradient: verified, disagreeing, or unavailable."""

from __future__ import annotations

from typing import Any

from jacdesk.app.system.i18n import translate

from .style import number_text

OK_STYLE = "color: #1b7a1b;"
BAD_STYLE = "color: #b00020; font-weight: bold;"
NOTE_STYLE = "color: #555;"


def closed_form_line(name: str, form: Any, scalar: bool, derived: bool) -> tuple[str, str]:
    """(text, style sheet) for the line under ``name``'s gradient; ("", "") hides it.

    ``form`` is a :class:`~jacdesk.core.results.closed_form.ClosedForm` or ``None``; a form is
    called correct only when its status is ``"verified"`` (it matched autograd at the point).
    """
    if not derived:
        return "", ""
    if not scalar:
        return (
            translate(
                "ClosedFormLine",
                "No matrix closed form: f has several components (closed forms are for a "
                "scalar f); the entry-wise formulas are in the Symbolic J tab.",
            ),
            NOTE_STYLE,
        )
    if form is None:
        return "", ""
    status = getattr(form, "status", None)
    text = getattr(form, "text", None)
    err = getattr(form, "max_abs_err", None)
    err_text = "" if err is None else number_text(err, 2)
    if status == "verified":
        return (
            translate(
                "ClosedFormLine",
                "✓ Closed form: ∂f/∂{name} = {form}   (matches autograd at this point; "
                "largest difference {diff})",
            ).format(name=name, form=text, diff=err_text),
            OK_STYLE,
        )
    if status == "disagrees":
        return (
            translate(
                "ClosedFormLine",
                "✗ The derived form ∂f/∂{name} = {form} DISAGREES with autograd here (by up to "
                "{diff}), so it is not shown as the answer. {reason}",
            )
            .format(name=name, form=text, diff=err_text, reason=form.reason or "")
            .strip(),
            BAD_STYLE,
        )
    if status == "unchecked":
        return (
            translate(
                "ClosedFormLine",
                "? Closed form ∂f/∂{name} = {form}, not checked: autograd's gradient is not "
                "finite at this point.",
            ).format(name=name, form=text),
            NOTE_STYLE,
        )
    reason = getattr(form, "reason", None) or translate(
        "ClosedFormLine", "sympy cannot derive it on matrix symbols"
    )
    return (
        translate(
            "ClosedFormLine",
            "No matrix closed form for ∂f/∂{name}: {reason}. The entry-wise formulas are in "
            "the Symbolic J tab.",
        ).format(name=name, reason=reason.rstrip(".")),
        NOTE_STYLE,
    )
