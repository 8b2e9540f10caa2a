"""One rule, one home (issue 14.1): the notice rules live in notices/rules.py, the services enforce
them, and every channel that can reach a rule refuses with the same words: the staff pages, the
API, the letter import and the register loader. And one submission makes one record (13.7)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.accounts.services import create_api_token
from bestvalue.authorities.services import load_authorities
from bestvalue.letters import services as letter_services
from bestvalue.notices import rules, services
from bestvalue.notices.approval import approval_digest
from bestvalue.notices.loader import RegisterDataError, load_notices, read_register
from bestvalue.notices.models import Engagement, Ground, Notice
from bestvalue.notices.rules import Status
from tests.clients import CheckingClient
from tests.factories import make_authority, make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

PERIOD_WORDS = "The period must be between 1 and 36 months"


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _api_post(url: str, body: dict[str, Any]) -> Any:
    secret = create_api_token(user=make_user(Role.CASEWORKER), name="Casework script")[1]
    return CheckingClient().post(
        url, body, content_type="application/json", headers={"authorization": f"Bearer {secret}"}
    )


def _details(authority: Any, period: str) -> dict[str, str]:
    return {
        "authority": str(authority.pk),
        "period_months": period,
        "addressee_name": "A. Chief",
        "addressee_role": "",
        "signatory_name": "",
        "signatory_role": "",
    }


def _from_letter(authority: Any, *, period: int | None = 12) -> Notice:
    return letter_services.create_draft_from_letter(
        by=make_user(Role.CASEWORKER),
        authority=authority,
        department="MHCLG",
        period_months=period,
        expectations=["Work with the board."],
        provenance={"document": "letter.pdf"},
    )


# --- The period limits ----------------------------------------------------------------------------


def test_the_period_limit_is_one_pair_of_numbers_that_fits_every_real_record() -> None:
    assert (rules.PERIOD_MONTHS_MIN, rules.PERIOD_MONTHS_MAX) == (1, 36)
    assert rules.period_refusal(12) is None
    assert rules.period_refusal(6) is None
    assert rules.period_refusal(37) == rules.period_refusal(0)
    assert PERIOD_WORDS in (rules.period_refusal(37) or "")


def test_period_limits_same_rule_every_channel() -> None:
    authority = make_authority(gss_code="E06999998")
    refusal = rules.period_refusal(40)
    assert refusal is not None
    assert refusal.startswith(PERIOD_WORDS)

    # The page form.
    page = _client(make_user(Role.CASEWORKER)).post(
        reverse("staff:notice-new"), _details(authority, "40")
    )
    assert page.status_code == 400
    assert refusal in page.content.decode()

    # The API: the service's words, on the field.
    api = _api_post("/api/v1/drafts", {"authority_gss": "E06999998", "period_months": 40})
    assert api.status_code == 422
    assert api.json()["error"]["fields"]["period_months"] == [refusal]

    # The letter import.
    with pytest.raises(ValidationError) as imported:
        _from_letter(authority, period=40)
    assert imported.value.message_dict == {"period_months": [refusal]}

    # The register loader.
    load_authorities()
    records = copy.deepcopy(read_register()["notices"])
    records[0]["period_months"] = 40
    with pytest.raises(RegisterDataError) as loaded:
        load_notices(records)
    assert str(loaded.value).endswith(refusal)

    assert not Notice.objects.exists()


def test_the_database_holds_the_period_limit_too() -> None:
    from django.db import IntegrityError, transaction

    notice = make_draft_notice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notice.objects.filter(pk=notice.pk).update(period_months=rules.PERIOD_MONTHS_MAX + 1)


def test_every_real_record_loads_within_the_period_limits() -> None:
    load_authorities()
    load_notices(read_register()["notices"])
    periods = set(Notice.objects.values_list("period_months", flat=True)) - {None}
    assert periods
    assert all(rules.period_refusal(p) is None for p in periods)


# --- Themes before submission -----------------------------------------------------------------------


def test_themes_required_before_submission_same_rule_every_channel() -> None:
    """The API and the letter import may make untagged drafts, but none is sent for approval
    (so none is issued) until each ground and expectation has a theme: the refusal names each."""
    authority = make_authority(gss_code="E06999997")
    caseworker = make_user(Role.CASEWORKER)
    made = _api_post("/api/v1/drafts", {"authority_gss": "E06999997", "period_months": 12}).json()
    for kind in ("grounds", "expectations"):
        response = _api_post(
            f"/api/v1/drafts/{made['id']}/{kind}",
            {"version": made["version"], "text": "Untagged."},
        )
        made = response.json()
        assert response.status_code == 201, made
    from_api = Notice.objects.get(pk=made["id"])
    from_letter = _from_letter(make_authority())
    services.save_item(
        from_letter,
        by=caseworker,
        version=Notice.objects.get(pk=from_letter.pk).version,
        kind="grounds",
        item=services.ItemInput("Tagged ground.", ["governance"]),
    )

    api_words = rules.untagged_items_refusal([(1, False)], [(1, False)])
    letter_words = rules.untagged_items_refusal([(1, True)], [(1, False)])
    assert api_words == (
        "Choose at least one theme for ground 1 and expectation 1 before sending the notice "
        "for approval"
    )
    for notice, words in ((from_api, api_words), (from_letter, letter_words)):
        # The service.
        with pytest.raises(ValueError, match=str(words)):
            services.submit_for_approval(notice, by=caseworker)
        # The page.
        notice.refresh_from_db()
        page = _client(caseworker).post(
            reverse("staff:notice-submit", kwargs={"pk": notice.pk}), {"version": notice.version}
        )
        assert page.status_code == 400
        assert str(words) in page.content.decode()
        notice.refresh_from_db()
        assert notice.status == Status.DRAFT
    assert authority.notices.get().status == Status.DRAFT


# --- Dates of issue and decision ----------------------------------------------------------------


@pytest.fixture
def real_margin(settings: Any) -> int:
    settings.RECORD_DATE_MARGIN_DAYS = 90
    return 90


def test_date_of_issue_same_rule_every_channel(real_margin: int) -> None:
    """The date of issue typed as 1/1/2031 is refused by the page and the service alike."""
    from bestvalue.core import clock

    caseworker = make_user(Role.CASEWORKER)
    notice = services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
    words = rules.record_date_refusal(
        "the date of issue", dt.date(2031, 1, 1), today=clock.today(), margin_days=real_margin
    )
    assert words is not None
    assert words.startswith("The date of issue must be between")

    with pytest.raises(ValidationError) as refused:
        services.approve_and_issue(
            notice, by=make_user(Role.APPROVER), issued_on=dt.date(2031, 1, 1)
        )
    assert refused.value.message_dict == {"issued_on": [words]}

    page = _client(make_user(Role.APPROVER)).post(
        reverse("staff:notice-approve", kwargs={"pk": notice.pk}),
        {
            "issued_on-day": "1",
            "issued_on-month": "1",
            "issued_on-year": "2031",
            "digest": approval_digest(notice),
        },
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert words in html
    assert 'href="#id_issued_on-day"' in html
    notice.refresh_from_db()
    assert (notice.status, notice.issued_on) == (Status.AWAITING_APPROVAL, None)


def test_date_of_a_review_decision_same_rule_every_channel(settings: Any) -> None:
    from bestvalue.core import clock
    from bestvalue.notices import reviews

    notice = make_issued_notice(expectations=["Keep the board."])
    settings.RECORD_DATE_MARGIN_DAYS = real_margin = 90
    expectation = notice.expectations.get()
    words = rules.record_date_refusal(
        "the date of the review", dt.date(2031, 1, 1), today=clock.today(), margin_days=real_margin
    )
    with pytest.raises(ValidationError) as refused:
        reviews.draft_review(
            notice,
            by=make_user(Role.CASEWORKER),
            reviewed_on=dt.date(2031, 1, 1),
            decision="lapse",
            rationale="Met.",
            assessments=[],
        )
    assert refused.value.message_dict == {"reviewed_on": [words]}
    page = _client(make_user(Role.CASEWORKER)).post(
        reverse("staff:review-edit", kwargs={"pk": notice.pk}),
        {
            "reviewed_on-day": "1",
            "reviewed_on-month": "1",
            "reviewed_on-year": "2031",
            "decision": "lapse",
            "rationale": "Met.",
            f"rating_{expectation.pk}": "met",
            f"commentary_{expectation.pk}": "Done.",
        },
    )
    assert page.status_code == 400
    assert str(words) in page.content.decode()
    assert not notice.reviews.exists()


def test_may_reissue_may_review_and_may_escalate_are_predicates_of_the_state() -> None:
    assert rules.may_reissue(Status.ISSUED, revision_started=False)
    assert not rules.may_reissue(Status.ISSUED, revision_started=True)
    assert not rules.may_reissue(Status.LAPSED, revision_started=False)
    assert rules.may_review(Status.ISSUED, review_open=False)
    assert not rules.may_review(Status.ISSUED, review_open=True)
    assert not rules.may_review(Status.DRAFT, review_open=False)
    assert rules.may_escalate(Status.ISSUED)
    assert not rules.may_escalate(Status.WITHDRAWN)


# --- One submission, one record -----------------------------------------------------------------


def test_the_same_add_ground_post_twice_makes_one_ground() -> None:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_draft_notice(caseworker=caseworker)
    client = _client(caseworker)
    url = reverse("staff:item-add", kwargs={"pk": notice.pk, "kind": "grounds"})
    page = client.get(url).content.decode()
    assert 'name="form_token"' in page
    assert 'data-prevent-double-click="true"' in page
    token = page.split('name="form_token"')[1].split('value="')[1].split('"')[0]
    post = {"version": notice.version, "text": "The auditor's letter.", "form_token": token}
    before = Ground.objects.filter(notice=notice).count()

    first = client.post(url, post)
    second = client.post(url, post)  # back button, then Save again

    assert first.status_code == 302
    assert second.status_code == 302
    assert second["Location"] == f"/staff/notices/{notice.pk}/#grounds"
    assert Ground.objects.filter(notice=notice).count() == before + 1
    landed = client.get(second["Location"]).content.decode()
    assert "This form was already sent, so nothing new was made." in landed


def test_the_same_new_notice_and_engagement_posts_twice_make_one_each() -> None:
    caseworker = make_user(Role.CASEWORKER)
    client = _client(caseworker)
    authority = make_authority()
    token = "6f1c3f3e-8a53-4d55-9d8b-5b0f3b4a8e21"
    new = {**_details(authority, "12"), "form_token": token}
    first = client.post(reverse("staff:notice-new"), new)
    second = client.post(reverse("staff:notice-new"), new)
    assert first["Location"] == second["Location"]
    assert Notice.objects.filter(authority=authority).count() == 1

    issued = make_issued_notice()
    url = reverse("staff:engagement-new", kwargs={"pk": issued.pk})
    body = {
        "kind": "meeting",
        "occurred_on-day": "2",
        "occurred_on-month": "2",
        "occurred_on-year": "2024",
        "summary": "Progress meeting.",
        "attendees": "",
        "form_token": "0b9f1c1e-2d7a-4c2e-8f0e-1a2b3c4d5e6f",
    }
    assert client.post(url, body).status_code == 302
    assert client.post(url, body).status_code == 302
    assert Engagement.objects.filter(notice=issued).count() == 1
