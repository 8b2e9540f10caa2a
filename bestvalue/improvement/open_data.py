"""What the open data holds of improvement: every published plan action, measure, evidence item
and assurance statement, as its owner last published it (`published_content`, improvement.content),
never an unpublished item nor changes not yet published. One queryset per dataset, for the
register's open-data files (register/opendata/improvement_datasets.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bestvalue.improvement.models import AssuranceStatement, Evidence, Measure, PlanAction

_FIELDS = ("pk", "published_at", "published_content")


def _published(model: Any, *order: str) -> QuerySet[Any]:
    authority = "meeting__board__authority" if model is AssuranceStatement else "authority"
    return (
        model.objects.published()
        .select_related(authority)
        .only(*_FIELDS, f"{authority}__gss_code", f"{authority}__official_name")
        .order_by(f"{authority}__gss_code", *order)
    )


def published_actions() -> QuerySet[PlanAction]:
    return _published(PlanAction, "number")


def published_measures() -> QuerySet[Measure]:
    return _published(Measure, "name")


def published_evidence() -> QuerySet[Evidence]:
    return _published(Evidence, "effective_on", "pk")


def published_assurance() -> QuerySet[AssuranceStatement]:
    return _published(AssuranceStatement, "meeting__held_on", "expectation__position")


def authority_of(item: Any) -> Any:
    return item.meeting.board.authority if isinstance(item, AssuranceStatement) else item.authority
