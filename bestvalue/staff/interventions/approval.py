"""Four eyes: sending for approval, returning, and approving exactly what was read: minded-to letters, directions and exits one by one, and the publication of the other facts together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from bestvalue.accounts import permissions
from bestvalue.interventions import selectors, services, steps
from bestvalue.interventions.services import publication
from bestvalue.letters.services import LetterGenerationFailed, approve_and_issue_step
from bestvalue.records import rules as record_rules
from bestvalue.records.errors import StaleApproval
from bestvalue.staff.interventions.common import (
    GET_POST,
    KIND_NOUNS,
    Can,
    actor,
    caseworker_only,
    find,
    intervention_of,
    page_context,
    page_url,
    show_intervention,
)
from bestvalue.staff.interventions.forms import return_reason
from bestvalue.staff.pages import DOMAIN_ERRORS, error_text, status_for

# --- Approval (four eyes) ----------------------------------------------------------------------


def _approvable(intervention: Any, stage: str, pk: int) -> Any:
    records = {
        "minded-to": intervention.minded_to_letters.all,
        "directions": intervention.directions.all,
    }
    if stage not in records:
        raise Http404("No such kind of record")
    return find(records[stage](), pk)


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _transition(
    request: HttpRequest, intervention: Any, record: Any, action: Any, success: str
) -> HttpResponse:
    """Submit, return or approve the version of the record the user saw."""
    version = _version(request)
    reference = intervention.reference
    if version is None:
        return show_intervention(
            request,
            reference,
            error="The form was incomplete: reload the page and try again.",
            status=400,
        )
    try:
        action(record, by=actor(request), version=version)
    except LetterGenerationFailed as exc:
        return show_intervention(request, reference, error=str(exc), status=503)
    except DOMAIN_ERRORS as exc:
        return show_intervention(request, reference, error=error_text(exc), status=status_for(exc))
    messages.success(request, success)
    return redirect(page_url(intervention, selectors.anchor(record)))


@require_POST
def stage_submit(request: HttpRequest, reference: str, stage: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    record = _approvable(intervention, stage, pk)
    if not permissions.is_caseworker(request.user):
        raise PermissionDenied("Only caseworkers send drafts for approval.")
    return _transition(
        request, intervention, record, services.submit_for_approval, "Sent for approval."
    )


@require_POST
def stage_return(request: HttpRequest, reference: str, stage: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    record = _approvable(intervention, stage, pk)
    try:
        reason = return_reason(request.POST)
    except ValidationError as exc:
        return show_intervention(
            request, reference, error=error_text(exc), status=400, error_at=f"reason-{stage}-{pk}"
        )
    return _transition(
        request,
        intervention,
        record,
        lambda r, **kw: services.return_to_draft(r, reason=reason, **kw),
        "Returned to draft.",
    )


def _approve_page(
    request: HttpRequest,
    intervention: Any,
    *,
    approve: Callable[[str | None], Any],
    content: Callable[[], dict[str, Any]],
    success: str,
    to: str,
    **context: Any,
) -> HttpResponse:
    """The approve form of an approval bound to what was read: the page shows the content and
    carries its digest; a POST approves that digest, or (if the content changed since) answers
    409 with what changed and the current content with a fresh digest."""
    changes: list[Any] = []
    status = 200
    if request.method == "POST":
        try:
            approve(request.POST.get("digest") or None)
        except StaleApproval as exc:
            changes, status = exc.changes, 409
        except LetterGenerationFailed as exc:
            return show_intervention(request, intervention.reference, error=str(exc), status=503)
        except DOMAIN_ERRORS as exc:
            return show_intervention(
                request, intervention.reference, error=error_text(exc), status=status_for(exc)
            )
        else:
            messages.success(request, success)
            return redirect(to)
    shown = content()
    context = page_context(
        request,
        intervention,
        content=shown,
        digest=record_rules.digest(shown),
        stale=status == 409,
        changes=changes,
        preview=True,
        **context,
    )
    return render(request, "interventions/approve.html", context, status=status)


@require_http_methods(GET_POST)
def stage_approve(request: HttpRequest, reference: str, stage: str, pk: int) -> HttpResponse:
    """The approver sees exactly what they approve, then approves it (the digest they read)."""
    intervention = intervention_of(request, reference)
    record = _approvable(intervention, stage, pk)
    refusal = Can(request.user).refusal(record)
    if refusal:
        return show_intervention(request, reference, error=refusal, status=403)
    noun = "minded-to letter" if stage == "minded-to" else KIND_NOUNS[record.kind]
    fresh = lambda: _approvable(intervention_of(request, reference), stage, pk)  # noqa: E731
    return _approve_page(
        request,
        intervention,
        approve=lambda digest: approve_and_issue_step(
            record, by=actor(request), digest_read=digest
        ),
        content=lambda: steps.approval_content(fresh()),
        success="Approved and issued. It is now on the public register"
        + (", with its letter." if stage == "minded-to" else "."),
        to=page_url(intervention, selectors.anchor(record)),
        record=record,
        stage=stage,
        heading=f"Approve and issue {noun}",
        button="Approve and issue",
    )


# --- Publication of the department's facts (four eyes) -----------------------------------------


@require_POST
def publication_submit(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    try:
        services.submit_publication(intervention, by=actor(request))
    except DOMAIN_ERRORS as exc:
        return show_intervention(request, reference, error=error_text(exc), status=status_for(exc))
    messages.success(request, "Sent for approval. Nothing is public until an approver approves it.")
    return redirect(page_url(intervention, "publication"))


@require_POST
def publication_return(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = intervention_of(request, reference)
    try:
        services.return_publication(
            intervention, by=actor(request), reason=return_reason(request.POST)
        )
    except DOMAIN_ERRORS as exc:
        return show_intervention(
            request,
            reference,
            error=error_text(exc),
            status=status_for(exc),
            error_at="publication-reason",
        )
    messages.success(request, "Returned to draft, with your reason.")
    return redirect(page_url(intervention, "publication"))


@require_http_methods(GET_POST)
def publication_approve(request: HttpRequest, reference: str) -> HttpResponse:
    """The approver reads every fact awaiting approval, then publishes exactly that."""
    intervention = intervention_of(request, reference)
    refusal = publication.refusal(request.user, intervention)
    if refusal:
        return show_intervention(request, reference, error=refusal, status=403)
    return _approve_page(
        request,
        intervention,
        approve=lambda digest: services.approve_publication(
            intervention, by=actor(request), digest_read=digest
        ),
        content=lambda: publication.content(intervention),
        success="Approved. These facts are now on the public register.",
        to=page_url(intervention),
        record=None,
        stage="publication",
        heading="Approve publication",
        button="Approve and publish",
    )
