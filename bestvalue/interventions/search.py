"""Text search over interventions: one home for what "words" match, used by the public register,
the API and the department's case list alike (each passes the interventions it may show)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from bestvalue.interventions.models import Intervention


def matching(interventions: QuerySet[Intervention], query: str) -> QuerySet[Intervention]:
    """The interventions among `interventions` that match the words: the authority's names (every
    variant), the reference exactly, or what led to the intervention and its status note."""
    from bestvalue.authorities.selectors import matching_authority_ids

    query = query.strip()
    if not query:
        return interventions
    return interventions.filter(
        Q(authority__in=matching_authority_ids(query=query))
        | Q(reference__iexact=query)
        | Q(trigger__icontains=query)
        | Q(status_note__icontains=query)
    )
