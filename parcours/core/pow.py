"""A small proof of work (the idea of ALTCHA): when one network address has booked a lot,
its next booking first makes the browser find a number whose SHA-256, with a challenge
signed here, starts with DIFFICULTY_BITS zero bits — about a second on a phone, nothing for
a person, costly for a robot booking thousands. No third party, no cookie, no tracking.

The challenge is signed and dated (django.core.signing) so nothing is stored until it is
solved; a solved challenge counts once (core.ratelimit), so it cannot be replayed."""

import hashlib
import secrets

from django.core import signing

from parcours.core.ratelimit import rate_hit

DIFFICULTY_BITS = 17
MAX_AGE_SECONDS = 15 * 60
_SALT = "parcours.pow"


def challenge_new(bits: int = DIFFICULTY_BITS) -> str:
    return signing.dumps({"r": secrets.token_hex(12), "b": bits}, salt=_SALT, compress=False)


def _bits(challenge: str) -> int | None:
    try:
        data = signing.loads(challenge, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # also SignatureExpired
        return None
    bits = data.get("b") if isinstance(data, dict) else None
    return bits if isinstance(bits, int) else None


def leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def solution_valid(challenge: str, nonce: str) -> bool:
    """True once for a challenge signed here, not too old, and solved by `nonce`."""
    bits = _bits(challenge)
    if bits is None or not nonce.isdigit() or len(nonce) > 12:  # noqa: PLR2004 - 10**12 tries
        return False
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    if leading_zero_bits(digest) < bits:
        return False
    used = hashlib.sha256(challenge.encode()).hexdigest()[:32]
    return rate_hit(f"pow:{used}", window_seconds=MAX_AGE_SECONDS * 2) == 1


def solve(challenge: str) -> str:
    """The server-side solver, for tests and the benchmark (browsers run static/js/pow.js)."""
    bits = _bits(challenge)
    assert bits is not None  # noqa: S101 - a challenge made here
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)
