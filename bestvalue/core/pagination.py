"""Pagination for list pages, with the parameters the GOV.UK pagination component takes."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict


class PageOutOfRange(ValueError):
    pass


def paginate(items: Any, number: int, *, per_page: int = 50) -> Page:
    paginator = Paginator(items, per_page)
    if number < 1 or number > paginator.num_pages:
        raise PageOutOfRange(
            f"There is no page {number}: choose a page from 1 to {paginator.num_pages}."
        )
    return paginator.page(number)


def page_for(form: Any, items: Any, *, per_page: int = 50) -> Page | None:
    """The page of `items` that the list's filter form asks for (its `page` field), or None
    with the refusal put on that field."""
    try:
        return paginate(items, form.cleaned_data["page"] or 1, per_page=per_page)
    except PageOutOfRange as exc:
        form.add_error("page", str(exc))
        return None


def govuk_pagination(
    page: Page, query: QueryDict, *, param: str = "page", anchor: str = "", label: str = ""
) -> dict[str, Any] | None:
    """Params for govukPagination: numbered links around the current page, keeping the filters.
    Where a page has several lists, each pages with its own `param`, links back to its own
    `anchor`, and names its navigation with `label` (landmarks must differ)."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        params = query.copy()
        params[param] = str(number)
        return "?" + params.urlencode() + (f"#{anchor}" if anchor else "")

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {"number": number, "href": href(int(number)), "current": number == page.number}
            )
    result: dict[str, Any] = {"items": items}
    if label:
        result["landmarkLabel"] = label
    if page.has_previous():
        result["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        result["next"] = {"href": href(page.next_page_number())}
    return result
