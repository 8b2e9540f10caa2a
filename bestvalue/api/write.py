"""Write endpoints for department users with a personal API token: start a draft notice, add its
grounds and expectations, and record engagement on an issued notice. Each calls the service the
pages call, so the same rules, permission predicates and audit events apply; a draft is never
published by the API (approval stays on the pages, four eyes)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Status

from bestvalue.accounts import permissions
from bestvalue.api import serialise
from bestvalue.api.auth import token_auth
from bestvalue.api.errors import ApiError, ErrorOut
from bestvalue.api.read import Reference
from bestvalue.api.schemas import DraftIn, DraftOut, EngagementIn, EngagementOut, GroundIn, ItemIn
from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.notices import engagement, services
from bestvalue.notices import selectors as notice_selectors
from bestvalue.notices.rules import Status as NoticeStatus

router = Router(tags=["Casework (token needed)"], auth=token_auth)
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}
WORKING = (NoticeStatus.DRAFT, NoticeStatus.AWAITING_APPROVAL)
DraftId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The draft's id.")]


def _post(path: str, out: Any, name: str, summary: str) -> Any:
    """Declare an endpoint that creates: 201 with what it made, or one of ERRORS."""
    return router.post(path, response={201: out, **ERRORS}, url_name=name, summary=summary)


def _get(path: str, out: Any, name: str, summary: str) -> Any:
    return router.get(path, response={200: out, **ERRORS}, url_name=name, summary=summary)


def _user(request: HttpRequest) -> Any:
    """The token's user (TokenAuth sets it)."""
    return request.auth  # type: ignore[attr-defined]


def _draft(request: HttpRequest, pk: int) -> Any:
    """A draft or a notice awaiting approval, for a department user; 404 for anything else
    (an issued notice is read at /notices/{reference})."""
    if not permissions.is_department(_user(request)):
        raise ApiError(403, "Only department users can read drafts.")
    found = notice_selectors.notice_for_staff(pk)
    if found is None or found.status not in WORKING:
        raise ApiError(404, "No draft notice has that id.")
    return found


def _refused_input(exc: ValueError, field: str) -> ApiError:
    return ApiError(422, str(exc), fields={field: [str(exc)]})


@_post("/drafts", DraftOut, "drafts", "Start a draft notice")
def create_draft(request: HttpRequest, payload: DraftIn) -> Any:
    """Start a draft best value notice to an authority. Caseworkers only."""
    authority = authority_by_gss(payload.authority_gss)
    if authority is None:
        message = f"No authority has the GSS code {payload.authority_gss}."
        raise ApiError(422, message, fields={"authority_gss": [message]})
    notice = services.create_draft(
        by=_user(request),
        authority=authority,
        **payload.model_dump(exclude={"authority_gss"}),
    )
    return Status(201, serialise.draft(notice_selectors.notice_for_staff(notice.pk)))


@_get("/drafts/{pk}", DraftOut, "draft", "Read a draft notice")
def get_draft(request: HttpRequest, pk: DraftId) -> Any:
    """A draft notice, with the version to send with the next change. Department users only."""
    return serialise.draft(_draft(request, pk))


def _add(
    request: HttpRequest, pk: int, kind: str, payload: ItemIn, source_document: str = ""
) -> Any:
    notice = _draft(request, pk)
    item = services.ItemInput(
        text=payload.text, themes=list(payload.themes), source_document=source_document
    )
    try:
        services.save_item(notice, by=_user(request), version=payload.version, kind=kind, item=item)
    except ValueError as exc:
        raise _refused_input(exc, "text") from exc
    return Status(201, serialise.draft(notice_selectors.notice_for_staff(pk)))


@_post("/drafts/{pk}/grounds", DraftOut, "draft-grounds", "Add a ground")
def add_ground(request: HttpRequest, pk: DraftId, payload: GroundIn) -> Any:
    """Add a ground for the department's concern to a draft, tagged with themes. A stale
    `version` (someone changed the draft since you read it) is a 409 and changes nothing."""
    return _add(request, pk, "grounds", payload, payload.source_document)


@_post("/drafts/{pk}/expectations", DraftOut, "draft-expectations", "Add an expectation")
def add_expectation(request: HttpRequest, pk: DraftId, payload: ItemIn) -> Any:
    """Add an expectation to a draft, tagged with themes. A stale `version` is a 409."""
    return _add(request, pk, "expectations", payload)


@_post("/notices/{reference}/engagements", EngagementOut, "engagements", "Record an engagement")
def record_engagement(request: HttpRequest, reference: Reference, payload: EngagementIn) -> Any:
    """Record a meeting, call, letter or email with the authority under an issued notice.
    Caseworkers only."""
    notice = notice_selectors.published_notice(reference)
    if notice is None:
        raise ApiError(404, "No issued notice has that reference.")
    recorded = engagement.record_engagement(notice, by=_user(request), **payload.model_dump())
    return Status(201, serialise.engagement(recorded, reference))
