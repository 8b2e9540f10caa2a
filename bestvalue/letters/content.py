"""What a letter says, worked out once from the record: `LetterContent`, which the HTML (and so
the PDF) and the DOCX are both drawn from, so that the wording exists in one place.

Pure: builders take a notice whose grounds, acknowledgements, expectations and outcome are
already loaded (letters.selectors does that) and the date the letter bears; nothing here reads
the clock or writes. The legal references follow DESIGN.md section 1: the Best Value Duty is
section 3 of the Local Government Act 1999 (Part 1); the statutory guidance of 8 May 2024 was
issued under section 26; notices are non-statutory; inspection is section 10 and intervention
section 15 (`INTERVENTION_POWERS` quotes subsections (1), (5) and (6)), before which the Secretary
of State must give the authority an opportunity to make representations (section 15(9)) unless
the direction is urgent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bestvalue.core.dates import uk_date
from bestvalue.letters.kinds import LetterKind
from bestvalue.notices.models import Department

GUIDANCE_TITLE = (
    "Best value standards and intervention: a statutory guide for best value authorities"
)
GUIDANCE_PUBLISHED_ON = dt.date(2024, 5, 8)
DRAFT_REFERENCE = "Draft, not yet issued"

NOTICE_DEFINITION = (
    "A Best Value Notice is a formal notification that the Department has concerns regarding an "
    "authority and is a request that the authority engages with the Department to provide "
    "assurance of improvement. It is not a statutory notice: it does not use the Secretary of "
    "State's powers of inspection or intervention."
)
DUTY = (
    "Every best value authority is under the Best Value Duty in section 3 of the Local "
    "Government Act 1999 (Part 1): to make arrangements to secure continuous improvement in the "
    "way in which its functions are exercised, having regard to a combination of economy, "
    "efficiency and effectiveness."
)
GUIDANCE = (
    f"The statutory guidance \u2018{GUIDANCE_TITLE}\u2019 (8 May 2024), issued under section 26 of the Act, "
    "sets out the characteristics of a well-functioning authority across seven themes, the "
    "indicators of potential failure, and how the Department will respond."
)
# Section 15 in the Act's own words (legislation.gov.uk, Local Government Act 1999, s.15 as in
# force): it applies "if the Secretary of State is satisfied that [the authority] is failing to
# comply with the requirements of this Part" (s.15(1)); the Secretary of State may then direct it
# "to take any action which he considers necessary or expedient to secure its compliance with
# the requirements of this Part" (s.15(5)) or direct that "a specified function of the authority
# shall be exercised by the Secretary of State or a person nominated by him" (s.15(6)). Letters
# cite only these subsections (and s.15(9), representations, in the minded-to and directions
# letters): no other subsection is in the regime facts (DESIGN.md section 1) the service holds.
INTERVENTION_POWERS = (
    "if satisfied that the Authority is failing to comply with the requirements of Part 1 of "
    "the Act (section 15(1)), to intervene by giving directions: that the Authority take any "
    "action the Secretary of State considers necessary or expedient to secure its compliance "
    "(section 15(5)), or that specified functions of the Authority be exercised by the "
    "Secretary of State or a person the Secretary of State nominates (section 15(6))"
)
STATUTORY_POWERS = (
    "If the Department is not assured that the Authority is making sufficient progress, the "
    "Secretary of State may consider using the powers in Part 1 of the Local Government Act "
    "1999: to appoint a person to carry out a best value inspection of the Authority (section "
    f"10) and, {INTERVENTION_POWERS}."
)


@dataclass(frozen=True)
class Item:
    """One numbered point; `note` is set in smaller type after it (a source, an assessment)."""

    text: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    after: tuple[str, ...] = ()  # paragraphs following the list


@dataclass(frozen=True)
class LetterContent:
    kind: str  # a LetterKind value
    title: str
    reference: str
    dated: str  # "30 January 2024", or a placeholder on a draft
    department: str
    addressee: tuple[str, ...]  # the lines of the address block
    salutation: str
    subject: str
    opening: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    signatory: tuple[str, ...]  # name, role, department
    draft: bool
    sign_off: str = "Yours sincerely,"
    footer: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    file_stem: str = ""  # names the file when the reference alone does not

    @property
    def filename(self) -> str:
        """The file name without extension, for downloads: BVN-2024-001-revised-notice."""
        if self.file_stem:
            return f"{'draft-' if self.draft else ''}{self.file_stem}"
        return f"{'draft' if self.draft else self.reference}-{self.kind}"


def department_label(code: str) -> str:
    """The department's name, from its code (DLUHC, MHCLG)."""
    return str(Department(code).label)


def _department(notice: Any) -> str:
    return department_label(notice.department)


def _named(earlier: str, letter: str) -> str:
    """How the letter names the department that acted earlier, defining "the Department": the
    department is renamed from time to time (DLUHC became MHCLG in July 2024)."""
    then, now = department_label(earlier), department_label(letter)
    return (
        f"the {then} (the Department)"
        if then == now
        else f"the {then}, now the {now} (the Department),"
    )


def _addressee(notice: Any, name: str = "", role: str = "") -> tuple[tuple[str, ...], str]:
    name, role = name or notice.addressee_name, role or notice.addressee_role
    lines = tuple(x for x in (name, role, notice.authority.official_name) if x)
    return lines, f"Dear {name or role or 'Chief Executive'},"


