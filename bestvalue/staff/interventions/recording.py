"""The one page that records something on a step of an intervention (an inspector on an
inspection, representations on a minded-to letter, a report under directions...) and the one page
that changes a recorded item: the caseworker checks, the record looked up in the intervention, the
form, the service, and back to the step on the intervention's page. A page of this shape is
declared as a `Recording` or an `Editing`, not written out as a view of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.interventions import selectors
from bestvalue.staff.interventions.common import (
    GET_POST,
    actor,
    caseworker_only,
    draft_only,
    edit_page,
    find,
    form_page,
    intervention_of,
    page_url,
)

Finder = Callable[[Any, int], Any]


def related(name: str) -> Finder:
    """The record with the URL's pk among the intervention's `name` (a related name)."""
    return lambda intervention, pk: find(getattr(intervention, name).all(), pk)


def on_record(
    request: HttpRequest, reference: str, pk: int, finder: Finder, *, drafts_only: bool = False
) -> tuple[Any, Any]:
    """The intervention and the record a caseworker acts on; a draft-only action is refused
    (by `draft_only`) to anyone who may not change that draft."""
    intervention = intervention_of(request, reference)
    if drafts_only:
        return intervention, draft_only(request, finder(intervention, pk))
    caseworker_only(request)
    return intervention, finder(intervention, pk)


def caseworker_intervention(request: HttpRequest, reference: str) -> Any:
    """The intervention a caseworker records something new on."""
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    return intervention


def record_page(
    request: HttpRequest,
    intervention: Any,
    form: forms.Form,
    save: Callable[[], Any],
    *,
    words: tuple[str, str],
    at: Any = None,
    once: bool = True,
    **context: Any,
) -> HttpResponse:
    """form_page for a page that records something on the intervention: `words` are the success
    message and the title; afterwards the intervention's page at `at` (the record acted on) or
    at the record `save` made. A page that makes a record (`once`) makes it at most once."""
    success, title = words
    return form_page(
        request,
        form,
        save,
        success=success,
        to=page_url(intervention, selectors.anchor(at))
        if at is not None
        else _at_new(intervention),
        title=title,
        intervention=intervention,
        once=(lambda _pk: page_url(intervention)) if once else None,
        **context,
    )


def _at_new(intervention: Any) -> Callable[[Any], str]:
    return lambda record: page_url(intervention, selectors.anchor(record))


@dataclass(frozen=True)
class Recording:
    """A page recording something on a record of the intervention: the form, the service and
    the keyword it takes that record by (`on`), how the record is found from the URL's pk,
    the success message and title, whether only a draft's editors may use it, and whether the
    page goes on to the new record (`to_new`) rather than to the record it was made on."""

    form: type[forms.Form]
    service: Callable[..., Any]
    on: str
    finder: Finder
    words: tuple[str, str]
    drafts_only: bool = False
    to_new: bool = False


def recording_view(spec: Recording) -> Callable[..., HttpResponse]:
    @require_http_methods(GET_POST)
    def view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
        intervention, record = on_record(
            request, reference, pk, spec.finder, drafts_only=spec.drafts_only
        )
        form = spec.form(request.POST or None)
        return record_page(
            request,
            intervention,
            form,
            lambda: spec.service(by=actor(request), **{spec.on: record}, **form.cleaned_data),
            words=spec.words,
            at=None if spec.to_new else record,
        )

    return view


@dataclass(frozen=True)
class Editing:
    """A page changing a recorded item (edit_page): how it is found from the URL's pk, its form,
    the service that changes it, and the success message and title."""

    finder: Finder
    form: type[forms.Form]
    update: Callable[..., Any]
    words: tuple[str, str]


def editing_view(spec: Editing) -> Callable[..., HttpResponse]:
    @require_http_methods(GET_POST)
    def view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
        intervention, record = on_record(request, reference, pk, spec.finder)
        success, title = spec.words
        return edit_page(
            request, intervention, record, spec.form, spec.update, success=success, title=title
        )

    return view
