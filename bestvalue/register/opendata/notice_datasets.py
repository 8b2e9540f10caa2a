"""The open datasets of authorities and notices: authorities, notices, their grounds and
expectations, and the outcomes of reviews."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from bestvalue.authorities import selectors as authority_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.register.opendata.columns import (
    Column,
    Dataset,
    approx_column,
    authority_columns,
    exact_column,
    page_column,
    sources_column,
    text_column,
)


def _themes(item: Any) -> list[str]:
    return [t.key for t in item.themes.all()]


def _published_reference(notice: Any) -> str | None:
    return notice.reference if notice is not None and notice.is_published else None


def _replaced_by(notice: Any) -> Any:
    try:
        return notice.replaced_by
    except notice.__class__.replaced_by.RelatedObjectDoesNotExist:
        return None


def _outcome(notice: Any) -> Any:
    try:
        return notice.outcome
    except notice.__class__.outcome.RelatedObjectDoesNotExist:
        return None


AUTHORITIES = Dataset(
    name="authorities",
    title="Local authorities",
    description="Every local authority in England the service knows, current and abolished: "
    "councils of every tier, combined authorities and combined county authorities.",
    identifier="gss_code",
    rows=authority_selectors.authorities_for_export,
    columns=(
        Column(
            "gss_code",
            "string",
            "The ONS GSS code: the authority's identifier.",
            lambda a: a.gss_code,
        ),
        Column("name", "string", "The official name.", lambda a: a.official_name),
        Column("short_name", "string", "The name in short.", lambda a: a.short_name),
        Column("type", "string", "The type of authority, as a code.", lambda a: a.kind),
        Column(
            "type_name",
            "string",
            "The type of authority, in words.",
            lambda a: a.get_kind_display(),
        ),
        text_column(
            "region",
            "The English region; blank when not known or when a combined authority's area spans regions.",
            lambda a: a.region,
        ),
        Column(
            "is_current", "boolean", "Whether the authority exists today.", lambda a: a.is_current
        ),
        exact_column("start_on", "The day the authority was created", lambda a: a.start_on),
        exact_column("end_on", "The day the authority was abolished", lambda a: a.end_on),
        text_column("mysociety_code", "mySociety's local-authority-code.", lambda a: a.code),
        Column(
            "former_gss_codes",
            "list",
            "GSS codes the authority had before.",
            lambda a: [c.gss_code for c in a.former_codes.all()],
        ),
        Column(
            "names",
            "list",
            "Every name the authority is known by.",
            lambda a: [n.name for n in a.names.all()],
        ),
        Column(
            "replaced_by",
            "list",
            "GSS codes of the authorities that replaced it.",
            lambda a: [s.gss_code for s in a.successors.all()],
        ),
        approx_column(
            "reorganisation_due",
            "When a reorganisation decided while it still exists (to be dissolved or replaced) "
            "is due",
            lambda a: a.reorganisation_due,
        ),
        text_column(
            "reorganisation_note",
            "What the reorganisation decided, as the sources say.",
            lambda a: a.reorganisation_note,
        ),
        page_column(lambda a: reverse("register:authority", kwargs={"gss_code": a.gss_code})),
    ),
)

NOTICES = Dataset(
    name="notices",
    title="Best value notices",
    description="Every published best value notice: to whom, when, for how long, and how it "
    "ended. Drafts and notices awaiting approval are never included.",
    identifier="reference",
    rows=notice_selectors.published_notices_for_export,
    columns=(
        Column(
            "reference",
            "string",
            "The notice's reference on this service (BVN-YEAR-NUMBER): its identifier.",
            lambda n: n.reference,
        ),
        text_column(
            "register_id",
            "The record's id in the public record the service was loaded from, for notices issued before the service.",
            lambda n: n.register_id,
        ),
        *authority_columns("authority"),
        Column(
            "kind",
            "string",
            "notice, or revised_notice for one that replaced an earlier notice.",
            lambda n: "revised_notice" if n.replaces_id else "notice",
        ),
        Column(
            "status",
            "string",
            "Its status on the day of the download: issued (in force), period_ended (its "
            "period has ended and no outcome is recorded yet: not in force), not_yet_in_force, "
            "reissued, lapsed, withdrawn or escalated.",
            lambda n: n.standing,
        ),
        Column("status_name", "string", "The status in words.", lambda n: n.standing_label),
        Column(
            "department",
            "string",
            "The department that issued it: DLUHC or MHCLG.",
            lambda n: n.department,
        ),
        exact_column("issued_on", "The day it was issued", lambda n: n.issued_on),
        Column(
            "period_months",
            "integer",
            "How many months it runs for.",
            lambda n: n.period_months,
            nullable=True,
        ),
        Column(
            "period_approx",
            "boolean",
            "True when the period is assumed, not quoted from the letter.",
            lambda n: n.period_approx,
        ),
        exact_column(
            "expires_on", "The end of its period (issue date plus period)", lambda n: n.expires_on
        ),
        exact_column("ended_on", "The first day it was no longer in force", lambda n: n.ended_on),
        Column(
            "replaces",
            "string",
            "The reference of the notice it replaced.",
            lambda n: _published_reference(n.replaces),
            nullable=True,
        ),
        Column(
            "replaced_by",
            "string",
            "The reference of the revised notice that replaced it.",
            lambda n: _published_reference(_replaced_by(n)),
            nullable=True,
        ),
        text_column("addressee_name", "Who it was addressed to.", lambda n: n.addressee_name),
        text_column("addressee_role", "Their role.", lambda n: n.addressee_role),
        text_column("signatory_name", "Who signed it.", lambda n: n.signatory_name),
        text_column("signatory_role", "Their role.", lambda n: n.signatory_role),
        sources_column(lambda n: [s.url for s in n.sources.all()]),
        page_column(lambda n: reverse("register:notice", kwargs={"reference": n.reference})),
    ),
)

GROUNDS = Dataset(
    name="grounds",
    title="Grounds of best value notices",
    description="The department's concerns that each published notice sets out.",
    identifier="notice_reference and position",
    rows=notice_selectors.published_grounds,
    columns=(
        Column(
            "notice_reference", "string", "The notice's reference.", lambda g: g.notice.reference
        ),
        *authority_columns("notice.authority"),
        Column("position", "integer", "Its number in the notice.", lambda g: g.position),
        Column("text", "string", "The ground.", lambda g: g.text),
        Column(
            "themes", "list", "The themes of the statutory guidance it concerns, as keys.", _themes
        ),
        text_column(
            "source_document", "The report or review it rests on.", lambda g: g.source_document
        ),
    ),
)

EXPECTATIONS = Dataset(
    name="expectations",
    title="Expectations of best value notices",
    description="What each published notice asks of the authority, numbered as in the notice.",
    identifier="notice_reference and position",
    rows=notice_selectors.published_expectations,
    columns=(
        Column(
            "notice_reference", "string", "The notice's reference.", lambda e: e.notice.reference
        ),
        *authority_columns("notice.authority"),
        Column("position", "integer", "Its number in the notice.", lambda e: e.position),
        Column("text", "string", "The expectation.", lambda e: e.text),
        Column(
            "is_verbatim",
            "boolean",
            "False where the wording is a paraphrase from a council's statement or press report.",
            lambda e: e.is_verbatim,
        ),
        Column(
            "themes", "list", "The themes of the statutory guidance it concerns, as keys.", _themes
        ),
        Column(
            "carried_from",
            "string",
            "For a revised notice: the earlier expectation it carries forward, as REFERENCE/POSITION.",
            lambda e: (
                f"{e.carried_from.notice.reference}/{e.carried_from.position}"
                if e.carried_from
                else None
            ),
            nullable=True,
        ),
    ),
)

OUTCOMES = Dataset(
    name="outcomes",
    title="Outcomes of best value notices",
    description="How each notice that has ended ended, and the letter or decision that recorded it.",
    identifier="notice_reference",
    rows=notice_selectors.published_outcomes,
    columns=(
        Column(
            "notice_reference", "string", "The notice's reference.", lambda o: o.notice.reference
        ),
        *authority_columns("notice.authority"),
        Column(
            "outcome",
            "string",
            "reissued, lapsed, withdrawn or escalated.",
            lambda o: o.notice.status,
        ),
        exact_column(
            "ended_on",
            "The first day the notice was no longer in force",
            lambda o: o.notice.ended_on,
        ),
        exact_column("decided_on", "The day of the decision or its letter", lambda o: o.decided_on),
        approx_column(
            "decided_on_approx", "The decision or letter date", lambda o: o.decided_on_approx
        ),
        text_column(
            "letter_from_name", "Who wrote the outcome letter.", lambda o: o.letter_from_name
        ),
        text_column("letter_from_role", "Their role.", lambda o: o.letter_from_role),
        text_column("letter_to_name", "Who it was written to.", lambda o: o.letter_to_name),
        text_column("letter_to_role", "Their role.", lambda o: o.letter_to_role),
        text_column("note", "What the decision or letter said, in short.", lambda o: o.note),
    ),
)
