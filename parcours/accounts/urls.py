from django.urls import path

from parcours.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("verify/", views.otp_verify, name="otp_verify"),
    path("two-factor/", views.otp_setup, name="otp_setup"),
    path("logout/", views.logout, name="logout"),
]
