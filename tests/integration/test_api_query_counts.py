"""List endpoints, feeds and exports read in a fixed number of queries, however many records."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_directions, make_issued_notice

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/notices?limit=100",
    "/api/v1/expectations?limit=100",
    "/api/v1/interventions?limit=100",
    "/api/v1/authorities?limit=100",
    "/register/changes.atom",
    "/register/dates.ics",
]


def _queries(client: Any, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_the_query_count_does_not_grow_with_the_record(client, url) -> None:  # type: ignore[no-untyped-def]
    make_issued_notice()
    make_directions()
    few = _queries(client, url)
    for _ in range(5):
        make_issued_notice()
        make_directions()
    assert _queries(client, url) == few
