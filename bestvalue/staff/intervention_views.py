"""The department's pages for inspections and interventions: open one (escalated from a notice or
not), record each step, and send minded-to letters, directions and exits through four-eyes
approval. Views are thin: they check the role, call a service, and show the result or the error.
Who may use each page is in bestvalue/interventions/README.md and tests/access.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bestvalue.accounts import permissions
from bestvalue.core import clock
from bestvalue.interventions import rules, selectors, services, steps
from bestvalue.interventions.services import publication
from bestvalue.letters.selectors import minded_to_letter_files
from bestvalue.letters.services import LetterGenerationFailed, approve_and_issue_step
from bestvalue.records import history as record_history
from bestvalue.records import rules as record_rules
from bestvalue.records import selectors as record_selectors
from bestvalue.records.errors import StaleApproval
from bestvalue.staff.intervention_forms import (
    DIRECTIONS_KINDS,
    AppointeeEditForm,
    AppointeeForm,
    DirectionsEditForm,
    DirectionsForm,
    ExtensionForm,
    FindingsForm,
    InspectionEditForm,
    InspectionForm,
    InspectorForm,
    InterventionEditForm,
    InterventionForm,
    MindedToEditForm,
    MindedToForm,
    ReportEditForm,
    ReportForm,
    RepresentationForm,
    ResponseForm,
    ScheduleForm,
)
from bestvalue.staff.pages import DOMAIN_ERRORS, error_text
from bestvalue.staff.pages import status_for as _status_for

FORM = "interventions/form.html"
GET_POST = ["GET", "HEAD", "POST"]
# The words for each kind of directions-family record, in headings and messages.
KIND_NOUNS = {
    "directions": "directions",
    "extension": "an extension of the directions",
    "revocation": "a revocation of the directions",
    "expiry": "the expiry of the directions",
    "exit": "the exit",
    "appointment": "a change of appointees",
}


@dataclass(frozen=True)
class Can:
    """What the signed-in user may do to each record, from the same predicates the views check,
    so that a button is shown exactly when its action would be allowed."""

    user: Any

    @property
    def record(self) -> bool:
        return permissions.can_draft(self.user)

    def edit(self, record: Any) -> bool:
        return permissions.can_edit_draft(self.user, record)

    def return_(self, record: Any) -> bool:
        return permissions.is_department(self.user) and record.status == "awaiting_approval"

    def refusal(self, record: Any) -> str | None:
        return services.approval_refusal(self.user, record)

    def publish(self, intervention: Any) -> bool:
        return publication.refusal(self.user, intervention) is None

    def approve(self, record: Any) -> bool:
        return self.refusal(record) is None


def add_errors(form: forms.BaseForm, exc: Exception) -> None:
    """A refusal from a service, shown at the field it names (or above the form)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        form.add_error(None, error_text(exc))


def _by(request: HttpRequest) -> Any:
    """The signed-in user, who does what the services record (checked by the role helpers)."""
    return request.user


def _department(request: HttpRequest) -> None:
    if not permissions.is_department(request.user):
        raise PermissionDenied("Interventions in the case workspace are for the department.")


def _caseworker(request: HttpRequest) -> None:
    if not permissions.can_draft(request.user):
        raise PermissionDenied("Only caseworkers record inspections and interventions.")


def _intervention(request: HttpRequest, reference: str) -> Any:
    _department(request)
    intervention = selectors.intervention_by_reference(reference, public=False)
    if intervention is None:
        raise Http404("No such intervention")
    return intervention


def _find(records: Iterable[Any], pk: int) -> Any:
    found = next((r for r in records if r.pk == pk), None)
    if found is None:
        raise Http404("No such record in this intervention")
    return found


def _draft(request: HttpRequest, record: Any) -> Any:
    if not permissions.can_edit_draft(request.user, record):
        raise PermissionDenied("Only a caseworker can change a draft.")
    return record


def _page(intervention: Any, anchor: str = "") -> str:
    url = reverse("staff:intervention", kwargs={"reference": intervention.reference})
    return f"{url}#{anchor}" if anchor else url


def _form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Any],
    *,
    success: str,
    to: str | Callable[[Any], str],
    **context: Any,
) -> HttpResponse:
    """Show the form; on a valid POST call `save` and go to `to`, or show the refusal."""
    context = {"form": form, **context}
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except DOMAIN_ERRORS as exc:
            add_errors(form, exc)
            return render(request, FORM, context, status=_status_for(exc))
        messages.success(request, success)
        return redirect(to(saved) if callable(to) else to)
    return render(request, FORM, context, status=400 if form.errors else 200)


