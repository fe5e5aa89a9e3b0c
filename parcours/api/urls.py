from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from parcours.api.routers import clock, eligibility, offices, partner, referrals
from parcours.core.errors import DomainError, FieldsError

api = NinjaAPI(
    title="Parcours API",
    version="1",
    description="Integration pathway for newcomers in Wallonia (CWASS part 2, book II).",
    urls_namespace="api",
)
api.add_router("/offices", offices.router)
api.add_router("/offices", "parcours.api.routers.slots.router")
api.add_router("/eligibility", eligibility.router)
api.add_router("/clock", clock.router)
api.add_router("/referrals", referrals.router)
api.add_router("/partner", partner.router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    body: dict[str, object] = {"detail": str(error.message)}
    if isinstance(error, FieldsError) and error.fields:
        body["fields"] = list(error.fields)
    return api.create_response(request, body, status=error.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": error.errors}, status=422)
