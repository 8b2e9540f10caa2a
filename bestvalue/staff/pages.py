"""What every staff page shares: the one error vocabulary (domain refusals turned into a status
and words for a GOV.UK error summary), the department's records, the one-form page and one-time
create forms. Rooms (notices, interventions,
improvement, letters, due) import from here, never from each other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bestvalue.accounts import permissions
from bestvalue.notices.errors import InvalidTransition, NotAllowed, StaleApproval, StaleEdit
from bestvalue.records import services as records
from bestvalue.records.errors import OneTimeTokenSpent
from bestvalue.records.rules import content_changes
from bestvalue.staff.forms import OPENED, shown, sign_opened, values_now, values_opened

DOMAIN_ERRORS = (
    InvalidTransition,
    NotAllowed,
    StaleEdit,
    StaleApproval,
    ValueError,
    ValidationError,
)


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def offer_retry(form: forms.BaseForm, exc: Exception) -> None:
    """After a stale edit, show the form again as of the current version, with what the user
    typed kept, and list what changed since they opened it (what it was, what it is now, what
    they typed): saving again then saves over the version they have now seen."""
    if not isinstance(exc, StaleEdit) or "version" not in form.fields or not form.is_bound:
        return
    current = form.get_initial_for_field(form.fields["version"], "version")
    if current is None:
        return
    opened, now = values_opened(form) or {}, values_now(form)
    typed = getattr(form, "cleaned_data", {})
    changes = content_changes(opened, now) if opened else []
    form.stale_changes = [  # type: ignore[attr-defined]
        {
            "label": str(form.fields[c.label].label or c.label),
            "opened": c.before or "",
            "now": c.after or "",
            "typed": shown_typed(form, c.label, typed),
        }
        for c in changes
        if c.label in now and c.label in opened
    ]
    data = cast(Any, form.data).copy()
    data["version"], data[OPENED] = str(current), sign_opened(now)
    form.data = data


def shown_typed(form: forms.BaseForm, name: str, cleaned: dict[str, Any]) -> str:
    value = cleaned[name] if name in cleaned else form[name].value()
    return shown(form.fields[name], value)


def refuse(form: forms.BaseForm, exc: Exception) -> None:
    """Put a service's refusal on the form: on each field it names (a ValidationError with
    fields), else at the top. The words are the service's; pages restate no rule. A stale edit
    is shown again ready to save over the current version (offer_retry)."""
    offer_retry(form, exc)
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error_text(exc))


def status_for(exc: Exception) -> int:
    """403 for who may not act, 409 for a state or version that has moved on, 400 for bad input."""
    if isinstance(exc, NotAllowed):
        return 403
    return 409 if isinstance(exc, (StaleEdit, StaleApproval, InvalidTransition)) else 400


def refused(form: forms.BaseForm, exc: Exception) -> int:
    """Put a refusal on the form (refuse) and answer with its status (status_for)."""
    refuse(form, exc)
    return status_for(exc)


def department_record(
    request: HttpRequest, find: Callable[[int], Any], pk: int, *, refusal: str, missing: str
) -> Any:
    """`find(pk)` for a department user: PermissionDenied (`refusal`) for anyone else, and
    Http404 (`missing`) if there is no such record."""
    if not permissions.is_department(request.user):
        raise PermissionDenied(refusal)
    found = find(pk)
    if found is None:
        raise Http404(missing)
    return found


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    act: Callable[[dict[str, Any]], Any],
    *,
    page: tuple[str, dict[str, Any]],
    done: str,
    then: Callable[[Any], HttpResponse],
    on_refusal: Callable[[forms.BaseForm, Exception], int] = refused,
) -> HttpResponse:
    """A page whose one form does one thing. A valid POST calls `act(cleaned_data)`: success
    says `done` and answers `then(what act returned)`; a domain refusal is put on the form
    (`on_refusal`, which gives the status) and the page shown again. `page` is the template
    and its context (the form is added as `form`); a form with errors is a 400."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = act(form.cleaned_data)
        except DOMAIN_ERRORS as exc:
            status = on_refusal(form, exc)
        else:
            messages.success(request, done)
            return then(result)
    elif form.errors:
        status = 400
    template, context = page
    return render(request, template, {**context, "form": form}, status=status)


class OnceForm(forms.Form):
    """A create form that makes its record at most once: its hidden token is spent when the
    record is made (bestvalue.records.services.create_once)."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", records.new_form_token())


def create_once(
    request: HttpRequest,
    form: forms.Form,
    make: Callable[[], Any],
    *,
    landing: Callable[[str], str],
) -> Any:
    """Call `make` unless this form's token was spent already. A repeat submission returns a
    redirect to the record the first one made (`landing(object_id)`), with a message saying
    nothing new was made; otherwise returns what `make` returned."""
    token = form.cleaned_data.get("form_token") or None
    try:
        return records.create_once(token, by=request.user, make=make)
    except OneTimeTokenSpent as spent:
        messages.info(request, str(spent))
        return (
            redirect(landing(spent.object_id))
            if spent.object_id
            else HttpResponse(str(spent), status=409)
        )
