"""Reads of what falls due and of reminders: `due_items` is the one list of dated obligations (the
domain apps' obligations, with their links), for each user's due page, their calendar feed and the
reminder run alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.notices.obligations import Obligation
from bestvalue.reminders import rules, sources
from bestvalue.reminders.models import Preference, Reminder, ReminderStatus
from bestvalue.reminders.permissions import concerns
from bestvalue.reminders.rules import DueItem, Kind


def all_due_items(today: dt.date) -> list[DueItem]:
    """Every dated obligation in the record, whoever it concerns, in date order."""
    return sources.due_items(today)


def preference_of(user: Any) -> Preference:
    """The user's preferences, or the defaults (email on, every kind) when they have set none."""
    found = Preference.objects.filter(user_id=user.pk).first()
    return found or Preference(user_id=user.pk)


def for_user(items: list[DueItem], user: Any, preference: Preference) -> list[DueItem]:
    """The items that concern the user, less the kinds they have turned off."""
    muted = set(preference.muted_kinds)
    return [i for i in items if i.kind not in muted and concerns(user, i)]


def due_items(today: dt.date, *, user: Any = None) -> list[DueItem]:
    """Every dated obligation (notices, data returns, inspections, minded-to letters, directions,
    reports, improvement plan actions), overdue ones and the next to come, in date order; with
    `user`, only those that concern them, in the kinds they have chosen."""
    items = all_due_items(today)
    if user is None:
        return items
    return for_user(items, user, preference_of(user))


@dataclass
class DuePage:
    today: dt.date
    horizon: dt.date
    overdue: list[DueItem] = field(default_factory=list)
    soon: list[DueItem] = field(default_factory=list)
    later: list[DueItem] = field(default_factory=list)


def due_page(today: dt.date, *, user: Any, soon_days: int) -> DuePage:
    """The user's items in three groups: overdue, due within `soon_days`, and later."""
    return grouped(due_items(today, user=user), today=today, soon_days=soon_days)


def grouped(items: list[DueItem], *, today: dt.date, soon_days: int) -> DuePage:
    """Items in the due page's three groups, each in the items' order."""
    page = DuePage(today=today, horizon=today + dt.timedelta(days=soon_days))
    for item in items:
        if rules.is_overdue(item, today):
            page.overdue.append(item)
        elif item.due_on <= page.horizon:
            page.soon.append(item)
        else:
            page.later.append(item)
    return page


def users_to_remind() -> QuerySet[User]:
    """Active users with a role and an email address, with what the reminder run reads of them."""
    return (
        User.objects.filter(is_active=True, role__in=Role.values)
        .exclude(email="")
        .select_related("board", "reminder_preference")
        .order_by("pk")
    )


def user_for_calendar(token: str) -> User | None:
    """Whose calendar feed a secret opens; None for an unknown or revoked one, or a user no longer
    active."""
    if not token:
        return None
    preference = (
        Preference.objects.filter(
            calendar_token_digest=rules.token_digest(token), user__is_active=True
        )
        .select_related("user__board")
        .first()
    )
    return None if preference is None else preference.user


def recent_reminders(user: Any, *, limit: int = 10) -> list[Reminder]:
    """The reminders last sent to the user, newest first."""
    sent = Reminder.objects.filter(user_id=user.pk, status=ReminderStatus.SENT)
    return list(sent.order_by("-sent_at", "-id")[:limit])


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, label) for kind, label in rules.KIND_LABELS.items()]


@dataclass
class DashboardDates:
    """The department's dashboard's share of the obligations: each kind within the window the
    dashboard shows it for, overdue ones always. The same obligations, with the same dates, as the
    due page and the reminders (the due page shows the later ones too)."""

    today: dt.date
    notices: list[Obligation] = field(default_factory=list)  # every review point and period end
    expiring_30: list[Obligation] = field(default_factory=list)
    expiring_60: list[Obligation] = field(default_factory=list)
    reviews_overdue: list[Obligation] = field(default_factory=list)
    returns_due: list[Obligation] = field(default_factory=list)
    inspection_reports: list[Obligation] = field(default_factory=list)
    windows_open: list[Obligation] = field(default_factory=list)
    directions_ending: list[Obligation] = field(default_factory=list)
    reports_due: list[Obligation] = field(default_factory=list)
    actions_due: list[Obligation] = field(default_factory=list)
    recommendations_due: list[Obligation] = field(default_factory=list)


# How far ahead the dashboard lists each kind (overdue ones are always listed; None: every one).
DASHBOARD_WINDOWS: dict[Kind, int | None] = {
    Kind.NOTICE_REVIEW: None,
    Kind.NOTICE_EXPIRY: None,
    Kind.DATA_RETURN: 14,
    Kind.INSPECTION_REPORT: None,
    Kind.REPRESENTATIONS: None,
    Kind.DIRECTIONS_END: 90,
    Kind.INTERVENTION_REPORT: 30,
    Kind.PLAN_ACTION: 30,
    Kind.RECOMMENDATION: 30,
}


def _on_dashboard(obligation: Obligation, today: dt.date) -> bool:
    window = DASHBOARD_WINDOWS[obligation.kind]
    return window is None or obligation.days_from(today) <= window


def dashboard_dates(today: dt.date) -> DashboardDates:
    """What falls due, for the department's dashboard, in a fixed number of queries."""
    board = DashboardDates(today=today)
    sections = {
        Kind.DATA_RETURN: board.returns_due,
        Kind.INSPECTION_REPORT: board.inspection_reports,
        Kind.REPRESENTATIONS: board.windows_open,
        Kind.DIRECTIONS_END: board.directions_ending,
        Kind.INTERVENTION_REPORT: board.reports_due,
        Kind.PLAN_ACTION: board.actions_due,
        Kind.RECOMMENDATION: board.recommendations_due,
    }
    for obligation in sources.obligations(today):
        if not _on_dashboard(obligation, today):
            continue
        if obligation.kind in sections:
            sections[obligation.kind].append(obligation)
            continue
        board.notices.append(obligation)
        days = obligation.days_from(today)
        if 0 <= days <= 30:
            board.expiring_30.append(obligation)
        elif 30 < days <= 60:
            board.expiring_60.append(obligation)
        elif days < 0 and obligation.kind == Kind.NOTICE_REVIEW:
            board.reviews_overdue.append(obligation)  # past its period with no decision
    return board
