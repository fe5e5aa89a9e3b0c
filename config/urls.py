from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from parcours.api.urls import api
from parcours.backoffice.admin_site import admin_site

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("accounts/", include("parcours.accounts.urls")),
    path("staff/appointments/", include("parcours.appointments.urls")),
    path("", include("parcours.training.urls")),  # /partner/ and /staff/training/
    path("staff/", include("parcours.backoffice.urls")),
    path("admin/", admin_site.urls),
    path("verify/", include("parcours.public.verify_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("parcours.public.urls")),
    prefix_default_language=False,
)

handler404 = "parcours.public.views.errors.not_found"
handler500 = "parcours.public.views.errors.server_error"
handler403 = "parcours.public.views.errors.forbidden"
