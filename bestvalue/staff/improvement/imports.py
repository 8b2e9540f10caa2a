"""Adding many plan actions from a CSV or Excel file. The service checks the whole file and
lists every problem by line and column (improvement.action_import); this page only shows them."""

from __future__ import annotations

import functools

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.improvement.services import plan_import
from bestvalue.improvement.tabular import MAX_BYTES
from bestvalue.staff.improvement import common
from bestvalue.staff.improvement import forms as f


@require_http_methods(common.FORM_METHODS)
def actions_import(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = common.authority_for(request, gss_code, edit=True)
    return common.import_page(
        request,
        "improvement/actions_import.html",
        {"form": f.ActionImportForm(*common.posted(request)), "authority": authority},
        importer=functools.partial(plan_import.import_actions, authority),
        most=MAX_BYTES,
        success="Actions imported.",
        to=lambda actions: common.url_for("improvement", gss_code=authority.gss_code) + "#plan",
    )
