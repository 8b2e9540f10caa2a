"""The access rule of every URL, for every role. tests/integration/test_access.py enforces it.

Add every new URL here: the test fails for any named URL pattern without a rule. Each rule says
what each role gets: an HTTP status, or "sign-in" for a redirect to the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bestvalue.accounts.roles import Role

SIGN_IN = "sign-in"
# For actions whose outcome also depends on the record's state: the role is let through (no 403,
# no sign-in), and the answer is a success or a clear refusal of the input, never a server error.
ALLOWED = "allowed"
ALL_ROLES = [None, *Role.values]


@dataclass(frozen=True)
class Rule:
    expected: dict[str | None, int | str]
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = lambda world: {}
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def everyone(status: int = 200) -> dict[str | None, int | str]:
    return dict.fromkeys(ALL_ROLES, status)


def signed_in(status: int = 200) -> dict[str | None, int | str]:
    return {None: SIGN_IN, **dict.fromkeys(Role.values, status)}


def only(*roles: str, status: int | str = 200, others: int = 403) -> dict[str | None, int | str]:
    return {None: SIGN_IN, **{r: (status if r in roles else others) for r in Role.values}}


def other_authoritys(expected: dict[str | None, int | str]) -> dict[str | None, int | str]:
    """A record of another authority: its authority officer and board member (the world's officer
    and member are of another authority and board; a member reads the record of the authority its
    board oversees) are told it does not exist (404), as for a record that does not."""
    return {**expected, Role.AUTHORITY_OFFICER: 404, Role.BOARD_MEMBER: 404}


def _authority(world: dict[str, Any]) -> dict[str, Any]:
    return {"gss_code": world["authority"].gss_code}


def _draft(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["draft"].pk}


def _issued(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["issued"].pk}


def _issued_plain(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["issued_plain"].pk}


def _review_awaiting(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["review_awaiting"].pk}


def _revised(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["revised"].pk}


def _draft_item(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["draft"].pk, "kind": "expectations", "position": 1}


def _draft_list(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["draft"].pk, "kind": "expectations"}


def _review(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["review"].pk}


def _data_request(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["data_request"].pk}


def _recorded_request(world: dict[str, Any]) -> dict[str, Any]:
    request = world["data_request"]
    return {"pk": request.notice_id, "record": "data-requests", "item": request.pk}


def _intervention(world: dict[str, Any]) -> dict[str, Any]:
    return {"reference": world["intervention"].reference}


def _in_intervention(key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Kwargs for a record of the world's intervention: its reference and the record's pk."""
    return lambda world: {**_intervention(world), "pk": world[key].pk}


