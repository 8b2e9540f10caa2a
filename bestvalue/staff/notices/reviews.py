"""The department's pages for reviews, engagement and data requests on a notice."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bestvalue.accounts import permissions
from bestvalue.core import clock
from bestvalue.letters import services as letter_services
from bestvalue.notices import reviews
from bestvalue.notices.approval import approval_content, approval_digest
from bestvalue.notices.errors import StaleApproval
from bestvalue.notices.reviews import AssessmentInput
from bestvalue.notices.selectors import review_for_staff, review_in_progress
from bestvalue.records import selectors as records
from bestvalue.staff.notices.forms import (
    ApproveReviewForm,
    ReasonForm,
    ReviewEditForm,
    ReviewForm,
)
from bestvalue.staff.notices.views import department_notice
from bestvalue.staff.pages import DOMAIN_ERRORS, department_record, error_text, refuse
from bestvalue.staff.pages import status_for as _status_for


def _review(request: HttpRequest, pk: int) -> Any:
    return department_record(
        request,
        review_for_staff,
        pk,
        refusal="Reviews are for the department.",
        missing="No such review",
    )


def _assessments(form: ReviewForm) -> list[AssessmentInput]:
    data = form.cleaned_data
    return [
        AssessmentInput(
            e.pk,
            data[f"rating_{e.pk}"],
            data[f"commentary_{e.pk}"],
            data.get(f"evidence_{e.pk}", ""),
        )
        for e in form.expectations
    ]


def _review_initial(review: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "reviewed_on": review.reviewed_on,
        "decision": review.decision,
        "rationale": review.rationale,
        "version": review.version,
    }
    for a in review.assessments.all():
        initial.update(
            {
                f"rating_{a.expectation_id}": a.rating,
                f"commentary_{a.expectation_id}": a.commentary,
                f"evidence_{a.expectation_id}": a.evidence_links,
            }
        )
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the review of a notice, or change the draft review in progress."""
    notice = department_notice(request, pk)
    if not permissions.can_draft(request.user):
        raise PermissionDenied("Only caseworkers draft reviews.")
    current = review_in_progress(notice)
    if current is not None and not current.is_draft:
        return redirect("staff:review", pk=current.pk)
    expectations = list(notice.expectations.all())
    form_class = ReviewForm if current is None else ReviewEditForm
    initial = _review_initial(current) if current else {"reviewed_on": clock.today()}
    form = form_class(request.POST or None, initial=initial, expectations=expectations)
    context = {"form": form, "notice": notice, "review": current}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "reviewed_on": data["reviewed_on"],
            "decision": data["decision"],
            "rationale": data["rationale"],
            "assessments": _assessments(form),
        }
        try:
            if current is None:
                current = reviews.draft_review(notice, by=request.user, **fields)
            else:
                current = reviews.update_review(
                    current, by=request.user, version=data["version"], **fields
                )
        except DOMAIN_ERRORS as exc:
            refuse(form, exc)
            return render(request, "staff/review_form.html", context, status=_status_for(exc))
        messages.success(request, "Review saved.")
        return redirect("staff:review", pk=current.pk)
    return render(request, "staff/review_form.html", context, status=400 if form.errors else 200)


@require_safe
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _show_review(request, pk)


def _show_review(
    request: HttpRequest, pk: int, *, error: str = "", status: int = 200, stale: Any = None
) -> HttpResponse:
    """The review page; the approve form carries the digest of the decision shown, and a stale
    approval shows what changed since it was opened."""
    review = _review(request, pk)
    return render(
        request,
        "staff/review_detail.html",
        {
            "review": review,
            "notice": review.notice,
            "error": error,
            "stale": stale,
            "content": approval_content(review),
            "digest": approval_digest(review),
            "approval": records.approval_of(review),
            "returned": records.last_return(review) if review.is_draft else None,
            "can_approve": permissions.can_approve(request.user, review),
            "approval_refusal": permissions.approval_refusal(request.user, review),
            "is_caseworker": permissions.is_caseworker(request.user),
        },
        status=status,
    )


def _review_action(
    request: HttpRequest, pk: int, action: Any, success: str, **kwargs: Any
) -> HttpResponse:
    review = _review(request, pk)
    try:
        action(review, by=request.user, **kwargs)
    except StaleApproval as exc:
        return _show_review(request, pk, error=str(exc), status=409, stale=exc)
    except DOMAIN_ERRORS as exc:
        return _show_review(request, pk, error=error_text(exc), status=_status_for(exc))
    except letter_services.LetterGenerationFailed as exc:
        # Nothing was approved: the letter and the decision stand or fall together.
        return _show_review(request, pk, error=str(exc), status=500)
    messages.success(request, success)
    return redirect("staff:review", pk=review.pk)


@require_POST
def review_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(request, pk, reviews.submit_review, "Review sent for approval.")


@require_POST
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the decision as read (the form's digest); a lapse freezes its outcome letter."""
    form = ApproveReviewForm(request.POST)
    digest = form.cleaned_data["digest"] if form.is_valid() else ""
    return _review_action(
        request,
        pk,
        reviews.approve_review,
        "Decision approved and applied to the notice.",
        digest=digest,
        letters=letter_services.OutcomeLetters(),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def review_return(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = ReasonForm(request.POST or None, initial={"version": review.version})
    if request.method == "POST" and form.is_valid():
        return _review_action(
            request,
            pk,
            reviews.return_review,
            "Review returned to draft.",
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
    return render(
        request,
        "staff/review_return.html",
        {"form": form, "review": review},
        status=400 if form.errors else 200,
    )
