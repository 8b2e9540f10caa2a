"""Render Django form fields and errors with the GOV.UK Frontend macros (govuk-frontend-jinja).

One adapter for every form, so that no template repeats GOV.UK markup by hand.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from jinja2 import Environment, pass_environment
from markupsafe import Markup

from bestvalue.core.forms import DateWidget, date_parts

_MACROS = {
    "input": ("input", "govukInput"),
    "textarea": ("textarea", "govukTextarea"),
    "select": ("select", "govukSelect"),
    "radios": ("radios", "govukRadios"),
    "checkboxes": ("checkboxes", "govukCheckboxes"),
    "file": ("file-upload", "govukFileUpload"),
    "date": ("date-input", "govukDateInput"),
    "error_summary": ("error-summary", "govukErrorSummary"),
    "table": ("table", "govukTable"),
}

_INPUT_TYPES = {"email": "email", "password": "password", "number": "text", "url": "url"}


def _macro(env: Environment, kind: str) -> Any:
    folder, name = _MACROS[kind]
    module = env.get_template(f"govuk_frontend_jinja/components/{folder}/macro.html").module
    return getattr(module, name)


def _printable(value: str) -> str:
    """The user's input shown back to them: control characters (refused by the form) become the
    replacement character, so the page stays valid HTML and they can see where the problem was."""
    return "".join(
        "\ufffd" if (ord(c) < 32 and c not in "\t\r\n") or 127 <= ord(c) < 160 else c for c in value
    )


def _error(bound: forms.BoundField) -> dict[str, str] | None:
    return {"text": " ".join(str(e) for e in bound.errors)} if bound.errors else None


def _choices(bound: forms.BoundField, *, multiple: bool) -> list[dict[str, Any]]:
    value = bound.value()
    chosen = {str(v) for v in value} if multiple and value else {str(value)}
    items = []
    for choice_value, label in bound.field.choices:  # type: ignore[attr-defined]
        key = "" if choice_value is None else str(choice_value)
        items.append(
            {"value": key, "text": str(label), "checked": key in chosen, "selected": key in chosen}
        )
    return items


def _params(bound: forms.BoundField, kind: str, extra: dict[str, Any]) -> dict[str, Any]:
    label = {"text": str(bound.label)}
    hint = {"text": str(bound.help_text)} if bound.help_text else None
    base: dict[str, Any] = {
        "id": bound.id_for_label or bound.auto_id,
        "name": bound.html_name,
        "hint": hint,
        "errorMessage": _error(bound),
    }
    widget_attrs = dict(bound.field.widget.attrs)
    if kind in ("radios", "checkboxes"):
        base["idPrefix"] = base.pop("id")
        base["fieldset"] = {
            "legend": {"text": label["text"], "classes": "govuk-fieldset__legend--s"}
        }
        base["items"] = _choices(bound, multiple=kind == "checkboxes")
    elif kind == "select":
        base["label"] = label
        base["items"] = _choices(bound, multiple=False)
    else:
        base["label"] = label
        value = bound.value()
        base["value"] = "" if value is None or kind == "file" else _printable(str(value))
        if kind == "input":
            base["type"] = _INPUT_TYPES.get(bound.widget_type, "text")
            if bound.widget_type == "number":
                base["inputmode"] = "numeric"
        if "autocomplete" in widget_attrs:
            base["autocomplete"] = widget_attrs["autocomplete"]
    base.update(extra)
    return base


def _date_params(bound: forms.BoundField, extra: dict[str, Any]) -> dict[str, Any]:
    day, month, year = date_parts(bound.value())
    error = bool(bound.errors)
    params: dict[str, Any] = {
        "id": bound.auto_id,
        "namePrefix": bound.html_name,
        "fieldset": {"legend": {"text": str(bound.label), "classes": "govuk-fieldset__legend--s"}},
        "hint": {"text": str(bound.help_text or "For example, 27 3 2024")},
        "errorMessage": _error(bound),
        "items": [
            {
                "name": "day",
                "label": "Day",
                "value": day,
                "classes": "govuk-input--width-2" + (" govuk-input--error" if error else ""),
            },
            {
                "name": "month",
                "label": "Month",
                "value": month,
                "classes": "govuk-input--width-2" + (" govuk-input--error" if error else ""),
            },
            {
                "name": "year",
                "label": "Year",
                "value": year,
                "classes": "govuk-input--width-4" + (" govuk-input--error" if error else ""),
            },
        ],
    }
    params.update(extra)
    return params


def _kind(bound: forms.BoundField) -> str:
    widget_type = bound.widget_type
    if isinstance(bound.field.widget, DateWidget):
        return "date"
    if widget_type == "textarea":
        return "textarea"
    if widget_type == "select":
        return "select"
    if widget_type == "radioselect":
        return "radios"
    if widget_type in ("checkboxselectmultiple", "selectmultiple"):
        return "checkboxes"
    if widget_type in ("file", "clearablefile"):
        return "file"
    return "input"


@pass_environment
def field(env: Environment, bound: forms.BoundField, **extra: Any) -> Markup:
    """Render one bound field with its GOV.UK macro; keyword arguments override the macro's params."""
    kind = _kind(bound)
    params = _date_params(bound, extra) if kind == "date" else _params(bound, kind, extra)
    return Markup(_macro(env, kind)(params))  # noqa: S704 - macro output


@pass_environment
def error_summary(env: Environment, form: forms.BaseForm) -> Markup:
    """The GOV.UK error summary: every error, each linking to its field."""
    if not form.errors:
        return Markup("")
    items = [{"text": str(e), "href": "#main-content"} for e in form.non_field_errors()]
    for name in form.errors:
        if name == NON_FIELD_ERRORS:
            continue
        bound = form[name]
        anchor = bound.id_for_label or bound.auto_id
        if isinstance(bound.field.widget, DateWidget):
            anchor = f"{bound.auto_id}-day"
        elif _kind(bound) in ("radios", "checkboxes"):
            anchor = bound.auto_id
        items.extend({"text": str(e), "href": f"#{anchor}"} for e in bound.errors)
    params = {"titleText": "There is a problem", "errorList": items}
    summary = Markup(_macro(env, "error_summary")(params))  # noqa: S704 - macro output
    return summary + _changes_since_opened(env, getattr(form, "stale_changes", None))


def _changes_since_opened(env: Environment, changes: list[dict[str, str]] | None) -> Markup:
    """After a stale edit: each field someone else changed since the form was opened, with what
    it was then, what it is now and what this user typed (staff.pages.offer_retry)."""
    if not changes:
        return Markup("")
    rows = [
        [{"text": c["label"]}, {"text": c["opened"]}, {"text": c["now"]}, {"text": c["typed"]}]
        for c in changes
    ]
    head = ["Field", "When you opened it", "Now", "What you typed"]
    params = {
        "caption": "What changed since you opened it",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": h} for h in head],
        "rows": rows,
    }
    return Markup(_macro(env, "table")(params))  # noqa: S704 - macro output
