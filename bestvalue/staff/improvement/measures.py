"""Measures' pages: add, read and change a measure, and record or import its readings."""

from __future__ import annotations

import functools

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import clock
from bestvalue.improvement import selectors
from bestvalue.improvement.readings_csv import MAX_BYTES as CSV_MAX_BYTES
from bestvalue.improvement.services import measures
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    RecordPage,
    detail_page,
    import_page,
    owned,
    posted,
    url_for,
)

MEASURE_FORM = RecordPage("improvement/measure_form.html", shows="improvement-measure")
READING_FORM = RecordPage(
    "improvement/reading_form.html", shows="improvement-measure", anchor="#readings"
)


@require_http_methods(FORM_METHODS)
def measure_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    added = "Measure added. Add its readings."
    return MEASURE_FORM.new_in_plan(request, gss_code, f.MeasureForm, measures.add_measure, added)


@require_safe
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = owned(request, selectors.measure_for_staff(pk))
    readings = selectors.readings_ever(measure)
    summary = selectors.summarise(measure, as_at=clock.today())
    template = "improvement/measure_detail.html"
    return detail_page(request, template, "measure", measure, *readings, summary=summary)


@require_http_methods(FORM_METHODS)
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = owned(request, selectors.measure_for_staff(pk), edit=True)
    # The fields the service writes (and audits), less those the form shows otherwise.
    names = [n for n in measures.MEASURE_FIELDS if n not in ("authority", "expectations")]
    initial = {n: getattr(measure, n) for n in names}
    initial["expectation_ids"] = [e.pk for e in measure.expectations.all()]
    form = f.MeasureEditForm(
        request.POST or None,
        initial=initial,
        expectations=selectors.expectation_choices(measure.authority_id),
    )
    change, authority = measures.change_measure, measure.authority
    return MEASURE_FORM.on_record(
        request, form, "measure", measure, change, "Measure saved.", authority=authority
    )


@require_http_methods(FORM_METHODS)
def reading_new(request: HttpRequest, pk: int) -> HttpResponse:
    measure = owned(request, selectors.measure_for_staff(pk), edit=True)
    form = f.ReadingForm(request.POST or None, initial={"taken_on": clock.today()})
    record, recorded = measures.record_reading, "Reading recorded."
    return READING_FORM.on_record(request, form, "measure", measure, record, recorded)


@require_http_methods(FORM_METHODS)
def reading_import(request: HttpRequest, pk: int) -> HttpResponse:
    measure = owned(request, selectors.measure_for_staff(pk), edit=True)
    form = f.ReadingImportForm(*posted(request))
    return import_page(
        request,
        "improvement/reading_import.html",
        {"form": form, "measure": measure},
        importer=functools.partial(measures.import_readings, measure),
        most=CSV_MAX_BYTES,
        success="Readings imported.",
        to=lambda readings: url_for("improvement-measure", pk=measure.pk) + "#readings",
    )
