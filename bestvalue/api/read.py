"""Public read endpoints: anyone may call them, with no token. They read through the same
selectors as the register pages, so they show exactly what is published and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest
from django.views.decorators.http import condition
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from bestvalue.api import serialise
from bestvalue.api.errors import ApiError, ErrorOut
from bestvalue.api.http import DEFAULT_LIMIT, MAX_LIMIT, conditional, page, refuse_unknown
from bestvalue.api.schemas import (
    GSS,
    REFERENCE,
    TEXT,
    AuthorityOut,
    AuthorityPage,
    AuthorityType,
    ExpectationPage,
    ImprovementOut,
    InterventionDetailOut,
    InterventionPage,
    NoticeDetailOut,
    NoticePage,
    NoticeStatus,
    Region,
    Sort,
    ThemeKey,
    TimelineOut,
)
from bestvalue.authorities import selectors as authority_selectors
from bestvalue.core import clock
from bestvalue.improvement import public as improvement_public
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.letters import selectors as letter_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.public.caching import public_cache
from bestvalue.public.filters import RECORD_FILTERS, record_filters
from bestvalue.public.timeline import authority_timeline

router = Router(tags=["Public register"])
LIST_ERRORS: dict[int, Any] = {400: ErrorOut}
ONE_ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut}
GssCode = Annotated[str, Path(pattern=GSS, description="An authority's GSS code.")]
Reference = Annotated[str, Path(pattern=REFERENCE, description="The record's reference.")]


def _get(
    path: str,
    out: Any,
    name: str,
    summary: str,
    *,
    many: bool = False,
    validators: Callable[[Any], Any] = conditional,
) -> Callable[[Any], Any]:
    """Declare a public read endpoint: a list (`many`, which may be refused with a 400) or one
    record (also a 404), answered conditionally on the record's validators, and served from the
    public cache while the record is unchanged (a 304 is still answered before the cache)."""
    errors = LIST_ERRORS if many else ONE_ERRORS

    def declare(view: Any) -> Any:
        operation = router.get(path, response={200: out, **errors}, url_name=name, summary=summary)
        return operation(validators(decorate_view(public_cache)(view)))

    return declare


class Paged(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}."
    )
    offset: int = Field(0, ge=0, le=10_000_000, description="How many items to skip.")


class AuthorityQuery(Paged):
    q: str | None = Field(
        None, max_length=200, pattern=TEXT, description="A name (any variant) or GSS code."
    )
    type: AuthorityType | None = None  # type: ignore[valid-type]
    region: Region | None = None  # type: ignore[valid-type]
    status: str = Field(
        "current", pattern="^(current|abolished|all)$", description="current, abolished or all."
    )


class RecordQuery(Paged):
    """The register's filters (bestvalue.register.register_forms), by the same names."""

    q: str | None = Field(
        None,
        max_length=200,
        pattern=TEXT,
        description="An authority's name, a reference, or words from the record.",
    )
    authority: str | None = Field(None, pattern=GSS, description="An authority's GSS code.")
    authority_type: AuthorityType | None = None  # type: ignore[valid-type]
    region: Region | None = None  # type: ignore[valid-type]
    theme: ThemeKey | None = None
    year: int | None = Field(None, ge=1999, le=2100, description="The year issued or begun.")
    in_force_on: dt.date | None = Field(None, description="In force on this day (YYYY-MM-DD).")
    sort: Sort = "newest"


class NoticeQuery(RecordQuery):
    status: NoticeStatus | None = None


class InterventionQuery(RecordQuery):
    status: str | None = Field(
        None,
        pattern="^(active|directions_ended|ended)$",
        description="active (truly, today), directions_ended or ended.",
    )


class ExpectationQuery(Paged):
    notice: str | None = Field(None, pattern=REFERENCE, description="A notice's reference.")
    authority: str | None = Field(None, pattern=GSS, description="An authority's GSS code.")
    theme: ThemeKey | None = None


@_get("/authorities", AuthorityPage, "authorities", "List authorities", many=True)
def list_authorities(request: HttpRequest, filters: Query[AuthorityQuery]) -> Any:
    """Local authorities in England, by name: current ones unless `status` says otherwise."""
    refuse_unknown(request, AuthorityQuery.model_fields)
    current = {"current": True, "abolished": False, "all": None}[filters.status]
    found = authority_selectors.authority_list(
        authority_selectors.AuthorityFilters(
            kind=filters.type or "",
            region=filters.region or "",
            current=current,
            query=filters.q or "",
        )
    ).prefetch_related("names", "former_codes", "successors")
    return page(request, found, filters, serialise.authority)


def _authority(gss: str) -> Any:
    found = authority_selectors.authority_by_gss(gss)
    if found is None:
        current = authority_selectors.current_gss_for_former(gss)
        hint = f" It is a former code of {current}." if current else ""
        raise ApiError(404, f"No authority has the GSS code {gss}.{hint}")
    return found


@_get("/authorities/{gss}", AuthorityOut, "authority", "One authority")
def get_authority(request: HttpRequest, gss: GssCode) -> Any:
    refuse_unknown(request, ())
    return serialise.authority(_authority(gss))


def _published(record: Any, what: str) -> Any:
    if record is None:
        raise ApiError(404, f"No published {what} has that reference.")
    return record


_NOTICE_ORDER = {
    "newest": ("-issued_on", "-reference"),
    "oldest": ("issued_on", "reference"),
    "authority": ("authority__official_name", "issued_on", "reference"),
    "reference": ("reference",),
}


def _common(filters: RecordQuery) -> dict[str, Any]:
    return record_filters(**{name: getattr(filters, name) for name in RECORD_FILTERS})


