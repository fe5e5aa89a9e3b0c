from django.urls import path

from parcours.backoffice.views import home

app_name = "backoffice"
urlpatterns = [
    path("", home.home, name="home"),
    path("offices/<int:office_id>/", home.office_detail, name="office_detail"),
]
