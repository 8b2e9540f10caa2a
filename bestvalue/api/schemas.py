"""What the API sends and accepts, as pydantic schemas: they make the OpenAPI document and check
every request body. Identifiers are the register's: GSS codes, notice references, intervention
references."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from bestvalue.authorities.kinds import REGIONS, AuthorityKind
from bestvalue.guidance.themes import THEME_KEYS
from bestvalue.notices.rules import PERIOD_MONTHS_MAX, PERIOD_MONTHS_MIN
from bestvalue.public.filters import GSS_PATTERN

# Built from the reference data so that the OpenAPI document lists every allowed value.
AuthorityType = Literal[tuple(AuthorityKind.values)]  # type: ignore[valid-type]
Region = Literal[tuple(REGIONS)]  # type: ignore[valid-type]
ThemeKey = Literal[THEME_KEYS]  # type: ignore[valid-type]
NoticeStatus = Literal[
    "in_force", "period_ended", "ended", "reissued", "lapsed", "withdrawn", "escalated"
]
Sort = Literal["newest", "oldest", "authority", "reference"]
GSS = GSS_PATTERN
# Text people type: no invisible control characters (other than tabs and line breaks), which come
# from bad copy and paste or attacks, never from typing, and which PostgreSQL refuses (NUL).
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
# A notice's or an intervention's reference: BVN-2024-003, thurrock-2022.
REFERENCE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$"


class PageMeta(Schema):
    count: int = Field(description="How many items match, on every page.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's address, or null on the last page.")
    previous: str | None


# --- Reads -----------------------------------------------------------------------------------


REORGANISATION = (
    "A reorganisation decided for the authority while it still exists (to be dissolved or "
    "replaced), or null."
)


class ReorganisationOut(Schema):
    due: str = Field(description="When it is due to take effect: a year or YYYY-MM.")
    note: str = Field(description="What was decided, as the sources say.")
    sources: list[str]


class AuthorityOut(Schema):
    gss_code: str = Field(description="The ONS GSS code: the authority's identifier.")
    name: str
    short_name: str
    type: str = Field(description="The type of authority, as a code.")
    type_name: str
    region: str | None
    is_current: bool
    start_on: dt.date | None
    end_on: dt.date | None
    former_gss_codes: list[str]
    names: list[str] = Field(description="Every name the authority is known by.")
    replaced_by: list[str] = Field(
        description="GSS codes of the authorities that replaced it, or are to replace it."
    )
    reorganisation: ReorganisationOut | None = Field(description=REORGANISATION)
    url: str


class NoticeOut(Schema):
    reference: str = Field(description="The notice's reference on this service: its identifier.")
    register_id: str | None = Field(description="Its id in the public record it was loaded from.")
    authority_gss: str
    authority_name: str
    kind: Literal["notice", "revised_notice"]
    status: str = Field(
        description="Its status today: issued (in force), period_ended (its period has ended "
        "and no outcome is recorded yet: not in force), not_yet_in_force (issued, in force from "
        "its issue date), reissued, lapsed, withdrawn or escalated."
    )
    status_name: str
    department: str
    issued_on: dt.date
    period_months: int | None
    expires_on: dt.date | None
    ended_on: dt.date | None
    replaces: str | None
    replaced_by: str | None
    url: str


class ItemOut(Schema):
    position: int
    text: str
    themes: list[str]


class ExpectationOut(ItemOut):
    notice_reference: str
    authority_gss: str
    is_verbatim: bool
    carried_from: str | None = Field(
        description="REFERENCE/POSITION of the expectation it carries forward."
    )


class OutcomeOut(Schema):
    outcome: str
    decided_on: dt.date | None
    decided_on_approx: str | None
    letter_from: str | None
    letter_to: str | None
    note: str | None


class IssuedLetterOut(Schema):
    kind: Literal["notice", "revised-notice", "outcome", "withdrawal"]
    format: Literal["pdf", "docx"]
    media_type: str
    size: int = Field(description="Bytes.")
    sha256: str = Field(description="The SHA-256 digest of the file as issued, in hex.")
    issued_at: dt.datetime
    version: int = Field(description="1, or more for a letter issued again when corrected.")
    superseded_at: dt.datetime | None = Field(
        description="When a corrected version superseded this one (it stays available)."
    )
    url: str = Field(description="The file, exactly as issued.")


class CorrectionOut(Schema):
    corrected_on: dt.date = Field(description="The day the correction was made.")
    note: str = Field(
        description="What was corrected, as the notice's page says it: \"Corrected on 4 "
        'December 2026: the date of issue was given as 1 January 2031; it is 1 January 2026."'
    )
    reason: str = Field(description="Why, as the department published it.")


class NoticeDetailOut(NoticeOut):
    addressee_name: str | None
    addressee_role: str | None
    signatory_name: str | None
    signatory_role: str | None
    grounds: list[ItemOut]
    acknowledgements: list[str]
    expectations: list[ExpectationOut]
    outcome: OutcomeOut | None
    sources: list[str]
    letters: list[IssuedLetterOut] = Field(
        description="The letters this service generated and issued for the notice, if any; "
        "notices loaded from the public record link the department's letters in `sources`."
    )
    corrections: list[CorrectionOut] = Field(
        description="Corrections made to the notice since it was issued, newest first; the "
        "earlier values stay in its change history."
    )


class InForcePeriodOut(Schema):
    from_on: dt.date | None = Field(description="The first day in force, when known exactly.")
    from_text: str = Field(description="When they came into force, as far as it is known.")
    to_on: dt.date | None = Field(
        description="The last day in force (or to be), when known exactly."
    )
    to_text: str = Field(description="The end in words: a date, 'Not known' or 'No end date set'.")


class InterventionOut(Schema):
    reference: str = Field(description="The intervention's reference: its identifier.")
    authority_gss: str
    authority_name: str
    description: str
    status: Literal["active", "directions_ended", "ended"] = Field(
        description="active; directions_ended (its directions have passed their end date and no "
        "exit, extension or new directions are recorded yet); or ended."
    )
    trigger: str
    first_step_on: dt.date | None = Field(
        description="The day of the first step, when known exactly."
    )
    first_step: str = Field(description="When the first step happened, as far as it is known.")
    since_on: dt.date | None = Field(
        description="The day its statutory directions were first in force (or, where none were "
        "made, of its first step), when known exactly."
    )
    since: str = Field(
        description="When its statutory directions began (or, where none were made, its first "
        "step), as far as it is known."
    )
    models: list[str]
    current_model: str | None = Field(
        description="The model now in use: commissioners, ministerial_envoys or "
        "improvement_and_assurance_panel, from the latest directions that name one."
    )
    directions_in_force: list[InForcePeriodOut] = Field(
        description="Each period its directions were in force, oldest first."
    )
    authority_reorganisation: ReorganisationOut | None = Field(description=REORGANISATION)
    url: str


# One page of each list.
class AuthorityPage(PageMeta):
    items: list[AuthorityOut]


class NoticePage(PageMeta):
    items: list[NoticeOut]


class ExpectationPage(PageMeta):
    items: list[ExpectationOut]


class InterventionPage(PageMeta):
    items: list[InterventionOut]


class PersonOut(Schema):
    name: str | None
    role: str
    powers: str | None = Field(
        None,
        description="For a ministerial or assistant envoy: none, in_reserve or active; null when "
        "not known or not an envoy.",
    )


class FindingOut(Schema):
    theme: str
    meets_duty: bool
    summary: str | None


class StepOut(Schema):
    type: Literal["review_or_panel", "inspection", "minded_to", "directions"]
    kind: str
    position: int
    on: dt.date | None
    on_approx: str | None
    ends_on: dt.date | None
    legal_basis: list[str]
    model: str | None
    people: list[PersonOut]
    findings: list[FindingOut]
    note: str | None
    sources: list[str]


class InterventionDetailOut(InterventionOut):
    status_note: str | None
    steps: list[StepOut]


class TimelineLinkOut(Schema):
    text: str
    url: str


class TimelineEntryOut(Schema):
    on: dt.date | None = Field(description="The exact date, or null when known only roughly.")
    on_approx: str | None = Field(description="The rough date (2017-03, 2025-02/2025-03).")
    date_text: str = Field(description="The date in words, as the pages show it.")
    kind: str = Field(
        description="What happened, as a stable name (best_value_notice, directions...)."
    )
    label: str
    title: str
    summary: str | None
    url: str = Field(description="The record's public page.")
    record_reference: str = Field(description="The notice's or the intervention's reference.")
    sources: list[str]
    links: list[TimelineLinkOut]


class TimelineOut(Schema):
    authority: AuthorityOut
    entries: list[TimelineEntryOut]


class ExpectationRefOut(Schema):
    notice_reference: str
    position: int


class ProgressOut(Schema):
    written_on: dt.date
    status: str
    status_name: str
    text: str


class PlanActionOut(Schema):
    number: int = Field(description="The action's number in the authority's plan.")
    title: str
    description: str | None
    owner: str = Field(description="The person or role responsible, as the authority gave it.")
    due_on: dt.date
    status: str
    status_name: str
    themes: list[str]
    expectations: list[ExpectationRefOut] = Field(description="The expectations it answers.")
    latest_progress: ProgressOut | None


class ReadingOut(Schema):
    taken_on: dt.date
    value: str = Field(description="A decimal number, as text so that no precision is lost.")
    source: str


class ItemCorrectionOut(Schema):
    on: dt.date
    text: str = Field(description="What was corrected or withdrawn, from what, and why.")


class MeasureOut(Schema):
    name: str
    definition: str
    unit: str
    direction: Literal["higher", "lower"]
    baseline_value: str = Field(description="A decimal number, as text.")
    baseline_on: dt.date
    target_value: str = Field(description="A decimal number, as text.")
    target_on: dt.date
    latest: ReadingOut | None
    readings: list[ReadingOut] = Field(description="Oldest first; withdrawn readings are left out.")
    expectations: list[ExpectationRefOut]
    corrections: list[ItemCorrectionOut] = Field(
        description="Readings corrected or withdrawn in the open, oldest first."
    )


class EvidenceOut(Schema):
    title: str
    kind: Literal["file", "link"]
    effective_on: dt.date = Field(description="The date the evidence speaks to.")
    url: str = Field(
        description="A file's download address, or a link's own address; empty once withdrawn."
    )
    media_type: str | None
    size: int | None = Field(description="Bytes, for a file.")
    sha256: str | None = Field(description="A file's SHA-256 digest as uploaded, in hex.")
    expectations: list[ExpectationRefOut]
    withdrawn: bool = Field(description="Withdrawn by the authority (see the corrections).")
    corrections: list[ItemCorrectionOut] = Field(
        description="Corrections in the open, oldest first."
    )


class AssuranceOut(Schema):
    meeting_on: dt.date
    board: str
    expectation: ExpectationRefOut
    rating: str
    rating_name: str
    statement: str


class ImprovementOut(Schema):
    authority: AuthorityOut
    actions: list[PlanActionOut]
    measures: list[MeasureOut]
    evidence: list[EvidenceOut]
    assurance: list[AssuranceOut] = Field(description="Newest meeting first.")


# --- Writes ----------------------------------------------------------------------------------


class DraftIn(Schema):
    authority_gss: str = Field(pattern=GSS, description="The GSS code of the authority.")
    # The limits are notices.rules' (the service refuses outside them, in its own words); the
    # schema states them for readers of the OpenAPI document.
    period_months: int | None = Field(
        None,
        json_schema_extra={"minimum": PERIOD_MONTHS_MIN, "maximum": PERIOD_MONTHS_MAX},
        description="Whole months, from the service's limits.",
    )
    addressee_name: str = Field("", max_length=200, pattern=TEXT)
    addressee_role: str = Field("", max_length=200, pattern=TEXT)
    signatory_name: str = Field("", max_length=200, pattern=TEXT)
    signatory_role: str = Field("", max_length=200, pattern=TEXT)


class DraftOut(Schema):
    id: int = Field(description="The draft's number: drafts have no reference until issued.")
    version: int = Field(description="Send this back with the next change to the draft.")
    status: str
    authority_gss: str
    period_months: int | None
    addressee_name: str
    addressee_role: str
    signatory_name: str
    signatory_role: str
    grounds: list[ItemOut]
    expectations: list[ItemOut]


class ItemIn(Schema):
    version: int = Field(ge=1, description="The draft's version, as last read.")
    text: str = Field(min_length=1, max_length=5000, pattern=TEXT)
    themes: list[ThemeKey] = Field(default_factory=list)


class GroundIn(ItemIn):
    source_document: str = Field("", max_length=300, pattern=TEXT)


class EngagementIn(Schema):
    kind: Literal["meeting", "call", "letter", "email"]
    occurred_on: dt.date
    summary: str = Field(min_length=1, max_length=5000, pattern=TEXT)
    attendees: str = Field("", max_length=2000, pattern=TEXT)


class EngagementOut(Schema):
    id: int
    notice_reference: str
    kind: str
    occurred_on: dt.date
    summary: str
    attendees: str
