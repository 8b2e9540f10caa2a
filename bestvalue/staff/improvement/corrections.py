"""Correcting and withdrawing readings and evidence, with a reason, in the open (issue 18.2):
the authority's officers only; nothing is deleted (bestvalue.improvement.services.corrections)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.improvement import selectors
from bestvalue.improvement.services import corrections
from bestvalue.staff.improvement import correction_forms as f
from bestvalue.staff.improvement.common import FORM_METHODS, form_page, found, owned, url_for

TEMPLATE = "improvement/form.html"


def _reading(request: HttpRequest, pk: int) -> Any:
    reading = found(selectors.reading_for_staff(pk))
    owned(request, reading.measure, edit=True)
    return reading


def _page(request: HttpRequest, form: Any, heading: str, item: Any, back: str, **kw: Any) -> Any:
    context = {
        "form": form,
        "heading": heading,
        "caption": item.authority.official_name,
        "crumb_authority": item.authority,
        "crumb_board": None,
        "back_url": back,
        "button": kw.pop("button", "Save the correction"),
    }
    return form_page(request, TEMPLATE, context, to=lambda saved: back, **kw)


@require_http_methods(FORM_METHODS)
def reading_correct(request: HttpRequest, pk: int) -> HttpResponse:
    reading = _reading(request, pk)
    measure = reading.measure
    initial = {
        "taken_on": reading.taken_on,
        "value": reading.value,
        "source": reading.source,
        "version": measure.version,
    }
    return _page(
        request,
        f.ReadingCorrectionForm(request.POST or None, initial=initial),
        f"Correct the reading of {measure.name}",
        measure,
        url_for("improvement-measure", pk=measure.pk),
        save=lambda data: corrections.correct_reading(reading, by=request.user, **data),
        success="Reading corrected.",
    )


@require_http_methods(FORM_METHODS)
def reading_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    reading = _reading(request, pk)
    measure = reading.measure
    return _page(
        request,
        f.WithdrawReadingForm(request.POST or None, initial={"version": measure.version}),
        f"Withdraw the reading of {measure.name}",
        measure,
        url_for("improvement-measure", pk=measure.pk),
        save=lambda data: corrections.withdraw_reading(reading, by=request.user, **data),
        success="Reading withdrawn.",
        button="Withdraw the reading",
    )


@require_http_methods(FORM_METHODS)
def evidence_correct(request: HttpRequest, pk: int) -> HttpResponse:
    item = owned(request, selectors.evidence_for_staff(pk), edit=True)
    initial = {"title": item.title, "effective_on": item.effective_on}
    return _page(
        request,
        f.EvidenceCorrectionForm(request.POST or None, initial=initial),
        f"Correct the evidence “{item.title}”",
        item,
        url_for("improvement-evidence", pk=item.pk),
        save=lambda data: corrections.correct_evidence(item, by=request.user, **data),
        success="Evidence corrected.",
    )


@require_http_methods(FORM_METHODS)
def evidence_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = owned(request, selectors.evidence_for_staff(pk), edit=True)
    return _page(
        request,
        f.WithdrawEvidenceForm(request.POST or None),
        f"Withdraw the evidence “{item.title}”",
        item,
        url_for("improvement-evidence", pk=item.pk),
        save=lambda data: corrections.withdraw_evidence(item, by=request.user, **data),
        success="Evidence withdrawn.",
        button="Withdraw the evidence",
    )
