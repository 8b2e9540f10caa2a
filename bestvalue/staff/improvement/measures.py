"""Measures' pages: add, read and change a measure, and record or import its readings."""

from __future__ import annotations

import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import clock
from bestvalue.improvement import permissions, selectors
from bestvalue.improvement.readings_csv import MAX_BYTES as CSV_MAX_BYTES
from bestvalue.improvement.services import measures
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    authority_for,
    form_page,
    history_of,
    import_page,
    owned,
    posted,
    url_for,
)


@require_http_methods(FORM_METHODS)
def measure_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = authority_for(request, gss_code, edit=True)
    expectations = selectors.expectation_choices(authority.pk)
    form = f.MeasureForm(request.POST or None, expectations=expectations)
    return form_page(
        request,
        "improvement/measure_form.html",
        {"form": form, "authority": authority, "no_notice": not expectations},
        save=lambda data: measures.add_measure(authority, by=request.user, **data),
        success="Measure added. Add its readings.",
        to=lambda measure: url_for("improvement-measure", pk=measure.pk),
        landing=lambda object_id: url_for("improvement-measure", pk=int(object_id)),
    )


@require_safe
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = owned(request, selectors.measure_for_staff(pk))
    return render(
        request,
        "improvement/measure_detail.html",
        {
            "summary": selectors.summarise(measure, as_at=clock.today()),
            "measure": measure,
            "can_edit": permissions.can_edit_authority(request.user, measure.authority_id),
            "history": history_of(measure, *selectors.readings_ever(measure)),
        },
    )


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
    return form_page(
        request,
        "improvement/measure_form.html",
        {"form": form, "authority": measure.authority, "measure": measure},
        save=lambda data: measures.change_measure(measure, by=request.user, **data),
        success="Measure saved.",
        to=lambda saved: url_for("improvement-measure", pk=saved.pk),
    )


@require_http_methods(FORM_METHODS)
def reading_new(request: HttpRequest, pk: int) -> HttpResponse:
    measure = owned(request, selectors.measure_for_staff(pk), edit=True)
    form = f.ReadingForm(request.POST or None, initial={"taken_on": clock.today()})
    return form_page(
        request,
        "improvement/reading_form.html",
        {"form": form, "measure": measure},
        save=lambda data: measures.record_reading(measure, by=request.user, **data),
        success="Reading recorded.",
        to=lambda reading: url_for("improvement-measure", pk=measure.pk) + "#readings",
        landing=lambda object_id: url_for("improvement-measure", pk=measure.pk) + "#readings",
    )


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
