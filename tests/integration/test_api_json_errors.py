"""Every error under /api/ is JSON in the API's one error shape, including those Django answers
before the API sees the request: an unknown path, a wrong method, a body over the size limit."""

from __future__ import annotations

import json

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.accounts.services import create_api_token
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _error(response) -> dict:  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_an_unknown_api_path_is_a_json_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"
    assert client.get("/api/nothing-here")["Content-Type"].startswith("application/json")


def test_a_wrong_method_is_a_json_405_with_allow(client) -> None:  # type: ignore[no-untyped-def]
    response = client.delete("/api/v1/notices")
    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_body_over_the_limit_is_a_json_413(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    secret = create_api_token(user=make_user(Role.CASEWORKER), name="script")[1]
    response = client.post(
        "/api/v1/drafts",
        data=json.dumps({"authority_gss": "E" * 2000}),
        content_type="application/json",
        headers={"authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"


def test_a_bad_query_is_a_json_400(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/notices?colour=blue")
    assert response.status_code == 400
    assert "colour" in _error(response)["fields"]


def test_the_api_documentation_page_stays_html(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/")["Content-Type"].startswith("text/html")
