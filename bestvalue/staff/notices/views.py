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
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.letters import selectors as letter_selectors
from bestvalue.letters.services import LetterGenerationFailed, NoticeLetters
from bestvalue.notices import notes, rules, services
from bestvalue.notices.approval import approval_content, approval_digest
from bestvalue.notices.errors import StaleApproval
from bestvalue.notices.selectors import (
    changes_from_predecessor,
    corrections_of_notice,
    notice_for_staff,
    open_notice_references,
    review_in_progress,
)
from bestvalue.notices.services import ItemInput
from bestvalue.records import history
from bestvalue.records import selectors as records
from bestvalue.staff.notices.forms import (
    ApproveForm,
    ItemForm,
    NoticeDetailsForm,
    NoticeEditForm,
    ReasonForm,
)
from bestvalue.staff.pages import (
    DOMAIN_ERRORS,
    create_once,
    department_record,
    error_text,
    form_page,
    refuse,
    status_for,
)

ITEM_KINDS = {
    "grounds": "ground",
    "acknowledgements": "acknowledgement",
    "expectations": "expectation",
}


def department_notice(request: HttpRequest, pk: int) -> Any:
    """The notice, for department users only (authority officers and boards use the register)."""
    return department_record(
        request,
        notice_for_staff,
        pk,
        refusal="Notices in the case workspace are for the department.",
        missing="No such notice",
    )


def notice_history(notice: Any) -> list[history.Entry]:
    """Who did what to the notice, its items and its reviews, newest first."""
    requests = list(notice.data_requests.all())
    parts = [
        *notice.grounds.all(),
        *notice.acknowledgements.all(),
        *notice.expectations.all(),
        *notice.reviews.all(),
        *notice.engagements.all(),
        *requests,
        *(r for d in requests for r in d.returns.all()),
        *notice.case_notes.all(),
    ]
    return history.history(notice, *parts)


def _drafting_warnings(notice: Any) -> list[str]:
    """At the start of drafting: the authority already under a notice or an intervention."""
    active = [
        i.reference
        for i in intervention_selectors.interventions_of(notice.authority, public=False)
        if i.status == "active"  # InterventionStatus.ACTIVE: not yet ended
    ]
    return rules.drafting_warnings(
        authority=notice.authority.official_name,
        notices_in_force=open_notice_references(
            notice.authority_id, excluding=[notice.pk, notice.replaces_id or 0]
        ),
        interventions=active,
    )


@require_safe
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return show_notice(request, pk)


