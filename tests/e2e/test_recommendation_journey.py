"""A board member reviews the authority's improvement plan (private, read-only) and closes a
recommendation the authority has answered, with a closing note (issue 18.6). Through the real
pages, with JavaScript on (checked by axe) and off."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from bestvalue.accounts.roles import Role
from tests.e2e.conftest import Visitor
from tests.factories import (
    PASSWORD,
    make_action,
    make_board,
    make_issued_notice,
    make_meeting,
    make_officer,
    make_recommendation,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)
Visit = Callable[[str], Visitor]  # the visitor fixture: a new person, by name


def test_a_board_member_reviews_the_plan_and_closes_a_recommendation(visitor: Visit) -> None:
    from bestvalue.authorities.selectors import authority_by_gss
    from bestvalue.improvement.models import Recommendation
    from bestvalue.improvement.services import recommendations

    authority = authority_by_gss("E06000034")  # Thurrock Council
    make_issued_notice(authority=authority, expectations=["Implement the improvement plan."])
    board = make_board(authority=authority, name="Thurrock Improvement and Assurance Board")
    bea = make_user(Role.BOARD_MEMBER, username="bea", first_name="Bea", board=board)
    officer = make_officer(authority)
    action = make_action(authority, by=officer, title="Recruit a permanent chief executive")
    recommendation = make_recommendation(
        make_meeting(board, by=bea), by=bea, text="Make the senior leadership team permanent."
    )
    recommendations.respond_to_recommendation(
        recommendation,
        by=officer,
        version=recommendation.version,
        status="accepted",
        response="Recruitment has begun.",
        owner="Director of People",
        responded_on=recommendation.meeting.held_on,
        action_ids=[action.pk],
    )

    member = visitor("board-member")
    member.sign_in("bea", PASSWORD)
    member.follow("Your board's record")
    page = member.page
    # The board reviews the plan it assures, unpublished as it is, and cannot change it.
    member.follow("The authority's improvement record")
    expect(page.get_by_text("You are reading this record as a member of the board")).to_be_visible()
    expect(page.get_by_role("link", name="1. Recruit a permanent chief executive")).to_be_visible()
    expect(page.get_by_role("link", name="Add an action")).to_have_count(0)
    member.shot("plan")
    member.go(f"/staff/boards/{board.pk}/")
    member.follow("Recommendation 1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation 1")
    expect(page.locator("#actions + ul")).to_contain_text("Recruit a permanent chief executive")
    expect(page.locator("#response + p")).to_have_text("Recruitment has begun.")
    expect(page.get_by_role("button", name="Respond")).to_have_count(0)  # the authority's step

    member.follow("Close the recommendation")
    member.submit("Close the recommendation")  # no note: refused, nothing closed
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter the board's closing note")).to_have_attribute(
        "href", "#id_closing_note"
    )
    assert Recommendation.objects.get().closed_on is None
    member.shot("close-error")
    page.fill("#id_closing_note", "Done: the permanent chief executive started in March.")
    member.submit("Close the recommendation")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Recommendation closed."
    )
    expect(page.locator("#closed + p")).to_have_text(
        "Done: the permanent chief executive started in March."
    )
    expect(page.get_by_text("Closed", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Close the recommendation")).to_have_count(0)
    expect(page.get_by_role("link", name="Change the recommendation")).to_have_count(0)
    member.shot("closed")
    closed = Recommendation.objects.get()
    assert (closed.closing_note, closed.closed_by_id) == (
        "Done: the permanent chief executive started in March.",
        bea.pk,
    )
