"""What a minded-to letter says (section 15 of the Local Government Act 1999): why the Secretary
of State is minded to intervene, the powers proposed, and how and by when the authority may make
representations (section 15(9)), or why the window is foregone as urgent. Pure, like
letters.content, whose `LetterContent` it builds."""

from __future__ import annotations

from typing import Any

from bestvalue.core.dates import uk_date
from bestvalue.letters.content import (
    DRAFT_REFERENCE,
    Item,
    LetterContent,
    Section,
    department_label,
    framework,
    paragraphs_of,
)
from bestvalue.letters.kinds import LetterKind

# What each power proposed in a minded-to letter does, in the words of Part 1 of the Act.
PROPOSED_POWERS = {
    "s.10": "to appoint a person under section 10 of the Act to carry out a best value inspection "
    "of the Authority",
    "s.15(5)": "to direct the Authority under section 15(5) of the Act to take any action which "
    "the Secretary of State considers necessary or expedient to secure its compliance with the "
    "requirements of Part 1 of the Act",
    "s.15(6)": "to direct under section 15(6) of the Act that specified functions of the "
    "Authority be exercised by the Secretary of State or by a person nominated by the Secretary "
    "of State",
}

# Section 15(1)'s test in the Act's words ("failing to comply with the requirements of this
# Part"); the Best Value Duty (section 3) is one of those requirements, not the whole of them.
MINDED_TO_CONCLUDE = (
    "On this evidence the Secretary of State is minded to conclude that the Authority is failing "
    "to comply with the requirements of Part 1 of the Act (section 15(1)), which include the "
    "Best Value Duty in section 3, and so to use the powers of intervention in section 15 of the "
    "Act."
)


def _finding(f: Any) -> Item:
    verdict = "meets" if f.meets_duty else "does not meet"
    summary = " ".join(f.summary.split())
    return Item(
        f"{f.theme.name}: {verdict} the Best Value Duty." + (f" {summary}" if summary else "")
    )


def _inspectors(inspection: Any) -> str:
    """ "Jo Inspector (lead inspector) and Sam Assistant (assistant inspector)"."""
    names = [
        f"{i.name} ({i.get_role_display().lower()})" if i.role else i.name
        for i in inspection.inspectors.all()
    ]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _inspection(inspection: Any) -> list[str]:
    """Who inspected the Authority under section 10, when, and when the report was published."""
    who = _inspectors(inspection)
    started = f", beginning on {uk_date(inspection.started_on)}" if inspection.started_on else ""
    submitted = (
        f"submitted to the Secretary of State on {uk_date(inspection.report_submitted_on)} and "
        if inspection.report_submitted_on
        else ""
    )
    return [
        "The Secretary of State appointed "
        + (who if who else "an inspector")
        + " under section 10 of the Act to carry out a best value inspection of the "
        f"Authority{started}. The inspection report was {submitted}published on "
        f"{uk_date(inspection.report_published_on)}."
    ]


def _grounds_for_intervention(minded_to: Any, inspection: Any) -> Section:
    """The trigger, the inspection (who, when) and the findings per theme: the letter's own
    findings where the department recorded them, otherwise the published inspection's."""
    paragraphs = list(paragraphs_of(minded_to.intervention.trigger))
    own = list(minded_to.findings.all())
    theirs = list(inspection.findings.all()) if inspection is not None and not own else []
    if inspection is not None:
        paragraphs += _inspection(inspection)
    if own:
        paragraphs.append("Against the themes of the statutory guidance, the findings are:")
    elif theirs:
        paragraphs.append("Against the themes of the statutory guidance, the inspection found:")
    after: tuple[str, ...] = (MINDED_TO_CONCLUDE,)
    return Section(
        "Why the Secretary of State is minded to intervene",
        paragraphs=tuple(paragraphs),
        items=tuple(_finding(f) for f in own or theirs),
        after=after,
    )


