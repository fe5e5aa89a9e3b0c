"""The public office finder's reference data (postal localities with their commune and centre,
offices with their opening hours), read once per process and kept until it changes.

A version key in the shared cache (the database cache by default, so every worker of every
server sees it) says when: any save or delete of a centre, commune, locality, office or
opening hours bumps it (signals connected by `TerritoryConfig.ready`), and so do the bulk
writes that send no signal (`reference_load`, `commune_centres_refresh`). A process reads the
key (one small query) at most once every `VERSION_SEEN_SECONDS` and rebuilds its copy only
when the key moved: the process that made an edit sees it at once, the others within that
second."""

import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch

from parcours.territory.models import Office, OpeningHours, PostalLocality

VERSION_KEY = "territory:reference-version"
# How long a process trusts the version it read (a request then reads no shared cache).
VERSION_SEEN_SECONDS = 1.0


@dataclass(frozen=True)
class FinderReference:
    version: str
    localities: tuple[PostalLocality, ...]  # ordered by search key
    by_postal_code: dict[str, tuple[PostalLocality, ...]]
    offices: dict[int, tuple[Office, ...]]  # by centre id


_lock = threading.Lock()
_held: FinderReference | None = None
# The version this process read last, and when (time.monotonic).
_seen: tuple[str, float] | None = None


def _bump() -> None:
    global _seen  # noqa: PLW0603 -- the process's one memo
    _seen = None
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def reference_version_forget() -> None:
    """Drop the key outside any transaction (the next request makes a new one)."""
    global _seen  # noqa: PLW0603 -- the process's one memo
    _seen = None
    cache.delete(VERSION_KEY)


def reference_version_bump(**_signal: Any) -> None:
    """Every process drops its copy at its next request (also a signal receiver). Bumped at
    once and again when the transaction commits: a worker that reloaded in between read the
    rows as they were before the commit."""
    _bump()
    transaction.on_commit(_bump)


def reference_version() -> str:
    """The version of the reference data now (a small read of the shared cache at most once
    every `VERSION_SEEN_SECONDS`): what a per-process copy of anything built from it is
    keyed by."""
    return _version()


def _version() -> str:
    global _seen  # noqa: PLW0603 -- the process's one memo
    seen = _seen
    now = time.monotonic()
    if seen is not None and now - seen[1] < VERSION_SEEN_SECONDS:
        return seen[0]
    version = _shared_version()
    _seen = (version, now)
    return version


def _shared_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return str(version)


def _load(version: str) -> FinderReference:
    localities = tuple(
        PostalLocality.objects.select_related("commune", "commune__centre").order_by(
            "search_key", "postal_code", "name"
        )
    )
    by_code: dict[str, list[PostalLocality]] = {}
    for locality in localities:
        by_code.setdefault(locality.postal_code, []).append(locality)
    hours = Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at"))
    offices: dict[int, list[Office]] = {}
    for office in Office.objects.select_related("commune", "centre").prefetch_related(hours):
        offices.setdefault(office.centre_id, []).append(office)
    return FinderReference(
        version=version,
        localities=localities,
        by_postal_code={code: tuple(found) for code, found in by_code.items()},
        offices={centre: tuple(found) for centre, found in offices.items()},
    )


def finder_reference() -> FinderReference:
    global _held  # noqa: PLW0603 -- the process's one copy
    version = _version()
    held = _held
    if held is not None and held.version == version:
        return held
    with _lock:
        if _held is None or _held.version != version:
            _held = _load(version)
        return _held
