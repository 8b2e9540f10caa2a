"""Reads of authorities, with what each page needs already joined."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q

from bestvalue.authorities.kinds import REGIONS, AuthorityKind
from bestvalue.authorities.models import Authority, AuthorityQuerySet, Membership


@dataclass(frozen=True)
class AuthorityFilters:
    kind: str = ""
    region: str = ""
    current: bool | None = True
    query: str = ""


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    return {
        "kind": [("", "Any type"), *AuthorityKind.choices],
        "region": [("", "Any region"), *((r, r) for r in REGIONS)],
    }


def authority_list(filters: AuthorityFilters) -> AuthorityQuerySet:
    authorities = Authority.objects.all()
    if filters.current is not None:
        authorities = authorities.filter(is_current=filters.current)
    if filters.kind:
        authorities = authorities.filter(kind=filters.kind)
    if filters.region:
        # A combined authority whose area spans regions has no region of its own; it is found
        # under each region one of its members is in.
        authorities = authorities.filter(
            Q(region=filters.region) | Q(region="", memberships__member__region=filters.region)
        ).distinct()
    if filters.query:
        from bestvalue.authorities.reference import normalise_name

        authorities = authorities.filter(
            Q(gss_code__iexact=filters.query.strip())
            | Q(names__normalised__contains=normalise_name(filters.query))
        ).distinct()
    return authorities.order_by("short_name", "gss_code")


def authority_by_gss(gss_code: str) -> Authority | None:
    """The authority with this current GSS code, with its members, combined authorities and
    successors joined; None if there is none."""
    members = Membership.objects.select_related("member").order_by(
        "-is_constituent", "member__short_name"
    )
    combined_in = Membership.objects.select_related("combined_authority")
    return (
        Authority.objects.filter(gss_code=gss_code)
        .prefetch_related(
            Prefetch("memberships", queryset=members),
            Prefetch("combined_in", queryset=combined_in),
            "successors",
            "predecessors",
            "former_codes",
            "names",
        )
        .first()
    )


def current_gss_for_former(gss_code: str) -> str | None:
    """The current code of the authority that used to have this one, if any."""
    return (
        Authority.objects.filter(former_codes__gss_code=gss_code)
        .values_list("gss_code", flat=True)
        .first()
    )


def member_regions(authority: Authority) -> list[str]:
    """The regions a combined authority's members are in (uses the prefetched memberships)."""
    return sorted({m.member.region for m in authority.memberships.all() if m.member.region})


def current_authorities() -> AuthorityQuerySet:
    """Current authorities by name, for choosing one in a form."""
    return Authority.objects.current().order_by("official_name")


def matching_authority_ids(
    *, kind: str = "", region: str = "", query: str = ""
) -> AuthorityQuerySet:
    """The ids of authorities (current or not) of this type, in this region and known by a name
    containing `query` (any of their name variants, or their GSS code), as a subquery for
    filtering other records by their authority. Blank arguments match every authority."""
    authorities = authority_list(
        AuthorityFilters(kind=kind, region=region, current=None, query=query)
    )
    return authorities.order_by().values("pk")  # type: ignore[return-value]


def of_authorities(records: Any, *, kind: str = "", region: str = "", gss: str = "") -> Any:
    """`records` (a queryset of anything with an `authority`) narrowed to those whose authority
    is of this type, in this region, and has this GSS code; a blank argument narrows nothing."""
    if kind or region:
        records = records.filter(authority__in=matching_authority_ids(kind=kind, region=region))
    if gss:
        records = records.filter(authority__gss_code=gss)
    return records


def authority_type_choices() -> list[tuple[str, str]]:
    return list(AuthorityKind.choices)


def region_choices() -> list[str]:
    return list(REGIONS)


def authorities_for_export() -> AuthorityQuerySet:
    """Every authority, current and abolished, by GSS code, with its names, former codes and
    successors fetched alongside (in chunks, when iterated with a chunk size)."""
    return Authority.objects.prefetch_related("names", "former_codes", "successors").order_by(
        "gss_code"
    )
