"""Full-text search, one way for every domain app: the words of a query, and the condition that a
text column holds all of them (the last as the start of a word, so that results come as the
visitor types).

On PostgreSQL the condition is `to_tsvector('english', column) @@ to_tsquery('english', ...)`,
answered from a GIN index on that same expression (each app's migration creates it, PostgreSQL
only). The index *is* the stored search vector: PostgreSQL keeps it up to date on every write,
so no service, trigger or generated column has to (a GeneratedField cannot be used: SQLite has no
to_tsvector, and a notice's text spans several tables). Words are stemmed the English way and
ranked with ts_rank.

On SQLite, which has no full-text operator Django can use portably, each word is stemmed with the
same Snowball English stemmer PostgreSQL uses, and the text must hold a word starting with every
stem, ignoring case. That finds what PostgreSQL finds on the real record
(tests/integration/test_full_text_search.py); it can find a little more, because a stem matches as
a prefix where PostgreSQL compares whole stems ("pay" also finds "payment"), and it does not drop
English stop words.
"""

from __future__ import annotations

import re

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import Combinable

CONFIG = "english"
# More words than this add nothing a visitor needs and only make the query dearer.
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("english")


def words(query: str) -> list[str]:
    """The query's words, lower case, letters and digits only (everything else separates words,
    so nothing the visitor types can reach the search syntax)."""
    return _WORD.findall(query.lower())[:MAX_WORDS]


def full_text() -> bool:
    return connection.vendor == "postgresql"


def vector(column: str) -> SearchVector:
    """The expression the GIN index is built on (keep the two the same, or the index is unused)."""
    return SearchVector(column, config=CONFIG)


def tsquery(found: list[str]) -> SearchQuery:
    """Every word, the last one as a prefix: `financ & sustain:*`."""
    terms = [*found[:-1], f"{found[-1]}:*"]
    return SearchQuery(" & ".join(terms), search_type="raw", config=CONFIG)


def rank(column: str, found: list[str]) -> Combinable:
    return SearchRank(vector(column), tsquery(found))


def contains_all(column: str, found: list[str]) -> Q:
    """The SQLite equivalent: the text holds a word starting with each word's stem."""
    condition = Q()
    for word, stem in zip(found, _STEMMER.stemWords(found), strict=True):
        # The stemmer may change a word's ending ("scrutiny" becomes "scrutini"): match the part
        # the word and its stem share.
        stem = _shared_start(word, stem)
        # A word start written the same way in SQLite's regular expressions (Python's) and
        # PostgreSQL's, so the equivalent can be checked against full-text search on PostgreSQL.
        condition &= Q(**{f"{column}__iregex": f"(^|[^a-z0-9]){re.escape(stem)}"})
    return condition


def _shared_start(first: str, second: str) -> str:
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return first[:length]
