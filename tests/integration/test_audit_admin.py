"""The audit log in the admin: administrators may read it; nobody may add, change or delete."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from bestvalue.audit.models import AuditEvent
from bestvalue.audit.services import record_event
from tests.clients import CheckingClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> AuditEvent:
    with transaction.atomic():
        return record_event(
            actor=None, action="notice.issued", object_label="Notice 1", after={"n": 1}
        )


def test_an_administrator_can_read_the_log(
    administrator_client: CheckingClient, event: AuditEvent
) -> None:
    listing = administrator_client.get(reverse("admin:audit_auditevent_changelist"))
    assert listing.status_code == 200
    assert "notice.issued" in listing.content.decode()
    detail = administrator_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert event.hash in detail.content.decode()


def test_an_administrator_cannot_add_change_or_delete_an_event(
    administrator_client: CheckingClient, event: AuditEvent
) -> None:
    assert administrator_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert administrator_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    administrator_client.post(change, {"action": "notice.withdrawn"})
    assert AuditEvent.objects.get().action == "notice.issued"


def test_a_caseworker_cannot_read_the_log(caseworker_client: CheckingClient) -> None:
    response = caseworker_client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 302
