"""What the letters that end a notice say: the lapse letter (the notice is not reissued and ends
at the end of its period) and the withdrawal letter (the department withdraws it before then).
Pure, like letters.content, whose `LetterContent` they build.

Their shape follows the department's published outcome letters (for example the letter of
9 September 2024 telling Cambridgeshire and Peterborough Combined Authority that its revised
notice would not be reissued): the notice and when it was issued, the decision and when it takes
effect, the progress the department recognises, and that the authority remains under the Best
Value Duty. A notice is non-statutory, so ending it uses no power of the Act; the letters say
only that the Secretary of State's powers remain available: inspection (section 10) and
intervention, cited by subsection in the Act's words (section 15(1), (5) and (6):
`content.INTERVENTION_POWERS`, one wording for every letter that cites them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bestvalue.core.dates import uk_date
from bestvalue.letters.content import (
    INTERVENTION_POWERS,
    Item,
    LetterContent,
    Section,
    _addressee,
    _common,
    _months,
    _named,
    _signatory,
    department_label,
    paragraphs_of,
)
from bestvalue.letters.kinds import LetterKind
from bestvalue.notices import rules

WHAT_HAPPENS_NEXT = (
    "The Authority remains under the Best Value Duty in section 3 of the Local Government Act "
    "1999, and the Department expects it to sustain the improvements it has made.",
    "Should further concerns arise, the Department may consider further action, including a new "
    "Best Value Notice, or the Secretary of State's powers in Part 1 of the Act: to appoint a "
    f"person to carry out a best value inspection (section 10) and, {INTERVENTION_POWERS}.",
    "The Department will publish this letter.",
)


def _ends(notice: Any, review: Any, *, dated_on: dt.date | None, verb: tuple[str, str]) -> str:
    """ "lapsed at the end of its period, on 30 July 2024, and is no longer in force", or the
    future tense when the letter is dated before the end. A lapse takes effect at expiry, or on
    the decision if that comes first (rules.lapse_date); a withdrawal on the decision."""
    if notice.ended_on:
        ended_on = notice.ended_on
    elif review.decision == "lapse":
        ended_on = rules.lapse_date(notice.expires_on, review.reviewed_on)
    else:
        ended_on = max(review.reviewed_on, notice.issued_on or review.reviewed_on)
    when = (
        f"at the end of its period, on {uk_date(ended_on)}"
        if notice.expires_on is not None and ended_on == notice.expires_on
        else f"on {uk_date(ended_on)}"
    )
    if dated_on is not None and ended_on <= dated_on:
        return f"{verb[0]} {when}, and is no longer in force"
    return f"{verb[1]} {when}, and will no longer be in force from that date"


def _progress(notice: Any, review: Any) -> Section:
    assessments = {a.expectation_id: a for a in review.assessments.all()}
    return Section(
        "Progress against the expectations",
        paragraphs=("The Department's assessment of each expectation in the Notice:",),
        items=tuple(
            Item(
                e.text,
                f"Assessed as: {assessments[e.pk].get_rating_display().lower()}"
                if e.pk in assessments
                else "",
            )
            for e in notice.expectations.all()
        ),
    )


@dataclass(frozen=True)
class Ending:
    """How the letter of one decision ending a notice names it."""

    kind: str
    title: str
    verb: tuple[str, str]  # past, future: "lapsed", "will lapse"
    decided: str


# The letter of each decision that ends a notice with a letter, by the review's decision.
ENDINGS = {
    "lapse": Ending(
        LetterKind.OUTCOME,
        "Best Value Notice not reissued",
        ("lapsed", "will lapse"),
        "has decided not to reissue it",
    ),
    "withdraw": Ending(
        LetterKind.WITHDRAWAL,
        "Best Value Notice withdrawn",
        ("was withdrawn", "is withdrawn"),
        "has decided to withdraw it before the end of its period",
    ),
}


def ending_letter(
    notice: Any,
    review: Any,
    *,
    dated_on: dt.date | None,
    department: str | None = None,
    draft: bool = False,
) -> LetterContent:
    """The letter of the review's decision to end the notice: the lapse letter (the notice will
    not be reissued and lapses) or the withdrawal letter (the department withdraws it before the
    end of its period: "it can be withdrawn or escalated at any time", DESIGN.md section 1).

    `review` is that review, its assessments loaded; `department` (DLUHC or MHCLG) writes the
    letter, by default the one that issued the notice. A draft bears no date.
    """
    ending = ENDINGS[review.decision]
    authority = notice.authority.official_name
    code = department or notice.department
    label = department_label(code)
    noun = "revised Best Value Notice" if notice.replaces_id else "Best Value Notice"
    issued = uk_date(notice.issued_on) if notice.issued_on else "an earlier date"
    ends = _ends(notice, review, dated_on=dated_on, verb=ending.verb)
    outcome = getattr(notice, "outcome", None) if notice.ended_on else None
    addressee, salutation = _addressee(
        notice, getattr(outcome, "letter_to_name", ""), getattr(outcome, "letter_to_role", "")
    )
    signatory = _signatory(
        notice,
        getattr(outcome, "letter_from_name", ""),
        getattr(outcome, "letter_from_role", ""),
        label,
    )
    common = {
        **_common(notice, dated_on=dated_on, draft=draft),
        "reference": notice.reference,
        "addressee": addressee,
        "salutation": salutation,
        "department": label,
        "signatory": signatory,
    }
    return LetterContent(
        kind=ending.kind,
        title=ending.title,
        subject=f"{ending.title}: {authority}",
        opening=(
            f"On {issued} {_named(notice.department, code)} issued {authority} (the Authority) "
            f"with a {noun} ({notice.reference}) for {_months(notice.period_months)}.",
            "The Department has reviewed the Authority's progress against the expectations in "
            f"the Notice and {ending.decided}. The Notice {ends}.",
        ),
        sections=(
            Section("Reasons for the decision", paragraphs=paragraphs_of(review.rationale)),
            _progress(notice, review),
            Section("What happens next", paragraphs=WHAT_HAPPENS_NEXT),
        ),
        closing=(),
        footer=f"Outcome of {notice.reference}: {authority}",
        metadata={"title": f"{ending.title}: {authority}", "author": label},
        **common,
    )
