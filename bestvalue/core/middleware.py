"""Middleware of our own: the idle session timeout, headers every response carries, and JSON
errors for everything under /api/."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

Handler = Callable[[HttpRequest], HttpResponse]

# Browser features no page of the service uses, denied to every page (and anything framed in it).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)

_LAST_SEEN = "last_seen"
# The session is saved at most this often just to record activity (seconds).
_TOUCH_EVERY = 60


class SessionIdleTimeout:
    """End a signed-in session unused for SESSION_IDLE_TIMEOUT seconds (besides SESSION_COOKIE_AGE,
    its absolute limit). Sits before LoginRequiredMiddleware, which then sends the visitor to sign
    in again."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(_LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif last_seen is None or now - last_seen > _TOUCH_EVERY:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class ResponseHeaders:
    """Permissions-Policy on every response; `Cache-Control: private, no-store` on every response
    to a signed-in user, so no shared cache or browser history keeps a staff page."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "private, no-store"
        return response


def _is_api(request: HttpRequest) -> bool:
    # /api/ itself is the human documentation page; everything below it is the JSON API.
    return request.path.startswith("/api/") and request.path != "/api/"


_MESSAGES = {
    400: "The request could not be read.",
    403: "You may not do this.",
    404: "There is no API endpoint at this address: see /api/v1/openapi.json.",
    405: "This endpoint does not accept that method.",
    413: "The request body is too large.",
    500: "Sorry, there is a problem with the service. Try again later.",
}


_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "server_error",
}


def api_error(status: int, message: str = "") -> JsonResponse:
    """The API's one error shape (bestvalue/api/errors.py), for errors raised outside the API."""
    error = {
        "code": _CODES.get(status, "error"),
        "message": message or _MESSAGES.get(status, "Error."),
        "fields": {},
    }
    return JsonResponse({"error": error}, status=status)


class ApiJsonErrors:
    """Every error under /api/ is JSON in the API's error shape, including the ones Django answers
    before the API sees the request (unknown path, wrong method, a body over the size limit)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _is_api(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        replacement = api_error(response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                replacement[header] = response[header]
        return replacement

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _is_api(request) and isinstance(exception, RequestDataTooBig):
            return api_error(413)
        return None
