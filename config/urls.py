from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from parcours.accounts.admin_site import admin_site
from parcours.api.health import healthz
from parcours.api.urls import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("accounts/", include("parcours.staff.urls.signin")),
    path("staff/appointments/", include("parcours.staff.urls.appointments")),
    path("partner/", include("parcours.partner.urls")),
    path("staff/", include("parcours.staff.urls.casework")),
    path("admin/", admin_site.urls),
]
urlpatterns += i18n_patterns(
    # Under the language prefix (/en/verify/…); without it, as the QR codes printed so far.
    path("verify/", include("parcours.public.verify_urls")),
    path("", include("parcours.public.urls")),
    prefix_default_language=False,
)

handler400 = "parcours.public.views.errors.bad_request"
handler404 = "parcours.public.views.errors.not_found"
handler500 = "parcours.public.views.errors.server_error"
handler403 = "parcours.public.views.errors.forbidden"
