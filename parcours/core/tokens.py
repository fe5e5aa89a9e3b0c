"""Secret tokens (API tokens, manage links, private feeds, staged imports): made here, shown
once, and, when they must be recognised later, stored only as their SHA-256 digest.

A token has enough entropy (32 random bytes by default) for an unsalted SHA-256 to be the
right digest: it cannot be guessed back, and the digest can be looked up by index."""

import hashlib
import hmac
import secrets
from typing import TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet

TOKEN_BYTES = 32
PREFIX_LENGTH = 8

M = TypeVar("M", bound=Model)


def token_new(nbytes: int = TOKEN_BYTES) -> str:
    """A random token, URL-safe (it goes in links, headers and file names)."""
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    """The SHA-256 (64 hexadecimal characters) stored in place of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    """The first characters, shown on pages to tell tokens apart (too few to guess the rest)."""
    return token[:PREFIX_LENGTH]


def token_issue(nbytes: int = TOKEN_BYTES) -> tuple[str, str]:
    """A new token and its digest: the token goes to its holder, the digest to the database."""
    token = token_new(nbytes)
    return token, token_digest(token)


def find_by_digest(queryset: QuerySet[M], digest: str, *, field: str = "digest") -> M | None:
    """The row of `queryset` holding `digest`, found through the (indexed) column and confirmed
    by a constant-time comparison; an empty digest finds nothing (blank columns never match)."""
    if not digest:
        return None
    found = queryset.filter(**{field: digest}).first()
    if found is None or not hmac.compare_digest(str(getattr(found, field)), digest):
        return None
    return found


def find_by_token(queryset: QuerySet[M], token: str, *, field: str = "digest") -> M | None:
    """The row of `queryset` whose stored digest is the token's; an empty token finds nothing."""
    return find_by_digest(queryset, token_digest(token), field=field) if token else None


def keyed_digest(text: str, *, purpose: str) -> str:
    """HMAC-SHA256 of a short secret (a 6-digit code, a contact) under a key derived from
    SECRET_KEY: unlike a plain digest, a copy of the database alone cannot be searched
    through the million possible codes."""
    key = hashlib.sha256(f"parcours.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
