"""`parcours api_token --user EMAIL`: issue an API token for that user's scope (a commune
user: POST /api/v1/referrals; a partner user: /api/v1/partner/) and print it on the last line
of the output, for integrators and scripts. The token exists in clear only there; it is
listed (by its first characters) and revoked in the staff pages."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parcours.accounts.enums import Role, TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.core.errors import DomainError

_SCOPE_OF_ROLE = {Role.COMMUNE: TokenScope.REFERRALS, Role.PARTNER: TokenScope.PARTNER_HOURS}


class Command(BaseCommand):
    help = "Issue an API token for a user's scope and print it on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the e-mail of the token's holder")

    def handle(self, *args: Any, **options: Any) -> None:
        email = str(options["user"]).strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the e-mail {email}.")
        scope = _SCOPE_OF_ROLE.get(Role(user.role))
        if scope is None:
            raise CommandError(
                f"{email} is a {user.role} user: only commune and partner users hold API tokens."
            )
        try:
            token = api_token_issue(user=user, scope=scope, actor=None)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        self.stderr.write(f"Token for {email}, scope {scope.value} (shown once):")
        self.stdout.write(token)
