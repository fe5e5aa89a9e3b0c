"""DATABASE_URL parsing: only the engines Parcours supports are accepted."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_SUPPORTED = {
    "django.db.backends.postgresql": "postgres",
    "django.db.backends.sqlite3": "sqlite",
}


def parse_database_url(url: str) -> dict[str, Any]:
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not valid: {error}") from None
    engine = config.get("ENGINE", "")
    if engine not in _SUPPORTED:
        raise ImproperlyConfigured(
            "DATABASE_URL must start with postgres:// or sqlite:/// (an absolute path)."
        )
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # Take the write lock when a transaction starts: concurrent demo writers then wait
        # (busy timeout) instead of failing with "database is locked" halfway through.
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
        name = str(config.get("NAME", ""))
        if name != ":memory:" and not Path(name).is_absolute():
            raise ImproperlyConfigured("A sqlite DATABASE_URL needs an absolute path.")
    return config
