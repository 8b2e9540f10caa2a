"""The API's one error shape, for every refusal:

    {"error": {"code": "not_found", "message": "...", "fields": {"name": ["..."]}}}

Bad query parameters are a 400, an unknown path parameter a 404, a bad request body a 422; a
missing or revoked token a 401, a role or record that does not allow the action a 403, and a
conflicting edit (a stale version, an action the record's state does not allow) a 409. Domain
exceptions raised by the services are turned into these here, so the API says what the pages say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from bestvalue.notices.errors import InvalidTransition, NotAllowed, StaleEdit

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "too_many_requests",
}


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorDetail


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str = "",
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or CODES.get(status, "error")
        self.fields = fields or {}


def body(
    status: int, message: str, *, code: str = "", fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "code": code or CODES.get(status, "error"),
            "message": message,
            "fields": fields or {},
        }
    }


def _field_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        # ("query", "year"), ("path", "pk") and ("body", "payload", "themes", 0): the field is
        # the first part after where it came from (and the body's parameter name).
        named = loc[2:] if loc[:1] == ["body"] and len(loc) > 2 else loc[1:]
        name = named[0] if named else "request"
        fields.setdefault(name, []).append(str(error.get("msg", "Invalid value")))
    return fields


def _validation_status(errors: list[dict[str, Any]]) -> tuple[int, str]:
    places = {str(e.get("loc", ("body",))[0]) for e in errors}
    if places <= {"path"}:
        return 404, "Nothing has that identifier."
    if places <= {"query"}:
        return 400, "A query parameter is not valid: see fields."
    return 422, "The request body is not valid: see fields."


def install(api: NinjaAPI) -> None:
    """Make every error the API returns take the one shape."""

    def respond(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, body(status, message, **extra), status=status)

    handlers: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
        ApiError: lambda r, e: respond(r, e.status, e.message, code=e.code, fields=e.fields),
        AuthenticationError: lambda r, e: respond(
            r, 401, "Send a personal API token: Authorization: Bearer TOKEN."
        ),
        HttpError: lambda r, e: respond(r, e.status_code, e.message),
        Http404: lambda r, e: respond(r, 404, str(e) or "Not found."),
        NotAllowed: lambda r, e: respond(r, 403, str(e)),
        StaleEdit: lambda r, e: respond(r, 409, str(e), code="stale_version"),
        InvalidTransition: lambda r, e: respond(r, 409, str(e), code="invalid_transition"),
        DjangoValidationError: lambda r, e: respond(
            r, 422, "The record is not valid: see fields.", fields=_django_fields(e)
        ),
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)

    def validation(request: HttpRequest, exc: Any) -> HttpResponse:
        status, message = _validation_status(exc.errors)
        return respond(request, status, message, fields=_field_errors(exc.errors))

    api.add_exception_handler(NinjaValidationError, validation)


def _django_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    return {"request": [str(m) for m in exc.messages]}
