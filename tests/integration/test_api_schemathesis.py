"""The OpenAPI document is valid, and over a thousand requests generated from it (with a fixed
seed, through the WSGI app) find no server error and no response that breaks the document.

Half the generated requests have their identifiers swapped for real ones (an authority's GSS
code, a published notice's or intervention's reference, a draft's id and version), so that
successful answers are checked against the document too, not only refusals."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bestvalue.accounts.roles import Role
from bestvalue.accounts.services import create_api_token
from bestvalue.notices.models import Notice
from tests.factories import make_directions, make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 90
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def app() -> Iterator[WSGIHandler]:
    """The WSGI app, run inside the test's transaction: as Django's test client does, stop each
    request from closing the database connection, which would end the transaction. Refusals
    are expected by the hundred, so Django's warning for each is not logged."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    cache.clear()
    try:
        yield WSGIHandler()
    finally:
        logger.setLevel(level)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def schema(app: WSGIHandler) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture
def known() -> dict[str, Any]:
    """Real identifiers to put in generated requests."""
    caseworker = make_user(Role.CASEWORKER)
    directions = make_directions()
    notices = [
        make_issued_notice(caseworker=caseworker),
        make_issued_notice(caseworker=caseworker, authority=directions.intervention.authority),
    ]
    return {
        "gss": [n.authority.gss_code for n in notices],
        "notices": [n.reference for n in notices],
        "interventions": [directions.intervention.reference],
        "draft": make_draft_notice(caseworker=caseworker).pk,
        "secret": create_api_token(user=caseworker, name="schemathesis")[1],
    }


def _use_known(case: Any, known: dict[str, Any], pick: int) -> None:
    """Swap the generated identifiers in `case` for real ones."""
    path = case.path_parameters or {}
    if "gss" in path:
        path["gss"] = known["gss"][pick % len(known["gss"])]
    if "reference" in path:
        references = known["interventions"] if "interventions" in case.path else known["notices"]
        path["reference"] = references[pick % len(references)]
    if "pk" in path:
        path["pk"] = known["draft"]
    if isinstance(case.body, dict):
        if "authority_gss" in case.body:
            case.body["authority_gss"] = known["gss"][pick % len(known["gss"])]
        if "version" in case.body:
            case.body["version"] = Notice.objects.get(pk=known["draft"]).version


def test_the_openapi_document_is_valid(schema: Any) -> None:
    schema.validate()
    assert schema.raw_schema["openapi"].startswith("3.")


def test_generated_requests_find_no_server_error_and_no_response_off_the_schema(
    schema: Any, known: dict[str, Any]
) -> None:
    headers = {"Authorization": f"Bearer {known['secret']}"}
    answers: Counter[tuple[str, int]] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14
    for operation in operations:

        @hypothesis.seed(20240601)
        @hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy(), pick=st.integers(0, 3))
        def check(case: Any, pick: int) -> None:
            if pick % 2:
                _use_known(case, known, pick)
            response = case.call(headers=headers)
            answers[(case.operation.label, response.status_code)] += 1
            case.validate_response(response, checks=CHECKS, headers=headers)

        check()
    sent = sum(answers.values())
    assert sent >= 1000, f"only {sent} requests were generated"
    succeeded = {label for (label, status), _ in answers.items() if status < 300}
    assert len(succeeded) == len(operations), (
        f"never succeeded: {set(o.label for o in operations) - succeeded}"
    )
    print(f"\nschemathesis sent {sent} requests: {dict(sorted(answers.items()))}")
