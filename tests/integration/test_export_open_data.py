"""Open data: every dataset as streamed CSV and JSON that match their published schema and column
dictionary, with stable identifiers, conditional requests, and `bestvalue export`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from bestvalue.accounts.roles import Role
from bestvalue.notices import reviews
from bestvalue.register.opendata import writers
from bestvalue.register.opendata.datasets import DATASETS
from tests.factories import (
    make_directions,
    make_improvement_world,
    make_issued_notice,
    make_user,
    publish_improvement_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def record(settings: Any) -> dict[str, Any]:
    cache.clear()
    notice = make_issued_notice()
    publish_improvement_world(make_improvement_world(notice, settings=settings))
    directions = make_directions()
    directions.appointees.create(
        position=1, name="A. Commissioner", role="lead_commissioner", fee_per_day="1100.00"
    )
    directions.intervention.inspections.create(
        position=1, announced_on="2023-06-01", publication="issued"
    )
    _lapse(make_issued_notice(issued_on=dt.date(2024, 2, 1)))
    return {"notice": notice, "directions": directions}


def _lapse(notice: Any) -> None:
    """Record an approved review that lets the notice lapse, which gives it an outcome."""
    caseworker = make_user(Role.CASEWORKER)
    assessments = [reviews.AssessmentInput(e.pk, "met", "Seen.") for e in notice.expectations.all()]
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=dt.date(2025, 2, 1),
        decision="lapse",
        rationale="The expectations were met.",
        assessments=assessments,
    )
    reviews.approve_review(
        reviews.submit_review(review, by=caseworker), by=make_user(Role.APPROVER)
    )


def _body(response: Any) -> str:
    assert isinstance(response, StreamingHttpResponse), "downloads stream"
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_each_dataset_downloads_as_csv_with_the_dictionarys_columns(client, name) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/open-data/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="best-value-{name}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(_body(response))))
    dictionary = list(
        csv.reader(io.StringIO(client.get(f"/open-data/{name}.columns.csv").content.decode()))
    )
    assert rows[0] == [row[0] for row in dictionary[1:]]
    assert len(rows) > 1, f"the test record should give {name} at least one row"
    assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_each_dataset_downloads_as_json_that_its_schema_accepts(client, name) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(_body(client.get(f"/open-data/{name}.json")))
    schema = client.get(f"/open-data/{name}.schema.json").json()
    jsonschema_rs.validator_for(schema).validate(document)
    assert document["dataset"] == name
    assert document["schema"] == f"http://testserver/open-data/{name}.schema.json"
    assert document["licence"] == "Open Government Licence v3.0"
    assert document["items"]


def test_rows_carry_the_stable_identifiers(client, record) -> None:  # type: ignore[no-untyped-def]
    notice, directions = record["notice"], record["directions"]
    notices = json.loads(_body(client.get("/open-data/notices.json")))["items"]
    notices = [n for n in notices if n["reference"] == notice.reference]
    assert notices[0]["reference"] == notice.reference
    assert notices[0]["authority_gss"] == notice.authority.gss_code
    assert notices[0]["issued_on"] == "2024-01-01"
    expectations = json.loads(_body(client.get("/open-data/expectations.json")))["items"]
    assert (expectations[0]["notice_reference"], expectations[0]["position"]) == (
        notice.reference,
        1,
    )
    appointees = json.loads(_body(client.get("/open-data/appointees.json")))["items"]
    assert appointees[0]["intervention_reference"] == directions.intervention.reference
    assert appointees[0]["fee_per_day"] == 1100.0


def test_lists_are_joined_in_csv_and_lists_in_json(client, record) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/open-data/expectations.csv")))))
    assert rows[0]["themes"] == "continuous_improvement"
    items = json.loads(_body(client.get("/open-data/expectations.json")))["items"]
    assert items[0]["themes"] == ["continuous_improvement"]


def test_exports_read_the_data_a_chunk_at_a_time(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        make_issued_notice()
    monkeypatch.setattr(writers, "CHUNK_SIZE", 2)
    response = client.get("/open-data/notices.csv")
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first:
        next(chunks)  # the header row
        next(chunks)  # the first notice
    with CaptureQueriesContext(connection) as rest:
        remaining = list(chunks)
    assert len(remaining) == 5
    assert len(first.captured_queries) >= 1
    assert len(rest.captured_queries) >= 2, "later chunks are read only as they are written"


def test_an_unchanged_download_is_not_sent_again(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/open-data/notices.json")
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get("/open-data/notices.json", headers={"if-none-match": etag})
    assert again.status_code == 304
    make_issued_notice()
    assert client.get("/open-data/notices.json", headers={"if-none-match": etag}).status_code == 200


def test_the_column_dictionary_page_describes_every_column(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/open-data/notices/").content.decode()
    for column in DATASETS["notices"].columns:
        assert f"<code>{column.name}</code>" in page
    assert 'href="/open-data/notices.csv"' in page
    index = client.get("/open-data/").content.decode()
    for name in DATASETS:
        assert f'href="/open-data/{name}.json"' in index


def test_an_unknown_dataset_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/open-data/drafts.csv").status_code == 404
    assert client.get("/open-data/notices.xml").status_code == 404


def test_the_export_command_writes_the_same_file_with_progress_on_stderr(
    client, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "notices.json"
    call_command("export", "notices", fmt="json", output=out)
    written = json.loads(out.read_text(encoding="utf-8"))
    downloaded = json.loads(_body(client.get("/open-data/notices.json")))
    assert written["items"] == [
        {**item, "url": item["url"].replace("http://testserver", "http://127.0.0.1:8000")}
        for item in downloaded["items"]
    ]
    assert "Exporting notices: 2 rows" in capsys.readouterr().err


def test_the_export_command_writes_csv_to_standard_output(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("export", "authorities", fmt="csv")
    captured = capsys.readouterr()
    assert captured.out.startswith("gss_code,name,short_name,type")
    assert "Exporting authorities" in captured.err


def test_the_export_command_refuses_an_unwritable_file(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export", "notices", output=tmp_path / "missing" / "notices.csv")
