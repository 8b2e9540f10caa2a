"""What the letter accompanying statutory directions says, with the directions themselves as a
schedule (the powers used, the functions, the appointees, reporting and the end date), and the
exit letter when directions end. Pure, like letters.content, whose `LetterContent` they build.

Their shape follows the department's published directions: "Directions made under sections
15(5) and (6) of the Local Government Act 1999", each with its explanatory memorandum. The
letters state only what the record holds; where the record is silent they say so in general
terms rather than supply a legal rule. The words of each power are those of the Act: section
15(5), action the Secretary of State considers necessary or expedient to secure compliance with
the requirements of Part 1; section 15(6), specified functions exercised by the Secretary of
State or a person nominated by the Secretary of State.
"""

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

# What each power does, as directions made under it, in the words of Part 1 of the Act.
POWERS_USED = {
    "s.15(5)": "Section 15(5): the Authority is directed to take the actions which the Secretary "
    "of State considers necessary or expedient to secure its compliance with the requirements of "
    "Part 1 of the Act.",
    "s.15(6)": "Section 15(6): specified functions of the Authority are to be exercised by the "
    "Secretary of State or by persons nominated by the Secretary of State, and the Authority is "
    "to comply with their instructions in exercising them and give them the assistance they "
    "require.",
}
NOT_STATED = "Not stated in the record"


def _money(value: Any) -> str:
    return f"\u00a3{value:,.2f}".replace(".00", "")


def _appointee(a: Any) -> Item:
    terms = []
    if a.fee_per_day is not None:
        terms.append(f"{_money(a.fee_per_day)} a day")
    if a.days_per_year is not None:
        terms.append(f"up to {a.days_per_year} days a year")
    return Item(
        f"{a.get_role_display()}: {a.name or 'to be named'}",
        f"Fees: {', '.join(terms)}" if terms else "",
    )


def _reporting(d: Any) -> str:
    first, every = d.first_report_after_months, d.report_every_months
    if first is None and every is None:
        return "Reporting: as the Secretary of State requires; the record sets no interval."
    parts = []
    if first is not None:
        parts.append(f"a first report within {first} months of the date of the directions")
    if every is not None:
        parts.append(f"then a report every {every} months")
    return (
        "Reporting to the Secretary of State on the Authority's progress: " + ", ".join(parts) + "."
    )


def _schedule(d: Any) -> tuple[Section, ...]:
    powers = tuple(Item(POWERS_USED[p]) for p in (d.legal_basis or ()) if p in POWERS_USED)
    ends = (
        f"The directions remain in force until {uk_date(d.ends_on)}, unless the Secretary of "
        "State revokes or extends them before then."
        if d.ends_on
        else "The directions remain in force until the Secretary of State revokes them."
    )
    model = d.get_model_display().lower() if d.model else ""
    return (
        Section(
            "Schedule 1: the powers used",
            paragraphs=() if powers else (f"Powers: {NOT_STATED}.",),
            items=powers,
            after=(f"The intervention is carried out through {model}.",) if model else (),
        ),
        Section(
            "Schedule 2: functions",
            paragraphs=paragraphs_of(d.functions) or (f"Functions: {NOT_STATED}.",),
        ),
        Section(
            "Schedule 3: appointees",
            paragraphs=()
            if d.appointees.all()
            else ("The Secretary of State will confirm the appointees separately.",),
            items=tuple(_appointee(a) for a in d.appointees.all()),
        ),
        Section("Schedule 4: reporting and duration", paragraphs=(_reporting(d), ends)),
    )


