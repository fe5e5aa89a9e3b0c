from django.urls import include, path

from parcours.public.views import pages, selfcheck

app_name = "public"
urlpatterns = [
    path("", pages.home, name="home"),
    path("information/", pages.information, name="information"),
    path("languages/", pages.languages, name="languages"),
    path("offices/", pages.finder, name="finder"),
    path("about-data/", pages.about_data, name="about_data"),
    path("privacy/", pages.privacy, name="privacy"),
    path("am-i-concerned/", selfcheck.self_check, name="self_check"),
    path("book/", include("parcours.public.urls_booking")),
    path("my-space/", include("parcours.public.urls_space")),
]
