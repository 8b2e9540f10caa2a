"""Facts that register.yaml states only in a stage's free-text note, written out as fields.

The register has one `ends_on` per stage, which for an inspection is "the report deadline or
submission date" (README), and its notes say which, along with original deadlines, extensions,
urgency and reporting schedules. Each entry below quotes the words it rests on; the loader
refuses to run if the quote is no longer in that stage's note, so the file and this table cannot
drift apart unnoticed. Nothing here goes beyond what the quoted words say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# What an inspection's ends_on (or ends_on_approx) is, when a note says so.
DEADLINE = "report_due_on"
SUBMITTED = "report_submitted_on"
PUBLISHED = "report_published_on"
EXTENDED_DEADLINE = "extension"  # the new deadline of an extension, date of grant not known
ENDS_ON_MEANINGS = (DEADLINE, SUBMITTED, PUBLISHED, EXTENDED_DEADLINE)

URGENT = "Representation period foregone as urgent."


@dataclass(frozen=True)
class NoteFacts:
    kind: str
    quote: str
    ends_on_is: str = DEADLINE
    started_on: dt.date | None = None
    report_due_on: dt.date | None = None
    report_published_on: dt.date | None = None
    # (granted on, new deadline), in the order granted, before any EXTENDED_DEADLINE ends_on.
    extensions: tuple[tuple[dt.date | None, dt.date], ...] = ()
    representations_foregone_reason: str = ""
    first_report_after_months: int | None = None
    report_every_months: int | None = None


_D = dt.date

# Keyed by (intervention id, stage number counted from 1).
NOTE_FACTS: dict[tuple[str, int], NoteFacts] = {
    ("tower-hamlets-2014", 1): NoteFacts(
        kind="best_value_inspection",
        quote="report published 4 Nov 2014 (ends_on = report date)",
        ends_on_is=PUBLISHED,
    ),
    ("liverpool-2020", 1): NoteFacts(
        kind="best_value_inspection",
        quote="Inspection December 2020 to March 2021.",
        ends_on_is=SUBMITTED,
    ),
    ("thurrock-2022", 1): NoteFacts(
        kind="directions", quote=URGENT, representations_foregone_reason=URGENT
    ),
    ("thurrock-2022", 2): NoteFacts(
        kind="best_value_inspection",
        quote="inspection began 10 Oct 2022; deadline extended (14 Dec 2022) to 17 Feb 2023; "
        "report published 15 Jun 2023 (ends_on)",
        ends_on_is=PUBLISHED,
        started_on=_D(2022, 10, 10),
        extensions=((_D(2022, 12, 14), _D(2023, 2, 17)),),
    ),
    ("woking-2023", 2): NoteFacts(
        kind="directions", quote=URGENT, representations_foregone_reason=URGENT
    ),
    ("croydon-2021", 3): NoteFacts(
        kind="directions",
        quote="first report within three months, then every six months",
        first_report_after_months=3,
        report_every_months=6,
    ),
    ("croydon-2021", 5): NoteFacts(
        kind="directions",
        quote="commissioners report every six months",
        report_every_months=6,
    ),
    ("tower-hamlets-2024", 1): NoteFacts(
        kind="best_value_inspection",
        quote="Report due 31 May 2024, extended; submitted 31 Jul 2024 (ends_on) and published "
        "12 Nov 2024.",
        ends_on_is=SUBMITTED,
        report_due_on=_D(2024, 5, 31),
        report_published_on=_D(2024, 11, 12),
    ),
    ("spelthorne-2024", 1): NoteFacts(
        kind="best_value_inspection",
        quote="Report due 31 Jul 2024; deadline extended to 31 Jan 2025 (ends_on).",
        ends_on_is=EXTENDED_DEADLINE,
        report_due_on=_D(2024, 7, 31),
    ),
    ("spelthorne-2024", 3): NoteFacts(
        kind="directions",
        quote="Commissioners report every six months.",
        report_every_months=6,
    ),
    ("warrington-2024", 1): NoteFacts(
        kind="best_value_inspection",
        quote="Report originally due 30 Aug 2024 'or a later date agreed'; the extended deadline "
        "was of 31 Jan 2025 (ends_on).",
        ends_on_is=EXTENDED_DEADLINE,
        report_due_on=_D(2024, 8, 30),
    ),
    ("warrington-2024", 3): NoteFacts(
        kind="directions",
        quote="envoys report every six months",
        report_every_months=6,
    ),
}