def _directions(directions: Any, label: str) -> tuple[str, tuple[str, ...], tuple[Section, ...]]:
    """The letter accompanying directions under section 15 of the Local Government Act 1999,
    with the directions as a schedule."""
    authority = directions.intervention.authority.official_name
    urgent = paragraphs_of(directions.representations_foregone_reason)
    opening = (
        f"I am writing on behalf of the {label} (the Department) to tell {authority} (the "
        "Authority) that the Secretary of State, being satisfied that the Authority is failing "
        "to comply with the requirements of Part 1 of the Local Government Act 1999 (the Act), "
        "has made directions under section 15 of the Act. They are set out in the schedules "
        "below and take effect from the date of this letter.",
        *framework(directions.made_on),
    )
    representations = (
        (
            "The Secretary of State considered that the directions ought to be given as a "
            "matter of urgency, and so did not invite representations before giving them "
            "(section 15(9) of the Act).",
            *urgent,
        )
        if urgent
        else (
            "The Secretary of State has considered the representations made about the proposed "
            "directions, where any were made, before giving them (section 15(9) of the Act).",
        )
    )
    sections = (
        Section("Representations", paragraphs=representations),
        *_schedule(directions),
        Section(
            "What happens next",
            paragraphs=(
                "The Authority must comply with these directions. The Department will publish "
                "this letter with the directions.",
            ),
        ),
    )
    return "Directions under section 15 of the Local Government Act 1999", opening, sections


def _exit(record: Any, label: str) -> tuple[str, tuple[str, ...], tuple[Section, ...]]:
    """The letter when directions end (the exit): which directions, when they ended, the
    functions returned to the Authority and any support that follows."""
    authority = record.intervention.authority.official_name
    ended = record.amends
    made = f" made on {uk_date(ended.made_on)}" if ended is not None and ended.made_on else ""
    on = f" on {uk_date(record.made_on)}" if record.made_on else ""
    opening = (
        f"I am writing on behalf of the {label} (the Department) to confirm that the directions"
        f"{made} under section 15 of the Local Government Act 1999 (the Act) in respect of "
        f"{authority} (the Authority) ended{on}, and with them the Secretary of State's "
        "statutory intervention in the Authority.",
    )
    returned = paragraphs_of(record.functions)
    sections = [
        Section(
            "Functions returned to the Authority",
            paragraphs=returned
            or ("Every function exercised under the directions returns to the Authority.",),
        )
    ]
    if record.board_afterwards.strip():
        sections.append(
            Section(
                "Support after the intervention", paragraphs=paragraphs_of(record.board_afterwards)
            )
        )
    sections.append(
        Section(
            "What happens next",
            paragraphs=(
                "The Authority remains under the Best Value Duty in section 3 of the Act, and "
                "the Department expects it to sustain the improvements it has made.",
                "The Department will publish this letter.",
            ),
        )
    )
    return "End of the statutory intervention", opening, tuple(sections)


# The letter of each kind of directions record that has one.
STEP_LETTERS = {LetterKind.DIRECTIONS: _directions, LetterKind.EXIT: _exit}


def directions_step_letter(record: Any, *, department: str, draft: bool = False) -> LetterContent:
    """The letter of new directions (with the directions as schedules) or of the exit, by the
    record's kind. `record` comes with its intervention, authority, appointees and the
    directions it acts on (`amends`) loaded; the letter bears the date the record was made."""
    intervention = record.intervention
    authority = intervention.authority.official_name
    label = department_label(department)
    title, opening, sections = STEP_LETTERS[record.kind](record, label)
    reference = f"{intervention.reference}-{record.kind}-{record.position}"
    return LetterContent(
        kind=record.kind,
        title=title,
        reference=DRAFT_REFERENCE if draft else reference,
        dated=uk_date(record.made_on) if record.made_on else "Date of issue to be added",
        department=label,
        addressee=("Chief Executive", authority),
        salutation="Dear Chief Executive,",
        subject=f"{title}: {authority}",
        opening=opening,
        sections=sections,
        closing=(
            "If you have any questions about this letter, please contact the Department's "
            "officials who work with the Authority.",
        ),
        signatory=(label,),
        draft=draft,
        footer=f"{title}: {authority}",
        metadata={"title": f"{title}: {authority}", "author": label},
        file_stem=reference,
    )
