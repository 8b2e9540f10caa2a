"""The Jinja environment for our pages: GOV.UK Frontend components (each macro a global), URL and static helpers, UK dates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
)
from markupsafe import Markup

from bestvalue.core import govuk
from bestvalue.core.dates import uk_date
from bestvalue.core.sources import source_links


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def link(href: str, text: str) -> Markup:
    """A GOV.UK link as HTML, for components that take `html` (table cells, summary values)."""
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def environment(**options: Any) -> Environment:
    dirs = options.pop("loader", None) or FileSystemLoader(
        [str(path) for path in settings.TEMPLATES[0]["DIRS"]]  # type: ignore[attr-defined]
    )
    options["loader"] = ChoiceLoader(
        [dirs, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    options["autoescape"] = True
    # The GOV.UK macros read optional parameters (params.tag.text) without checking that the
    # parent exists, so a missing one must be falsy, not an error; and Django's DEBUG default
    # (DebugUndefined) would print their names into the page instead.
    options["undefined"] = ChainableUndefined
    options["extensions"] = ["jinja2.ext.do"]
    env = Environment(**options)  # noqa: S701 - autoescape is on (set above)
    env.globals.update(
        url=url,
        static=static,
        service_name=settings.SERVICE_NAME,
        get_messages=messages.get_messages,
        link=link,
        govuk_field=govuk.field,
        govuk_error_summary=govuk.error_summary,
    )
    env.globals.update(_govuk_components(env))
    env.filters.update(uk_date=uk_date, source_links=source_links)
    return env


def _govuk_components(env: Environment) -> dict[str, Any]:
    """Every GOV.UK Frontend component's macro by its own name (govukButton, govukSummaryList),
    so that a page calls the components without importing each one."""
    found = {}
    for component in _COMPONENTS:
        name = "govuk" + "".join(part.capitalize() for part in component.split("-"))
        module = env.get_template(f"govuk_frontend_jinja/components/{component}/macro.html").module
        found[name] = getattr(module, name)
    return found


# The components our pages use (govuk_frontend_jinja has these and more).
_COMPONENTS = (
    "back-link",
    "breadcrumbs",
    "button",
    "details",
    "error-summary",
    "footer",
    "inset-text",
    "notification-banner",
    "pagination",
    "panel",
    "phase-banner",
    "service-navigation",
    "summary-list",
    "table",
    "tag",
    "textarea",
    "warning-text",
)
