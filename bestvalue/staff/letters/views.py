"""The department's letter pages: the letter of a draft, as a page and as PDF and DOCX marked as
drafts; and the import of an existing letter or statement into a draft notice, which a person
checks first. Views are thin: reading and proposing are bestvalue.letters.reading and
.extraction, writing is bestvalue.letters.services."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bestvalue.accounts import permissions
from bestvalue.core.dates import uk_date
from bestvalue.letters import selectors, services, uploads
from bestvalue.letters.authorities import reference_variants
from bestvalue.letters.extraction import propose
from bestvalue.letters.kinds import MEDIA_TYPES, LetterFormat
from bestvalue.letters.reading import UnreadableDocument, read_document
from bestvalue.letters.rendering import render_docx, render_pdf
from bestvalue.staff.letters.forms import NO_EVENT, DraftFromLetterForm, ImportForm
from bestvalue.staff.pages import DOMAIN_ERRORS, refuse
from bestvalue.staff.pages import status_for as _status_for

SIGNING_SALT = "bestvalue.letters.import"
PROPOSAL_MAX_AGE = 24 * 60 * 60  # seconds a proposal page may be left open before confirming
EVENT_LABELS = {
    "issued": "Notice issued",
    "reissued": "Revised notice issued",
    "not_reissued": "Notice ended, not reissued",
}


def _department_only(request: HttpRequest) -> None:
    if not permissions.is_department(request.user):
        raise PermissionDenied("Letters are prepared by the department.")


def _found(request: HttpRequest, find: Callable[[], Any], missing: str) -> Any:
    """The record and its draft letter, for the department only (asked before anything is read);
    a 404 saying what is missing."""
    _department_only(request)
    found = find()
    if found is None:
        raise Http404(missing)
    return found


def _draft_letter(request: HttpRequest, pk: int, kind: str) -> Any:
    return _found(
        request,
        lambda: selectors.draft_letter(pk, kind),
        "This notice has no draft letter of that kind",
    )


@require_safe
def letter_preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    notice, letter = _draft_letter(request, pk, kind)
    context = {"notice": notice, "letter": letter, "h": 2}
    return render(request, "letters/preview.html", context)


@require_safe
def letter_draft_download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    if fmt not in LetterFormat.values:
        raise Http404("Letters are downloaded as pdf or docx")
    notice, letter = _draft_letter(request, pk, kind)
    return _draft_file(letter, fmt, f"{letter.filename}-{notice.pk}.{fmt}")


def _draft_file(letter: Any, fmt: str, filename: str) -> HttpResponse:
    data = render_pdf(letter) if fmt == LetterFormat.PDF else render_docx(letter)
    response = HttpResponse(data, content_type=MEDIA_TYPES[LetterFormat(fmt)])
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    # A draft changes with every edit, so it is never cached.
    response["Cache-Control"] = "private, no-store"
    return response


def _draft_step(request: HttpRequest, reference: str, stage: str, pk: int) -> Any:
    return _found(
        request,
        lambda: selectors.draft_step_letter(reference, stage, pk),
        "This intervention has no draft letter at that address",
    )


@require_safe
def step_letter_preview(request: HttpRequest, reference: str, stage: str, pk: int) -> HttpResponse:
    """The draft letter of a minded-to record or of directions (or their exit)."""
    record, letter = _draft_step(request, reference, stage, pk)
    context = {
        "intervention": record.intervention,
        "record": record,
        "stage": stage,
        "letter": letter,
        "h": 2,
    }
    return render(request, "letters/preview.html", context)


@require_safe
def step_letter_download(
    request: HttpRequest, reference: str, stage: str, pk: int, fmt: str
) -> HttpResponse:
    if fmt not in LetterFormat.values:
        raise Http404("Letters are downloaded as pdf or docx")
    _record, letter = _draft_step(request, reference, stage, pk)
    return _draft_file(letter, fmt, f"{letter.filename}.{fmt}")


# --- Import ------------------------------------------------------------------------------------


def event_label(event: dict[str, Any]) -> str:
    """ "Revised notice issued on 30 January 2024, for 6 months" from a proposal's event."""
    on = event.get("on")
    if on and len(on) == 10:
        when = f"on {uk_date(dt.date.fromisoformat(on))}"
    elif on and len(on) == 7:
        when = f"in {dt.date.fromisoformat(on + '-01'):%B %Y}"
    else:
        when = "(date not stated)"
    period = f", for {event['period_months']} months" if event.get("period_months") else ""
    return f"{EVENT_LABELS.get(event['kind'], event['kind'])} {when}{period}"


def _initial(data: dict[str, Any]) -> dict[str, Any]:
    """The form as proposed: the latest notice issued in the text, its period and department."""
    proposal = data["proposal"]
    events = proposal["events"]
    chosen = next(
        (i for i in reversed(range(len(events))) if events[i]["kind"] != "not_reissued"), None
    )
    event = events[chosen] if chosen is not None else {}
    on = event.get("on") or proposal.get("published_on") or ""
    people = {
        f"{who}_{part}": (proposal.get(who) or {}).get(part) or ""
        for who in ("addressee", "signatory")
        for part in ("name", "role")
    }
    return {
        "authority": selectors.authority_id_for(proposal["authority_gss"]),
        "event": str(chosen) if chosen is not None else NO_EVENT,
        # The department was DLUHC until it became MHCLG again in July 2024.
        "department": "DLUHC" if on and on[:7] < "2024-07" else "MHCLG",
        "period_months": event.get("period_months")
        or (6 if event.get("kind") == "reissued" else 12),
        "expectations": "\n".join(proposal["expectations"]),
        "acknowledgements": "\n".join(proposal["acknowledgements"]),
        **people,
    }


