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

urlpatterns = [
    path("authorities/", views.authority_list, name="authorities"),
    path("authorities/<gss:gss_code>/", views.authority_detail, name="authority"),
    path(
        "authorities/<gss:gss_code>/improvement/",
        improvement_views.improvement,
        name="improvement",
    ),
    path(
        "authorities/<gss:gss_code>/improvement/evidence/<int:pk>/download/",
        improvement_views.evidence_download,
        name="improvement-evidence",
    ),
    path("notices/<str:reference>/", views.notice_detail, name="notice"),
    path("", include("bestvalue.register.intervention_urls")),
    # The register, open data and feeds (bestvalue/register/README.md).
    path("register/", register_views.register, name="register"),
    path("about/", register_views.about, name="about"),
    path("register/changes.atom", feeds.changes_feed, name="feed"),
    path("register/dates.ics", calendars.dates_calendar, name="calendar"),
    path("authorities/<gss:gss_code>/changes.atom", feeds.changes_feed, name="authority-feed"),
    path(
        "authorities/<gss:gss_code>/dates.ics", calendars.dates_calendar, name="authority-calendar"
    ),
    # Email alerts (bestvalue/alerts/README.md).
    path("alerts/", alerts_views.subscribe, name="alerts"),
    path("alerts/check-your-email/", alerts_views.check_email, name="alerts-check-email"),
    path("alerts/confirm/<str:token>/", alerts_views.confirm, name="alerts-confirm"),
    path("alerts/unsubscribe/<str:token>/", alerts_views.unsubscribe, name="alerts-unsubscribe"),
    path("alerts/privacy/", alerts_views.privacy, name="alerts-privacy"),
    path("open-data/", opendata_views.open_data, name="open-data"),
    path("open-data/<dataset:dataset>/", opendata_views.dataset_page, name="dataset"),
    path("open-data/<dataset:dataset>.<format:fmt>", opendata_views.download, name="download"),
    path(
        "open-data/<dataset:dataset>.schema.json",
        opendata_views.dataset_schema,
        name="dataset-schema",
    ),
    path(
        "open-data/<dataset:dataset>.columns.csv",
        opendata_views.dataset_columns,
        name="dataset-columns",
    ),
]
