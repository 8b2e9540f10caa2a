"""Public register pages: every view here is public, read-only and cached for people who are not
signed in (public.caching)."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from bestvalue.authorities import selectors
from bestvalue.core.pagination import govuk_pagination, page_for
from bestvalue.improvement import selectors as improvement_selectors
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.letters import selectors as letter_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.public.caching import public_cache
from bestvalue.public.timeline import timeline_from
from bestvalue.register.forms import AuthorityFilterForm
from bestvalue.register.register_views import download_links, feed_links


@require_safe
@login_not_required
@public_cache
def authority_list(request: HttpRequest) -> HttpResponse:
    form = AuthorityFilterForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "register/authority_list.html", context, status=400)
    page = page_for(form, selectors.authority_list(form.filters()))
    if page is None:
        return render(request, "register/authority_list.html", context, status=400)
    context.update(page=page, pagination=govuk_pagination(page, request.GET))
    return render(request, "register/authority_list.html", context)


@require_safe
@login_not_required
@public_cache
def authority_detail(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = selectors.authority_by_gss(gss_code)
    if authority is None:
        current = selectors.current_gss_for_former(gss_code)
        if current:
            return redirect("register:authority", gss_code=current, permanent=True)
        raise Http404(f"No authority has the GSS code {gss_code}")
    notices = notice_selectors.published_notices_of(authority.pk)
    interventions = intervention_selectors.interventions_of(authority, public=True)
    return render(
        request,
        "register/authority_detail.html",
        {
            "authority": authority,
            "member_regions": selectors.member_regions(authority),
            "notices": notices,
            "interventions": interventions,
            "intervention_periods": {
                i.reference: intervention_selectors.in_force_text(i) for i in interventions
            },
            "timeline": timeline_from(notices, interventions),
            "improvement_published": improvement_selectors.has_published_record(authority.pk),
            "downloads": download_links(
                {"authority": authority.gss_code}, ["notices", "interventions"]
            ),
        },
    )


@require_safe
@login_not_required
@public_cache
def notice_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """A published notice. Drafts and notices awaiting approval are not found here."""
    notice = notice_selectors.published_notice(reference)
    if notice is None:
        raise Http404("No published notice has that reference")
    changes = notice_selectors.changes_from_predecessor(notice)
    return render(
        request,
        "register/notice_detail.html",
        {
            "notice": notice,
            "changes": changes,
            "history": notice_selectors.published_history(notice),
            "corrections": notice_selectors.public_corrections(notice),
            "letter_files": letter_selectors.issued_letters(notice),
            "feeds": feed_links(notice.authority.gss_code),
            "improvement_published": improvement_selectors.has_published_record(
                notice.authority_id
            ),
        },
    )
