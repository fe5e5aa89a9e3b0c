"""SMS carry phone numbers and manage links: production refuses the console backend."""

from tests.config.test_settings import PRODUCTION_ENV, run_parcours


def test_production_refuses_to_start_with_the_console_sms_backend() -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "PARCOURS_SMS_BACKEND"}
    result = run_parcours("check", env=env)  # the default is the console backend
    assert result.returncode != 0
    assert "PARCOURS_SMS_BACKEND must name a real SMS gateway" in result.stderr


def test_production_starts_with_another_sms_backend() -> None:
    assert run_parcours("check", env=PRODUCTION_ENV).returncode == 0
