"""The record filters the register, its downloads and the API share: one set of names (q,
authority, authority_type, region, theme, year, in_force_on) turned into the domain selectors'
filters in one place, so a filter cannot mean one thing on the page and another in a file."""

from __future__ import annotations

import datetime as dt
from typing import Any

# Each interface parses these names (the register's form, the API's query schema) and hands the
# values here; status and sort are each interface's own vocabulary.
RECORD_FILTERS = ("q", "authority", "authority_type", "region", "theme", "year", "in_force_on")
GSS_PATTERN = r"^E[0-9]{8}$"


def record_filters(
    *,
    q: str | None = None,
    authority: str | None = None,
    authority_type: str | None = None,
    region: str | None = None,
    theme: str | None = None,
    year: int | None = None,
    in_force_on: dt.date | None = None,
) -> dict[str, Any]:
    """The keyword arguments NoticeFilters and InterventionFilters both take, blank meaning any."""
    return {
        "query": q or "",
        "authority_gss": authority or "",
        "authority_kind": authority_type or "",
        "region": region or "",
        "theme": theme or "",
        "year": year,
        "in_force_on": in_force_on,
    }
