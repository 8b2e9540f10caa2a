"""Kinds of authority. Keys are mySociety's `local-authority-type` codes, plus CCA, which mySociety
does not have (it types combined county authorities as COMB)."""

from django.db import models


class AuthorityKind(models.TextChoices):
    COUNTY = "CTY", "County council"
    UNITARY = "UA", "Unitary authority"
    METROPOLITAN_DISTRICT = "MD", "Metropolitan district"
    LONDON_BOROUGH = "LBO", "London borough"
    CITY_CORPORATION = "CC", "City corporation"
    NON_METROPOLITAN_DISTRICT = "NMD", "Non-metropolitan district"
    COMBINED_AUTHORITY = "COMB", "Combined authority"
    COMBINED_COUNTY_AUTHORITY = "CCA", "Combined county authority"
    STRATEGIC_REGIONAL_AUTHORITY = "SRA", "Strategic regional authority"


COMBINED_KINDS = frozenset(
    {AuthorityKind.COMBINED_AUTHORITY, AuthorityKind.COMBINED_COUNTY_AUTHORITY}
)

# In a combined county authority only upper-tier councils are constituent members; district
# councils are in its area but are not members (data/README.md, section 3, and each body's
# establishment order).
UPPER_TIER_KINDS = frozenset(
    {AuthorityKind.COUNTY, AuthorityKind.UNITARY, AuthorityKind.METROPOLITAN_DISTRICT}
)

REGIONS = (
    "East Midlands",
    "East of England",
    "London",
    "North East",
    "North West",
    "South East",
    "South West",
    "West Midlands",
    "Yorkshire and The Humber",
)
