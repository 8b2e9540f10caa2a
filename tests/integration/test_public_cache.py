"""Every public page and API read is served from the public cache for people who are not signed
in, until the published record changes (issue 16: the production server holds the public paths
within 3 times the trivial view because of this; bench/README.md has the measurement)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestvalue.accounts.roles import Role
from bestvalue.accounts.services import create_api_token
from tests.factories import (
    make_directions,
    make_draft_notice,
    make_intervention,
    make_issued_notice,
    make_user,
)


@pytest.fixture
def record(db: Any) -> dict[str, str]:
    notice = make_issued_notice()
    directions = make_directions(intervention=make_intervention(authority=notice.authority))
    return {
        "gss": notice.authority.gss_code,
        "notice": notice.reference,
        "intervention": directions.intervention.reference,
    }


PATHS = [
    "/authorities/",
    "/authorities/{gss}/",
    "/notices/{notice}/",
    "/interventions/{intervention}/",
    "/api/v1/authorities",
    "/api/v1/authorities/{gss}",
    "/api/v1/authorities/{gss}/timeline",
    "/api/v1/notices",
    "/api/v1/notices/{notice}",
    "/api/v1/expectations",
    "/api/v1/interventions",
    "/api/v1/interventions/{intervention}",
]


def _queries(client: Any, path: str, **headers: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response, len(context.captured_queries)


def _without_nonces(response: Any) -> str:
    # A replayed page carries the new request's own CSP nonce (test_register_pages).
    return re.sub(r'nonce="[^"]*"', "", response.content.decode())


@pytest.mark.parametrize("path", PATHS)
def test_a_public_path_is_served_from_the_cache_until_the_record_changes(
    client: Any, record: dict[str, str], path: str
) -> None:
    path = path.format(**record)
    first, built = _queries(client, path)
    again, replayed = _queries(client, path)
    assert built > 1
    assert replayed == 1, "only the record's version is read"
    assert _without_nonces(again) == _without_nonces(first)
    make_issued_notice()  # a publication through the services moves the version on
    _, rebuilt = _queries(client, path)
    assert rebuilt == built


def test_a_draft_does_not_empty_the_cache(client: Any, record: dict[str, str]) -> None:
    path = f"/authorities/{record['gss']}/"
    _queries(client, path)
    make_draft_notice()
    assert _queries(client, path)[1] == 1


def test_an_api_request_with_a_token_is_never_served_from_the_cache(
    client: Any, record: dict[str, str]
) -> None:
    _, token = create_api_token(user=make_user(Role.CASEWORKER), name="cache test")
    _queries(client, "/api/v1/notices")
    _, queries = _queries(client, "/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert queries > 1


def test_a_cached_api_response_still_answers_not_modified(
    client: Any, record: dict[str, str]
) -> None:
    first = client.get("/api/v1/notices")
    assert first.status_code == 200
    again = client.get("/api/v1/notices", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get("/api/v1/notices")["ETag"] == first["ETag"]
