"""Pages for improvement and assurance: the authority's workspace (plan, measures, evidence), its
progress report, and the improvement board's record. Views are thin: they find the record, check
who may see or change it (bestvalue.improvement.permissions), call a service, and show the result
or the error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.accounts import permissions as roles
from bestvalue.core import clock, downloads
from bestvalue.core.pagination import PageOutOfRange, govuk_pagination, paginate
from bestvalue.improvement import content, permissions, report, rules, selectors
from bestvalue.improvement.errors import (
    FieldRefused,
    PublicationChanged,
    ReadingsRefused,
    UploadRefused,
)
from bestvalue.improvement.readings_csv import MAX_BYTES as CSV_MAX_BYTES
from bestvalue.improvement.services import boards, evidence, measures, plan, publication
from bestvalue.improvement.services.boards import AssuranceInput
from bestvalue.staff import improvement_forms as f
from bestvalue.staff.pages import DOMAIN_ERRORS, error_text
from bestvalue.staff.pages import status_for as _status_for

FORM_METHODS = ["GET", "HEAD", "POST"]


def _found(record: Any) -> Any:
    if record is None:
        raise Http404("No such record")
    return record


def _allowed(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("This record belongs to another authority or board.")


def _authority(request: HttpRequest, gss_code: str, *, edit: bool = False) -> Any:
    check = permissions.can_edit_authority if edit else permissions.can_read_authority
    # Refuse by role first, so that those who may never see a workspace learn nothing from it.
    _allowed(permissions.can_use_workspaces(request.user))
    authority = _found(selectors.authority_for_improvement(gss_code))
    _allowed(check(request.user, authority.pk))
    return authority


def _owned(request: HttpRequest, record: Any, *, edit: bool = False) -> Any:
    """A record of an authority's plan, measures or evidence, if the user may see (or change) it."""
    _allowed(permissions.can_use_workspaces(request.user))
    record = _found(record)
    check = permissions.can_edit_authority if edit else permissions.can_read_authority
    _allowed(check(request.user, record.authority_id))
    return record


def _board(request: HttpRequest, board: Any, *, edit: bool = False) -> Any:
    board = _found(board)
    _allowed(
        (permissions.can_edit_board if edit else permissions.can_read_board)(request.user, board)
    )
    return board


def _form_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str,
    to: Callable[[Any], str],
    error_field: str | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST call `save`, then redirect. A refusal (bad input, a stale
    version, a role) is shown in the error summary with the user's input kept."""
    form: Form = context["form"]
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except (*DOMAIN_ERRORS, ReadingsRefused) as exc:
            problems = exc.problems if isinstance(exc, ReadingsRefused) else [error_text(exc)]
            field = _refused_field(exc, form, error_field)
            if isinstance(exc, ReadingsRefused):
                form.add_error(field, "Nothing was imported: correct the file and upload it again.")
            for problem in problems:
                form.add_error(field, problem)
            return render(request, template, context, status=_status_for(exc))
        messages.success(request, success)
        return redirect(to(result))
    return render(request, template, context, status=400 if form.errors else 200)


