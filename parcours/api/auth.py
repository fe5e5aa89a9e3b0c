"""Bearer authentication by API token (accounts.ApiToken): each router names the scope its
tokens must have; a token of another scope, revoked, or of an inactive user gets a 401."""

from typing import ClassVar

from django.http import HttpRequest
from ninja.security import HttpBearer

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_user


class ScopedToken(HttpBearer):
    scope: ClassVar[TokenScope]

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_user(token=token, scope=self.scope)


class CommuneToken(ScopedToken):
    """A commune user's token (POST /api/v1/referrals)."""

    scope = TokenScope.REFERRALS


class PartnerToken(ScopedToken):
    """A partner user's token (/api/v1/partner/)."""

    scope = TokenScope.PARTNER_HOURS