def _stage(key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    stage = "minded-to" if "letter" in key else "directions"
    return lambda world: {**_in_intervention(key)(world), "stage": stage}


DEPARTMENT_ONLY = only(Role.CASEWORKER, Role.APPROVER)
CASEWORKER_ONLY = only(Role.CASEWORKER)


RULES: dict[str, Rule] = {
    "core:home": Rule(everyone()),
    "core:accessibility": Rule(everyone()),
    "core:cookies": Rule(everyone()),
    "core:data-sources": Rule(everyone()),
    "core:health": Rule(everyone()),
    # Signed-in users are sent on to their home page.
    "accounts:sign-in": Rule({None: 200, **dict.fromkeys(Role.values, 302)}),
    "accounts:sign-out": Rule({None: SIGN_IN, **dict.fromkeys(Role.values, 302)}, method="post"),
    "accounts:sign-out-everywhere": Rule(signed_in(302), method="post"),
    "accounts:account": Rule(signed_in()),
    # Signed in with a code already (the test clients' sessions are): straight on to the page.
    "accounts:two-factor-code": Rule(signed_in(302)),
    "accounts:two-factor-setup": Rule(signed_in()),
    # New recovery codes for those enrolled (approvers and administrators, in the test world);
    # anyone else is sent back to their account page.
    "accounts:recovery-codes": Rule(
        only(Role.APPROVER, Role.ADMINISTRATOR, others=302), method="post"
    ),
    "register:authorities": Rule(everyone()),
    "register:authority": Rule(everyone(), kwargs=_authority),
    # What an authority and its board have published about its improvement, and its published
    # evidence files (an unpublished one is not found: tests/integration/test_public_improvement.py).
    "register:improvement": Rule(
        everyone(), kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "register:improvement-evidence": Rule(
        everyone(),
        kwargs=lambda w: {
            "gss_code": w["improvement_authority"].gss_code,
            "pk": w["improvement_published_evidence"].pk,
        },
    ),
    "register:notice": Rule(
        everyone(), kwargs=lambda world: {"reference": world["issued"].reference}
    ),
    "staff:home": Rule(signed_in()),
    "staff:in-force": Rule(DEPARTMENT_ONLY),
    # The case workspace: the department reads everything; caseworkers draft and record;
    # approvers approve (never their own drafts). Authority officers, boards and administrators
    # are refused (403); the public is sent to sign in.
    "staff:notice-new": Rule(CASEWORKER_ONLY),
    # The case list holds drafts: the department only.
    "staff:notice-list": Rule(DEPARTMENT_ONLY),
    "staff:notice-list-download": Rule(DEPARTMENT_ONLY, kwargs=lambda world: {"fmt": "csv"}),
    "staff:notice": Rule(DEPARTMENT_ONLY, kwargs=_draft),
    "staff:notice-edit": Rule(CASEWORKER_ONLY, kwargs=_draft),
    "staff:item-add": Rule(CASEWORKER_ONLY, kwargs=_draft_list),
    "staff:item-edit": Rule(CASEWORKER_ONLY, kwargs=_draft_item),
    "staff:item-remove": Rule(CASEWORKER_ONLY, kwargs=_draft_item),
    # POST actions: the allowed role is redirected back to the notice; others are refused.
    "staff:notice-submit": Rule(
        only(Role.CASEWORKER, status=ALLOWED), kwargs=_draft, method="post", data={"version": "1"}
    ),
    "staff:notice-return": Rule(DEPARTMENT_ONLY, kwargs=_draft),
    # An approver sees the approval page only for something awaiting approval; this draft is not.
    "staff:notice-approve": Rule(
        only(Role.APPROVER, status=403) | {Role.CASEWORKER: 403}, kwargs=_draft
    ),
    "staff:notice-reissue": Rule(
        only(Role.CASEWORKER, status=302), kwargs=_issued_plain, method="post"
    ),
    "staff:notice-changes": Rule(DEPARTMENT_ONLY, kwargs=_revised),
    # Corrections in the open: caseworkers propose corrections to issued notices (and withdrawals
    # of notices issued in error); the department reads them; an approver approves one as read
    # (without the digest of what they read, the approval is refused as stale: 409).
    "staff:correction-new": Rule(CASEWORKER_ONLY, kwargs=_issued_plain),
    "staff:withdraw-in-error": Rule(CASEWORKER_ONLY, kwargs=_issued_plain),
    "staff:correction": Rule(DEPARTMENT_ONLY, kwargs=lambda w: {"pk": w["correction"].pk}),
    "staff:correction-approve": Rule(
        only(Role.APPROVER, status=ALLOWED),
        kwargs=lambda w: {"pk": w["correction"].pk},
        method="post",
    ),
    "staff:correction-return": Rule(DEPARTMENT_ONLY, kwargs=lambda w: {"pk": w["correction"].pk}),
    "staff:review-edit": Rule(CASEWORKER_ONLY, kwargs=_issued),
    "staff:review": Rule(DEPARTMENT_ONLY, kwargs=_review),
    "staff:review-submit": Rule(only(Role.CASEWORKER, status=302), kwargs=_review, method="post"),
    # Only an approver gets past the role check; without the digest of the review they read,
    # the approval is refused as stale (409) and nothing is approved (issue 13.1).
    "staff:review-approve": Rule(
        only(Role.APPROVER, status=409), kwargs=_review_awaiting, method="post"
    ),
    "staff:review-return": Rule(DEPARTMENT_ONLY, kwargs=_review),
    "staff:engagement-new": Rule(CASEWORKER_ONLY, kwargs=_issued),
    "staff:data-request-new": Rule(CASEWORKER_ONLY, kwargs=_issued),
    "staff:data-return-new": Rule(DEPARTMENT_ONLY, kwargs=_data_request),
    # Notes on a case: private to the department, kept by caseworkers and approvers alike.
    "staff:note-new": Rule(DEPARTMENT_ONLY, kwargs=_draft),
    # Correcting or removing an engagement, data request or return: the department.
    "staff:record-change": Rule(DEPARTMENT_ONLY, kwargs=_recorded_request),
    "staff:record-remove": Rule(DEPARTMENT_ONLY, kwargs=_recorded_request),
    # Letters: the department previews draft letters and imports letters; approvers may read an
    # import's proposal, but only caseworkers create the draft (an empty form is refused, 400).
    # Issued letters are public.
    "staff:letter-import": Rule(DEPARTMENT_ONLY),
    "staff:letter-import-create": Rule(only(Role.CASEWORKER, status=ALLOWED), method="post"),
    "staff:letter-preview": Rule(
        DEPARTMENT_ONLY, kwargs=lambda world: {"pk": world["draft"].pk, "kind": "notice"}
    ),
    "staff:letter-draft-download": Rule(
        DEPARTMENT_ONLY,
        kwargs=lambda world: {"pk": world["draft"].pk, "kind": "notice", "fmt": "docx"},
    ),
    "staff:minded-to-letter-preview": Rule(
        DEPARTMENT_ONLY, kwargs=_in_intervention("intervention_letter")
    ),
    "staff:minded-to-letter-download": Rule(
        DEPARTMENT_ONLY,
        kwargs=lambda w: {**_in_intervention("intervention_letter")(w), "fmt": "pdf"},
    ),
    "staff:directions-letter-preview": Rule(
        DEPARTMENT_ONLY, kwargs=_in_intervention("intervention_directions_draft")
    ),
    "staff:directions-letter-download": Rule(
        DEPARTMENT_ONLY,
        kwargs=lambda w: {**_in_intervention("intervention_directions_draft")(w), "fmt": "pdf"},
    ),
    "letters:issued-step": Rule(
        everyone(),
        kwargs=lambda world: {
            "reference": world["issued_minded_to_letter"].minded_to.intervention.reference,
            "kind": "minded-to",
            "position": world["issued_minded_to_letter"].minded_to.position,
            "fmt": world["issued_minded_to_letter"].format,
        },
    ),
    "letters:issued-version": Rule(
        everyone(),
        kwargs=lambda world: {
            "reference": world["issued_letter"].notice.reference,
            "kind": world["issued_letter"].kind,
            "version": 1,
            "fmt": world["issued_letter"].format,
        },
    ),
    "letters:issued": Rule(
        everyone(),
        kwargs=lambda world: {
            "reference": world["issued_letter"].notice.reference,
            "kind": world["issued_letter"].kind,
            "fmt": world["issued_letter"].format,
        },
    ),
    # Improvement and assurance (bestvalue/improvement/README.md). The department reads every
    # authority's plan, measures, evidence, progress report and board record; only the
    # authority's own officers change its records, and only the board's own members its record.
    # The officer and board member of these tests belong to another authority and board, so they
    # are refused everywhere (403); tests/integration/test_improvement_access.py checks every
    # URL and file for an authority's own officer and board member, and for another authority's.
    "staff:improvement-index": Rule(
        only(Role.CASEWORKER, Role.APPROVER) | {Role.AUTHORITY_OFFICER: 302, Role.BOARD_MEMBER: 302}
    ),
    "staff:improvement": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-overview": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-progress": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-action-new": Rule(
        only(), kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-measure-new": Rule(
        only(), kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-evidence-new": Rule(
        only(), kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-action": Rule(
        other_authoritys(DEPARTMENT_ONLY), kwargs=lambda w: {"pk": w["improvement_action"].pk}
    ),
    "staff:improvement-action-edit": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_action"].pk}
    ),
    "staff:improvement-action-progress": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_action"].pk}
    ),
    "staff:improvement-measure": Rule(
        other_authoritys(DEPARTMENT_ONLY), kwargs=lambda w: {"pk": w["improvement_measure"].pk}
    ),
    "staff:improvement-measure-edit": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_measure"].pk}
    ),
    "staff:improvement-reading-new": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_measure"].pk}
    ),
    "staff:improvement-reading-import": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_measure"].pk}
    ),
    "staff:improvement-evidence": Rule(
        other_authoritys(DEPARTMENT_ONLY), kwargs=lambda w: {"pk": w["improvement_evidence"].pk}
    ),
    "staff:improvement-evidence-download": Rule(
        other_authoritys(DEPARTMENT_ONLY), kwargs=lambda w: {"pk": w["improvement_evidence"].pk}
    ),
    "staff:improvement-publish": Rule(
        only(),
        kwargs=lambda w: {"kind": "action", "pk": w["improvement_action"].pk},
        method="post",
        data={"publish": "1"},
    ),
    # Corrections in the open (issue 18.2): the authority's own officers only.
    "staff:improvement-reading-correct": Rule(
        other_authoritys(only()),
        kwargs=lambda w: {"pk": w["improvement_measure"].readings.first().pk},
    ),
    "staff:improvement-reading-withdraw": Rule(
        other_authoritys(only()),
        kwargs=lambda w: {"pk": w["improvement_measure"].readings.first().pk},
    ),
    "staff:improvement-evidence-correct": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_evidence"].pk}
    ),
    "staff:improvement-evidence-withdraw": Rule(
        other_authoritys(only()), kwargs=lambda w: {"pk": w["improvement_evidence"].pk}
    ),
    "staff:board": Rule(DEPARTMENT_ONLY, kwargs=lambda w: {"pk": w["improvement_board"].pk}),
    "staff:board-member-new": Rule(only(), kwargs=lambda w: {"pk": w["improvement_board"].pk}),
    "staff:board-meeting-new": Rule(only(), kwargs=lambda w: {"pk": w["improvement_board"].pk}),
    "staff:board-meeting": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"pk": w["improvement_meeting"].pk}
    ),
    "staff:board-recommendation-new": Rule(
        only(), kwargs=lambda w: {"pk": w["improvement_meeting"].pk}
    ),
    "staff:board-recommendation-respond": Rule(
        only(), kwargs=lambda w: {"pk": w["improvement_recommendation"].pk}
    ),
    # Recommendations as things to act on (issue 18.6): the department, the board and the
    # authority read one; only the board changes or closes it.
    "staff:recommendation": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"pk": w["improvement_recommendation"].pk}
    ),
    "staff:recommendation-edit": Rule(
        only(), kwargs=lambda w: {"pk": w["improvement_recommendation"].pk}
    ),
    "staff:recommendation-close": Rule(
        only(), kwargs=lambda w: {"pk": w["improvement_recommendation"].pk}
    ),
    # Downloads of the record read as its pages do (bestvalue/staff/improvement/exports.py).
    "staff:improvement-actions-import": Rule(
        only(), kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-export-xlsx": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-export-csv": Rule(
        DEPARTMENT_ONLY,
        kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code, "part": "plan"},
    ),
    "staff:improvement-progress-pdf": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    "staff:improvement-progress-docx": Rule(
        DEPARTMENT_ONLY, kwargs=lambda w: {"gss_code": w["improvement_authority"].gss_code}
    ),
    # Inspections and interventions (bestvalue/interventions/README.md): the department reads;
    # caseworkers record and draft; approvers approve minded-to letters and directions that they
    # neither drafted nor changed. The public reads each issued record on its public page.
    "register:intervention": Rule(everyone(), kwargs=_intervention),
    "staff:interventions": Rule(DEPARTMENT_ONLY),
    "staff:interventions-download": Rule(DEPARTMENT_ONLY, kwargs=lambda w: {"fmt": "csv"}),
    "staff:intervention-new": Rule(CASEWORKER_ONLY),
    "staff:intervention": Rule(DEPARTMENT_ONLY, kwargs=_intervention),
    "staff:intervention-edit": Rule(CASEWORKER_ONLY, kwargs=_intervention),
    "staff:intervention-note-new": Rule(DEPARTMENT_ONLY, kwargs=_intervention),
    "staff:intervention-people": Rule(
        DEPARTMENT_ONLY,
        kwargs=lambda w: {**_in_intervention("intervention_inspection")(w), "step": "inspections"},
    ),
    "staff:intervention-inspector-edit": Rule(
        CASEWORKER_ONLY,
        kwargs=lambda w: {
            **_in_intervention("intervention_inspection")(w),
            "person": w["intervention_inspector"].pk,
        },
    ),
    "staff:intervention-person-remove": Rule(
        CASEWORKER_ONLY,
        kwargs=lambda w: {
            **_in_intervention("intervention_inspection")(w),
            "step": "inspections",
            "person": w["intervention_inspector"].pk,
        },
    ),
    "staff:intervention-inspection-new": Rule(CASEWORKER_ONLY, kwargs=_intervention),
    "staff:intervention-inspection-edit": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_inspection")
    ),
    "staff:intervention-inspector-new": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_inspection")
    ),
    "staff:intervention-inspection-extend": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_inspection")
    ),
    "staff:intervention-inspection-findings": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_inspection")
    ),
    "staff:intervention-minded-to-new": Rule(CASEWORKER_ONLY, kwargs=_intervention),
    "staff:intervention-minded-to-edit": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_letter")
    ),
    "staff:intervention-representation-new": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_letter")
    ),
    "staff:intervention-directions-new": Rule(
        CASEWORKER_ONLY, kwargs=lambda w: {**_intervention(w), "kind": "directions"}
    ),
    "staff:intervention-directions-edit": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_directions_draft")
    ),
    "staff:intervention-appointee-new": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_directions_draft")
    ),
    "staff:intervention-appointee-edit": Rule(
        CASEWORKER_ONLY,
        kwargs=lambda w: {
            **_in_intervention("intervention_directions_draft")(w),
            "appointee": w["intervention_appointee"].pk,
        },
    ),
    "staff:intervention-report-schedule": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_directions_issued")
    ),
    "staff:intervention-report-new": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_directions_issued")
    ),
    "staff:intervention-report-edit": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_report")
    ),
    "staff:intervention-response-new": Rule(
        CASEWORKER_ONLY, kwargs=_in_intervention("intervention_report")
    ),
    # Four eyes: a caseworker sends a draft for approval; the department can return what awaits
    # approval; only an approver who did not draft or change it sees the approval page.
    "staff:intervention-stage-submit": Rule(
        only(Role.CASEWORKER, status=ALLOWED),
        kwargs=_stage("intervention_letter"),
        method="post",
        data={"version": "1"},
    ),
    "staff:intervention-stage-return": Rule(
        only(Role.CASEWORKER, Role.APPROVER, status=ALLOWED),
        kwargs=_stage("intervention_letter_awaiting"),
        method="post",
        data={"version": "2"},
    ),
    "staff:intervention-stage-approve": Rule(
        only(Role.APPROVER), kwargs=_stage("intervention_letter_awaiting")
    ),
    # Four eyes for publication: the world's facts await approval (tests/factories).
    "staff:intervention-publication-submit": Rule(
        only(Role.CASEWORKER, status=ALLOWED), kwargs=_intervention, method="post"
    ),
    "staff:intervention-publication-return": Rule(
        only(Role.CASEWORKER, Role.APPROVER, status=ALLOWED), kwargs=_intervention, method="post"
    ),
    "staff:intervention-publication-approve": Rule(only(Role.APPROVER), kwargs=_intervention),
    # Everyone signed in has a due page, preferences and a calendar address of their own (an
    # administrator's lists nothing). The calendar feed is public: its secret address is the key,
    # and an unknown one is not found, whoever asks.
    "staff:due": Rule(signed_in()),
    "staff:due-preferences": Rule(signed_in()),
    "staff:due-calendar-new": Rule(signed_in(), method="post"),
    "staff:due-calendar-revoke": Rule(signed_in(302), method="post"),
    "staff:calendar-feed": Rule(everyone(404), kwargs=lambda world: {"token": "no-such-key"}),
    # The public register, open data and feeds: everyone, read-only.
    "register:register": Rule(everyone()),
    "register:about": Rule(everyone()),
    "register:feed": Rule(everyone()),
    "register:calendar": Rule(everyone()),
    "register:authority-feed": Rule(everyone(), kwargs=_authority),
    "register:authority-calendar": Rule(everyone(), kwargs=_authority),
    "register:open-data": Rule(everyone()),
    # Email alerts: anyone, without an account; a link with a bad token is a 404 page (confirm)
    # or the "unsubscribed" page (unsubscribe: gone already is the same as done).
    "register:alerts": Rule(everyone()),
    "register:alerts-check-email": Rule(everyone()),
    "register:alerts-confirm": Rule(everyone(404), kwargs=lambda world: {"token": "not-a-token"}),
    "register:alerts-unsubscribe": Rule(everyone(), kwargs=lambda world: {"token": "not-a-token"}),
    "register:alerts-privacy": Rule(everyone()),
    "register:dataset": Rule(everyone(), kwargs=lambda world: {"dataset": "notices"}),
    "register:download": Rule(
        everyone(), kwargs=lambda world: {"dataset": "expectations", "fmt": "csv"}
    ),
    "register:dataset-schema": Rule(everyone(), kwargs=lambda world: {"dataset": "notices"}),
    "register:dataset-columns": Rule(everyone(), kwargs=lambda world: {"dataset": "notices"}),
    # The audit log's published checkpoints: everyone, read-only.
    "audit": Rule(everyone()),
    "audit-checkpoints": Rule(everyone()),
    # The API: reads are public; writes need a personal token (never a session), so every role
    # without one gets 401. Department users make and revoke their own tokens.
    "api:docs": Rule(everyone()),
    "api:v1:api-root": Rule(everyone(302)),
    "api:v1:openapi-json": Rule(everyone()),
    "api:v1:authorities": Rule(everyone()),
    "api:v1:authority": Rule(everyone(), kwargs=lambda world: {"gss": world["authority"].gss_code}),
    "api:v1:timeline": Rule(everyone(), kwargs=lambda world: {"gss": world["authority"].gss_code}),
    "api:v1:improvement": Rule(
        everyone(), kwargs=lambda world: {"gss": world["improvement_authority"].gss_code}
    ),
    "api:v1:notices": Rule(everyone()),
    "api:v1:notice": Rule(
        everyone(), kwargs=lambda world: {"reference": world["issued"].reference}
    ),
    "api:v1:expectations": Rule(everyone()),
    "api:v1:interventions": Rule(everyone()),
    "api:v1:intervention": Rule(everyone(), kwargs=_intervention),
    "api:v1:drafts": Rule(everyone(401), method="post"),
    "api:v1:draft": Rule(everyone(401), kwargs=_draft),
    "api:v1:draft-grounds": Rule(everyone(401), kwargs=_draft, method="post"),
    "api:v1:draft-expectations": Rule(everyone(401), kwargs=_draft, method="post"),
    "api:v1:engagements": Rule(
        everyone(401), kwargs=lambda world: {"reference": world["issued"].reference}, method="post"
    ),
    "api:tokens": Rule(DEPARTMENT_ONLY),
    "api:token-revoke": Rule(
        only(Role.CASEWORKER, Role.APPROVER, status=404),
        kwargs=lambda world: {"pk": 999_999},
        method="post",
    ),
}

# The Django admin is one area with one rule: administrators only. Others are sent to its own
# sign-in page (302) whether or not they are signed in.
ADMIN_URLS = [
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:authorities_authority_changelist",
]
ADMIN_EXPECTED = {**dict.fromkeys([None, *Role.values], 302), Role.ADMINISTRATOR: 200}
