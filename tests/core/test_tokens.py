"""The one token helper: a random URL-safe token, its prefix, its SHA-256 digest, and the
lookup by digest that finds the right row and nothing for an empty or unknown token."""

import hashlib

import pytest

from parcours.accounts.models import User
from parcours.appointments.models import CalendarFeed
from parcours.core.tokens import (
    PREFIX_LENGTH,
    find_by_digest,
    find_by_token,
    token_digest,
    token_issue,
    token_new,
    token_prefix,
)


def test_a_token_is_random_url_safe_and_stored_as_its_sha256() -> None:
    token, digest = token_issue()
    assert len(token) >= 43 and token.replace("-", "").replace("_", "").isalnum()
    assert digest == hashlib.sha256(token.encode()).hexdigest() == token_digest(token)
    assert token not in digest and len(digest) == 64
    assert token_new() != token_new()
    assert token_prefix(token) == token[:PREFIX_LENGTH] and len(token_prefix(token)) == 8
    assert len(token_new(18)) == 24  # 18 bytes in base64


@pytest.mark.django_db
def test_the_lookup_finds_the_row_of_its_token_only(
    agent_mons: User, coordinator_mons: User
) -> None:
    tokens = []
    for user in (agent_mons, coordinator_mons):
        token, digest = token_issue()
        tokens.append(token)
        CalendarFeed.objects.create(user=user, digest=digest)
    rows = CalendarFeed.objects.all()
    first, second = (find_by_token(rows, token) for token in tokens)
    assert first is not None and first.user == agent_mons
    assert second is not None and second.user == coordinator_mons
    assert first.digest == token_digest(tokens[0])
    assert find_by_token(rows, tokens[0] + "x") is None
    assert find_by_token(rows, "") is None
    assert find_by_digest(rows, "") is None
    assert find_by_digest(rows, first.digest) == first
    assert find_by_token(rows.exclude(user=agent_mons), tokens[0]) is None
