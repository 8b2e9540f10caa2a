"""No back door in /admin/: records of the regime are read-only there, for administrators too;
what the admin may still change (users, roles, boards, reference data) is audited with before
and after, in the admin's own transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.audit.services import changes
from bestvalue.authorities.models import Authority
from bestvalue.guidance.models import Theme
from bestvalue.improvement.models import ImprovementBoard
from bestvalue.interventions.models import ApprovalStatus, MindedTo
from tests.clients import CheckingClient
from tests.factories import make_board, make_intervention, make_user

pytestmark = pytest.mark.django_db

# What the admin may change; every other model it shows is a record of the regime, or the log.
CHANGEABLE = {
    User,
    Group,
    AccessAttempt,
    AccessLog,
    AccessFailureLog,
    Authority,
    ImprovementBoard,
    Theme,
}


@pytest.fixture
def administrator() -> User:
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def admin_client(administrator: User) -> CheckingClient:
    client = CheckingClient()
    client.force_login(administrator)
    return client


def test_every_record_of_the_regime_is_view_only_in_the_admin(administrator: User) -> None:
    request = RequestFactory().get("/admin/")
    request.user = administrator
    read_only = [m for m in admin.site._registry if m not in CHANGEABLE]
    assert MindedTo in read_only
    for model, model_admin in admin.site._registry.items():
        inlines = model_admin.get_inline_instances(request)
        if model in CHANGEABLE:
            assert model_admin.has_change_permission(request), model
            continue
        for each in (model_admin, *inlines):
            assert each.has_view_permission(request), each
            if isinstance(each, InlineModelAdmin):
                assert not each.has_add_permission(request, None), each
            else:
                assert not each.has_add_permission(request), each
            assert not each.has_change_permission(request), each
            assert not each.has_delete_permission(request), each


def test_an_administrator_cannot_issue_a_minded_to_letter_in_the_admin(
    admin_client: CheckingClient,
) -> None:
    intervention = make_intervention()
    drafter, someone_else = make_user(Role.CASEWORKER), make_user(Role.APPROVER)
    letter = MindedTo.objects.create(
        intervention=intervention,
        position=1,
        letter_on=dt.date(2024, 5, 1),
        status=ApprovalStatus.DRAFT,
        drafted_by=drafter,
    )
    # An issued letter of the same intervention, to show the public page would show one.
    MindedTo.objects.create(
        intervention=intervention,
        position=2,
        letter_on=dt.date(2024, 7, 3),
        status=ApprovalStatus.ISSUED,
    )
    change = reverse("admin:interventions_mindedto_change", args=[letter.pk])
    assert admin_client.get(change).status_code == 200  # they may read it

    response = admin_client.post(
        change,
        {
            "intervention": intervention.pk,
            "position": 1,
            "letter_on": "2024-05-01",
            "status": ApprovalStatus.ISSUED,
            "approved_by": someone_else.pk,
            "drafted_by": drafter.pk,
        },
    )

    assert response.status_code == 403
    letter.refresh_from_db()
    assert (letter.status, letter.approved_by_id) == (ApprovalStatus.DRAFT, None)
    assert not AuditEvent.objects.filter(object_type="interventions.mindedto").exists()
    public = CheckingClient().get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    page = public.content.decode()
    assert "3 July 2024" in page
    assert "1 May 2024" not in page


def test_an_administrator_cannot_add_or_delete_a_record_of_the_regime(
    admin_client: CheckingClient,
) -> None:
    letter = MindedTo.objects.create(
        intervention=make_intervention(), position=1, status=ApprovalStatus.DRAFT
    )
    assert admin_client.get(reverse("admin:interventions_mindedto_add")).status_code == 403
    delete = reverse("admin:interventions_mindedto_delete", args=[letter.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert MindedTo.objects.filter(pk=letter.pk).exists()


def _user_form(user: User, **changes: Any) -> dict[str, Any]:
    joined = timezone.localtime(user.date_joined)
    data: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "role": user.role,
        "authority": user.authority_id or "",
        "board": user.board_id or "",
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S.%f"),
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(changes)
    return data


def test_a_role_change_in_the_admin_is_audited_with_the_role_before_and_after(
    admin_client: CheckingClient, administrator: User
) -> None:
    user = make_user(Role.CASEWORKER, email="c@example.gov.uk")
    change = reverse("admin:accounts_user_change", args=[user.pk])

    response = admin_client.post(change, _user_form(user, role=Role.APPROVER))

    assert response.status_code == 302, response.content.decode()
    user.refresh_from_db()
    assert user.role == Role.APPROVER
    event = AuditEvent.objects.get(action="admin.accounts.user.changed")
    assert (event.actor, event.object_id) == (administrator, str(user.pk))
    assert (event.before["role"], event.after["role"]) == (Role.CASEWORKER, Role.APPROVER)
    assert "password" not in event.before
    assert "password" not in event.after
    assert user.password not in str(event.before) + str(event.after)


def test_saving_a_user_unchanged_records_nothing(admin_client: CheckingClient) -> None:
    user = make_user(Role.CASEWORKER)
    change = reverse("admin:accounts_user_change", args=[user.pk])
    assert admin_client.post(change, _user_form(user)).status_code == 302
    events = list(AuditEvent.objects.all())
    assert [changes(e.before, e.after) for e in events] == []


def test_a_password_change_in_the_admin_is_recorded_without_the_hash(
    admin_client: CheckingClient,
) -> None:
    user = make_user(Role.CASEWORKER)
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    new = "a-long-new-password-7391"
    response = admin_client.post(url, {"password1": new, "password2": new})
    assert response.status_code == 302, response.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
    event = AuditEvent.objects.get(action="admin.accounts.user.password_changed")
    assert (event.before, event.after) == (None, None)


def test_a_board_and_its_members_changed_in_the_admin_are_audited(
    admin_client: CheckingClient,
) -> None:
    board = make_board(name="Old name")
    change = reverse("admin:improvement_improvementboard_change", args=[board.pk])
    response = admin_client.post(
        change,
        {
            "name": "New name",
            "authority": board.authority_id,
            "kind": board.kind,
            "established_on": "",
            "stood_down_on": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-name": "A. Chair",
            "memberships-0-role": "chair",
            "memberships-0-description": "",
            "memberships-0-started_on": "2024-01-01",
            "memberships-0-ended_on": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    event = AuditEvent.objects.get(action="admin.improvement.improvementboard.changed")
    assert (event.before["name"], event.after["name"]) == ("Old name", "New name")
    assert event.before["memberships"] == []
    assert [m["name"] for m in event.after["memberships"]] == ["A. Chair"]


def test_a_deletion_in_the_admin_is_audited_with_the_record_before(
    admin_client: CheckingClient,
) -> None:
    board = make_board(name="Stood down")
    delete = reverse("admin:improvement_improvementboard_delete", args=[board.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    event = AuditEvent.objects.get(action="admin.improvement.improvementboard.deleted")
    assert (event.object_id, event.before["name"], event.after) == (
        str(board.pk),
        "Stood down",
        None,
    )


def test_the_admin_board_form_lists_the_authorities_without_javascript(
    admin_client: CheckingClient,
) -> None:
    from bestvalue.improvement.models import ImprovementBoard
    from tests.factories import make_authority

    authority = make_authority()
    add = reverse("admin:improvement_improvementboard_add")
    html = admin_client.get(add).content.decode()
    # A plain select holding the authorities, not an autocomplete filled in by a script.
    assert f'<option value="{authority.pk}">' in html
    assert "admin-autocomplete" not in html
    response = admin_client.post(
        add,
        {
            "name": "Testshire Improvement Board",
            "authority": authority.pk,
            "kind": "non_statutory",
            "established_on": "",
            "stood_down_on": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert ImprovementBoard.objects.get(name="Testshire Improvement Board").authority == authority