def _signatory(
    notice: Any, name: str = "", role: str = "", department: str = ""
) -> tuple[str, ...]:
    name, role = name or notice.signatory_name, role or notice.signatory_role
    return tuple(x for x in (name, role, department or _department(notice)) if x)


def framework(dated_on: dt.date | None) -> tuple[str, ...]:
    """The duty, and the 2024 guidance only on letters dated once it existed."""
    if dated_on is not None and dated_on < GUIDANCE_PUBLISHED_ON:
        return (DUTY,)
    return (DUTY, GUIDANCE)


def _months(n: int | None) -> str:
    if n is None:
        return "a period the Department will confirm"
    return f"{n} month" if n == 1 else f"{n} months"


def _period(notice: Any, noun: str) -> Section:
    months = _months(notice.period_months)
    if notice.issued_on and notice.expires_on:
        when = (
            f"This {noun} is in place for {months}, from {uk_date(notice.issued_on)} until "
            f"{uk_date(notice.expires_on)}."
        )
    else:
        when = f"This {noun} will be in place for {months} from the date it is issued."
    return Section(
        "Period of this Notice and what happens at its end",
        paragraphs=(
            when,
            "Before the end of the period the Department will review the Authority's progress "
            "against each expectation above. It will then decide whether to issue a revised "
            "Notice, to let this Notice lapse at the end of its period, or to escalate. The "
            "Department may withdraw or escalate this Notice at any time.",
            STATUTORY_POWERS,
            "The Department will publish this Notice, and any letter about its outcome.",
        ),
    )


def _items(texts: Any, *, with_source: bool = False) -> tuple[Item, ...]:
    return tuple(
        Item(
            x.text,
            f"Source: {x.source_document}" if with_source and x.source_document else "",
        )
        for x in texts
    )


def _common(notice: Any, *, dated_on: dt.date | None, draft: bool) -> dict[str, Any]:
    addressee, salutation = _addressee(notice)
    reference = DRAFT_REFERENCE if draft or not notice.reference else notice.reference
    return {
        "reference": reference,
        "dated": uk_date(dated_on) if dated_on else "Date of issue to be added",
        "department": _department(notice),
        "addressee": addressee,
        "salutation": salutation,
        "signatory": _signatory(notice),
        "draft": draft,
    }


def notice_letter(notice: Any, *, draft: bool | None = None) -> LetterContent:
    """The letter that issues a notice, or a revised notice that replaces the one in force.

    A draft (not yet issued) bears no date or reference and is marked as a draft throughout.
    """
    draft = notice.issued_on is None if draft is None else draft
    dated_on = None if draft else notice.issued_on
    authority = notice.authority.official_name
    department = _department(notice)
    previous = notice.replaces
    if previous is not None:
        kind, title = LetterKind.REVISED_NOTICE, "Revised Best Value Notice"
        since = uk_date(previous.issued_on) if previous.issued_on else "an earlier date"
        takes_effect = "from the date of this letter" if dated_on else "from the date it is issued"
        opening: tuple[str, ...] = (
            f"On {since} {_named(previous.department, notice.department)} issued {authority} (the Authority) "
            f"with a Best Value Notice ({previous.reference or 'not numbered'}). Having reviewed "
            "the Authority's progress, the Department is issuing a revised Best Value Notice, "
            f"which replaces that Notice {takes_effect}.",
        )
        progress, concerns = (
            "Progress since the previous Notice",
            "The Department's continuing concerns",
        )
    else:
        kind, title = LetterKind.NOTICE, "Best Value Notice"
        opening = (
            f"I am writing on behalf of the {department} (the Department) to issue {authority} "
            "(the Authority) with a Best Value Notice.",
        )
        progress, concerns = "Progress acknowledged", "The Department's concerns"
    opening += (NOTICE_DEFINITION, *framework(dated_on))
    sections = [
        Section(
            concerns,
            paragraphs=("The Department's concerns are as follows.",),
            items=_items(notice.grounds.all(), with_source=True),
        )
    ]
    acknowledgements = _items(notice.acknowledgements.all())
    if acknowledgements:
        sections.insert(
            0 if previous else 1,
            Section(
                progress,
                paragraphs=("The Department recognises the progress the Authority has made:",),
                items=acknowledgements,
            ),
        )
    sections.append(
        Section(
            "What the Department expects",
            paragraphs=("The Department expects the Authority to:",),
            items=_items(notice.expectations.all()),
            after=(
                "The Department asks the Authority to engage with it throughout the period of "
                "this Notice to provide assurance of its progress against each expectation.",
            ),
        )
    )
    sections.append(_period(notice, "revised Notice" if previous else "Notice"))
    common = _common(notice, dated_on=dated_on, draft=draft)
    return LetterContent(
        kind=kind,
        title=title,
        subject=f"{title}: {authority}",
        opening=opening,
        sections=tuple(sections),
        closing=(
            "If you have any questions about this Notice, please contact the Department's "
            "officials who work with the Authority.",
        ),
        footer=f"{title} to {authority}",
        metadata={"title": f"{title}: {authority}", "author": department},
        **common,
    )


def paragraphs_of(text: str) -> tuple[str, ...]:
    parts = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return tuple(p for p in parts if p)
