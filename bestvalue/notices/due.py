"""What falls due under notices: each notice's review point (or end of period) and the data returns
owed under it. The one answer every channel reads (notices.obligations describes the shape)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from bestvalue.notices.models import DataRequest, Notice, Review, ReviewStatus
from bestvalue.notices.obligations import AUTHORITY_ONLY, EVERYONE, Kind, Obligation, Page
from bestvalue.notices.rules import Status
from bestvalue.notices.schedule import due_dates

# Far enough ahead to find the next return of any recurrence (a yearly one at most).
RETURNS_LOOKAHEAD = dt.timedelta(days=400)


def obligations(
    *, today: dt.date, authority_id: int | None = None, published_only: bool = False
) -> list[Obligation]:
    """Notices in force and the data returns owed under them, for one authority or all; with
    `published_only`, what the public may see (data returns are between the department and the
    authority, so never)."""
    found = _notice_dates(authority_id)
    if not published_only:
        found += _data_returns(today, authority_id)
    return found


def _notice_dates(authority_id: int | None) -> list[Obligation]:
    """Each notice in force: its review point (the end of its period) while no decision on it has
    been approved; once one has (a reissue, with the revised notice still to be issued), the end
    of its period. Overdue while the notice stays in force past it."""
    approved = Prefetch(
        "reviews", queryset=Review.objects.filter(status=ReviewStatus.APPROVED), to_attr="approved"
    )
    notices = Notice.objects.open().filter(expires_on__isnull=False)
    if authority_id is not None:
        notices = notices.filter(authority_id=authority_id)
    found = []
    for notice in notices.select_related("authority").prefetch_related(approved):
        assert notice.expires_on is not None
        name, reference = notice.authority.official_name, notice.reference or "(no reference)"
        decided = bool(notice.approved)  # type: ignore[attr-defined]
        if decided:
            kind, label = Kind.NOTICE_EXPIRY, "End of period"
            detail = "A decision has been approved; the notice's period ends on this day."
        else:
            kind, label = Kind.NOTICE_REVIEW, "Review point"
            detail = (
                "The notice's period ends. The department decides whether to reissue it, "
                "let it lapse, withdraw it or escalate."
            )
        found.append(
            Obligation(
                kind=kind,
                record_id=notice.pk,
                due_on=notice.expires_on,
                title=f"{label}: best value notice {reference} to {name}",
                detail=detail,
                label=label,
                authority_id=notice.authority_id,
                authority_name=name,
                authority_gss=notice.authority.gss_code,
                audience=EVERYONE,
                can_be_overdue=True,
                published=True,  # an issued notice is published
                page=Page.NOTICE,
                page_key=str(notice.pk),
                public_key=notice.reference or "",
            )
        )
    return found


def _data_returns(today: dt.date, authority_id: int | None) -> list[Obligation]:
    """Returns asked for under notices in force: every due date passed with no return received,
    and the next one to come (never a whole future schedule). A request carried to a revised
    notice on reissue (engagement.carry_open_requests) is owed under the revised notice."""
    requests = DataRequest.objects.filter(notice__status=Status.ISSUED)
    if authority_id is not None:
        requests = requests.filter(notice__authority_id=authority_id)
    found = []
    for request in requests.select_related("notice__authority").prefetch_related("returns"):
        notice = request.notice
        for due_on in outstanding_returns(request, today=today):
            found.append(
                Obligation(
                    kind=Kind.DATA_RETURN,
                    record_id=request.pk,
                    due_on=due_on,
                    title=f"Data return due: {request.title}, {notice.authority.official_name}",
                    detail=f"Asked for under best value notice {notice.reference} "
                    f"({request.get_recurrence_display().lower()}).",
                    label=request.title,
                    authority_id=notice.authority_id,
                    authority_name=notice.authority.official_name,
                    authority_gss=notice.authority.gss_code,
                    audience=AUTHORITY_ONLY,
                    can_be_overdue=True,
                    published=False,
                    page=Page.NOTICE,
                    page_key=str(notice.pk),
                    public_key=notice.reference or "",
                )
            )
    return found


def outstanding_returns(request: DataRequest, *, today: dt.date) -> list[dt.date]:
    """The request's due dates passed with no return received, and the next one to come (reads
    the prefetched returns)."""
    received = {r.due_on for r in request.returns.all()}
    schedule = due_dates(
        request.first_due_on,
        request.recurrence,
        request.last_due_on,
        until=today + RETURNS_LOOKAHEAD,
    )
    open_dates = [d for d in schedule if d not in received]
    return [d for d in open_dates if d < today] + [d for d in open_dates if d >= today][:1]
