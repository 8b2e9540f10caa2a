"""The corrections room: a caseworker proposes correcting an issued notice (or withdrawing one
issued in error) with a reason the public will read; an approver other than the proposer
approves it as read (the digest of what the page showed) or returns it with a reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bestvalue.accounts import permissions
from bestvalue.letters.services import LetterGenerationFailed, approve_correction_with_letters
from bestvalue.notices import corrections
from bestvalue.notices.errors import StaleApproval
from bestvalue.notices.rules import correction_value_text
from bestvalue.notices.selectors import notice_correction, notice_for_staff
from bestvalue.records import rules as record_rules
from bestvalue.records import services as records
from bestvalue.staff.corrections.forms import (
    ApproveCorrectionForm,
    CorrectionForm,
    ReturnCorrectionForm,
    WithdrawInErrorForm,
    item_field_name,
)
from bestvalue.staff.pages import (
    DOMAIN_ERRORS,
    department_record,
    error_text,
    form_page,
    status_for,
)


def _issued_notice(request: HttpRequest, pk: int) -> Any:
    if not permissions.is_caseworker(request.user):
        raise PermissionDenied("Only department caseworkers propose corrections.")
    notice = notice_for_staff(pk)
    if notice is None or not notice.is_published:
        raise Http404("No issued notice has that number")
    return notice


@require_http_methods(["GET", "HEAD", "POST"])
def correction_new(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _issued_notice(request, pk)
    current = corrections.current_values(notice)
    items = {k: v for k, v in current.items() if ":" in k}
    initial = {name: value for name, (_label, value) in current.items() if ":" not in name}
    initial |= {key.replace(":", "_"): value for key, (_label, value) in items.items()}
    initial["issued_on"] = notice.issued_on  # the date input takes a date, not its ISO text
    form = CorrectionForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.values().items() if v != current[k][1]}
        try:
            correction = corrections.propose_notice_correction(
                notice, by=request.user, values=changed, reason=form.cleaned_data["reason"]
            )
        except DOMAIN_ERRORS as exc:
            _add_errors(form, exc)
            return _form_page(request, notice, form, status=status_for(exc))
        messages.success(request, "The correction was proposed. Another approver must approve it.")
        return redirect("staff:correction", pk=correction.pk)
    return _form_page(request, notice, form, status=400 if form.errors else 200)


def _add_errors(form: Any, exc: Exception) -> None:
    """A refusal beside the field it is about (the service names fields as notices.corrections
    does), else at the top of the page."""
    fields = getattr(exc, "error_dict", None) or {}
    for name, errors in fields.items():
        field = item_field_name(name)
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, " ".join(error.messages))
    if not fields:
        form.add_error(None, error_text(exc))


def _form_page(request: HttpRequest, notice: Any, form: Any, *, status: int) -> HttpResponse:
    return render(
        request,
        "staff/corrections/correction_form.html",
        {"notice": notice, "form": form, "item_names": list(form.item_keys)},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw_in_error(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _issued_notice(request, pk)
    return form_page(
        request,
        WithdrawInErrorForm(request.POST or None),
        lambda values: corrections.propose_withdrawal_in_error(
            notice, by=request.user, reason=values["reason"]
        ),
        page=("staff/corrections/withdraw_form.html", {"notice": notice}),
        done="The withdrawal was proposed. An approver must approve it.",
        then=_to_correction,
        on_refusal=_at_top,
    )


def _correction(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    found: tuple[Any, Any] = department_record(
        request,
        notice_correction,
        pk,
        refusal="Corrections are for the department.",
        missing="No such correction",
    )
    return found


def _to_correction(correction: Any) -> HttpResponse:
    return redirect("staff:correction", pk=correction.pk)


def _at_top(form: Any, exc: Exception) -> int:
    """A refusal of a correction is about the whole proposal: at the top of the form."""
    form.add_error(None, error_text(exc))
    return 400


def _rows(correction: Any, content: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(what, before, after) in words: the value now beside the one proposed while it awaits
    approval; the values it replaced and gave once decided."""
    pending = correction.decision == "pending"
    rows = []
    for field, change in correction.changes.items():
        label = "Status" if field == corrections.WITHDRAWAL else change["label"]
        before = content["Correction"][label]["Now on the record"] if pending else change["before"]
        rows.append((label, _words(field, before), _words(field, change["after"])))
    return rows


def _words(field: str, value: Any) -> str:
    if field == corrections.WITHDRAWAL:
        return {"issued": "In force", "withdrawn": "Withdrawn (issued in error)"}.get(value, value)
    return correction_value_text(field, value)


def _show(
    request: HttpRequest, pk: int, *, error: str = "", changed: Any = (), status: int = 200
) -> HttpResponse:
    correction, notice = _correction(request, pk)
    content = corrections.approval_content(correction, notice)
    refusal = permissions.four_eyes_refusal(
        request.user, authors=[correction.proposed_by_id], awaiting=correction.decision == "pending"
    )
    return render(
        request,
        "staff/corrections/correction_detail.html",
        {
            "correction": correction,
            "notice": notice,
            "rows": _rows(correction, content),
            "pending": correction.decision == "pending",
            "digest": record_rules.digest(content),
            "refusal": refusal,
            "can_return": correction.decision == "pending"
            and permissions.is_department(request.user),
            "error": error,
            "changed": changed,
            "form": ApproveCorrectionForm(),
        },
        status=status,
    )


@require_safe
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _show(request, pk)


@require_POST
def correction_approve(request: HttpRequest, pk: int) -> HttpResponse:
    correction, _notice = _correction(request, pk)
    form = ApproveCorrectionForm(request.POST)
    digest = form.data.get("digest") or None
    try:
        approve_correction_with_letters(correction, by=request.user, digest_read=digest)
    except StaleApproval as exc:
        message = (
            "The notice changed after you opened this correction, so nothing was approved. "
            "Check what changed, then approve the correction as it reads now."
        )
        return _show(request, pk, error=message, changed=exc.changes, status=409)
    except (*DOMAIN_ERRORS, LetterGenerationFailed) as exc:
        return _show(request, pk, error=error_text(exc), status=status_for(exc))
    messages.success(request, "The correction was approved and published.")
    return redirect("staff:notice", pk=int(correction.object_id))


@require_http_methods(["GET", "HEAD", "POST"])
def correction_return(request: HttpRequest, pk: int) -> HttpResponse:
    correction, notice = _correction(request, pk)
    return form_page(
        request,
        ReturnCorrectionForm(request.POST or None),
        lambda values: records.return_correction(
            correction, by=request.user, reason=values["reason"]
        ),
        page=(
            "staff/corrections/correction_return.html",
            {"correction": correction, "notice": notice},
        ),
        done="The correction was returned to the caseworker.",
        then=lambda _: _to_correction(correction),
        on_refusal=_at_top,
    )
