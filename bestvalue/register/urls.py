from django.urls import path, register_converter

from bestvalue.register import views


class GssCode:
    regex = "E[0-9]{8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(GssCode, "gss")

app_name = "register"

urlpatterns = [
    path("authorities/", views.authority_list, name="authorities"),
    path("authorities/<gss:gss_code>/", views.authority_detail, name="authority"),
    path("notices/<str:reference>/", views.notice_detail, name="notice"),
]
