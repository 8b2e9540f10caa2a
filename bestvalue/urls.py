"""Every URL of the service. Each view is protected by LoginRequiredMiddleware unless it is marked
public with login_not_required; tests/integration/test_access.py checks every pattern for every role."""

from django.contrib import admin
from django.urls import include, path

from bestvalue.register import audit_views

urlpatterns = [
    path("", include("bestvalue.core.urls")),
    path("", include("bestvalue.accounts.urls")),
    path("", include("bestvalue.register.urls")),
    path("", include("bestvalue.letters.public_urls")),
    path("", include("bestvalue.api.urls")),
    # The audit log's published checkpoints (bestvalue/audit/README.md).
    path("audit/", audit_views.audit_page, name="audit"),
    path("audit/checkpoints.json", audit_views.checkpoints_json, name="audit-checkpoints"),
    path("staff/", include("bestvalue.staff.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "bestvalue.core.errors.bad_request"
handler403 = "bestvalue.core.errors.permission_denied"
handler404 = "bestvalue.core.errors.page_not_found"
handler500 = "bestvalue.core.errors.server_error"
