"""The Atom feed of published changes, for all authorities or one: notices issued, replaced,
lapsed, withdrawn or escalated; inspections announced; minded-to letters; interventions begun,
extended and ended. Built with Django's syndication framework from the published record only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.db.models import DateField, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.core import clock
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.interventions.rules import DIRECTIONS_ENDED, directions_ended_on, span_of
from bestvalue.notices import selectors as notice_selectors
from bestvalue.notices.rules import PERIOD_ENDED
from bestvalue.public.caching import public_cache
from bestvalue.public.naming import intervention_title, intervention_url, span_text

FEED_LIMIT = 100


@dataclass(frozen=True)
class Change:
    on: dt.date
    approx: str  # the rough date in words when the day is not known, else ""
    key: str  # stable: the record and the event, for the entry's id
    title: str
    description: str
    url: str


_NOTICE_ENDINGS = {
    "reissued": "replaced by a revised notice",
    "lapsed": "lapsed",
    "withdrawn": "withdrawn",
    "escalated": "escalated",
}


def _notice_changes(notices: Any) -> list[Change]:
    changes = []
    for n in notices:
        name, url = (
            n.authority.official_name,
            reverse("register:notice", kwargs={"reference": n.reference}),
        )
        kind = "Revised best value notice" if n.replaces_id else "Best value notice"
        period = f" for {n.period_months} months" if n.period_months else ""
        changes.append(
            Change(
                n.issued_on,
                "",
                f"notice/{n.reference}/issued",
                f"{kind} {n.reference} issued to {name}",
                f"Issued on {n.issued_on:%d %B %Y}{period}.",
                url,
            )
        )
        if n.standing == PERIOD_ENDED and n.expires_on is not None:
            changes.append(
                Change(
                    n.expires_on,
                    "",
                    f"notice/{n.reference}/period_ended",
                    f"Period of best value notice {n.reference} to {name} ended; "
                    "outcome not recorded",
                    f"{n.standing_label}.",
                    url,
                )
            )
        if n.status in _NOTICE_ENDINGS:
            outcome = getattr(n, "outcome", None)
            on = n.ended_on or (outcome.decided_on if outcome else None)
            span = span_of(on, outcome.decided_on_approx if outcome else "")
            if span is not None:
                title = f"Best value notice {n.reference} to {name} {_NOTICE_ENDINGS[n.status]}"
                note = outcome.note if outcome and outcome.note else n.get_status_display() + "."
                changes.append(
                    Change(
                        span.earliest,
                        "" if span.is_exact else span_text(span),
                        f"notice/{n.reference}/{n.status}",
                        title,
                        note,
                        url,
                    )
                )
    return changes


def _correction_changes(authority_id: int | None, limit: int | None) -> list[Change]:
    """Corrections in the open: each approved correction of a notice, dated the day it was
    made, with its note and reason."""
    changes: list[Change] = []
    for correction, n in notice_selectors.latest_public_corrections(authority_id, limit=limit):
        changes.append(
            Change(
                correction.corrected_on,
                "",
                f"notice/{n.reference}/correction/{correction.pk}",
                f"Best value notice {n.reference} to {n.authority.official_name} "
                + ("withdrawn: issued in error" if correction.withdrawal else "corrected"),
                f"{correction.note} {correction.reason}",
                reverse("register:notice", kwargs={"reference": n.reference}),
            )
        )
    return changes


_DIRECTIONS_VERBS = {
    "extension": "extended",
    "revocation": "directions revoked",
    "expiry": "directions expired",
    "exit": "ended",
    "appointment": "appointees changed",
}


def _step_title(record: Any, name: str, first_directions: bool) -> tuple[str, str]:
    """The step's title in the feed, and its kind for the entry id."""
    kind = getattr(record, "kind", "")
    if hasattr(record, "announced_on"):
        return f"Best value inspection of {name} announced", "inspection"
    if hasattr(record, "representations_by"):
        return f"Minded-to letter sent to {name}", "minded_to"
    if kind == "directions":
        what = "Statutory intervention in" if first_directions else "Further directions to"
        return f"{what} {name}{' began' if first_directions else ''}", kind
    if kind in _DIRECTIONS_VERBS:
        return f"Intervention in {name}: {_DIRECTIONS_VERBS[kind]}", kind
    return f"{record.get_kind_display()} of {name}", kind


