"""Register search on the real record (bestvalue/notices/data/register.yaml): full-text search on
PostgreSQL and its SQLite equivalent (bestvalue/core/text_search.py) find the same notices and
interventions. CI runs this file on both databases against the same expected answers, so the two
are proved to agree; bad queries are still refused cleanly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from bestvalue.authorities.services import load_authorities
from bestvalue.interventions.models import Intervention
from bestvalue.interventions.search import matching as matching_interventions
from bestvalue.notices.models import Notice
from bestvalue.notices.search import matching as matching_notices
from tests.clients import CheckingClient

pytestmark = pytest.mark.django_db

# (query, notices found, interventions found): words, stems ("governance" finds "governing"),
# the last word as a prefix ("leadership cult", "commiss"), names and references.
EXPECTED = [
    (
        "financial sustainability",
        ["BVN-2023-003", "BVN-2024-002", "BVN-2025-002", "BVN-2025-003"],
        [],
    ),
    (
        "governance",
        [
            "BVN-2023-001",
            "BVN-2023-002",
            "BVN-2023-004",
            "BVN-2024-002",
            "BVN-2024-004",
            "BVN-2025-001",
            "BVN-2025-002",
            "BVN-2025-003",
            "BVN-2025-004",
        ],
        [
            "doncaster-2010",
            "sandwell-2022",
            "tower-hamlets-2014",
            "tower-hamlets-2024",
            "warrington-2024",
        ],
    ),
    ("Thurrock", [], ["thurrock-2022"]),
    ("commiss", [], ["nottingham-2021", "wirral-2021"]),
    (
        "culture",
        [
            "BVN-2023-001",
            "BVN-2023-002",
            "BVN-2024-001",
            "BVN-2024-002",
            "BVN-2024-003",
            "BVN-2024-004",
            "BVN-2025-002",
            "BVN-2025-003",
            "BVN-2025-004",
        ],
        [],
    ),
    ("procurement", ["BVN-2023-001"], []),
    ("leadership cult", ["BVN-2025-002"], []),
    ("scrutiny", ["BVN-2025-001", "BVN-2025-002", "BVN-2025-003", "BVN-2025-004"], []),
    ("Birmingham", [], ["birmingham-2023"]),
    ("budget", ["BVN-2025-004"], ["northamptonshire-2018"]),
    ("CPCA-2023-01", ["BVN-2023-001"], []),
    ("directions", [], ["nottingham-2021", "wirral-2021"]),
    (
        "gov",
        [
            "BVN-2023-001",
            "BVN-2023-002",
            "BVN-2023-004",
            "BVN-2024-002",
            "BVN-2024-004",
            "BVN-2025-001",
            "BVN-2025-002",
            "BVN-2025-003",
            "BVN-2025-004",
        ],
        [
            "doncaster-2010",
            "sandwell-2022",
            "tower-hamlets-2014",
            "tower-hamlets-2024",
            "warrington-2024",
        ],
    ),
    ("transformation plan", ["BVN-2024-003", "BVN-2025-002"], []),
    (
        "improvement",
        [
            "BVN-2023-001",
            "BVN-2023-003",
            "BVN-2024-001",
            "BVN-2024-002",
            "BVN-2024-003",
            "BVN-2024-004",
            "BVN-2025-001",
            "BVN-2025-002",
            "BVN-2025-003",
            "BVN-2025-004",
        ],
        ["tower-hamlets-2024"],
    ),
    ("children", ["BVN-2024-003"], []),
    (
        "audit",
        [
            "BVN-2023-001",
            "BVN-2023-002",
            "BVN-2023-005",
            "BVN-2024-002",
            "BVN-2025-001",
            "BVN-2025-002",
            "BVN-2025-003",
            "BVN-2025-004",
        ],
        ["croydon-2021", "sandwell-2022"],
    ),
    ("equal pay", [], []),
]


@pytest.fixture
def real_record() -> None:
    load_authorities()
    call_command("load_register", verbosity=0)


@pytest.mark.usefixtures("real_record")
def test_full_text_search_finds_the_same_records_on_either_database() -> None:
    # One load of the real record for every query (loading it takes a while).
    for query, notices, interventions in EXPECTED:
        found = matching_notices(Notice.objects.all(), query)
        assert sorted(found.values_list("reference", flat=True)) == notices, query
        found_interventions = matching_interventions(Intervention.objects.all(), query)
        assert sorted(found_interventions.values_list("reference", flat=True)) == interventions, (
            query
        )
    page = CheckingClient().get(reverse("register:register"), {"q": "leadership cult"})
    assert page.status_code == 200
    (reference,) = EXPECTED[6][1]
    assert reference in page.content.decode()


@pytest.mark.parametrize(
    "query", ["Bell\x07 and escape\x1b[31m", "Null\x00byte", "governance " * 30]
)
def test_full_text_search_refuses_control_characters_and_overlong_queries(query: str) -> None:
    page = CheckingClient().get(reverse("register:register"), {"q": query})
    assert page.status_code == 400
    assert "There is a problem" in page.content.decode()


def test_full_text_search_ignores_search_syntax() -> None:
    for query in ("!!&|:*", "a & b | !c", "'); DROP TABLE notices_notice; --"):
        assert list(matching_notices(Notice.objects.all(), query)) == []
