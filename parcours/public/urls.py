from django.urls import path

from parcours.public.views import pages

app_name = "public"
urlpatterns = [
    path("", pages.home, name="home"),
    path("offices/", pages.finder, name="finder"),
    path("about-data/", pages.about_data, name="about_data"),
]
