from django.urls import include, path, register_converter

from bestvalue.register import (
    alerts_views,
    calendars,
    feeds,
    improvement_views,
    register_views,
    views,
)
from bestvalue.register.opendata import views as opendata_views
from bestvalue.register.opendata.datasets import DATASETS


class Verbatim:
    """A path part matched by `regex` and passed on as it is."""

    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class GssCode(Verbatim):
    regex = "E[0-9]{8}"


register_converter(GssCode, "gss")


class DatasetName(Verbatim):
    """Only the published datasets' names match, so any other is a 404 before a view runs."""

    regex = "|".join(DATASETS)


class DataFormat(Verbatim):
    regex = "csv|json"


register_converter(DatasetName, "dataset")
register_converter(DataFormat, "format")

app_name = "register"

_AUTHORITY = "authorities/<gss:gss_code>/"
_DATASET = "open-data/<dataset:dataset>"

urlpatterns = [
    path("authorities/", views.authority_list, name="authorities"),
    path(_AUTHORITY, views.authority_detail, name="authority"),
    path(f"{_AUTHORITY}improvement/", improvement_views.improvement, name="improvement"),
    path(
        f"{_AUTHORITY}improvement/evidence/<int:pk>/download/",
        improvement_views.evidence_download,
        name="improvement-evidence",
    ),
    path("notices/<str:reference>/", views.notice_detail, name="notice"),
    path("", include("bestvalue.register.intervention_urls")),
    # The register, open data and feeds (bestvalue/register/README.md).
    path("register/", register_views.register, name="register"),
    path("about/", register_views.about, name="about"),
    # The whole register's feed and calendar, and each authority's.
    *(
        path(f"{where}{file}", view, name=f"{scope}{name}")
        for where, scope in (("register/", ""), (_AUTHORITY, "authority-"))
        for file, view, name in (
            ("changes.atom", feeds.changes_feed, "feed"),
            ("dates.ics", calendars.dates_calendar, "calendar"),
        )
    ),
    # Email alerts (bestvalue/alerts/README.md).
    path("alerts/", alerts_views.subscribe, name="alerts"),
    path("alerts/check-your-email/", alerts_views.check_email, name="alerts-check-email"),
    *(
        path(f"alerts/{view.__name__}/<str:token>/", view, name=f"alerts-{view.__name__}")
        for view in (alerts_views.confirm, alerts_views.unsubscribe)
    ),
    path("alerts/privacy/", alerts_views.privacy, name="alerts-privacy"),
    path("open-data/", opendata_views.open_data, name="open-data"),
    path(f"{_DATASET}/", opendata_views.dataset_page, name="dataset"),
    *(
        path(f"{_DATASET}{ending}", view, name=name)
        for ending, view, name in (
            (".<format:fmt>", opendata_views.download, "download"),
            (".schema.json", opendata_views.dataset_schema, "dataset-schema"),
            (".columns.csv", opendata_views.dataset_columns, "dataset-columns"),
        )
    ),
]
