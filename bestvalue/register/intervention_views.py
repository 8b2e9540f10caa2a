"""The public page of an inspection or intervention: every step the department has issued, with
its people, dates and sources. Drafts are never shown (selectors decide). Cached for people who
are not signed in (public.caching)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bestvalue.core import clock
from bestvalue.interventions import rules, selectors
from bestvalue.letters.selectors import step_letter_files
from bestvalue.public.caching import public_cache


@require_safe
@login_not_required
@public_cache
def intervention_detail(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = selectors.intervention_by_reference(reference, public=True)
    if intervention is None:
        raise Http404("No intervention has that reference")
    return render(
        request,
        "interventions/detail.html",
        {
            "intervention": intervention,
            "steps": selectors.steps(intervention),
            "periods": selectors.in_force_text(intervention),
            "model_now": dict(selectors.model_choices()).get(selectors.current_model(intervention)),
            "when": rules.date_text,
            "legal_basis_labels": dict(selectors.legal_basis_choices()),
            "annual_cost": selectors.estimated_annual_cost,
            "letter_files": step_letter_files(intervention.pk),
            "staff": False,
            "today": clock.today(),
        },
    )
