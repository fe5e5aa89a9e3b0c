"""GET /api/v1/offices/{id}/slots: the public free slots for a first welcome appointment."""

from datetime import datetime

import time_machine
from django.test import Client

from parcours.territory.models import Office

TODAY = datetime(2026, 12, 1, 8, 0)


@time_machine.travel(TODAY, tick=False)
def test_the_free_slots_of_an_office_are_public_and_name_no_one(
    client: Client, office: Office
) -> None:
    response = client.get(f"/api/v1/offices/{office.pk}/slots", {"days": 7})
    assert response.status_code == 200
    body = response.json()
    assert body["office_id"] == office.pk and body["minutes"] == 60
    assert body["booking_url"].endswith(f"/book/office/{office.pk}/")
    first = body["days"][0]
    assert first["day"] == "2026-12-02" and first["slots"][0]["starts_at"].startswith("2026-12-02T")
    assert "staff" not in response.content.decode()


def test_an_unknown_office_or_too_many_days_are_refused_clearly(
    client: Client, office: Office
) -> None:
    assert client.get("/api/v1/offices/999999/slots").status_code == 404
    assert client.get(f"/api/v1/offices/{office.pk}/slots", {"days": 365}).status_code == 422


def test_the_slots_endpoint_is_documented_in_openapi(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/offices/{office_id}/slots"]["get"]
    assert "appointments" in operation["tags"]
