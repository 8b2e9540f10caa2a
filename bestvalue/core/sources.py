"""A record's public sources: which are primary and which secondary, and which addresses may not
stand as a source at all.

Primary sources are documents published by the government, Parliament or the council itself (the
letter or directions on GOV.UK, the council's own page, the ministerial statement), as against
secondary reports of them (news, trade press). Pages list the primary ones first and say which is
which.

A public record cites the publisher, never a mirror, copy or aggregator: a copy can change or
vanish without notice and lends the record no authority. The hosts in MIRROR_HOSTS were found
cited in earlier versions of the register (notices/data/README.md, "Source addresses") or are
named as aggregators in the corrections of December 2026. A host matches itself and its
sub-domains ("pages.dev" matches "bbctodays.pages.dev").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# gov.uk covers GOV.UK, its assets, legislation.gov.uk and councils' own sites; parliament.uk
# covers written statements and Hansard.
PRIMARY_DOMAINS = ("gov.uk", "parliament.uk")
PUBLISHERS = {
    "www.gov.uk": "GOV.UK",
    "assets.publishing.service.gov.uk": "GOV.UK",
    "www.legislation.gov.uk": "legislation.gov.uk",
    "questions-statements.parliament.uk": "UK Parliament",
    "hansard.parliament.uk": "UK Parliament",
}


@dataclass(frozen=True)
class SourceLink:
    url: str
    primary: bool
    label: str  # "Primary source (GOV.UK)" or "Secondary report (www.bbc.co.uk)"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_primary(url: str) -> bool:
    host = _host(url)
    return any(host == d or host.endswith("." + d) for d in PRIMARY_DOMAINS)


def source_links(urls: Iterable[str]) -> list[SourceLink]:
    """The sources, primary ones first (each group in its own order), labelled."""
    links = []
    for url in dict.fromkeys(urls):
        host, primary = _host(url), is_primary(url)
        publisher = PUBLISHERS.get(host, host.removeprefix("www.") if primary else host)
        kind = "Primary source" if primary else "Secondary report"
        links.append(SourceLink(url, primary, f"{kind} ({publisher})"))
    return sorted(links, key=lambda s: not s.primary)


MIRROR_HOSTS: dict[str, str] = {
    # Copies of GOV.UK, Parliament or council pages on other hosts.
    "wordsworth.site": "a copy of GOV.UK pages",
    "2bdvi7ajx.asia": "a copy of Thurrock Council's pages",
    "business-line.com": "a copy of GOV.UK publications",
    "streetguide.co.uk": "a copy of Hansard",
    "thewriterstown.com": "a copy of BBC News articles",
    "government-world.com": "a copy of GOV.UK press releases",
    "mediapigeon.io": "a copy of GOV.UK news",
    # Staging and content-delivery copies of a publisher's own site.
    "dev.docandtee.com": "a staging copy of Room151",
    "main-staging.bristol247.com": "a staging copy of Bristol24/7",
    "azureedge.net": "a content-delivery copy of a council's site",
    # Aggregators that republish other publishers' news.
    "feedreader.com": "a news aggregator",
    "bnnbreaking.com": "a news aggregator",
    "breaking.co.uk": "a news aggregator",
    "pages.dev": "a news aggregator",
    "daily8.com": "a news aggregator",
    "europesays.com": "a news aggregator",
    "worldwebnewspapers.com": "a news aggregator",
}


def mirror_refusal(url: str) -> str | None:
    """Why `url` cannot be a source, or None if its host is not a known mirror or aggregator."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    for listed, what in MIRROR_HOSTS.items():
        if host == listed or host.endswith(f".{listed}"):
            return (
                f"{url} is on {host}, {what}, not the publisher: cite the original "
                "(GOV.UK, Parliament, the council or the newspaper) instead"
            )
    return None