def _page_context(request: HttpRequest, intervention: Any, **extra: Any) -> dict[str, Any]:
    return {
        "intervention": intervention,
        "steps": selectors.steps(intervention),
        "periods": selectors.in_force_text(intervention),
        "amendable": selectors.amendable_directions(intervention),
        "when": rules.date_text,
        "legal_basis_labels": dict(selectors.legal_basis_choices()),
        "annual_cost": selectors.estimated_annual_cost,
        "letter_files": minded_to_letter_files(intervention.pk),
        "can": Can(request.user),
        "approval_of": record_selectors.approval_of,
        "last_return": record_selectors.last_return,
        "unpublished": publication.unpublished(intervention),
        "awaiting": publication.awaiting(intervention),
        "history": record_history.history(
            intervention,
            *(step.record for step in selectors.steps(intervention)),
            *publication.unpublished(intervention),
            *publication.awaiting(intervention),
        ),
        "staff": True,
        "today": clock.today(),
        **extra,
    }


# --- The intervention --------------------------------------------------------------------------


@require_safe
def intervention_list(request: HttpRequest) -> HttpResponse:
    _department(request)
    return render(
        request,
        "interventions/staff_list.html",
        {"interventions": selectors.intervention_list(), "can": Can(request.user)},
    )


@require_safe
def intervention_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return show_intervention(request, reference)


def show_intervention(
    request: HttpRequest, reference: str, *, error: str = "", status: int = 200
) -> HttpResponse:
    intervention = _intervention(request, reference)
    return render(
        request,
        "interventions/staff_detail.html",
        _page_context(request, intervention, error=error),
        status=status,
    )


@require_http_methods(GET_POST)
def intervention_new(request: HttpRequest) -> HttpResponse:
    """Open an intervention; from a notice's "Record the escalation" link, linked to it."""
    _caseworker(request)
    initial: dict[str, Any] = {}
    notice_pk = request.GET.get("notice", "")
    notice = selectors.escalated_notice(int(notice_pk)) if notice_pk.isdigit() else None
    if notice is not None:
        initial = {"authority": notice.authority_id, "escalated_from": notice.pk}
    form = InterventionForm(request.POST or None, initial=initial)

    def save() -> Any:
        data = dict(form.cleaned_data)
        data["escalated_from"] = _notice(data["escalated_from"])
        return services.open_intervention(by=_by(request), **data)

    return _form_page(
        request,
        form,
        save,
        success="Intervention opened. Record its first step.",
        to=_page,
        title="Open an intervention",
        button="Open the intervention",
        back=reverse("staff:interventions"),
    )


def _notice(pk: int | None) -> Any:
    if pk is None:
        return None
    notice = selectors.escalated_notice(pk)
    if notice is None:
        raise ValidationError({"escalated_from": "Choose a notice whose outcome is escalation"})
    return notice


