import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.database import parse_database_url
from config.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "tR4-kP9z!Qm2#vL8wX1&nB6yH3sD0fG5jK7aZ2cV9bN4mQ8e-Wq5uE7iO",
    "ALLOWED_HOSTS": "parcours.example.org",
    "DATABASE_URL": "sqlite:////tmp/parcours-deploy-check.sqlite3",
    "PARCOURS_SMS_BACKEND": "parcours.notifications.sms.FileBackend",
}


def run_parcours(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only what a server would have: the test settings exported their own defaults.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(  # noqa: S603 -- our own interpreter and module
        [sys.executable, "-m", "parcours", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_any_warning() -> None:
    result = run_parcours("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_in_debug() -> None:
    result = run_parcours("check", env={**PRODUCTION_ENV, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must be false in production" in result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_parcours("check", env={**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_requires_2fa_by_default() -> None:
    result = run_parcours(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.PARCOURS_REQUIRE_2FA)",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.strip().endswith("True"), result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "oui"])
def test_a_bad_boolean_fails_loudly(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PARCOURS_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="PARCOURS_FLAG must be true or false"):
        env_bool("PARCOURS_FLAG", default=False)


def test_environment_helpers_read_typed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("P_BOOL", "Yes")
    monkeypatch.setenv("P_INT", "42")
    monkeypatch.setenv("P_LIST", "a.example, b.example,,")
    monkeypatch.delenv("P_MISSING", raising=False)
    assert env_bool("P_BOOL", default=False) is True
    assert env_int("P_INT", default=0) == 42
    assert env_list("P_LIST") == ["a.example", "b.example"]
    assert env_str("P_MISSING", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match="P_MISSING is required"):
        env_str("P_MISSING")
    monkeypatch.setenv("P_INT", "forty")
    with pytest.raises(ImproperlyConfigured, match="P_INT must be an integer"):
        env_int("P_INT", default=0)


def test_database_url_accepts_postgres_and_absolute_sqlite() -> None:
    postgres = parse_database_url("postgres://parcours@db.example:5433/parcours")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["HOST"], postgres["PORT"], postgres["NAME"]) == (
        "db.example",
        5433,
        "parcours",
    )
    sqlite = parse_database_url("sqlite:////var/lib/parcours/db.sqlite3")
    assert sqlite["NAME"] == "/var/lib/parcours/db.sqlite3"


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/parcours", "sqlite:///relative.db", "nonsense"]
)
def test_database_url_refuses_what_parcours_does_not_support(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url)


def test_production_connections_are_pooled_checked_and_bounded_in_time() -> None:
    config = parse_database_url(
        "postgres://parcours@db.example/parcours", pooled=True, statement_timeout_ms=30_000
    )
    assert config["CONN_MAX_AGE"] == 0  # the pool keeps the connections, not Django
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    assert config["OPTIONS"]["options"] == "-c jit=off -c statement_timeout=30000"


def test_the_demo_keeps_no_connection_beyond_its_request() -> None:
    for url in ("postgres://parcours@localhost/parcours", "sqlite:////tmp/demo.sqlite3"):
        config = parse_database_url(url)
        assert config["CONN_MAX_AGE"] == 0
        assert "pool" not in config.get("OPTIONS", {})


def test_the_demo_settings_do_not_pool_connections() -> None:
    result = run_parcours(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], 'pool' in d.get('OPTIONS', {}))",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": "postgres://x@localhost/x",
        },
    )
    assert result.stdout.split() == ["0", "False"], result.stderr
