"""The pages of the record, by URL name: the one place where what a domain app hands over as a key
(an obligation's page and keys) becomes a link to an interface's page.

Domain apps never reverse interface URL names (lint-imports' "no URL reversing" contract): where
a domain app must write a link itself (a reminder email, a calendar entry), it asks for this
module through `settings.RECORD_LINKS`, so the dependency runs from the interfaces' URLs down to
the domain and never the other way.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from bestvalue.notices.obligations import Obligation, Page


def public_path(obligation: Obligation) -> str:
    """The register's page of a published obligation's record ("" when there is none)."""
    if not obligation.published:
        return ""
    if obligation.page == Page.NOTICE and obligation.public_key:
        return reverse("register:notice", kwargs={"reference": obligation.public_key})
    if obligation.page == Page.INTERVENTION:
        # The intervention's public page where the register has one, else its authority's
        # timeline (a reference the register's URL does not take).
        try:
            return reverse("register:intervention", kwargs={"reference": obligation.public_key})
        except NoReverseMatch:
            page = reverse("register:authority", kwargs={"gss_code": obligation.authority_gss})
            return f"{page}#{obligation.public_key}"
    if obligation.page == Page.PLAN_ACTION:
        page = reverse("register:improvement", kwargs={"gss_code": obligation.authority_gss})
        return f"{page}#plan"
    return ""


def staff_path(obligation: Obligation) -> str:
    """The department's page of the record ("" when it has none of its own)."""
    if obligation.page == Page.NOTICE:
        return reverse("staff:notice", kwargs={"pk": int(obligation.page_key)})
    if obligation.page == Page.PLAN_ACTION:
        return reverse("staff:improvement-action", kwargs={"pk": int(obligation.page_key)})
    if obligation.page == Page.RECOMMENDATION:
        return reverse("staff:recommendation", kwargs={"pk": int(obligation.page_key)})
    return ""


def due_page() -> str:
    """Each signed-in user's list of what falls due."""
    return reverse("staff:due")


def due_preferences_page() -> str:
    """Where a user chooses which reminders they get."""
    return reverse("staff:due-preferences")
