"""Each authority's public timeline (public.timeline.authority_timeline) and the interventions on
its page, with the real register loaded as `bestvalue setup` loads it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestvalue.accounts.roles import Role
from bestvalue.authorities.models import Authority
from bestvalue.authorities.services import load_authorities
from bestvalue.interventions import rules
from bestvalue.interventions.models import DepartmentResponse, NonStatutoryStage, Report
from bestvalue.public.timeline import authority_timeline
from tests.clients import CheckingClient
from tests.factories import (
    make_directions,
    make_intervention,
    make_issued_notice,
    make_user,
    publish_intervention,
)

pytestmark = pytest.mark.django_db

D = dt.date

# What the register records for each, as the pages must show it: the intervention, when its
# directions were in force, and words from the intervention's page (models, appointees, fees).
REAL = {
    "E06000034": (
        "thurrock-2022",
        "2 September 2022 to 30 April 2028",
        [
            "Essex County Council",
            "Dr Dave Smith",
            "Gavin Jones",
            "Nicole Wood",
            "Commissioners",
            "30 April 2028",
            "15 June 2023",
        ],
    ),
    "E07000217": (
        "woking-2023",
        "25 May 2023 to 24 May 2028",
        [
            "Jim Taylor",
            "Carol Culley OBE",
            "Mervyn Greer",
            "Lead commissioner",
            "January 2023",
            "25 May 2023",
        ],
    ),
    "E08000025": (
        "birmingham-2023",
        "5 October 2023 to 4 October 2028",
        [
            "Max Caller CBE",
            "Chris Tambini",
            "Finance commissioner",
            "£1,200.00",
            "£180,000.00",
            "Lord John Hutton",
            "Political adviser",
            "4 October 2028",
        ],
    ),
    "E09000008": (
        "croydon-2021",
        "20 July 2023 to 20 July 2027",
        [
            "Tony McArdle OBE",
            "Improvement and assurance panel",
            "Gerard Curran",
            "£1,200.00",
            "£132,000.00",
            "20 July 2025",
            "20 July 2027",
            "February 2021",
        ],
    ),
    "E06000018": (
        "nottingham-2021",
        "2 September 2022 to 22 February 2026",
        [
            "Sir Tony Redmond",
            "McArdle",
            "Ministerial envoys",
            "December 2025 to February 2026",
            "22 February 2026",
            "Model now Ministerial envoys",
            "Ministerial envoy: no powers",
        ],
    ),
    "E07000213": (
        "spelthorne-2024",
        "8 May 2025 to 31 May 2030",
        ["Lesley Seary", "Deborah McLaughlin", "31 January 2025", "31 May 2030", "Commissioners"],
    ),
    "E06000007": (
        "warrington-2024",
        "9 July 2025 to 31 July 2030",
        [
            "Paul Najsarek",
            "Sir Stephen Houghton",
            "Ministerial envoys",
            "31 July 2030",
            "9 July 2025",
        ],
    ),
}


@pytest.fixture
def real_register() -> None:
    """The real record, loaded as a fresh set-up loads it."""
    load_authorities()
    call_command("load_register", verbosity=0)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_seven_authorities_show_their_interventions_as_recorded(real_register: None) -> None:
    client = CheckingClient()
    for gss, (reference, in_force, words) in REAL.items():
        page = _text(client.get(f"/authorities/{gss}/").content.decode())
        # Nottingham's commissioner directions ended on 22 February 2026 and envoys' directions
        # followed that month (corrections of December 2026): it is active again.
        assert f"{reference} Active {in_force}" in page, gss
        detail = client.get(f"/interventions/{reference}/")
        assert detail.status_code == 200
        text = _text(detail.content.decode())
        assert in_force in text
        for word in words:
            assert word in text, (reference, word)


def test_the_timelines_read_in_date_order(real_register: None) -> None:
    for gss in [*REAL, "E09000030", "E08000017", "E47000008"]:
        entries = authority_timeline(Authority.objects.get(gss_code=gss))
        assert entries, gss
        dates = [rules.span_of(e.on, e.on_approx) for e in entries]
        known = [d.earliest for d in dates if d is not None]
        assert known == sorted(known), gss
        for entry in entries:
            assert entry.url.startswith(("/interventions/", "/notices/"))
            assert entry.date_text == rules.date_text(entry.on, entry.on_approx)


def test_thurrocks_timeline(real_register: None) -> None:
    thurrock = Authority.objects.get(gss_code="E06000034")
    assert [(e.date_text, e.title) for e in authority_timeline(thurrock)] == [
        ("2 September 2022", "Directions made"),
        ("2 September 2022", "Best value inspection announced"),
        ("24 January 2023", "Minded-to letter sent"),
        ("16 March 2023", "Directions made"),
        ("15 June 2023", "Inspection report published"),
        ("5 October 2023", "Appointees changed"),
        ("19 June 2025", "Minded-to letter sent"),
        ("17 July 2025", "Directions made"),
    ]
    html = CheckingClient().get("/authorities/E06000034/").content.decode()
    titles = re.findall(
        r'<a class="govuk-link" href="/interventions/thurrock-2022/#[a-z-]+-\d+">([^<]+)</a>', html
    )
    assert titles[:3] == [
        "Directions made",
        "Best value inspection announced",
        "Minded-to letter sent",
    ]
    assert "https://www.gov.uk/government/collections/intervention-at-thurrock-council" in html


def test_notices_and_interventions_share_one_timeline(real_register: None) -> None:
    """Cambridgeshire and Peterborough has notices; Tower Hamlets has rough dates."""
    cpca = authority_timeline(Authority.objects.get(gss_code="E47000008"))
    assert [(e.date_text, e.kind) for e in cpca] == [
        ("24 January 2023", "best_value_notice"),
        ("30 January 2024", "revised_best_value_notice"),
        ("9 September 2024", "notice_lapsed"),
    ]
    assert cpca[1].summary.startswith("For 6 months; replaces ")
    html = _text(CheckingClient().get("/authorities/E09000030/").content.decode())
    assert "March 2017 · Revocation" in html
    assert "September 2018 · Exit" in html


def test_an_escalated_notice_leads_to_the_intervention_that_followed() -> None:
    from bestvalue.interventions import services
    from bestvalue.notices import reviews

    caseworker = make_user(Role.CASEWORKER)
    notice = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 1, 1))
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2024, 10, 1),
        decision="escalate",
        rationale="Assurance not given.",
        assessments=[
            reviews.AssessmentInput(e.pk, "not_met", "No.") for e in notice.expectations.all()
        ],
    )
    reviews.approve_review(
        reviews.submit_review(review, by=caseworker), by=make_user(Role.APPROVER)
    )
    intervention = services.open_intervention(
        by=caseworker,
        authority=notice.authority,
        reference="testshire-2024",
        trigger="Escalation.",
        escalated_from=notice,
    )
    services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=D(2024, 11, 5)
    )
    publish_intervention(intervention)
    entries = authority_timeline(notice.authority)
    assert [(e.on, e.kind) for e in entries] == [
        (D(2024, 1, 1), "best_value_notice"),
        (D(2024, 10, 1), "notice_escalated"),
        (D(2024, 11, 5), "best_value_inspection"),
    ]
    assert [link.url for link in entries[1].links] == ["/interventions/testshire-2024/"]
    assert "Followed by testshire-2024" in entries[1].summary
    assert [link.text for link in entries[2].links] == [
        f"Escalated from best value notice {notice.reference}"
    ]


def test_an_escalation_can_only_be_linked_to_an_escalated_notice_of_the_same_authority() -> None:
    from django.core.exceptions import ValidationError

    from bestvalue.interventions import services

    caseworker = make_user(Role.CASEWORKER)
    notice = make_issued_notice(caseworker=caseworker)
    with pytest.raises(ValidationError, match="Choose a notice whose outcome is escalation"):
        services.open_intervention(
            by=caseworker,
            authority=notice.authority,
            reference="testshire-2030",
            trigger="Concerns.",
            escalated_from=notice,
        )


def _grow(authority: Any) -> None:
    """More of everything: notices and interventions with stages, people, reports, responses."""
    for n in range(3):
        notice = make_issued_notice(authority=authority, issued_on=D(2020 + n, 1, 1))
        notice.status = "lapsed"
        notice.save()
        intervention = make_intervention(authority=authority)
        NonStatutoryStage.objects.create(
            intervention=intervention,
            position=1,
            kind="non_statutory_panel",
            started_on_approx="2019",
            publication="issued",
        )
        for position in (2, 3):
            directions = make_directions(
                intervention=intervention,
                position=position,
                made_on=D(2021, position, 1),
                ends_on=None,
            )
            directions.appointees.create(position=1, name="A Commissioner", role="commissioner")
            report = Report.objects.create(
                directions=directions,
                due_on=D(2022, position, 1),
                received_on=D(2022, position, 2),
                publication="issued",
            )
            DepartmentResponse.objects.create(
                report=report, published_on=D(2022, position, 9), publication="issued"
            )


def test_the_timeline_takes_a_fixed_number_of_queries(real_register: None) -> None:
    croydon = Authority.objects.get(gss_code="E09000008")
    _grow(croydon)  # so that no relation is empty (empty ones are not queried at all)
    with CaptureQueriesContext(connection) as before:
        small = authority_timeline(croydon)
    _grow(croydon)
    with CaptureQueriesContext(connection) as after:
        large = authority_timeline(croydon)
    assert len(large) > len(small) + 20
    assert len(after) == len(before) <= 30
    client = CheckingClient()
    client.get("/authorities/E09000008/")  # warm up (sessions, caches)
    with CaptureQueriesContext(connection) as page:
        assert client.get("/authorities/E09000008/").status_code == 200
    assert len(page) <= 45