@_get("/notices", NoticePage, "notices", "List published notices", many=True)
def list_notices(request: HttpRequest, filters: Query[NoticeQuery]) -> Any:
    """Published best value notices, filtered as on the register page. `in_force_on` lists
    the notices in force on that day."""
    refuse_unknown(request, NoticeQuery.model_fields)
    found = notice_selectors.search_published_notices(
        notice_selectors.NoticeFilters(status=filters.status or "", **_common(filters))
    ).select_related("replaces", "replaced_by")
    found = found.order_by(*_NOTICE_ORDER[filters.sort])
    return page(request, found, filters, serialise.notice)


@_get("/notices/{reference}", NoticeDetailOut, "notice", "One published notice")
def get_notice(request: HttpRequest, reference: Reference) -> Any:
    """A published notice with its grounds, acknowledgements, expectations and outcome."""
    refuse_unknown(request, ())
    found = _published(notice_selectors.published_notice(reference), "notice")
    return serialise.notice_detail(
        found,
        letter_selectors.issued_letters(found),
        notice_selectors.public_corrections(found),
    )


@_get("/expectations", ExpectationPage, "expectations", "List expectations", many=True)
def list_expectations(request: HttpRequest, filters: Query[ExpectationQuery]) -> Any:
    """The expectations of published notices, by notice and number."""
    refuse_unknown(request, ExpectationQuery.model_fields)
    found = notice_selectors.published_expectations()
    if filters.notice:
        found = found.filter(notice__reference=filters.notice)
    if filters.authority:
        found = found.filter(notice__authority__gss_code=filters.authority)
    if filters.theme:
        found = found.filter(themes__key=filters.theme)
    return page(request, found, filters, serialise.expectation)


def _intervention_key(sort: str) -> Any:
    def key(i: Any) -> tuple[Any, ...]:
        first = intervention_selectors.first_step(i)
        day = first.earliest if first else dt.date.min
        if sort == "authority":
            return (i.authority.official_name, day, i.reference)
        return (i.reference,) if sort == "reference" else (day, i.reference)

    return key


@_get(
    "/interventions",
    InterventionPage,
    "interventions",
    "List published interventions",
    many=True,
)
def list_interventions(request: HttpRequest, filters: Query[InterventionQuery]) -> Any:
    """Published inspections and interventions, filtered as on the register page. `in_force_on`
    lists those whose directions were certainly in force on that day."""
    refuse_unknown(request, InterventionQuery.model_fields)
    found = intervention_selectors.search_published_interventions(
        intervention_selectors.InterventionFilters(status=filters.status or "", **_common(filters))
    )
    found.sort(key=_intervention_key(filters.sort), reverse=filters.sort == "newest")
    return page(request, found, filters, serialise.intervention)


@_get(
    "/interventions/{reference}",
    InterventionDetailOut,
    "intervention",
    "One published intervention",
)
def get_intervention(request: HttpRequest, reference: Reference) -> Any:
    """A published intervention with each public step: reviews and panels, inspections,
    minded-to letters and directions, with the people appointed and findings per theme."""
    refuse_unknown(request, ())
    found = _published(intervention_selectors.published_intervention(reference), "intervention")
    return serialise.intervention_detail(found)


@_get("/authorities/{gss}/timeline", TimelineOut, "timeline", "An authority's timeline")
def get_timeline(request: HttpRequest, gss: GssCode) -> Any:
    """Everything published about the authority's notices and interventions, oldest first: the
    same timeline as its page."""
    refuse_unknown(request, ())
    authority = _authority(gss)
    entries = [
        {
            "on": e.on,
            "on_approx": e.on_approx or None,
            "date_text": e.date_text,
            "kind": e.kind,
            "label": e.label,
            "title": e.title,
            "summary": e.summary or None,
            "url": e.url,
            "record_reference": e.record_reference,
            "sources": list(e.sources),
            "links": [{"text": link.text, "url": link.url} for link in e.links],
        }
        for e in authority_timeline(authority)
    ]
    return {"authority": serialise.authority(authority), "entries": entries}


def _improvement_validators(request: HttpRequest, gss: str) -> Any:
    """The published record's own validators (improvement.public.validators), read once per
    request: an unpublished change to the authority's records does not change them."""
    found = getattr(request, "_improvement_validators", None)
    if found is None:
        authority = authority_selectors.authority_by_gss(gss)
        found = None if authority is None else improvement_public.validators(authority)
        request._improvement_validators = found  # type: ignore[attr-defined]
    return found


def _improvement_etag(request: HttpRequest, gss: str, **kwargs: Any) -> str | None:
    found = _improvement_validators(request, gss)
    return None if found is None else found.etag


def _improvement_last_modified(request: HttpRequest, gss: str, **kwargs: Any) -> Any:
    found = _improvement_validators(request, gss)
    return None if found is None else found.last_modified


improvement_conditional = decorate_view(
    condition(etag_func=_improvement_etag, last_modified_func=_improvement_last_modified)
)


@_get(
    "/authorities/{gss}/improvement",
    ImprovementOut,
    "improvement",
    "What an authority and its board published about its improvement",
    validators=improvement_conditional,
)
def get_improvement(request: HttpRequest, gss: GssCode) -> Any:
    """What the authority published of its improvement plan's actions (each with its latest
    progress update), its measures (with their readings), its evidence, and what its improvement
    board published of its assurance statements: the same record as the authority's improvement
    page. Nothing unpublished is ever included, and a published item appears as it was when last
    published (a change since waits until it is published again); every list may be empty.
    Nothing here depends on today's date (an action's lateness, a measure against its target),
    so the ETag and Last-Modified are those of what was published: compare `due_on` and the
    readings with today yourself."""
    refuse_unknown(request, ())
    authority = _authority(gss)
    return serialise.improvement(improvement_public.public_record(authority, today=clock.today()))
