from django.urls import path

from parcours.public.views import verify

app_name = "verify"
urlpatterns = [
    path("", verify.verify_form, name="form"),
    path("<str:code>/", verify.verify, name="verify"),
]