def _confirm_form(data: dict[str, Any], token: str, post: Any = None) -> DraftFromLetterForm:
    choices = [(str(i), event_label(e)) for i, e in enumerate(data["proposal"]["events"])]
    return DraftFromLetterForm(
        post, initial={**_initial(data), "proposal": token}, event_choices=choices
    )


def _show_proposal(
    request: HttpRequest, data: dict[str, Any], form: DraftFromLetterForm, status: int = 200
) -> HttpResponse:
    context = {
        "data": data,
        "form": form,
        "event_label": event_label,
        "date_label": lambda iso: uk_date(dt.date.fromisoformat(iso)),
        "can_create": permissions.can_draft(request.user),
    }
    return render(request, "letters/import_proposal.html", context, status=status)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def letter_import(request: HttpRequest) -> HttpResponse:
    """The upload page. The size-limited, memory-only upload handler must be in place before
    anything reads the request body, and the CSRF check reads it, so CSRF is checked just after
    (csrf_protect on the inner view: Django's documented pattern)."""
    _department_only(request)
    request.upload_handlers = [uploads.LimitedMemoryUpload(request, uploads.MAX_UPLOAD_BYTES)]
    return _letter_import(request)


@csrf_protect
def _letter_import(request: HttpRequest) -> HttpResponse:
    # Bound on every POST: an oversized file is dropped, which may leave the POST empty.
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST":
        valid = form.is_valid()
        if request.upload_handlers[0].too_big:  # type: ignore[attr-defined]
            form.errors.pop("file", None)
            form.add_error(
                "file",
                f"The file is larger than {uploads.size_text(uploads.MAX_UPLOAD_BYTES)}, the "
                "largest that can be imported. Import the letter itself, without attachments",
            )
        elif valid:
            upload = form.cleaned_data["file"]
            try:
                document = _read(upload)
            except UnreadableDocument as exc:
                form.add_error("file", exc.message)
            else:
                upload.seek(0)
                data = _proposal_data(form.cleaned_data, document, hashlib.sha256(upload.read()))
                token = signing.dumps(data, salt=SIGNING_SALT, compress=True)
                return _show_proposal(request, data, _confirm_form(data, token))
    return render(
        request, "letters/import.html", {"form": form}, status=400 if form.errors else 200
    )


def _read(upload: Any) -> Any:
    document = read_document(upload, upload.name, max_bytes=uploads.MAX_UPLOAD_BYTES)
    if len(document.text) > uploads.MAX_TEXT_CHARS:
        raise UnreadableDocument(
            f"The letter is too long to import ({len(document.text):,} characters of text; the "
            f"most is {uploads.MAX_TEXT_CHARS:,}). Import the letter itself, without its annexes"
        )
    return document


def _proposal_data(cleaned: dict[str, Any], document: Any, digest: Any) -> dict[str, Any]:
    upload, published_on = cleaned["file"], cleaned["published_on"]
    source_url = cleaned["source_url"] or document.source_url
    proposal = propose(
        document.text,
        published_on=published_on,
        variants=selectors.name_variants() or reference_variants(),
        source_url=source_url,
    )
    return {
        "proposal": proposal.as_json(),
        "document": {
            "file": upload.name,
            "kind": document.kind,
            "size": upload.size,
            "sha256": digest.hexdigest(),
        },
        "source_url": source_url or "",
        "published_on": published_on.isoformat() if published_on else None,
    }


@require_POST
def letter_import_create(request: HttpRequest) -> HttpResponse:
    """Create the draft notice from the proposal as the person confirmed or corrected it."""
    if not permissions.can_draft(request.user):
        raise PermissionDenied("Only caseworkers create draft notices.")
    token = request.POST.get("proposal", "")
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=PROPOSAL_MAX_AGE)
    except signing.BadSignature:
        error = "The proposal has expired or was changed. Upload the letter again to import it."
        context = {"form": ImportForm(), "error": error}
        return render(request, "letters/import.html", context, status=400)
    form = _confirm_form(data, token, request.POST)
    if not form.is_valid():
        return _show_proposal(request, data, form, status=400)
    try:
        notice = services.create_draft_from_letter(by=request.user, **_draft_values(form, data))
    except DOMAIN_ERRORS as exc:
        refuse(form, exc)
        return _show_proposal(request, data, form, status=_status_for(exc))
    messages.success(
        request,
        "Draft notice created from the letter. Add its grounds and tag each expectation with "
        "its themes before sending it for approval.",
    )
    return redirect("staff:notice", pk=notice.pk)


def _draft_values(form: DraftFromLetterForm, data: dict[str, Any]) -> dict[str, Any]:
    cleaned = form.cleaned_data
    events = data["proposal"]["events"]
    event = None if cleaned["event"] == NO_EVENT else events[int(cleaned["event"])]
    return {
        "authority": cleaned["authority"],
        "department": cleaned["department"],
        "period_months": cleaned["period_months"],
        "expectations": cleaned["expectation_list"],
        "acknowledgements": cleaned["acknowledgement_list"],
        **{
            name: cleaned[name]
            for name in ("addressee_name", "addressee_role", "signatory_name", "signatory_role")
        },
        "provenance": {
            "document": data["document"],
            "source_url": data["source_url"],
            "published_on": data["published_on"],
            "event": event and {k: event[k] for k in ("kind", "on", "period_months", "passage")},
            "proposed_authority": data["proposal"]["authority_gss"],
        },
    }