def _intervention_changes(interventions: Any) -> list[Change]:
    changes = []
    today = clock.today()
    for i in interventions:
        name, url = i.authority.official_name, intervention_url(i.reference)
        records = [
            *i.non_statutory_stages.all(),
            *i.inspections.all(),
            *i.minded_to_letters.all(),
            *i.directions.all(),
        ]
        seen_directions = False
        for record in sorted(records, key=lambda r: r.position):
            on, approx = _record_date(record)
            span = span_of(on, approx)
            if span is None:
                continue
            first = getattr(record, "kind", "") == "directions" and not seen_directions
            seen_directions = seen_directions or first
            title, kind = _step_title(record, name, first)
            description = record.note or intervention_title(i)
            changes.append(
                Change(
                    span.earliest,
                    "" if span.is_exact else span_text(span),
                    f"intervention/{i.reference}/{kind}/{record.position}",
                    title,
                    description,
                    url,
                )
            )
        if i.standing == DIRECTIONS_ENDED:
            ended = directions_ended_on(status=i.status, steps=i.directions_steps(), today=today)
            assert ended is not None
            changes.append(
                Change(
                    ended,
                    "",
                    f"intervention/{i.reference}/directions_ended",
                    f"Intervention in {name}: directions ended; exit not recorded",
                    f"{i.standing_label}.",
                    url,
                )
            )
    return changes


def _record_date(record: Any) -> tuple[dt.date | None, str]:
    for field in ("announced_on", "letter_on", "made_on", "started_on"):
        if hasattr(record, field):
            return getattr(record, field), getattr(record, f"{field}_approx")
    return None, ""


def _may_be_newest(notices: QuerySet[Any], limit: int) -> QuerySet[Any]:
    """The notices that can have one of the `limit` newest changes, so that the feed reads a
    page of the record rather than all of it: a notice's issue is among them only if it was
    issued on or after the limit-th newest issue date, and likewise its end; a notice ended with
    no end date recorded is dated from its outcome, so those are always read (the register's
    older records, a handful)."""

    def nth_newest(field: str) -> Coalesce:
        newest = notices.filter(**{f"{field}__isnull": False}).order_by(f"-{field}")
        day = Subquery(newest.values(field)[limit - 1 : limit], output_field=DateField())
        return Coalesce(day, Value(dt.date.min), output_field=DateField())

    return notices.filter(
        Q(issued_on__gte=nth_newest("issued_on"))
        | Q(ended_on__gte=nth_newest("ended_on"))
        | Q(ended_on__isnull=True, status__in=list(_NOTICE_ENDINGS))
        # Periods that ended with no outcome recorded are dated by their expiry (a handful).
        | Q(pk__in=notice_selectors.period_ended(clock.today()).values("pk"))
    )


def published_changes(authority_id: int | None = None, *, limit: int | None = None) -> list[Change]:
    """Every published change, newest first (only the newest `limit`, if given), in a fixed
    number of queries."""
    notices = notice_selectors.published_notices().select_related("authority", "outcome")
    interventions = intervention_selectors.published_intervention_rows()
    if authority_id is not None:
        notices = notices.filter(authority_id=authority_id)
        interventions = interventions.filter(authority_id=authority_id)
    if limit is not None:
        notices = _may_be_newest(notices, limit)
    changes = (
        _notice_changes(notices)
        + _correction_changes(authority_id, limit)
        + _intervention_changes(interventions)
    )
    return sorted(changes, key=lambda c: (c.on, c.key), reverse=True)[:limit]


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()), timezone.get_default_timezone())


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, gss_code: str | None = None) -> Any:
        if gss_code is None:
            return None
        authority = authority_by_gss(gss_code)
        if authority is None:
            raise Http404(f"No authority has the GSS code {gss_code}")
        return authority

    def title(self, obj: Any) -> str:
        where = obj.official_name if obj else "England"
        return f"Best value notices and interventions: {where}"

    def subtitle(self, obj: Any) -> str:
        return (
            "Published changes to the register of best value notices, inspections and "
            "interventions, newest first. Dates are those of the events themselves."
        )

    def link(self, obj: Any) -> str:
        if obj:
            return reverse("register:authority", kwargs={"gss_code": obj.gss_code})
        return reverse("register:register")

    def author_name(self) -> str:
        return settings.SERVICE_NAME

    def items(self, obj: Any) -> list[Change]:
        return published_changes(obj.pk if obj else None, limit=FEED_LIMIT)

    def item_title(self, item: Change) -> str:
        return item.title + (f" (date approximate: {item.approx})" if item.approx else "")

    def item_description(self, item: Change) -> str:
        return item.description

    def item_link(self, item: Change) -> str:
        return item.url

    def item_guid(self, item: Change) -> str:
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},2023:{item.key}"

    def item_guid_is_permalink(self, item: Change) -> bool:
        return False

    def item_updateddate(self, item: Change) -> dt.datetime:
        return _moment(item.on)

    def item_pubdate(self, item: Change) -> dt.datetime:
        return _moment(item.on)


_feed = ChangesFeed()


@require_safe
@login_not_required
@public_cache
def changes_feed(request: HttpRequest, gss_code: str | None = None) -> HttpResponse:
    return _feed(request, gss_code=gss_code)
