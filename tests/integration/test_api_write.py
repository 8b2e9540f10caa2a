"""Personal API tokens (made and revoked on /staff/api-tokens/, stored only as a digest) and the
write endpoints, which go through the same services, rules and audit events as the pages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bestvalue.accounts.models import ApiToken
from bestvalue.accounts.roles import Role
from bestvalue.accounts.services import api_token_digest, create_api_token, revoke_api_token
from bestvalue.audit.models import AuditEvent
from bestvalue.notices.models import Notice
from tests.factories import make_authority, make_issued_notice, make_user

pytestmark = pytest.mark.django_db


def _token(role: str = Role.CASEWORKER) -> tuple[Any, str]:
    user = make_user(role)
    return user, create_api_token(user=user, name="Casework script")[1]


def _post(client: Any, url: str, body: dict[str, Any], secret: str | None) -> Any:
    headers = {"authorization": f"Bearer {secret}"} if secret else {}
    return client.post(url, body, content_type="application/json", headers=headers)


def test_a_caseworker_makes_a_token_shown_once_and_stored_as_a_digest(caseworker_client) -> None:  # type: ignore[no-untyped-def]
    response = caseworker_client.post("/staff/api-tokens/", {"name": "Nightly import"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode()).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get()
    assert token.digest == api_token_digest(secret)
    assert secret not in str(AuditEvent.objects.filter(action="api_token.created").values())
    again = caseworker_client.get("/staff/api-tokens/").content.decode()
    assert secret not in again
    assert "Nightly import" in again


def test_a_token_needs_a_name(caseworker_client) -> None:  # type: ignore[no-untyped-def]
    response = caseworker_client.post("/staff/api-tokens/", {"name": " "})
    assert response.status_code == 400
    assert "Enter what the token is for" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_works(client, caseworker_client) -> None:  # type: ignore[no-untyped-def]
    caseworker_client.post("/staff/api-tokens/", {"name": "Old script"})
    token = ApiToken.objects.get()
    response = caseworker_client.post(f"/staff/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoked", object_id=str(token.pk)).exists()


def test_nobody_revokes_someone_elses_token(caseworker_client) -> None:  # type: ignore[no-untyped-def]
    owner, _secret = _token()
    token = ApiToken.objects.get(user=owner)
    assert caseworker_client.post(f"/staff/api-tokens/{token.pk}/revoke/").status_code == 404
    with pytest.raises(Exception, match="only revoke your own"):
        revoke_api_token(token, by=make_user(Role.CASEWORKER))


def test_only_department_users_have_tokens(authority_officer_client) -> None:  # type: ignore[no-untyped-def]
    assert authority_officer_client.get("/staff/api-tokens/").status_code == 403
    with pytest.raises(Exception, match="Only department users"):
        create_api_token(user=make_user(Role.BOARD_MEMBER), name="x")


def test_a_caseworker_drafts_a_notice_through_the_api_with_the_same_audit_events(client) -> None:  # type: ignore[no-untyped-def]
    user, secret = _token()
    authority = make_authority()
    created = _post(
        client,
        "/api/v1/drafts",
        {"authority_gss": authority.gss_code, "period_months": 12, "addressee_name": "A. Chief"},
        secret,
    )
    assert created.status_code == 201, created.content
    draft = created.json()
    assert (draft["status"], draft["authority_gss"], draft["version"]) == (
        "draft",
        authority.gss_code,
        1,
    )
    ground = _post(
        client,
        f"/api/v1/drafts/{draft['id']}/grounds",
        {"version": 1, "text": "Auditor's concerns.", "themes": ["governance"]},
        secret,
    )
    assert ground.status_code == 201, ground.content
    expectation = _post(
        client,
        f"/api/v1/drafts/{draft['id']}/expectations",
        {
            "version": ground.json()["version"],
            "text": "Work with the board.",
            "themes": ["culture"],
        },
        secret,
    )
    body = expectation.json()
    assert [g["text"] for g in body["grounds"]] == ["Auditor's concerns."]
    assert body["expectations"] == [
        {"position": 1, "text": "Work with the board.", "themes": ["culture"]}
    ]
    actions = list(
        AuditEvent.objects.filter(actor=user, action__startswith="notice")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == [
        "notice.drafted",
        "notice.grounds.saved",
        "notice.edited",
        "notice.expectations.saved",
        "notice.edited",
    ]
    assert Notice.objects.get(pk=draft["id"]).drafted_by == user


def test_a_stale_version_is_a_409_and_changes_nothing(client) -> None:  # type: ignore[no-untyped-def]
    _user, secret = _token()
    draft = _post(
        client, "/api/v1/drafts", {"authority_gss": make_authority().gss_code}, secret
    ).json()
    _post(
        client,
        f"/api/v1/drafts/{draft['id']}/expectations",
        {"version": 1, "text": "First."},
        secret,
    )
    stale = _post(
        client,
        f"/api/v1/drafts/{draft['id']}/expectations",
        {"version": 1, "text": "Second."},
        secret,
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    assert Notice.objects.get(pk=draft["id"]).expectations.count() == 1


def test_an_approver_cannot_draft_through_the_api(client) -> None:  # type: ignore[no-untyped-def]
    _user, secret = _token(Role.APPROVER)
    response = _post(client, "/api/v1/drafts", {"authority_gss": make_authority().gss_code}, secret)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only department caseworkers can draft notices."
    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, "no token"),
        ({"authorization": "Bearer bvt_not-a-real-token"}, "unknown"),
        ({"authorization": "Basic abc"}, "wrong scheme"),
    ],
)
def test_writes_without_a_good_token_are_a_401(client, headers, why) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/v1/drafts",
        {"authority_gss": make_authority().gss_code},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401, why
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_revoked_token_is_a_401(client) -> None:  # type: ignore[no-untyped-def]
    user, secret = _token()
    revoke_api_token(ApiToken.objects.get(user=user), by=user)
    assert (
        _post(
            client, "/api/v1/drafts", {"authority_gss": make_authority().gss_code}, secret
        ).status_code
        == 401
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"authority_gss": "E99999999"}, "authority_gss"),
        ({"authority_gss": "nonsense"}, "authority_gss"),
        ({"authority_gss": "E06999999", "period_months": 0}, "period_months"),
    ],
)
def test_a_bad_draft_is_a_422_naming_the_field(client, body, field) -> None:  # type: ignore[no-untyped-def]
    make_authority(gss_code="E06999999")
    _user, secret = _token()
    response = _post(client, "/api/v1/drafts", body, secret)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert not Notice.objects.exists()


def test_an_unknown_theme_is_a_422(client) -> None:  # type: ignore[no-untyped-def]
    _user, secret = _token()
    draft = _post(
        client, "/api/v1/drafts", {"authority_gss": make_authority().gss_code}, secret
    ).json()
    response = _post(
        client,
        f"/api/v1/drafts/{draft['id']}/grounds",
        {"version": 1, "text": "x", "themes": ["vibes"]},
        secret,
    )
    assert response.status_code == 422
    assert "themes" in response.json()["error"]["fields"]


def test_an_issued_notice_is_not_a_draft(client) -> None:  # type: ignore[no-untyped-def]
    _user, secret = _token()
    notice = make_issued_notice()
    response = _post(
        client,
        f"/api/v1/drafts/{notice.pk}/expectations",
        {"version": notice.version, "text": "More."},
        secret,
    )
    assert response.status_code == 404


def test_a_caseworker_records_engagement_on_an_issued_notice(client) -> None:  # type: ignore[no-untyped-def]
    user, secret = _token()
    notice = make_issued_notice()
    body = {
        "kind": "meeting",
        "occurred_on": "2024-03-04",
        "summary": "Quarterly meeting.",
        "attendees": "Chief executive",
    }
    response = _post(client, f"/api/v1/notices/{notice.reference}/engagements", body, secret)
    assert response.status_code == 201, response.content
    assert response.json()["notice_reference"] == notice.reference
    assert AuditEvent.objects.filter(actor=user, action="engagement.recorded").count() == 1
    blank = _post(
        client,
        f"/api/v1/notices/{notice.reference}/engagements",
        {**body, "summary": "   "},
        secret,
    )
    assert blank.status_code == 422
    missing = _post(client, "/api/v1/notices/BVN-1999-001/engagements", body, secret)
    assert missing.status_code == 404
