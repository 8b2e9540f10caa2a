"""The department's pages for notices: draft, edit, send for approval, approve and issue, return,
reissue and see what changed. Views are thin: they check the role, call a service, and show the
result or the error."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bestvalue.accounts import permissions
from bestvalue.letters import selectors as letter_selectors
from bestvalue.letters.services import LetterGenerationFailed, issue_notice_with_letters
from bestvalue.notices import services
from bestvalue.notices.selectors import (
    changes_from_predecessor,
    corrections_of_notice,
    notice_for_staff,
    review_in_progress,
)
from bestvalue.notices.services import ItemInput
from bestvalue.staff.forms import (
    ApproveForm,
    ItemForm,
    NoticeDetailsForm,
    NoticeEditForm,
    ReasonForm,
)
from bestvalue.staff.pages import DOMAIN_ERRORS, error_text
from bestvalue.staff.pages import status_for as _status_for

ITEM_KINDS = {
    "grounds": "ground",
    "acknowledgements": "acknowledgement",
    "expectations": "expectation",
}


def department_notice(request: HttpRequest, pk: int) -> Any:
    """The notice, for department users only (authority officers and boards use the register)."""
    if not permissions.is_department(request.user):
        raise PermissionDenied("Notices in the case workspace are for the department.")
    notice = notice_for_staff(pk)
    if notice is None:
        raise Http404("No such notice")
    return notice


@require_safe
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return show_notice(request, pk)


def show_notice(
    request: HttpRequest, pk: int, *, error: str = "", status: int = 200
) -> HttpResponse:
    """The notice page, with an error summary when an action on it was refused."""
    notice = department_notice(request, pk)
    return render(
        request,
        "staff/notice_detail.html",
        {
            "notice": notice,
            "error": error,
            "review": review_in_progress(notice),
            "can_edit": permissions.can_edit_draft(request.user, notice),
            "can_approve": permissions.can_approve(request.user, notice),
            "approval_refusal": permissions.approval_refusal(request.user, notice),
            "is_caseworker": permissions.is_caseworker(request.user),
            "letter_files": letter_selectors.issued_letters(notice),
            "draft_letter_kind": letter_selectors.draft_letter_kind(notice),
            "corrections": corrections_of_notice(notice),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_draft(request.user):
        raise PermissionDenied("Only caseworkers draft notices.")
    form = NoticeDetailsForm(request.POST or None, initial={"period_months": 12})
    if request.method == "POST" and form.is_valid():
        notice = services.create_draft(by=request.user, **form.cleaned_data)
        messages.success(request, "Draft notice started. Add its grounds and expectations.")
        return redirect("staff:notice", pk=notice.pk)
    return render(
        request, "staff/notice_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    if not permissions.can_edit_draft(request.user, notice):
        raise PermissionDenied("Only a caseworker can change a draft.")
    initial = {
        name: getattr(notice, name) for name in NoticeDetailsForm.base_fields if name != "authority"
    }
    form = NoticeEditForm(
        request.POST or None,
        initial={**initial, "authority": notice.authority_id, "version": notice.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(notice, by=request.user, **form.cleaned_data)
        except DOMAIN_ERRORS as exc:
            form.add_error(None, error_text(exc))
            return render(
                request,
                "staff/notice_form.html",
                {"form": form, "notice": notice},
                status=_status_for(exc),
            )
        messages.success(request, "Details saved.")
        return redirect("staff:notice", pk=notice.pk)
    return render(
        request,
        "staff/notice_form.html",
        {"form": form, "notice": notice},
        status=400 if form.errors else 200,
    )


def _kind_or_404(kind: str) -> str:
    if kind not in ITEM_KINDS:
        raise Http404("No such list")
    return kind


@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(
    request: HttpRequest, pk: int, kind: str, position: int | None = None
) -> HttpResponse:
    """Add (no position) or change one ground, acknowledgement or expectation of a draft."""
    notice = department_notice(request, pk)
    _kind_or_404(kind)
    if not permissions.can_edit_draft(request.user, notice):
        raise PermissionDenied("Only a caseworker can change a draft.")
    item = (
        None
        if position is None
        else next((i for i in getattr(notice, kind).all() if i.position == position), None)
    )
    if position is not None and item is None:
        raise Http404("No such item")
    initial: dict[str, Any] = {"version": notice.version}
    if item is not None:
        initial.update(
            text=item.text,
            source_document=getattr(item, "source_document", ""),
            themes=[t.key for t in item.themes.all()] if hasattr(item, "themes") else [],
        )
    form = ItemForm(request.POST or None, initial=initial, kind=kind)
    context = {"form": form, "notice": notice, "kind": kind, "noun": ITEM_KINDS[kind], "item": item}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entered = ItemInput(data["text"], data.get("themes", []), data.get("source_document", ""))
        try:
            services.save_item(
                notice,
                by=request.user,
                version=data["version"],
                kind=kind,
                item=entered,
                position=position,
            )
        except DOMAIN_ERRORS as exc:
            form.add_error(None, error_text(exc))
            return render(request, "staff/item_form.html", context, status=_status_for(exc))
        return redirect(f"/staff/notices/{notice.pk}/#{kind}")
    return render(request, "staff/item_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request: HttpRequest, pk: int, kind: str, position: int) -> HttpResponse:
    notice = department_notice(request, pk)
    _kind_or_404(kind)
    if not permissions.can_edit_draft(request.user, notice):
        raise PermissionDenied("Only a caseworker can change a draft.")
    item = next((i for i in getattr(notice, kind).all() if i.position == position), None)
    if item is None:
        raise Http404("No such item")
    form = ReasonForm(request.POST or None, initial={"version": notice.version})
    del form.fields["reason"]
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_item(
                notice,
                by=request.user,
                version=form.cleaned_data["version"],
                kind=kind,
                position=position,
            )
        except DOMAIN_ERRORS as exc:
            return show_notice(request, pk, error=error_text(exc), status=_status_for(exc))
        messages.success(request, f"The {ITEM_KINDS[kind]} was removed.")
        return redirect("staff:notice", pk=notice.pk)
    return render(
        request,
        "staff/item_remove.html",
        {"form": form, "notice": notice, "item": item, "noun": ITEM_KINDS[kind]},
        status=400 if form.errors else 200,
    )


def _versioned_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    notice = department_notice(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return show_notice(
            request, pk, error="The form was incomplete: reload the page and try again.", status=400
        )
    try:
        result = action(notice, by=request.user, version=version)
    except DOMAIN_ERRORS as exc:
        return show_notice(request, pk, error=error_text(exc), status=_status_for(exc))
    messages.success(request, success)
    return redirect("staff:notice", pk=getattr(result, "pk", notice.pk))


@require_POST
def notice_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _versioned_action(request, pk, services.submit_for_approval, "Sent for approval.")


@require_http_methods(["GET", "HEAD", "POST"])
def notice_return(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    form = ReasonForm(request.POST or None, initial={"version": notice.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.return_to_draft(
                notice,
                by=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except DOMAIN_ERRORS as exc:
            form.add_error(None, error_text(exc))
            return render(
                request,
                "staff/notice_return.html",
                {"form": form, "notice": notice},
                status=_status_for(exc),
            )
        messages.success(request, "Returned to draft.")
        return redirect("staff:notice", pk=notice.pk)
    return render(
        request,
        "staff/notice_return.html",
        {"form": form, "notice": notice},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice_approve(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    refusal = permissions.approval_refusal(request.user, notice)
    if refusal:
        return show_notice(request, pk, error=refusal, status=403)
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # Issues the notice and freezes its letter (PDF and DOCX) in one transaction.
            notice = issue_notice_with_letters(
                notice, by=request.user, issued_on=form.cleaned_data["issued_on"]
            )
        except (*DOMAIN_ERRORS, LetterGenerationFailed) as exc:
            form.add_error(None, error_text(exc))
            return render(
                request,
                "staff/notice_approve.html",
                {"form": form, "notice": notice},
                status=500 if isinstance(exc, LetterGenerationFailed) else _status_for(exc),
            )
        messages.success(
            request,
            f"Notice {notice.reference} approved and issued. It is now on the public register.",
        )
        return redirect("staff:notice", pk=notice.pk)
    return render(
        request,
        "staff/notice_approve.html",
        {"form": form, "notice": notice},
        status=400 if form.errors else 200,
    )


@require_POST
def notice_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    try:
        revised = services.start_reissue(notice, by=request.user)
    except DOMAIN_ERRORS as exc:
        return show_notice(request, pk, error=error_text(exc), status=_status_for(exc))
    messages.success(
        request,
        "Revised notice started from the one in force. Its expectations were carried forward.",
    )
    return redirect("staff:notice", pk=revised.pk)


@require_safe
def notice_changes(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    changes = changes_from_predecessor(notice)
    if changes is None:
        raise Http404("This notice does not replace another")
    return render(request, "staff/notice_changes.html", {"notice": notice, "changes": changes})
