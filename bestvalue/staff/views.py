"""Pages for signed-in users."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from bestvalue.accounts import permissions
from bestvalue.core import clock
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.reminders import selectors as reminder_selectors
from bestvalue.staff.forms import InForceForm

# How many rows each of the dashboard's lists shows.
DASHBOARD_ROWS = 10


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting point: who you are, what you can do, and where."""
    if not permissions.can_use_staff_pages(request.user):
        raise PermissionDenied("This account has no role.")
    if permissions.is_department(request.user):
        return dashboard(request)
    return render(
        request,
        "staff/home.html",
        {
            "is_department": permissions.is_department(request.user),
            "can_use_admin": permissions.can_use_admin(request.user),
        },
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """The department's view of what needs its attention. What falls due is the domain apps' one
    answer (reminders.selectors.dashboard_dates), the same as on each user's due page and in the
    reminders and calendars. Its "in force on a date" form is answered on its own page
    (in_force), so a mistake in it is that page's 400, never the workspace's."""
    today = clock.today()
    return render(
        request,
        "staff/dashboard.html",
        {
            "board": notice_selectors.dashboard(today),
            "interventions": intervention_selectors.dashboard(today),
            "due": reminder_selectors.dashboard_dates(today),
            "form": InForceForm(),
            "is_caseworker": permissions.is_caseworker(request.user),
            # Each list shows its first rows and links to the page that has them all, so the
            # dashboard stays one screenful at any size (bench/README.md).
            "rows_shown": DASHBOARD_ROWS,
            "in_force_list": reverse("staff:notice-list") + "?status=issued&sort=next",
            "period_ended_list": reverse("staff:notice-list") + "?status=period_ended&sort=next",
        },
    )


@require_safe
def in_force(request: HttpRequest) -> HttpResponse:
    """The notices in force on a date, for the department; a bad date is a 400 with the error
    summary at the top of the page."""
    if not permissions.is_department(request.user):
        raise PermissionDenied("This list is for the department.")
    form = InForceForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        found = list(notice_selectors.in_force_on(form.cleaned_data["on"]))
    return render(
        request,
        "staff/in_force.html",
        {"form": form, "in_force": found},
        status=400 if form.errors else 200,
    )
