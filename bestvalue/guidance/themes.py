"""The seven themes of the statutory guidance "Best value standards and intervention: a statutory
guide for best value authorities" (MHCLG/DLUHC, 8 May 2024, issued under s.26 of the Local
Government Act 1999). The summaries are ours; the guidance itself lists, for each theme, the
characteristics of a well-functioning authority and the indicators of potential failure.
"""

from __future__ import annotations

from typing import NamedTuple

GUIDANCE_TITLE = (
    "Best value standards and intervention: a statutory guide for best value authorities"
)
GUIDANCE_PUBLISHED = "8 May 2024"
GUIDANCE_URL = (
    "https://www.gov.uk/government/publications/best-value-standards-and-intervention-"
    "a-statutory-guide-for-best-value-authorities"
)


class ThemeDefinition(NamedTuple):
    key: str
    name: str
    summary: str


THEMES: tuple[ThemeDefinition, ...] = (
    ThemeDefinition(
        "continuous_improvement",
        "Continuous improvement",
        "How the authority knows how well it performs, learns from others and from challenge, "
        "and acts to improve, having regard to economy, efficiency and effectiveness.",
    ),
    ThemeDefinition(
        "leadership",
        "Leadership",
        "Whether political and officer leaders set a clear vision and priorities, work together "
        "with mutual respect, and take responsibility for the authority's performance.",
    ),
    ThemeDefinition(
        "governance",
        "Governance",
        "Whether decision-making is transparent and lawful, with effective scrutiny, audit and "
        "risk management, and the statutory officers able to do their jobs.",
    ),
    ThemeDefinition(
        "culture",
        "Culture",
        "Whether the organisation is open, respectful and accountable, welcomes challenge, and "
        "deals with poor behaviour, including by members and senior officers.",
    ),
    ThemeDefinition(
        "use_of_resources",
        "Use of resources",
        "Whether the authority manages its money, assets and people soundly, with a sustainable "
        "medium-term financial plan and value for money.",
    ),
    ThemeDefinition(
        "service_delivery",
        "Service delivery",
        "Whether services meet residents' needs and statutory standards, and the authority "
        "understands and acts on how well they perform.",
    ),
    ThemeDefinition(
        "partnerships_and_community_engagement",
        "Partnerships and community engagement",
        "Whether the authority works well with partners and engages its communities, including "
        "in shaping its priorities and services.",
    ),
)

THEME_KEYS = tuple(t.key for t in THEMES)