def show_notice(
    request: HttpRequest, pk: int, *, error: str = "", status: int = 200
) -> HttpResponse:
    """The notice page, with an error summary when an action on it was refused."""
    notice = department_notice(request, pk)
    review = review_in_progress(notice)
    revision_started = getattr(notice, "replaced_by", None) is not None
    return render(
        request,
        "staff/notice_detail.html",
        {
            "notice": notice,
            "error": error,
            "review": review,
            "can_edit": permissions.can_edit_draft(request.user, notice),
            "can_approve": permissions.can_approve(request.user, notice),
            "approval_refusal": permissions.approval_refusal(request.user, notice),
            "is_caseworker": permissions.is_caseworker(request.user),
            "may_reissue": rules.may_reissue(notice.status_enum, revision_started=revision_started),
            "may_review": rules.may_review(notice.status_enum, review_open=review is not None),
            "approval": records.approval_of(notice),
            "returned": records.last_return(notice) if notice.status == "draft" else None,
            "history": notice_history(notice),
            "letter_files": letter_selectors.issued_letters(notice),
            "draft_letter_kind": letter_selectors.draft_letter_kind(notice),
            "corrections": corrections_of_notice(notice),
            "notes": notes.notes_of(notice),
            "warnings": _drafting_warnings(notice) if notice.status == "draft" else [],
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_draft(request.user):
        raise PermissionDenied("Only caseworkers draft notices.")
    form = NoticeDetailsForm(request.POST or None, initial={"period_months": 12})
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            made = create_once(
                request,
                form,
                lambda: services.create_draft(by=request.user, **values),
                landing=lambda object_id: f"/staff/notices/{object_id}/",
            )
        except DOMAIN_ERRORS as exc:
            refuse(form, exc)
            return render(request, "staff/notice_form.html", {"form": form}, status=status_for(exc))
        if isinstance(made, HttpResponse):
            return made
        messages.success(request, "Draft notice started. Add its grounds and expectations.")
        return redirect("staff:notice", pk=made.pk)
    return render(
        request, "staff/notice_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    if not permissions.can_edit_draft(request.user, notice):
        raise PermissionDenied("Only a caseworker can change a draft.")
    names = [n for n in NoticeDetailsForm.base_fields if n not in ("authority", "form_token")]
    initial = {name: getattr(notice, name) for name in names}
    form = NoticeEditForm(
        request.POST or None,
        initial={**initial, "authority": notice.authority_id, "version": notice.version},
    )
    return form_page(
        request,
        form,
        lambda values: services.update_draft(
            notice, by=request.user, **{k: v for k, v in values.items() if k != "form_token"}
        ),
        page=("staff/notice_form.html", {"notice": notice}),
        done="Details saved.",
        then=lambda _: redirect("staff:notice", pk=notice.pk),
    )


def _kind_or_404(kind: str) -> str:
    if kind not in ITEM_KINDS:
        raise Http404("No such list")
    return kind


def _item(notice: Any, kind: str, position: int | None) -> Any:
    if position is None:
        return None
    item = next((i for i in getattr(notice, kind).all() if i.position == position), None)
    if item is None:
        raise Http404("No such item")
    return item


@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(
    request: HttpRequest, pk: int, kind: str, position: int | None = None
) -> HttpResponse:
    """Add (no position) or change one ground, acknowledgement or expectation of a draft. Adding
    is done once per form: sending the same form again lands on the notice."""
    notice = department_notice(request, pk)
    _kind_or_404(kind)
    if not permissions.can_edit_draft(request.user, notice):
        raise PermissionDenied("Only a caseworker can change a draft.")
    item = _item(notice, kind, position)
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

        def save() -> Any:
            return services.save_item(
                notice,
                by=request.user,
                version=data["version"],
                kind=kind,
                item=entered,
                position=position,
            )

        try:
            saved = (
                save()
                if position is not None
                else create_once(
                    request, form, save, landing=lambda oid: f"/staff/notices/{oid}/#{kind}"
                )
            )
        except DOMAIN_ERRORS as exc:
            refuse(form, exc)
            return render(request, "staff/item_form.html", context, status=status_for(exc))
        if isinstance(saved, HttpResponse):
            return saved
        return redirect(f"/staff/notices/{notice.pk}/#{kind}")
    return render(request, "staff/item_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request: HttpRequest, pk: int, kind: str, position: int) -> HttpResponse:
    notice = department_notice(request, pk)
    _kind_or_404(kind)
    if not permissions.can_edit_draft(request.user, notice):
        raise PermissionDenied("Only a caseworker can change a draft.")
    item = _item(notice, kind, position)
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
            return show_notice(request, pk, error=error_text(exc), status=status_for(exc))
        messages.success(request, f"The {ITEM_KINDS[kind]} was removed.")
        return redirect("staff:notice", pk=notice.pk)
    return render(
        request,
        "staff/item_remove.html",
        {"form": form, "notice": notice, "item": item, "noun": ITEM_KINDS[kind]},
        status=400 if form.errors else 200,
    )


@require_POST
def notice_submit(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return show_notice(
            request, pk, error="The form was incomplete: reload the page and try again.", status=400
        )
    try:
        services.submit_for_approval(notice, by=request.user, version=version)
    except DOMAIN_ERRORS as exc:
        return show_notice(request, pk, error=error_text(exc), status=status_for(exc))
    messages.success(request, "Sent for approval.")
    return redirect("staff:notice", pk=notice.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def notice_return(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    form = ReasonForm(request.POST or None, initial={"version": notice.version})
    return form_page(
        request,
        form,
        lambda values: services.return_to_draft(
            notice, by=request.user, reason=values["reason"], version=values["version"]
        ),
        page=("staff/notice_return.html", {"notice": notice}),
        done="Returned to draft.",
        then=lambda _: redirect("staff:notice", pk=notice.pk),
    )


def _approve_page(
    request: HttpRequest, notice: Any, form: ApproveForm, *, status: int, stale: Any = None
) -> HttpResponse:
    context = {
        "form": form,
        "notice": notice,
        "content": approval_content(notice),
        "stale": stale,
    }
    return render(request, "staff/notice_approve.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def notice_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve and issue the notice as read: the form carries the digest of the content shown,
    and a notice changed since it was opened is refused with what changed (409)."""
    notice = department_notice(request, pk)
    refusal = permissions.approval_refusal(request.user, notice)
    if refusal:
        return show_notice(request, pk, error=refusal, status=403)
    form = ApproveForm(request.POST or None, initial={"digest": approval_digest(notice)})
    if request.method != "POST" or not form.is_valid():
        return _approve_page(request, notice, form, status=400 if form.errors else 200)
    try:
        # Issues the notice and freezes its letter (PDF and DOCX) in one transaction.
        notice = services.approve_and_issue(
            notice,
            by=request.user,
            issued_on=form.cleaned_data["issued_on"],
            digest=form.cleaned_data["digest"],
            letters=NoticeLetters(),
        )
    except StaleApproval as exc:
        current = department_notice(request, pk)
        fresh = ApproveForm(
            initial={
                "issued_on": form.cleaned_data["issued_on"],
                "digest": approval_digest(current),
            }
        )
        return _approve_page(request, current, fresh, status=409, stale=exc)
    except (*DOMAIN_ERRORS, LetterGenerationFailed) as exc:
        refuse(form, exc)
        failed = isinstance(exc, LetterGenerationFailed)
        return _approve_page(request, notice, form, status=500 if failed else status_for(exc))
    messages.success(
        request,
        f"Notice {notice.reference} approved and issued. It is now on the public register.",
    )
    return redirect("staff:notice", pk=notice.pk)


@require_POST
def notice_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    notice = department_notice(request, pk)
    try:
        revised = services.start_reissue(notice, by=request.user)
    except DOMAIN_ERRORS as exc:
        return show_notice(request, pk, error=error_text(exc), status=status_for(exc))
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
