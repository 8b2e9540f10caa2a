"""Text search over interventions: one home for what "words" match, used by the public register,
the API and the department's case list alike (each passes the interventions it may show).

Full-text search on PostgreSQL (English stemming, ranked, the last word as a prefix, from GIN
indexes: bestvalue/core/text_search.py), its word-by-word equivalent on SQLite."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Greatest

from bestvalue.core import text_search
from bestvalue.interventions.models import Intervention

_TEXTS = ("trigger", "status_note")


def matching(interventions: QuerySet[Intervention], query: str) -> QuerySet[Intervention]:
    """The interventions among `interventions` that match the words: the authority's names (every
    variant), the reference exactly, or every word in what led to the intervention or in its
    status note. On PostgreSQL they are annotated with `search_rank` and ordered by it."""
    from bestvalue.authorities.selectors import matching_authority_ids

    query = query.strip()
    if not query:
        return interventions
    found = text_search.words(query)
    condition = Q(authority__in=matching_authority_ids(query=query)) | Q(reference__iexact=query)
    if not found:
        return interventions.filter(condition)
    if not text_search.full_text():
        for column in _TEXTS:
            condition |= text_search.contains_all(column, found)
        return interventions.filter(condition)
    aliases = {f"{column}_search": text_search.vector(column) for column in _TEXTS}
    for column in _TEXTS:
        condition |= Q(**{f"{column}_search": text_search.tsquery(found)})
    return (
        interventions.alias(**aliases)
        .filter(condition)
        .annotate(search_rank=Greatest(*(text_search.rank(column, found) for column in _TEXTS)))
        .order_by("-search_rank", "-pk")
    )
