"""Pages about the API: its documentation (public), rendered on the server from the OpenAPI
document, and personal API tokens (department users make and revoke their own)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from bestvalue.accounts import permissions
from bestvalue.accounts import selectors as account_selectors
from bestvalue.accounts import services as account_services
from bestvalue.api.forms import ApiTokenForm
from bestvalue.api.main import api
from bestvalue.public.caching import public_cache


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_text(schema: dict[str, Any]) -> str:
    """A JSON Schema type in words: "integer", "date", "one of: a, b", "AuthorityOut"."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "anyOf" in schema:
        kinds = [type_text(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds) + " (or null)"
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("format") or schema.get("type", "any")
    if kind == "array":
        return f"list of {type_text(schema.get('items', {}))}"
    return str(kind)


def _limits(schema: dict[str, Any]) -> str:
    parts = []
    for key, words in (
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "at least"),
        ("maxLength", "at most"),
        ("pattern", "matching"),
    ):
        if key in schema:
            unit = " characters" if "Length" in key else ""
            parts.append(f"{words} {schema[key]}{unit}")
    if "default" in schema and schema["default"] not in (None, "", []):
        parts.append(f"default {schema['default']}")
    return ", ".join(parts)


def _fields(schema: dict[str, Any]) -> list[dict[str, str]]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": type_text(prop),
            "required": "Yes" if name in required else "No",
            "notes": " ".join(x for x in (prop.get("description", ""), _limits(prop)) if x),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def operations(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    components = document.get("components", {}).get("schemas", {})
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            body = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            body_name = _ref_name(body["$ref"]) if body and "$ref" in body else None
            yield {
                "method": method.upper(),
                "path": path,
                "anchor": op.get("operationId", ""),
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "tag": (op.get("tags") or ["Other"])[0],
                "needs_token": bool(op.get("security")),
                "parameters": [
                    {
                        "name": p["name"],
                        "in": p["in"],
                        "type": type_text(p.get("schema", {})),
                        "required": "Yes" if p.get("required") else "No",
                        "notes": " ".join(
                            x for x in (p.get("description", ""), _limits(p.get("schema", {}))) if x
                        ),
                    }
                    for p in op.get("parameters", [])
                ],
                "body": body_name,
                "body_fields": _fields(components.get(body_name, {})) if body_name else [],
                "responses": [
                    (code, r.get("description", "")) for code, r in op.get("responses", {}).items()
                ],
            }


@require_safe
@login_not_required
@public_cache
def docs(request: HttpRequest) -> HttpResponse:
    document, described = documentation()
    return render(
        request,
        "api/docs.html",
        {
            "document": document,
            "operations": described,
            "openapi_url": reverse("api:v1:openapi-json"),
        },
    )


@functools.cache
def documentation() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The OpenAPI document and its operations described, built once per process: they come
    from the code alone, and building them took most of the page's time (bench/README.md)."""
    document = api.get_openapi_schema()
    return document, list(operations(document))


def _require_token_user(request: HttpRequest) -> None:
    if not permissions.can_have_api_token(request.user):
        raise PermissionDenied("Only department users can have API tokens.")


def tokens(request: HttpRequest) -> HttpResponse:
    """A department user's API tokens: make one (its secret shown once, on this response only,
    never stored) or revoke one."""
    _require_token_user(request)
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = account_services.create_api_token(
            user=request.user,  # type: ignore[arg-type] # a department user (checked above)
            name=form.cleaned_data["name"],
        )
        form = ApiTokenForm()
    elif request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": account_selectors.api_tokens_of(request.user)},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # the page may hold a secret
    return response


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require_token_user(request)
    token = account_selectors.api_token_of(request.user, pk)
    if token is None:
        raise Http404("You have no API token with that number")
    account_services.revoke_api_token(token, by=request.user)  # type: ignore[arg-type]
    messages.success(request, f"API token “{token.name}” revoked. It no longer works.")
    return redirect("api:tokens")