def _refused_field(exc: Exception, form: Form, error_field: str | None) -> str | None:
    """The field a service's refusal is about, so the error is shown by it and the summary links
    to it; None (the form as a whole) when it is about no one field."""
    if isinstance(exc, FieldRefused) and exc.field in form.fields:
        return exc.field
    return error_field if isinstance(exc, (UploadRefused, ReadingsRefused)) else None


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    """A form's data and files: bound on any POST, even one with no fields but a file."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"staff:{name}", kwargs=kwargs)


# --- Where to start -----------------------------------------------------------------------

INDEX_PER_PAGE = 50


@require_safe
def improvement_index(request: HttpRequest) -> HttpResponse:
    """The department's list of authorities' improvement records; others go to their own."""
    home = permissions.improvement_home_for(request.user)
    if home is None:
        raise PermissionDenied(
            "Improvement records are for the department, authorities and boards."
        )
    kind, pk = home
    if kind == "authority":
        return redirect(
            "staff:improvement", gss_code=_found(selectors.authority_by_id(pk)).gss_code
        )
    if kind == "board":
        return redirect("staff:board", pk=pk)
    number = request.GET.get("page", "1")
    try:
        # A list page, so it pages (at 100 times the record, 300 authorities: bench/README.md).
        page = paginate(
            selectors.authorities_under_notice(),
            int(number) if number.isdigit() else 0,
            per_page=INDEX_PER_PAGE,
        )
    except PageOutOfRange as exc:
        raise Http404(str(exc)) from None
    context = {"page": page, "pagination": govuk_pagination(page, request.GET)}
    return render(request, "improvement/index.html", context)


@require_safe
def workspace(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = _authority(request, gss_code)
    return render(
        request,
        "improvement/workspace.html",
        {
            "space": selectors.workspace(authority, today=clock.today()),
            "can_edit": permissions.can_edit_authority(request.user, authority.pk),
        },
    )


# --- The plan -----------------------------------------------------------------------------


@require_http_methods(FORM_METHODS)
def action_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = _authority(request, gss_code, edit=True)
    expectations = selectors.expectation_choices(authority.pk)
    chosen = request.GET.get("expectation", "")
    initial = {"expectation_ids": [int(chosen)] if chosen.isdigit() else []}
    form = f.ActionForm(request.POST or None, initial=initial, expectations=expectations)
    return _form_page(
        request,
        "improvement/action_form.html",
        {"form": form, "authority": authority, "no_notice": not expectations},
        save=lambda data: plan.add_action(authority, by=request.user, **data),
        success="Action added to the plan.",
        to=lambda action: _url("improvement-action", pk=action.pk),
    )


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _owned(request, selectors.action_for_staff(pk))
    return render(
        request,
        "improvement/action_detail.html",
        {
            "action": action,
            "overdue": rules.is_overdue(action.status, action.due_on, clock.today()),
            "can_edit": permissions.can_edit_authority(request.user, action.authority_id),
        },
    )


@require_http_methods(FORM_METHODS)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _owned(request, selectors.action_for_staff(pk), edit=True)
    initial = {
        "title": action.title,
        "description": action.description,
        "owner": action.owner,
        "due_on": action.due_on,
        "expectation_ids": [e.pk for e in action.expectations.all()],
        "theme_keys": [t.key for t in action.themes.all()],
        "version": action.version,
    }
    options = selectors.expectation_choices(action.authority_id)
    linked = [
        (e.pk, f"{e.notice.reference}, {e.position}. {e.text[:100]}")
        for e in action.expectations.all()
    ]
    options += [o for o in linked if o[0] not in {k for k, _ in options}]
    form = f.ActionEditForm(request.POST or None, initial=initial, expectations=options)
    return _form_page(
        request,
        "improvement/action_form.html",
        {"form": form, "authority": action.authority, "action": action},
        save=lambda data: plan.change_action(action, by=request.user, **data),
        success="Action saved.",
        to=lambda saved: _url("improvement-action", pk=saved.pk),
    )


@require_http_methods(FORM_METHODS)
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = _owned(request, selectors.action_for_staff(pk), edit=True)
    form = f.ProgressForm(
        request.POST or None,
        initial={"version": action.version, "status": action.status, "written_on": clock.today()},
    )
    return _form_page(
        request,
        "improvement/progress_form.html",
        {"form": form, "action": action},
        save=lambda data: plan.record_progress(action, by=request.user, **data),
        success="Progress recorded.",
        to=lambda update: _url("improvement-action", pk=action.pk),
    )


# --- Measures -----------------------------------------------------------------------------


@require_http_methods(FORM_METHODS)
def measure_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = _authority(request, gss_code, edit=True)
    expectations = selectors.expectation_choices(authority.pk)
    form = f.MeasureForm(request.POST or None, expectations=expectations)
    return _form_page(
        request,
        "improvement/measure_form.html",
        {"form": form, "authority": authority, "no_notice": not expectations},
        save=lambda data: measures.add_measure(authority, by=request.user, **data),
        success="Measure added. Add its readings.",
        to=lambda measure: _url("improvement-measure", pk=measure.pk),
    )


@require_safe
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _owned(request, selectors.measure_for_staff(pk))
    return render(
        request,
        "improvement/measure_detail.html",
        {
            "summary": selectors.summarise(measure, as_at=clock.today()),
            "measure": measure,
            "can_edit": permissions.can_edit_authority(request.user, measure.authority_id),
        },
    )


@require_http_methods(FORM_METHODS)
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _owned(request, selectors.measure_for_staff(pk), edit=True)
    names = (
        "name",
        "definition",
        "unit",
        "direction",
        "baseline_value",
        "baseline_on",
        "target_value",
        "target_on",
        "version",
    )
    initial = {n: getattr(measure, n) for n in names}
    initial["expectation_ids"] = [e.pk for e in measure.expectations.all()]
    form = f.MeasureEditForm(
        request.POST or None,
        initial=initial,
        expectations=selectors.expectation_choices(measure.authority_id),
    )
    return _form_page(
        request,
        "improvement/measure_form.html",
        {"form": form, "authority": measure.authority, "measure": measure},
        save=lambda data: measures.change_measure(measure, by=request.user, **data),
        success="Measure saved.",
        to=lambda saved: _url("improvement-measure", pk=saved.pk),
    )


@require_http_methods(FORM_METHODS)
def reading_new(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _owned(request, selectors.measure_for_staff(pk), edit=True)
    form = f.ReadingForm(request.POST or None, initial={"taken_on": clock.today()})
    return _form_page(
        request,
        "improvement/reading_form.html",
        {"form": form, "measure": measure},
        save=lambda data: measures.record_reading(measure, by=request.user, **data),
        success="Reading recorded.",
        to=lambda reading: _url("improvement-measure", pk=measure.pk) + "#readings",
    )


@require_http_methods(FORM_METHODS)
def reading_import(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _owned(request, selectors.measure_for_staff(pk), edit=True)
    form = f.ReadingImportForm(*_posted(request))

    def save(data: dict[str, Any]) -> Any:
        upload = data["file"]
        content = upload.read(CSV_MAX_BYTES + 1)
        return measures.import_readings(
            measure, by=request.user, data=content, filename=upload.name
        )

    return _form_page(
        request,
        "improvement/reading_import.html",
        {"form": form, "measure": measure},
        save=save,
        success="Readings imported.",
        to=lambda readings: _url("improvement-measure", pk=measure.pk) + "#readings",
        error_field="file",
    )


# --- Evidence -----------------------------------------------------------------------------


@require_http_methods(FORM_METHODS)
def evidence_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = _authority(request, gss_code, edit=True)
    options = {
        "action_ids": selectors.action_choices(authority.pk),
        "expectation_ids": selectors.expectation_choices(authority.pk),
        "review_ids": selectors.review_choices(authority.pk),
    }
    form = f.EvidenceForm(*_posted(request), options=options)

    def save(data: dict[str, Any]) -> Any:
        upload, url = data.pop("file", None), data.pop("url", "")
        if upload is not None:
            return evidence.add_evidence_file(authority, by=request.user, upload=upload, **data)
        return evidence.add_evidence_link(authority, by=request.user, url=url, **data)

    return _form_page(
        request,
        "improvement/evidence_form.html",
        {"form": form, "authority": authority, "max_mb": evidence.max_bytes() // (1024 * 1024)},
        save=save,
        success="Evidence added.",
        to=lambda item: _url("improvement-evidence", pk=item.pk),
        error_field="file",
    )


@require_safe
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _owned(request, selectors.evidence_for_staff(pk))
    return render(
        request,
        "improvement/evidence_detail.html",
        {"item": item, "can_edit": permissions.can_edit_authority(request.user, item.authority_id)},
    )


@require_safe
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, as an attachment only: never shown in the browser, never sniffed as another type."""
    item = _owned(request, selectors.evidence_for_staff(pk))
    if not item.is_file:
        raise Http404("This evidence is a link, not a file")
    stored = selectors.open_evidence_file(item)
    if stored is None:
        raise Http404("The file is missing from storage")
    return downloads.attachment(
        stored,
        filename=item.original_name,
        content_type=item.content_type,
        cache="private, no-store",
    )