def _proposal(minded_to: Any) -> Section:
    powers = tuple(
        Item(f"{PROPOSED_POWERS[p]}.")
        for p in (minded_to.proposed_legal_basis or ())
        if p in PROPOSED_POWERS
    )
    after = []
    if minded_to.proposed_model:
        after.append(
            "The Secretary of State proposes that this be done through "
            f"{minded_to.get_proposed_model_display().lower()}."
        )
    after.extend(paragraphs_of(minded_to.proposed_powers))
    return Section(
        "What the Secretary of State proposes",
        paragraphs=(
            "The Secretary of State proposes:"
            if powers
            else "The Secretary of State proposes to give directions under section 15 of the Act.",
        ),
        items=powers,
        after=tuple(after),
    )


def _representations(minded_to: Any) -> Section:
    if minded_to.window_foregone:
        paragraphs: tuple[str, ...] = (
            "Before giving a direction under section 15 the Secretary of State must ordinarily "
            "give the Authority an opportunity to make representations about it (section 15(9) "
            "of the Act). The Secretary of State considers that the directions ought to be given "
            "as a matter of urgency, and so is not inviting representations before giving them.",
            *paragraphs_of(minded_to.window_foregone_reason),
        )
    else:
        closes = (
            uk_date(minded_to.representations_by)
            if minded_to.representations_by
            else "a date the Department will confirm"
        )
        paragraphs = (
            "Before giving a direction under section 15 the Secretary of State must give the "
            "Authority an opportunity to make representations about it (section 15(9) of the "
            f"Act). The Authority is invited to make representations on these proposals by "
            f"{closes}.",
            "The Secretary of State will consider any representations made by then before "
            "deciding whether to give directions, and in what form.",
        )
    return Section("Representations", paragraphs=paragraphs)


def minded_to_letter(
    minded_to: Any, *, inspection: Any = None, department: str, draft: bool = False
) -> LetterContent:
    """The letter saying that the Secretary of State is minded to intervene (section 15): why,
    the powers proposed, and how and by when the authority may make representations (s.15(9)),
    or why the window is foregone as urgent.

    `minded_to` comes with its intervention, authority and findings (themes) loaded; `inspection`
    is the intervention's latest best value inspection, if any; `department` writes the letter
    (DLUHC or MHCLG). The letter bears the date set on the record; a draft says it is a draft.
    """
    intervention = minded_to.intervention
    authority = intervention.authority.official_name
    label = department_label(department)
    dated_on = minded_to.letter_on
    name, role = minded_to.addressee_name, minded_to.addressee_role
    addressee = tuple(x for x in (name, role, authority) if x)
    title = "Minded-to letter: proposed intervention"
    reference = f"{intervention.reference}-minded-to-{minded_to.position}"
    return LetterContent(
        kind=LetterKind.MINDED_TO,
        title=title,
        reference=DRAFT_REFERENCE if draft else reference,
        dated=uk_date(dated_on) if dated_on else "Date of issue to be added",
        department=label,
        addressee=addressee,
        salutation=f"Dear {name or role or 'Chief Executive'},",
        subject=f"Proposed intervention under section 15 of the Local Government Act 1999: "
        f"{authority}",
        opening=(
            f"I am writing on behalf of the {label} (the Department) to tell {authority} (the "
            "Authority) that the Secretary of State is minded to use the powers of intervention "
            "in section 15 of the Local Government Act 1999 (the Act).",
            *framework(dated_on),
        ),
        sections=(
            _grounds_for_intervention(minded_to, inspection),
            _proposal(minded_to),
            _representations(minded_to),
            Section(
                "What happens next",
                paragraphs=(
                    "If the Secretary of State decides to give directions, the Department will "
                    "send them to the Authority and publish them.",
                    "The Department will publish this letter.",
                ),
            ),
        ),
        closing=(
            "If you have any questions about this letter, please contact the Department's "
            "officials who work with the Authority.",
        ),
        signatory=tuple(
            x for x in (minded_to.signatory_name, minded_to.signatory_role, label) if x
        ),
        draft=draft,
        footer=f"Minded-to letter to {authority}",
        metadata={"title": f"{title}: {authority}", "author": label},
        file_stem=reference,
    )
