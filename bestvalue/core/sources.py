"""Which of a record's public sources are primary: documents published by the government,
Parliament or the council itself (the letter or directions on GOV.UK, the council's own page, the
ministerial statement), as against secondary reports of them (news, trade press). Pages list the
primary ones first and say which is which."""

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
