"""The publication rule, channel by channel: drafts, notices awaiting approval, unapproved
decisions, draft minded-to letters and directions, and interventions with nothing issued never
appear on a public page, in a feed, in an export or in the API. Each secret is a distinctive word
that must be absent everywhere; a published word shows that each channel does carry such text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command

from bestvalue.accounts.roles import Role
from bestvalue.interventions import services as intervention_services
from bestvalue.notices import reviews, services
from bestvalue.notices.services import ItemInput
from bestvalue.register.opendata.datasets import DATASETS
from tests.factories import (
    make_authority,
    make_directions,
    make_draft_notice,
    make_issued_notice,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


PUBLISHED = "Publishedword"
SECRETS = {
    "draft": "Draftsecretword",
    "awaiting": "Awaitingsecretword",
    "revised draft": "Reviseddraftsecretword",
    "review": "Reviewsecretword",
    "draft directions": "Directionsdraftsecretword",
    "draft appointee": "Appointeesecretword",
    "draft minded-to": "Mindedtosecretword",
    "unpublished intervention": "Triggersecretword",
}
SECRET_DAY = "20310719"  # a representations closing date in a draft minded-to letter


def _with_ground(notice: Any, caseworker: Any, text: str) -> Any:
    return services.save_item(
        notice,
        by=caseworker,
        version=notice.version,
        kind="grounds",
        item=ItemInput(text, ["culture"]),
    )


@pytest.fixture
def world() -> dict[str, Any]:
    cache.clear()
    caseworker = make_user(Role.CASEWORKER)
    authority = make_authority(official_name="Secretshire Council")
    published = make_issued_notice(
        caseworker=caseworker,
        authority=authority,
        expectations=[f"Engage with the department ({PUBLISHED})."],
    )
    draft = make_draft_notice(
        caseworker=caseworker, authority=make_authority(), expectations=[SECRETS["draft"]]
    )
    _with_ground(draft, caseworker, SECRETS["draft"])
    awaiting = make_draft_notice(caseworker=caseworker, expectations=[SECRETS["awaiting"]])
    services.submit_for_approval(
        _with_ground(awaiting, caseworker, SECRETS["awaiting"]), by=caseworker
    )
    revised = services.start_reissue(published, by=caseworker)
    services.save_item(
        revised,
        by=caseworker,
        version=revised.version,
        kind="expectations",
        item=ItemInput(SECRETS["revised draft"], []),
    )
    reviews.draft_review(
        published,
        by=caseworker,
        reviewed_on=dt.date(2024, 6, 1),
        decision="withdraw",
        rationale=SECRETS["review"],
        assessments=[
            reviews.AssessmentInput(e.pk, "at_risk", SECRETS["review"])
            for e in published.expectations.all()
        ],
    )
    issued = make_directions(note=f"Issued directions ({PUBLISHED}).")
    intervention = issued.intervention
    draft_directions = intervention_services.draft_directions(
        by=caseworker,
        intervention=intervention,
        made_on=dt.date(2030, 1, 1),
        ends_on=dt.date(2032, 5, 5),
        note=SECRETS["draft directions"],
    )
    intervention_services.add_appointee(
        by=caseworker,
        directions=draft_directions,
        name=SECRETS["draft appointee"],
        role="lead_commissioner",
    )
    intervention_services.draft_minded_to(
        by=caseworker,
        intervention=intervention,
        letter_on=dt.date(2031, 7, 1),
        representations_by=dt.date(2031, 7, 19),
        note=SECRETS["draft minded-to"],
    )
    hidden = intervention_services.open_intervention(
        by=caseworker,
        authority=authority,
        reference="secretshire-2031",
        trigger=SECRETS["unpublished intervention"],
    )
    intervention_services.draft_directions(
        by=caseworker, intervention=hidden, made_on=dt.date(2031, 1, 1)
    )
    return {"authority": authority, "published": published, "intervention": intervention}


def _pages(world: dict[str, Any]) -> list[str]:
    return [
        "/register/",
        "/register/?kind=intervention",
        f"/register/?q={PUBLISHED}",
        f"/notices/{world['published'].reference}/",
        "/open-data/",
    ]


def _feeds(world: dict[str, Any]) -> list[str]:
    gss = world["authority"].gss_code
    other = world["intervention"].authority.gss_code
    return [
        "/register/changes.atom",
        "/register/dates.ics",
        f"/authorities/{gss}/changes.atom",
        f"/authorities/{gss}/dates.ics",
        f"/authorities/{other}/changes.atom",
        f"/authorities/{other}/dates.ics",
    ]


def _exports() -> list[str]:
    return [f"/open-data/{name}.{fmt}" for name in DATASETS for fmt in ("csv", "json")]


def _api(world: dict[str, Any]) -> list[str]:
    gss = world["authority"].gss_code
    return [
        "/api/v1/notices?limit=100",
        "/api/v1/notices?q=secretword",
        f"/api/v1/notices/{world['published'].reference}",
        "/api/v1/expectations?limit=100",
        "/api/v1/interventions?limit=100",
        f"/api/v1/interventions/{world['intervention'].reference}",
        f"/api/v1/authorities/{gss}/timeline",
        f"/api/v1/authorities/{world['intervention'].authority.gss_code}/timeline",
    ]


def _text(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def _assert_nothing_unpublished(text: str, where: str) -> None:
    leaked = [what for what, word in SECRETS.items() if word.lower() in text]
    assert leaked == [], f"{where} shows {', '.join(leaked)}"
    assert SECRET_DAY not in text, f"{where} shows the date of a draft minded-to letter"
    assert "secretshire-2031" not in text, f"{where} shows an intervention with nothing issued"


@pytest.mark.parametrize("channel", ["pages", "feeds", "exports", "api"])
def test_nothing_unpublished_reaches_the_channel(client, world, channel) -> None:  # type: ignore[no-untyped-def]
    urls = {"pages": _pages, "feeds": _feeds, "exports": lambda w: _exports(), "api": _api}[
        channel
    ](world)
    seen = ""
    for url in urls:
        text = _text(client, url).lower()
        _assert_nothing_unpublished(text, url)
        seen += text
    assert PUBLISHED.lower() in seen, f"the {channel} should carry published text"


def test_nothing_unpublished_reaches_the_export_command(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in DATASETS:
        for fmt in ("csv", "json"):
            out = tmp_path / f"{name}.{fmt}"
            call_command("export", name, fmt=fmt, output=out)
            _assert_nothing_unpublished(
                out.read_text(encoding="utf-8").lower(), f"export {name} {fmt}"
            )


def test_the_published_notice_does_not_name_its_draft_revision(client, world) -> None:  # type: ignore[no-untyped-def]
    reference = world["published"].reference
    detail = json.loads(_text(client, f"/api/v1/notices/{reference}"))
    assert detail["replaced_by"] is None
    rows = json.loads(_text(client, "/open-data/notices.json"))["items"]
    assert [r["replaced_by"] for r in rows if r["reference"] == reference] == [None]


def test_drafts_cannot_be_read_through_the_api_without_a_token(client, world) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.notices.models import Notice

    for draft in Notice.objects.filter(status__in=["draft", "awaiting_approval"]):
        assert client.get(f"/api/v1/drafts/{draft.pk}").status_code == 401
