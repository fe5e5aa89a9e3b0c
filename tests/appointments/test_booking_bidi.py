"""In a right-to-left portal, Latin office names and addresses are isolated from the text."""

import re

from django.test import Client

from parcours.territory.models import Office


def test_the_arabic_booking_list_isolates_latin_names_and_addresses(
    client: Client, office: Office
) -> None:
    page = client.get("/ar/book/").content.decode()
    assert 'dir="rtl"' in page
    assert f"<h2><bdi>{office.centre.name}</bdi></h2>" in page
    address = re.escape(str(office.address))
    assert re.search(rf'<bdi class="hint office-address" dir="ltr">{address}</bdi>', page)
    assert f"<bdi>{office.name}</bdi>" in page
