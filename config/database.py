"""DATABASE_URL parsing: only the engines Parcours supports are accepted."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_SUPPORTED = {
    "django.db.backends.postgresql": "postgres",
    "django.db.backends.sqlite3": "sqlite",
}


def parse_database_url(
    url: str, *, pooled: bool = False, statement_timeout_ms: int = 0
) -> dict[str, Any]:
    """`pooled`: production's PostgreSQL connections come from a psycopg pool per process
    (Django 5.1+), checked before use; elsewhere a connection lives for one request only, so
    that `runserver`'s threads never hold connections they no longer use."""
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
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
    return config | {
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": _postgres_options(pooled, statement_timeout_ms),
    }


def _postgres_options(pooled: bool, statement_timeout_ms: int) -> dict[str, Any]:
    # JIT compiles plans for big analytic queries; on the short OLTP queries of the pages it
    # only adds hundreds of milliseconds (measured on the worklist), so it is off here.
    settings = ["-c jit=off"]
    if statement_timeout_ms:
        settings.append(f"-c statement_timeout={statement_timeout_ms}")
    options: dict[str, Any] = {"options": " ".join(settings)}
    if pooled:
        options["pool"] = {"min_size": 1, "max_size": 8, "timeout": 10}
    return options
