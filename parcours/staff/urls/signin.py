"""Signing in: e-mail and password, then the second factor (TOTP); signing out."""

from django.urls import path

from parcours.staff.views import signin as views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("verify/", views.otp_verify, name="otp_verify"),
    path("two-factor/", views.otp_setup, name="otp_setup"),
    path("two-factor/<str:token>/", views.otp_enrol, name="otp_enrol"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("logout/", views.logout, name="logout"),
]
