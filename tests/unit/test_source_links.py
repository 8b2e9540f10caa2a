"""Primary sources first, each labelled (core/sources.py)."""

from __future__ import annotations

from bestvalue.core.sources import is_primary, source_links

NEWS = "https://www.bbc.co.uk/news/articles/c4g0"
LETTER = "https://www.gov.uk/government/publications/best-value-notice-slough"
COUNCIL = "https://www.slough.gov.uk/news/article/123"
STATEMENT = "https://questions-statements.parliament.uk/written-statements/detail/2024-05-20/hcws"


def test_government_parliament_and_councils_are_primary_news_is_not() -> None:
    assert is_primary(LETTER)
    assert is_primary(COUNCIL)
    assert is_primary(STATEMENT)
    assert not is_primary(NEWS)
    assert not is_primary("https://gov.uk.example.com/copy-of-the-letter")


def test_primary_sources_come_first_labelled_and_once() -> None:
    links = source_links([NEWS, LETTER, COUNCIL, NEWS, STATEMENT])
    assert [s.url for s in links] == [LETTER, COUNCIL, STATEMENT, NEWS]
    assert [s.label for s in links] == [
        "Primary source (GOV.UK)",
        "Primary source (slough.gov.uk)",
        "Primary source (UK Parliament)",
        "Secondary report (www.bbc.co.uk)",
    ]
