from django.urls import path

from bestvalue.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views.two_factor_code, name="two-factor-code"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-out/everywhere/", views.sign_out_everywhere, name="sign-out-everywhere"),
    path("account/", views.account, name="account"),
    path("account/two-factor/", views.two_factor_setup, name="two-factor-setup"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery-codes"),
]
