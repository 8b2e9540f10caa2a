"""What the public register and the API filter published records by (notices and interventions
alike); each domain's selectors subclass it and read `status` in their own vocabulary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordFilters:
    """Filters on published records; blank means any. public.filters.record_filters builds
    everything but `status` from the interfaces' shared names."""

    query: str = ""
    status: str = ""
    authority_kind: str = ""
    region: str = ""
    authority_gss: str = ""
    theme: str = ""
    year: int | None = None
    in_force_on: dt.date | None = None