# --- Publishing ---------------------------------------------------------------------------

_PUBLISHABLE: dict[str, Callable[[int], Any]] = {
    "action": selectors.action_for_staff,
    "measure": selectors.measure_for_staff,
    "evidence": selectors.evidence_for_staff,
    "assurance": selectors.assurance_for_staff,
}


def _publish_page(
    request: HttpRequest, kind: str, item: Any, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    """What will go public (the item's content now) beside what is public now, with the digest
    of what the publisher reads, so that what is published is what they read."""
    context = {
        "kind": kind,
        "item": item,
        "lines": content.comparison(kind, item),
        "digest": content.content_digest(kind, item),
        "back": _publish_landing(kind, item),
        "refusal": refusal,
    }
    return render(request, "improvement/publish.html", context, status=status)


def _publish_landing(kind: str, item: Any) -> str:
    if kind == "assurance":
        return _url("board-meeting", pk=item.meeting_id)
    return _url(f"improvement-{kind}", pk=item.pk)


@require_http_methods(FORM_METHODS)
def publish(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The publish step. GET (or a POST without the digest read) shows exactly what will go
    public beside what is public now; a POST with `publish` 1 and that digest publishes it (or
    its changes); `publish` 0 withdraws it from publication."""
    if kind not in _PUBLISHABLE:
        raise Http404("No such kind of record")
    item = _found(_PUBLISHABLE[kind](pk))
    _allowed(permissions.can_publish(request.user, kind, item))
    if request.method != "POST":
        return _publish_page(request, kind, item)
    if request.POST.get("publish") == "0":
        publication.set_published(kind, item, by=request.user, published=False)
        messages.success(request, "Withdrawn from publication.")
        return redirect(_publish_landing(kind, item))
    digest = request.POST.get("digest", "")
    if not digest:
        return _publish_page(request, kind, item)
    try:
        publication.set_published(kind, item, by=request.user, published=True, digest_read=digest)
    except PublicationChanged as exc:
        fresh = _found(_PUBLISHABLE[kind](pk))
        return _publish_page(request, kind, fresh, refusal=str(exc), status=409)
    messages.success(request, "Published. The public now sees what you checked.")
    return redirect(_publish_landing(kind, item))


# --- The progress report ------------------------------------------------------------------


@require_safe
def progress_report(request: HttpRequest, gss_code: str) -> HttpResponse:
    """The report for a period (by default, from the notice's issue to today), per expectation."""
    authority = _authority(request, gss_code)
    today = clock.today()
    notice = selectors.current_notice(authority.pk)
    start = notice.issued_on if notice and notice.issued_on else today - dt.timedelta(days=90)
    form = f.PeriodForm(request.GET or None, initial={"from": start, "to": today})
    if form.is_bound and form.is_valid():
        start, today = form.cleaned_data["from"], form.cleaned_data["to"]
    result = None if form.errors else report.progress_report(authority, start=start, end=today)
    return render(
        request,
        "improvement/progress_report.html",
        {"form": form, "report": result, "authority": authority},
        status=400 if form.errors else 200,
    )


# --- Boards -------------------------------------------------------------------------------


@require_safe
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, selectors.board_for_staff(pk))
    return render(
        request,
        "improvement/board_detail.html",
        {
            "board": board,
            "can_edit": permissions.can_edit_board(request.user, board),
            "can_respond": roles.can_act_for_authority(request.user, board.authority_id),
        },
    )


@require_http_methods(FORM_METHODS)
def board_member_new(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, selectors.board_by_id(pk), edit=True)
    form = f.MembershipForm(request.POST or None)
    return _form_page(
        request,
        "improvement/membership_form.html",
        {"form": form, "board": board},
        save=lambda data: boards.add_membership(board, by=request.user, **data),
        success="Member added.",
        to=lambda membership: _url("board", pk=board.pk) + "#members",
    )


@require_http_methods(FORM_METHODS)
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, selectors.board_by_id(pk), edit=True)
    notice = selectors.current_notice(board.authority_id)
    form = f.MeetingForm(
        request.POST or None,
        initial={"held_on": clock.today()},
        expectations=list(notice.expectations.all()) if notice else [],
    )

    def save(data: dict[str, Any]) -> Any:
        statements = [AssuranceInput(*a) for a in form.assurances()]
        fields = {k: data[k] for k in ("held_on", "minutes", "attendees")}
        return boards.record_meeting(board, by=request.user, assurances=statements, **fields)

    return _form_page(
        request,
        "improvement/meeting_form.html",
        {"form": form, "board": board, "notice": notice},
        save=save,
        success="Meeting recorded. Add the recommendations the board made.",
        to=lambda meeting: _url("board-meeting", pk=meeting.pk),
    )


@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _found(selectors.meeting_for_staff(pk))
    board = _board(request, meeting.board)
    return render(
        request,
        "improvement/meeting_detail.html",
        {
            "meeting": meeting,
            "board": board,
            "can_edit": permissions.can_edit_board(request.user, board),
            "can_respond": roles.can_act_for_authority(request.user, board.authority_id),
        },
    )


@require_http_methods(FORM_METHODS)
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _found(selectors.meeting_for_staff(pk))
    _board(request, meeting.board, edit=True)
    form = f.RecommendationForm(request.POST or None)
    return _form_page(
        request,
        "improvement/recommendation_form.html",
        {"form": form, "meeting": meeting, "board": meeting.board},
        save=lambda data: boards.make_recommendation(meeting, by=request.user, **data),
        success="Recommendation recorded. The authority can now respond to it.",
        to=lambda rec: _url("board-meeting", pk=meeting.pk) + "#recommendations",
    )


@require_http_methods(FORM_METHODS)
def recommendation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _found(selectors.recommendation_for_staff(pk))
    _allowed(permissions.can_respond(request.user, recommendation))
    initial: dict[str, Any] = {"version": recommendation.version, "responded_on": clock.today()}
    if recommendation.responded_on:
        initial.update(
            status=recommendation.status,
            response=recommendation.response,
            owner=recommendation.owner,
            responded_on=recommendation.responded_on,
        )
    form = f.ResponseForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        "improvement/response_form.html",
        {"form": form, "recommendation": recommendation, "board": recommendation.board},
        save=lambda data: boards.respond_to_recommendation(recommendation, by=request.user, **data),
        success="Response recorded.",
        to=lambda rec: _url("board", pk=rec.board_id) + "#recommendations",
    )
