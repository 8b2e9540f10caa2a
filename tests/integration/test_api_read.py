"""The API's public reads on the real record: the same filters as the register, pagination with
bounds, the one error shape, ETags and 304s, and the docs page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from tests.integration.test_register_real_record import IN_FORCE_ON_1_JUNE_2024, real_record

__all__ = ["real_record"]  # the module-scoped fixture, loaded once for this module too


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _get(client: Any, url: str, expect: int = 200, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == expect, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def test_notices_in_force_on_a_day_are_exactly_those_of_the_register(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    page = _get(client, "/api/v1/notices", in_force_on="2024-06-01", limit=100)
    assert page["count"] == 8
    assert {n["register_id"] for n in page["items"]} == IN_FORCE_ON_1_JUNE_2024
    cpca = next(n for n in page["items"] if n["register_id"] == "cpca-2024-01")
    assert (cpca["authority_gss"], cpca["issued_on"], cpca["kind"]) == (
        "E47000008",
        "2024-01-30",
        "revised_notice",
    )
    assert cpca["replaces"] == real_record["cpca-2023-01"]


def test_a_notice_in_full(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    notice = _get(client, f"/api/v1/notices/{real_record['cpca-2024-01']}")
    assert notice["authority_gss"] == "E47000008"
    assert len(notice["expectations"]) == 5
    assert notice["expectations"][0]["text"].startswith(
        "Continue with the independent Improvement Board"
    )
    assert notice["outcome"]["outcome"] == "lapsed"
    assert notice["outcome"]["decided_on"] == "2024-09-09"
    assert notice["sources"]


def test_pages_are_bounded_and_link_to_each_other(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    first = _get(client, "/api/v1/notices", limit=10, sort="oldest")
    assert (first["count"], len(first["items"]), first["previous"]) == (15, 10, None)
    assert first["items"][0]["register_id"] == "cpca-2023-01"
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 5
    assert second["next"] is None
    error = _get(client, "/api/v1/notices", 400, offset=15)["error"]
    assert error["code"] == "offset_out_of_range"
    assert "choose an offset from 0 to 14" in error["message"]
    assert _get(client, "/api/v1/notices", 400, limit=101)["error"]["fields"] == {
        "limit": ["Input should be less than or equal to 100"]
    }


def test_interventions_and_their_steps(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    page = _get(client, "/api/v1/interventions", limit=100)
    assert page["count"] == 17
    tower = _get(client, "/api/v1/interventions/tower-hamlets-2014")
    assert tower["authority_gss"] == "E09000030"
    assert [s["type"] for s in tower["steps"]][:3] == ["inspection", "minded_to", "directions"]
    ended = _get(client, "/api/v1/interventions", status="ended", q="Tower Hamlets")
    assert [i["reference"] for i in ended["items"]] == ["tower-hamlets-2014"]


def test_expectations_by_notice_and_theme(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    page = _get(client, "/api/v1/expectations", notice=real_record["cpca-2024-01"])
    assert [e["position"] for e in page["items"]] == [1, 2, 3, 4, 5]
    culture = _get(client, "/api/v1/expectations", theme="culture", limit=100)
    assert culture["items"]
    assert all("culture" in e["themes"] for e in culture["items"])


def test_authorities_and_a_timeline(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    found = _get(client, "/api/v1/authorities", q="Cambridgeshire & Peterborough")
    assert [a["gss_code"] for a in found["items"]] == ["E47000008"]
    timeline = _get(client, "/api/v1/authorities/E47000008/timeline")
    assert timeline["authority"]["gss_code"] == "E47000008"
    kinds = [e["kind"] for e in timeline["entries"]]
    assert kinds[:2] == ["best_value_notice", "revised_best_value_notice"]
    assert timeline["entries"][0]["on"] == "2023-01-24"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/notices?colour=red", 400, "unknown_parameter"),
        ("/api/v1/notices?in_force_on=2024-13-01", 400, "bad_request"),
        ("/api/v1/notices?status=sleeping", 400, "bad_request"),
        ("/api/v1/notices/BVN-1999-999", 404, "not_found"),
        ("/api/v1/interventions/nowhere-2020", 404, "not_found"),
        ("/api/v1/authorities/E08000016", 404, "not_found"),
        ("/api/v1/drafts/1", 401, "not_authenticated"),
    ],
)
def test_every_error_has_the_one_shape(real_record, db, client, url, status, code) -> None:  # type: ignore[no-untyped-def]
    body = _get(client, url, status)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_a_former_gss_code_is_named_in_the_404(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    message = _get(client, "/api/v1/authorities/E08000016", 404)["error"]["message"]
    assert "former code of E08000038" in message


def test_reads_carry_an_etag_and_answer_304_when_unchanged(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/notices", {"in_force_on": "2024-06-01"})
    etag, modified = response["ETag"], response["Last-Modified"]
    assert (
        client.get(
            "/api/v1/notices", {"in_force_on": "2024-06-01"}, headers={"if-none-match": etag}
        ).status_code
        == 304
    )
    assert (
        client.get(
            "/api/v1/notices",
            {"in_force_on": "2024-06-01"},
            headers={"if-modified-since": modified},
        ).status_code
        == 304
    )
    other = client.get(
        "/api/v1/notices", {"in_force_on": "2024-06-02"}, headers={"if-none-match": etag}
    )
    assert other.status_code == 200, "another query is another resource"


def test_the_docs_page_describes_every_endpoint_without_javascript(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    document = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/").content.decode()
    for path, methods in document["paths"].items():
        for method in methods:
            assert f"<code>{method.upper()} {path}</code>" in page
    assert "<script src=" not in page.split("</footer>")[0]
    assert client.get("/api/v1/docs").status_code == 404, "ninja's CDN docs page is off"
    assert client.get("/api/v1/")["Location"] == "/api/"


def test_the_docs_page_builds_the_openapi_document_once(db, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Building the document took most of the page's time (bench/README.md); it comes from the
    # code alone, so each process builds it once.
    from bestvalue.api import views
    from bestvalue.api.main import api

    views.documentation.cache_clear()
    built = []
    original = api.get_openapi_schema
    monkeypatch.setattr(api, "get_openapi_schema", lambda **kw: built.append(1) or original(**kw))
    for _ in range(3):
        cache.clear()
        assert client.get("/api/").status_code == 200
    assert len(built) == 1
    views.documentation.cache_clear()
