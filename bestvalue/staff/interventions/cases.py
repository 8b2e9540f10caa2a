"""Opening an intervention, its list and page, and changing its details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.interventions import selectors, services
from bestvalue.staff.interventions.common import (
    GET_POST,
    actor,
    caseworker_only,
    form_page,
    intervention_of,
    page_url,
    show_intervention,
)
from bestvalue.staff.interventions.forms import (
    InterventionEditForm,
    InterventionForm,
)

# --- The intervention --------------------------------------------------------------------------


@require_safe
def intervention_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return show_intervention(request, reference)


@require_http_methods(GET_POST)
def intervention_new(request: HttpRequest) -> HttpResponse:
    """Open an intervention; from a notice's "Record the escalation" link, linked to it."""
    caseworker_only(request)
    initial: dict[str, Any] = {}
    notice_pk = request.GET.get("notice", "")
    notice = selectors.escalated_notice(int(notice_pk)) if notice_pk.isdigit() else None
    if notice is not None:
        initial = {"authority": notice.authority_id, "escalated_from": notice.pk}
    form = InterventionForm(request.POST or None, initial=initial)

    def save() -> Any:
        data = dict(form.cleaned_data)
        data["escalated_from"] = _notice(data["escalated_from"])
        return services.open_intervention(by=actor(request), **data)

    return form_page(
        request,
        form,
        save,
        success="Intervention opened. Record its first step.",
        to=page_url,
        title="Open an intervention",
        button="Open the intervention",
        back=reverse("staff:interventions"),
        once=lambda pk: page_url(selectors.intervention_by_pk(int(pk))),
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
    intervention = intervention_of(request, reference)
    caseworker_only(request)
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
        return services.update_intervention(intervention, by=actor(request), **data)

    return form_page(
        request,
        form,
        save,
        success="Intervention updated.",
        to=page_url(intervention),
        title="Change the intervention's details",
        intervention=intervention,
    )
