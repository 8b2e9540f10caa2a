"""The one convention for a record's pages in URLconfs: a view named `<noun>_<action>` is at
`<prefix><action>/` and named `<noun>-<action>`, and `<noun>_detail` is the record's own page at
`<prefix>`, named `<noun>`; a page of its own (`data_sources=`) is at `data-sources/`, named
`data-sources`. Every interface's URLconf may use it; names and paths are those
written out by hand before."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path


def record_pages(prefix: str, *views: Callable[..., Any]) -> list[URLPattern]:
    """The pages of one kind of record under `prefix` ("reviews/<int:pk>/"), by the views'
    names: review_detail at the prefix (named "review"), review_submit at "submit/" (named
    "review-submit"); underscores in an action become hyphens in its path and name."""
    found = []
    for view in views:
        noun, _, action = view.__name__.partition("_")
        if not action:
            raise ValueError(f"{view.__name__} is not named <noun>_<action>.")
        if action == "detail":
            found.append(path(prefix, view, name=noun))
            continue
        words = action.replace("_", "-")
        found.append(path(f"{prefix}{words}/", view, name=f"{noun}-{words}"))
    return found


def named_pages(**views: Callable[..., Any]) -> list[URLPattern]:
    """Pages each at `<name>/` and named `<name>`, the keyword with hyphens for underscores:
    data_sources=... at "data-sources/", named "data-sources"."""
    found = []
    for keyword, view in views.items():
        name = keyword.replace("_", "-")
        found.append(path(f"{name}/", view, name=name))
    return found
