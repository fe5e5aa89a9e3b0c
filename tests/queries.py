"""How many queries a page costs: to prove a page's cost does not grow with its data."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def page_queries(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    """The number of queries of one GET of `url` (which must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured.captured_queries)
