"""Text search over notices: one home for what "words" match, used by the public register, the
API and the department's case list alike (each passes the notices it may show)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from bestvalue.notices.models import Expectation, Ground, Notice


def matching(notices: QuerySet[Notice], query: str) -> QuerySet[Notice]:
    """The notices among `notices` that match the words: the authority's names (every variant),
    the reference or register id exactly, or the text of a ground or an expectation."""
    from bestvalue.authorities.selectors import matching_authority_ids

    query = query.strip()
    if not query:
        return notices
    return notices.filter(
        Q(authority__in=matching_authority_ids(query=query))
        | Q(reference__iexact=query)
        | Q(register_id__iexact=query)
        | Exists(Ground.objects.filter(notice=OuterRef("pk"), text__icontains=query))
        | Exists(Expectation.objects.filter(notice=OuterRef("pk"), text__icontains=query))
    )
