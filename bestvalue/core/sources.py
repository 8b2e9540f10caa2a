"""Which web addresses may stand as a record's source: never a mirror, copy or aggregator.

A public record cites the publisher (GOV.UK, Parliament, the council, the newspaper), not a site
that republishes it: a copy can change or vanish without notice and lends the record no authority.
The hosts below were found cited in earlier versions of the register (notices/data/README.md,
"Source addresses") or are named as aggregators in the corrections of December 2026. A host
matches itself and its sub-domains ("pages.dev" matches "bbctodays.pages.dev").
"""

from __future__ import annotations

from urllib.parse import urlsplit

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
