from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"PARCOURS_DEMO": settings.PARCOURS_DEMO}
