"""Text search over notices: one home for what "words" match, used by the public register, the
API and the department's case list alike (each passes the notices it may show).

Full-text search on PostgreSQL (English stemming, ranked, the last word as a prefix, from GIN
indexes: bestvalue/core/text_search.py), its word-by-word equivalent on SQLite."""

from __future__ import annotations

from django.db.models import Exists, FloatField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from bestvalue.core import text_search
from bestvalue.notices.models import Expectation, Ground, Notice

_TEXTS = (Ground, Expectation)


def matching(notices: QuerySet[Notice], query: str) -> QuerySet[Notice]:
    """The notices among `notices` that match the words: the authority's names (every variant),
    the reference or register id exactly, or every word in the text of one ground or expectation.
    On PostgreSQL they are annotated with `search_rank` and ordered by it, best first."""
    from bestvalue.authorities.selectors import matching_authority_ids

    query = query.strip()
    if not query:
        return notices
    found = text_search.words(query)
    condition = (
        Q(authority__in=matching_authority_ids(query=query))
        | Q(reference__iexact=query)
        | Q(register_id__iexact=query)
    )
    for model in _TEXTS if found else ():
        condition |= Q(Exists(_hits(model, found)))
    if not found or not text_search.full_text():
        return notices.filter(condition)
    ranks = [_best_rank(model, found) for model in _TEXTS]
    return (
        notices.filter(condition)
        .annotate(search_rank=Greatest(*ranks))
        .order_by("-search_rank", "-pk")
    )


def _hits(model: type[Ground | Expectation], found: list[str]) -> QuerySet[Ground | Expectation]:
    """The notice's grounds (or expectations) holding every word."""
    texts = model.objects.filter(notice=OuterRef("pk"))
    if not text_search.full_text():
        return texts.filter(text_search.contains_all("text", found))
    return texts.alias(search=text_search.vector("text")).filter(search=text_search.tsquery(found))


def _best_rank(model: type[Ground | Expectation], found: list[str]) -> Coalesce:
    best = (
        _hits(model, found)
        .annotate(rank=text_search.rank("text", found))
        .order_by("-rank")
        .values("rank")[:1]
    )
    return Coalesce(Subquery(best, output_field=FloatField()), Value(0.0))
