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


# What each page is about, by the kind of record whose page shows it: a reading is shown on its
# measure's page, an evidence item on its own.
_ABOUT = {
    "measure": ("the reading", "the reading of {0.name}"),
    "evidence": ("the evidence", "the evidence “{0.title}”"),
}


def _reading(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    reading = found(selectors.reading_for_staff(pk))
    return reading, owned(request, reading.measure, edit=True)


def _evidence(request: HttpRequest, pk: int) -> Any:
    return owned(request, selectors.evidence_for_staff(pk), edit=True)


def _page(
    request: HttpRequest, form: Any, verb: str, item: Any, shown: Any, service: Any, success: str
) -> HttpResponse:
    """The page that corrects or withdraws `item` (`verb`) with `service`, from and back to the
    page of `shown` (the item itself, or the measure of a reading)."""
    noun, about = _ABOUT[shown.publication_kind]
    back = url_for(f"improvement-{shown.publication_kind}", pk=shown.pk)
    context = {
        "form": form,
        "heading": f"{verb} {about.format(shown)}",
        "caption": shown.authority.official_name,
        "crumb_authority": shown.authority,
        "crumb_board": None,
        "back_url": back,
        "button": "Save the correction" if verb == "Correct" else f"{verb} {noun}",
    }
    return form_page(
        request,
        TEMPLATE,
        context,
        save=lambda data: service(item, by=request.user, **data),
        success=success,
        to=lambda saved: back,
    )


@require_http_methods(FORM_METHODS)
def reading_correct(request: HttpRequest, pk: int) -> HttpResponse:
    reading, measure = _reading(request, pk)
    initial = {
        "taken_on": reading.taken_on,
        "value": reading.value,
        "source": reading.source,
        "version": measure.version,
    }
    form = f.ReadingCorrectionForm(request.POST or None, initial=initial)
    return _page(
        request,
        form,
        "Correct",
        reading,
        measure,
        corrections.correct_reading,
        "Reading corrected.",
    )


@require_http_methods(FORM_METHODS)
def reading_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    reading, measure = _reading(request, pk)
    form = f.WithdrawReadingForm(request.POST or None, initial={"version": measure.version})
    return _page(
        request,
        form,
        "Withdraw",
        reading,
        measure,
        corrections.withdraw_reading,
        "Reading withdrawn.",
    )


@require_http_methods(FORM_METHODS)
def evidence_correct(request: HttpRequest, pk: int) -> HttpResponse:
    item = _evidence(request, pk)
    initial = {"title": item.title, "effective_on": item.effective_on}
    form = f.EvidenceCorrectionForm(request.POST or None, initial=initial)
    return _page(
        request, form, "Correct", item, item, corrections.correct_evidence, "Evidence corrected."
    )


@require_http_methods(FORM_METHODS)
def evidence_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _evidence(request, pk)
    form = f.WithdrawEvidenceForm(request.POST or None)
    return _page(
        request, form, "Withdraw", item, item, corrections.withdraw_evidence, "Evidence withdrawn."
    )