@require_http_methods(GET_POST)
def intervention_edit(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    form = InterventionEditForm(
        request.POST or None,
        initial={
            "trigger": intervention.trigger,
            "status": intervention.status,
            "status_note": intervention.status_note,
            "escalated_from": intervention.escalated_from_id,
            "version": intervention.version,
        },
    )

    def save() -> Any:
        data = dict(form.cleaned_data)
        data["escalated_from"] = _notice(data["escalated_from"])
        return services.update_intervention(intervention, by=_by(request), **data)

    return _form_page(
        request,
        form,
        save,
        success="Intervention updated.",
        to=_page(intervention),
        title="Change the intervention's details",
        intervention=intervention,
    )


# --- Inspections -------------------------------------------------------------------------------


@require_http_methods(GET_POST)
def inspection_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    form = InspectionForm(request.POST or None)

    def save() -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if "inspector" not in k}
        return services.record_inspection(
            by=_by(request), intervention=intervention, inspectors=form.inspectors(), **data
        )

    return _form_page(
        request,
        form,
        save,
        success="Inspection recorded.",
        to=lambda i: _page(intervention, selectors.anchor(i)),
        title="Record a best value inspection",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def inspection_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    inspection = _find(intervention.inspections.all(), pk)
    names = [n for n in InspectionEditForm.base_fields if n != "version"]
    initial = {n: getattr(inspection, n) for n in names}
    form = InspectionEditForm(
        request.POST or None, initial={**initial, "version": inspection.version}
    )
    return _form_page(
        request,
        form,
        lambda: services.update_inspection(inspection, by=_by(request), **form.cleaned_data),
        success="Inspection updated.",
        to=_page(intervention, selectors.anchor(inspection)),
        title="Change the inspection",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def inspector_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    inspection = _find(intervention.inspections.all(), pk)
    form = InspectorForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.add_inspector(by=_by(request), inspection=inspection, **form.cleaned_data),
        success="Inspector added.",
        to=_page(intervention, selectors.anchor(inspection)),
        title="Add an inspector",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def inspection_extend(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    inspection = _find(intervention.inspections.all(), pk)
    form = ExtensionForm(request.POST or None)
    deadline = inspection.deadline
    return _form_page(
        request,
        form,
        lambda: services.extend_inspection_deadline(
            by=_by(request), inspection=inspection, **form.cleaned_data
        ),
        success="Deadline extended.",
        to=_page(intervention, selectors.anchor(inspection)),
        title="Extend the report deadline",
        intro=f"The deadline in force is {rules.date_text(deadline)}." if deadline else "",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def inspection_findings(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    inspection = _find(intervention.inspections.all(), pk)
    words = {True: "meets", False: "fails"}
    initial: dict[str, Any] = {}
    for f in inspection.findings.all():
        initial[f"verdict_{f.theme.key}"] = words[f.meets_duty]
        initial[f"summary_{f.theme.key}"] = f.summary
    form = FindingsForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        lambda: services.record_findings(
            by=_by(request),
            record=inspection,
            verdicts=form.verdicts(),
            summaries=form.summaries(),
        ),
        success="Findings recorded.",
        to=_page(intervention, selectors.anchor(inspection)),
        title="Findings on each theme",
        intro="Whether the inspectors found the authority meets the best value duty on each "
        "theme of the statutory guidance.",
        intervention=intervention,
    )


# --- Minded-to letters -----------------------------------------------------------------------


def _letter_initial(letter: Any) -> dict[str, Any]:
    names = [n for n in MindedToForm.base_fields if n != "window"]
    initial = {n: getattr(letter, n) for n in names}
    initial["window"] = "foregone" if letter.window_foregone else "invited"
    initial["version"] = letter.version
    return initial


@require_http_methods(GET_POST)
def minded_to_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    form = MindedToForm(request.POST or None, initial={"window": "invited"})
    return _form_page(
        request,
        form,
        lambda: services.draft_minded_to(
            by=_by(request), intervention=intervention, **form.letter_fields()
        ),
        success="Minded-to letter drafted. Send it for approval when it is ready.",
        to=lambda letter: _page(intervention, selectors.anchor(letter)),
        title="Draft a minded-to letter",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def minded_to_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    letter = _draft(request, _find(intervention.minded_to_letters.all(), pk))
    form = MindedToEditForm(request.POST or None, initial=_letter_initial(letter))
    return _form_page(
        request,
        form,
        lambda: services.update_minded_to(
            letter,
            by=_by(request),
            version=form.cleaned_data["version"],
            **form.letter_fields(),
        ),
        success="Draft letter saved.",
        to=_page(intervention, selectors.anchor(letter)),
        title="Change the draft minded-to letter",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def representation_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    letter = _find(intervention.minded_to_letters.all(), pk)
    form = RepresentationForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.record_representation(
            by=_by(request), minded_to=letter, **form.cleaned_data
        ),
        success="Representations recorded.",
        to=_page(intervention, selectors.anchor(letter)),
        title="Record representations",
        intervention=intervention,
    )


# --- Directions, later records and appointees -----------------------------------------------


def _amendable(intervention: Any) -> list[tuple[int, str]]:
    return [
        (d.pk, f"Directions made {rules.date_text(d.made_on, d.made_on_approx)}")
        for d in selectors.amendable_directions(intervention)
    ]


def _directions_fields(intervention: Any, form: DirectionsForm) -> dict[str, Any]:
    """The form's data as the services take it, with the directions it acts on found."""
    data = form.directions_fields()
    if "amends" in data:
        pk = data["amends"]
        data["amends"] = None if pk is None else _find(intervention.directions.all(), pk)
    return data


@require_http_methods(GET_POST)
def directions_new(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    if kind not in DIRECTIONS_KINDS:
        raise Http404("No such kind of record")
    amendable = _amendable(intervention)
    initial = {"first_report_after_months": 3, "report_every_months": 6, "partial": "complete"}
    if amendable:
        initial["amends"] = amendable[-1][0]
    form = DirectionsForm(request.POST or None, initial=initial, kind=kind, amendable=amendable)
    return _form_page(
        request,
        form,
        lambda: services.draft_directions(
            by=_by(request),
            intervention=intervention,
            kind=kind,
            **_directions_fields(intervention, form),
        ),
        success=f"Draft of {KIND_NOUNS[kind]} saved. Send it for approval when it is ready.",
        to=lambda d: _page(intervention, selectors.anchor(d)),
        title=f"Draft {KIND_NOUNS[kind]}",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def directions_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    directions = _draft(request, _find(intervention.directions.all(), pk))
    names = [n for n in DirectionsForm.base_fields if n not in ("amends", "partial")]
    initial = {n: getattr(directions, n, None) for n in names}
    initial.update(
        amends=directions.amends_id,
        partial="partial" if directions.partial else "complete",
        first_report_after_months=directions.first_report_after_months or 3,
        report_every_months=directions.report_every_months or 6,
        version=directions.version,
    )
    form = DirectionsEditForm(
        request.POST or None,
        initial=initial,
        kind=directions.kind,
        amendable=[a for a in _amendable(intervention) if a[0] != directions.pk],
    )

    return _form_page(
        request,
        form,
        lambda: services.update_directions(
            directions,
            by=_by(request),
            version=form.cleaned_data["version"],
            **_directions_fields(intervention, form),
        ),
        success="Draft saved.",
        to=_page(intervention, selectors.anchor(directions)),
        title=f"Change the draft: {KIND_NOUNS[directions.kind]}",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def appointee_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    directions = _draft(request, _find(intervention.directions.all(), pk))
    form = AppointeeForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.add_appointee(by=_by(request), directions=directions, **form.cleaned_data),
        success="Appointee added.",
        to=_page(intervention, selectors.anchor(directions)),
        title="Add an appointee",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def appointee_edit(request: HttpRequest, reference: str, pk: int, appointee: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    directions = _draft(request, _find(intervention.directions.all(), pk))
    person = _find(directions.appointees.all(), appointee)
    names = [n for n in AppointeeForm.base_fields]
    initial = {n: getattr(person, n) for n in names} | {"version": person.version}
    form = AppointeeEditForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        lambda: services.update_appointee(person, by=_by(request), **form.cleaned_data),
        success="Appointee updated.",
        to=_page(intervention, selectors.anchor(directions)),
        title="Change the appointee",
        intervention=intervention,
    )


# --- Approval (four eyes) ----------------------------------------------------------------------


def _approvable(intervention: Any, stage: str, pk: int) -> Any:
    records = {
        "minded-to": intervention.minded_to_letters.all,
        "directions": intervention.directions.all,
    }
    if stage not in records:
        raise Http404("No such kind of record")
    return _find(records[stage](), pk)


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
        action(record, by=_by(request), version=version)
    except LetterGenerationFailed as exc:
        return show_intervention(request, reference, error=str(exc), status=503)
    except DOMAIN_ERRORS as exc:
        return show_intervention(request, reference, error=error_text(exc), status=_status_for(exc))
    messages.success(request, success)
    return redirect(_page(intervention, selectors.anchor(record)))


@require_POST
def stage_submit(request: HttpRequest, reference: str, stage: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    record = _approvable(intervention, stage, pk)
    if not permissions.is_caseworker(request.user):
        raise PermissionDenied("Only caseworkers send drafts for approval.")
    return _transition(
        request, intervention, record, services.submit_for_approval, "Sent for approval."
    )


@require_POST
def stage_return(request: HttpRequest, reference: str, stage: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    record = _approvable(intervention, stage, pk)
    reason = request.POST.get("reason", "")
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
                request, intervention.reference, error=error_text(exc), status=_status_for(exc)
            )
        else:
            messages.success(request, success)
            return redirect(to)
    shown = content()
    context = _page_context(
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
    intervention = _intervention(request, reference)
    record = _approvable(intervention, stage, pk)
    refusal = Can(request.user).refusal(record)
    if refusal:
        return show_intervention(request, reference, error=refusal, status=403)
    noun = "minded-to letter" if stage == "minded-to" else KIND_NOUNS[record.kind]
    fresh = lambda: _approvable(_intervention(request, reference), stage, pk)  # noqa: E731
    return _approve_page(
        request,
        intervention,
        approve=lambda digest: approve_and_issue_step(record, by=_by(request), digest_read=digest),
        content=lambda: steps.approval_content(fresh()),
        success="Approved and issued. It is now on the public register"
        + (", with its letter." if stage == "minded-to" else "."),
        to=_page(intervention, selectors.anchor(record)),
        record=record,
        stage=stage,
        heading=f"Approve and issue {noun}",
        button="Approve and issue",
    )


# --- Publication of the department's facts (four eyes) -----------------------------------------


@require_POST
def publication_submit(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    try:
        services.submit_publication(intervention, by=_by(request))
    except DOMAIN_ERRORS as exc:
        return show_intervention(request, reference, error=error_text(exc), status=_status_for(exc))
    messages.success(request, "Sent for approval. Nothing is public until an approver approves it.")
    return redirect(_page(intervention, "publication"))


@require_POST
def publication_return(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = _intervention(request, reference)
    try:
        services.return_publication(
            intervention, by=_by(request), reason=request.POST.get("reason", "")
        )
    except DOMAIN_ERRORS as exc:
        return show_intervention(request, reference, error=error_text(exc), status=_status_for(exc))
    messages.success(request, "Returned to draft, with your reason.")
    return redirect(_page(intervention, "publication"))


@require_http_methods(GET_POST)
def publication_approve(request: HttpRequest, reference: str) -> HttpResponse:
    """The approver reads every fact awaiting approval, then publishes exactly that."""
    intervention = _intervention(request, reference)
    refusal = publication.refusal(request.user, intervention)
    if refusal:
        return show_intervention(request, reference, error=refusal, status=403)
    return _approve_page(
        request,
        intervention,
        approve=lambda digest: services.approve_publication(
            intervention, by=_by(request), digest_read=digest
        ),
        content=lambda: publication.content(intervention),
        success="Approved. These facts are now on the public register.",
        to=_page(intervention),
        record=None,
        stage="publication",
        heading="Approve publication",
        button="Approve and publish",
    )


# --- Reports and the department's responses ----------------------------------------------------


def _issued_directions(intervention: Any, pk: int) -> Any:
    directions = _find(intervention.directions.all(), pk)
    if directions.status != "issued" or directions.kind != "directions":
        raise Http404("Reports are recorded against issued directions")
    return directions


@require_http_methods(GET_POST)
def report_schedule(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    directions = _issued_directions(intervention, pk)
    form = ScheduleForm(
        request.POST or None,
        initial={
            "first_after_months": directions.first_report_after_months
            or rules.DEFAULT_FIRST_REPORT_AFTER_MONTHS,
            "every_months": directions.report_every_months or rules.DEFAULT_REPORT_EVERY_MONTHS,
            "version": directions.version,
        },
    )
    return _form_page(
        request,
        form,
        lambda: services.plan_reports(directions, by=_by(request), **form.cleaned_data),
        success="Report schedule set and the reports due under it listed.",
        to=_page(intervention, selectors.anchor(directions)),
        title="Set the report schedule",
        intro="Reports usually fall due 3 months after the directions were made, then every 6 "
        "months. Each set of directions can set its own.",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def report_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    directions = _issued_directions(intervention, pk)
    form = ReportForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.record_report(by=_by(request), directions=directions, **form.cleaned_data),
        success="Report recorded.",
        to=lambda r: _page(intervention, selectors.anchor(r)),
        title="Record a report",
        intervention=intervention,
    )


def _report(intervention: Any, pk: int) -> Any:
    reports = [r for d in intervention.directions.all() for r in d.reports.all()]
    return _find(reports, pk)


@require_http_methods(GET_POST)
def report_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    report = _report(intervention, pk)
    names = [n for n in ReportForm.base_fields]
    initial = {n: getattr(report, n) for n in names} | {"version": report.version}
    form = ReportEditForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        lambda: services.update_report(report, by=_by(request), **form.cleaned_data),
        success="Report updated.",
        to=_page(intervention, selectors.anchor(report)),
        title="Record the report's receipt or publication",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def response_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = _intervention(request, reference)
    _caseworker(request)
    report = _report(intervention, pk)
    form = ResponseForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.record_department_response(
            by=_by(request), report=report, **form.cleaned_data
        ),
        success="The department's response recorded.",
        to=_page(intervention, selectors.anchor(report)),
        title="Record the department's response",
        intervention=intervention,
    )
