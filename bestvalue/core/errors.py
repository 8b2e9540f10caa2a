"""GOV.UK error pages. They render our own template so a visitor is never shown a bare error."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template import loader

_PAGES = {
    400: ("There is a problem with your request", "Check the address or the form and try again."),
    403: (
        "You do not have permission to view this page",
        "If you think you should, ask your service administrator to check your role.",
    ),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. "
        "If you pasted the web address, check you copied the entire address.",
    ),
    500: ("Sorry, there is a problem with the service", "Try again later."),
}


def _render(request: HttpRequest, status: int) -> HttpResponse:
    heading, body = _PAGES[status]
    html: str
    try:
        html = loader.render_to_string(
            "core/error.html", {"heading": heading, "body": body}, request=request
        )
    except Exception:
        html = f"<!DOCTYPE html><title>{heading}</title><h1>{heading}</h1><p>{body}</p>"
    return HttpResponse(html, status=status)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _render(request, 400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _render(request, 403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _render(request, 404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, 500)
