"""An officer's change to something already published (a progress update on a published action, a
new reading on a published measure, a changed status or title) reaches no public channel until
the authority publishes it again: not the improvement page, its API, the authority's page, the
feeds or the open data, nor the improvement API's ETag and Last-Modified. The public sees the last
published version meanwhile; after publishing, the change is public (issue 13, point 2)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from bestvalue.improvement import content, selectors
from bestvalue.improvement.errors import PublicationChanged
from bestvalue.improvement.services import measures, plan
from bestvalue.improvement.services.publication import set_published
from bestvalue.register.opendata.datasets import DATASETS
from bestvalue.register.opendata.writers import FORMATS
from tests.clients import CheckingClient
from tests.factories import (
    in_memory_storage,
    make_action,
    make_evidence_file,
    make_issued_notice,
    make_measure,
    make_officer,
)

pytestmark = pytest.mark.django_db

SECRET_PROGRESS = "INTERNAL: reviewer has raised concerns Progsecretword"
SECRET_TITLE = "Titlesecretword"
SECRET_SOURCE = "Sourcesecretword"
SECRET_VALUE = "987.6"


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    in_memory_storage(settings)
    cache.clear()
    notice = make_issued_notice()
    authority = notice.authority
    officer = make_officer(authority)
    action = make_action(authority, by=officer, title="Appoint a permanent chief executive")
    plan.record_progress(
        action,
        by=officer,
        version=action.version,
        written_on=dt.date(2024, 2, 1),
        status="on_track",
        text="Recruitment has begun.",
    )
    measure = make_measure(authority, by=officer)
    measures.record_reading(
        measure, by=officer, taken_on=dt.date(2024, 4, 1), value=Decimal("55"), source="Survey"
    )
    item = make_evidence_file(authority, by=officer)
    for kind, record in [("action", action), ("measure", measure), ("evidence", item)]:
        set_published(kind, record, by=officer, published=True)
    return {"authority": authority, "officer": officer, "action": action, "measure": measure}


def _public_urls(gss_code: str) -> list[str]:
    urls = [
        reverse("register:improvement", kwargs={"gss_code": gss_code}),
        reverse("register:authority", kwargs={"gss_code": gss_code}),
        reverse("register:feed"),
        reverse("register:authority-feed", kwargs={"gss_code": gss_code}),
        reverse("register:calendar"),
        reverse("register:authority-calendar", kwargs={"gss_code": gss_code}),
    ]
    for name in DATASETS:
        urls += [
            reverse("register:download", kwargs={"dataset": name, "fmt": fmt}) for fmt in FORMATS
        ]
    return urls


def _read(url: str) -> str:
    response = CheckingClient().get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def _digest_on(html: str) -> str:
    found = re.search(r'name="digest" value="([0-9a-f]{64})"', html)
    assert found, "the publish page carries no digest of what it shows"
    return found[1]


def _api(gss_code: str) -> Any:
    return CheckingClient().get(reverse("api:v1:improvement", kwargs={"gss": gss_code}))


def _validators(url: str) -> tuple[str | None, str | None]:
    response = CheckingClient().get(url)
    return response.get("ETag"), response.get("Last-Modified")


def _change_everything(world: dict[str, Any]) -> None:
    """What an officer might do to published items, none of it published yet."""
    officer, action, measure = world["officer"], world["action"], world["measure"]
    action.refresh_from_db()
    plan.record_progress(
        action,
        by=officer,
        version=action.version,
        written_on=dt.date(2024, 3, 1),
        status="off_track",
        text=SECRET_PROGRESS,
    )
    action.refresh_from_db()
    plan.change_action(
        action,
        by=officer,
        version=action.version,
        title=SECRET_TITLE,
        owner=action.owner,
        due_on=action.due_on,
        expectation_ids=[e.pk for e in action.expectations.all()],
        theme_keys=["leadership"],
    )
    measures.record_reading(
        measure,
        by=officer,
        taken_on=dt.date(2024, 5, 1),
        value=Decimal(SECRET_VALUE),
        source=SECRET_SOURCE,
    )


def test_four_eyes_publication_an_unpublished_change_reaches_no_public_channel(
    world: dict[str, Any],
) -> None:
    gss_code = world["authority"].gss_code
    before = _api(gss_code)
    pages_before = {url: _read(url) for url in _public_urls(gss_code)}
    validators_before = {url: _validators(url) for url in _public_urls(gss_code)}
    assert "Recruitment has begun." in pages_before[_public_urls(gss_code)[0]]

    _change_everything(world)

    after = _api(gss_code)
    assert after.json() == before.json()
    assert after["ETag"] == before["ETag"]
    assert after["Last-Modified"] == before["Last-Modified"]
    not_modified = CheckingClient().get(
        reverse("api:v1:improvement", kwargs={"gss": gss_code}),
        HTTP_IF_NONE_MATCH=before["ETag"],
    )
    assert not_modified.status_code == 304
    for url in _public_urls(gss_code):
        assert _validators(url) == validators_before[url], url
        text = _read(url)
        for secret in (SECRET_PROGRESS, "Progsecretword", SECRET_TITLE, SECRET_SOURCE, "987.6"):
            assert secret not in text, (secret, url)
    page = _read(_public_urls(gss_code)[0])
    assert "Recruitment has begun." in page
    assert "Off track" not in page


def test_four_eyes_publication_the_change_is_public_once_published_again(
    world: dict[str, Any],
) -> None:
    gss_code = world["authority"].gss_code
    before = _api(gss_code)
    _change_everything(world)
    officer = CheckingClient()
    officer.force_login(world["officer"])
    for kind, item in [("action", world["action"]), ("measure", world["measure"])]:
        url = reverse("staff:improvement-publish", kwargs={"kind": kind, "pk": item.pk})
        shown = officer.get(url)
        assert shown.status_code == 200
        digest = _digest_on(shown.content.decode())
        assert officer.post(url, {"publish": "1", "digest": digest}).status_code == 302

    after = _api(gss_code)
    assert after["ETag"] != before["ETag"]
    [action] = after.json()["actions"]
    assert action["title"] == SECRET_TITLE
    assert action["status"] == "off_track"
    assert action["latest_progress"]["text"] == SECRET_PROGRESS
    [measure] = after.json()["measures"]
    assert measure["readings"][-1] == {
        "taken_on": "2024-05-01",
        "value": SECRET_VALUE,
        "source": SECRET_SOURCE,
    }
    page = _read(reverse("register:improvement", kwargs={"gss_code": gss_code}))
    assert SECRET_TITLE in page
    assert "Progsecretword" in page
    assert SECRET_SOURCE in page


def test_four_eyes_publication_the_item_shows_changed_since_publication(
    world: dict[str, Any],
) -> None:
    officer = CheckingClient()
    officer.force_login(world["officer"])
    page = reverse("staff:improvement-action", kwargs={"pk": world["action"].pk})
    assert "Changed since publication" not in officer.get(page).content.decode()
    _change_everything(world)
    html = officer.get(page).content.decode()
    assert "Changed since publication" in html
    assert "Publish changes" in html
    workspace = reverse("staff:improvement", kwargs={"gss_code": world["authority"].gss_code})
    assert "Changed since publication" in officer.get(workspace).content.decode()
    # The publish page shows the new content beside what the public sees now.
    shown = officer.get(
        reverse("staff:improvement-publish", kwargs={"kind": "action", "pk": world["action"].pk})
    ).content.decode()
    assert SECRET_TITLE in shown
    assert "Appoint a permanent chief executive" in shown
    action = selectors.action_for_staff(world["action"].pk)
    lines = {line.label: (line.before, line.after) for line in content.comparison("action", action)}
    assert lines["Title"] == ("Appoint a permanent chief executive", SECRET_TITLE)
    assert lines["Status"] == ("On track", "Off track")
    assert SECRET_PROGRESS in lines["Latest progress"][1]
    assert "Recruitment has begun." in lines["Latest progress"][0]


def test_four_eyes_publication_refuses_content_changed_after_it_was_read(
    world: dict[str, Any],
) -> None:
    """The publisher publishes what they read: a change made after they opened the publish page
    refuses the publication, shows them the current content, and nothing goes public."""
    action = selectors.action_for_staff(world["action"].pk)
    read = content.content_digest("action", action)
    _change_everything(world)
    with pytest.raises(PublicationChanged):
        set_published("action", action, by=world["officer"], published=True, digest_read=read)
    officer = CheckingClient()
    officer.force_login(world["officer"])
    url = reverse("staff:improvement-publish", kwargs={"kind": "action", "pk": action.pk})
    response = officer.post(url, {"publish": "1", "digest": read})
    assert response.status_code == 409
    assert "nothing has been published" in response.content.decode()
    assert _digest_on(response.content.decode()) == content.content_digest(
        "action", selectors.action_for_staff(action.pk)
    )
    assert _api(world["authority"].gss_code).json()["actions"][0]["title"] != SECRET_TITLE


def test_four_eyes_publication_the_public_calendar_shows_the_action_as_published(
    world: dict[str, Any],
) -> None:
    from bestvalue.core import clock
    from bestvalue.improvement import due

    _change_everything(world)
    public = due.obligations(today=clock.today(), published_only=True)
    mine = [o for o in public if o.record_id == world["action"].pk]
    assert len(mine) == 1
    assert SECRET_TITLE not in mine[0].title
    assert "Appoint a permanent chief executive" in mine[0].title
    assert "off track" not in mine[0].detail
    private = due.obligations(today=clock.today())
    assert any(SECRET_TITLE in o.title for o in private if o.record_id == world["action"].pk)
