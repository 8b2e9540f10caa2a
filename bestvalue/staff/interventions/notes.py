"""Notes on an intervention: the department's private working record of the case (issue 17,
point 2). Shown on the department's intervention page only, newest first."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.interventions import services
from bestvalue.staff.forms import _text
from bestvalue.staff.interventions.common import (
    GET_POST,
    actor,
    form_page,
    intervention_of,
    page_url,
)
from bestvalue.staff.pages import OnceForm


class NoteForm(OnceForm):
    text = _text(
        "Note",
        "Enter the note",
        help_text="Only the department sees notes. They are dated and signed with your name.",
    )


@require_http_methods(GET_POST)
def note_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = intervention_of(request, reference)  # department staff only
    form = NoteForm(request.POST or None)

    def save() -> Any:
        return services.add_note(intervention, by=actor(request), text=form.cleaned_data["text"])

    return form_page(
        request,
        form,
        save,
        success="Note added.",
        to=lambda note: page_url(intervention, "notes"),
        title="Add a note",
        button="Add the note",
        intervention=intervention,
        once=lambda pk: page_url(intervention, "notes"),
    )
