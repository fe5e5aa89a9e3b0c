"""`parcours backup` and `parcours restore`: the whole of Parcours in one folder.

A backup folder holds:
- `database.dump` — PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore`);
  `database.sqlite3` — SQLite (the demo): a copy taken with SQLite's online backup API, safe
  while the demo runs;
- `media.tar.gz` — every file under MEDIA_ROOT (signed documents, uploads);
- `manifest.json` — when, which database engine, the SHA-256 of both files, and for every
  table its row count and a checksum of its rows (order-independent).

A restore checks the files' SHA-256 against the manifest before it touches anything, then
replaces the database and the media, then compares every table's row count and checksum with
the manifest: a restore that does not give back the same data says so and fails."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

from parcours.core.errors import DomainError

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FORMAT = 1


class BackupError(DomainError):
    pass


@dataclass(frozen=True)
class Target:
    """Where a database is: its engine and how to reach it (a file, or PostgreSQL's params)."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def of(cls, alias: str = "default") -> "Target":
        config = connections[alias].settings_dict
        return cls(
            vendor=connections[alias].vendor,
            name=str(config["NAME"]),
            host=str(config.get("HOST") or ""),
            port=str(config.get("PORT") or ""),
            user=str(config.get("USER") or ""),
            password=str(config.get("PASSWORD") or ""),
        )

    def pg_args(self) -> list[str]:
        args = ["--dbname", self.name]
        for flag, value in (
            ("--host", self.host),
            ("--port", self.port),
            ("--username", self.user),
        ):
            if value:
                args += [flag, value]
        return args

    def pg_env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.password} if self.password else dict(os.environ)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _raw(target: Target) -> Iterator[Any]:
    """A DB-API connection of its own to the target (never Django's, which may be elsewhere)."""
    connection: Any
    if target.vendor == "sqlite":
        connection = sqlite3.connect(target.name, uri=target.name.startswith("file:"))
    else:
        import psycopg  # noqa: PLC0415 -- only where PostgreSQL is used

        connection = psycopg.connect(
            dbname=target.name,
            host=target.host or None,
            port=target.port or None,
            user=target.user or None,
            password=target.password or None,
        )
    try:
        yield connection
    finally:
        connection.close()


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
    return sorted(row[0] for row in cursor.fetchall())


def fingerprints(target: Target) -> dict[str, dict[str, Any]]:
    """Every table's row count and the SHA-256 of its rows, sorted (independent of order)."""
    found: dict[str, dict[str, Any]] = {}
    with _raw(target) as connection:
        cursor = connection.cursor()
        for table in _tables(cursor, target.vendor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- names from the catalogue
            rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            found[table] = {"rows": len(rows), "sha256": digest}
    return found


def _dump(target: Target, to: Path, alias: str) -> None:
    if target.vendor == "sqlite":
        connections[alias].ensure_connection()
        source = connections[alias].connection  # the live connection: in-memory bases too
        copy = sqlite3.connect(to)
        try:
            source.backup(copy)
        finally:
            copy.close()
        return
    if target.vendor != "postgresql":
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {target.vendor}.")
    command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(to), *target.pg_args()]
    done = subprocess.run(command, env=target.pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup_create(*, folder: Path, alias: str = "default") -> dict[str, Any]:
    """Write a backup into `folder` (created; it must not hold a backup already)."""
    if (folder / MANIFEST).exists():
        raise BackupError(f"{folder} already holds a backup; choose another folder.")
    folder.mkdir(parents=True, exist_ok=True)
    target = Target.of(alias)
    if target.vendor not in DUMP:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {target.vendor}.")
    dump = folder / DUMP[target.vendor]
    _dump(target, dump, alias)
    root = _media_root()
    with tarfile.open(folder / MEDIA, "w:gz") as archive:
        if root.is_dir():
            archive.add(root, arcname=".")
    tables = fingerprints(
        Target(vendor="sqlite", name=str(dump)) if target.vendor == "sqlite" else target
    )
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "vendor": target.vendor,
        "files": {dump.name: sha256(dump), MEDIA: sha256(folder / MEDIA)},
        "media": _media_files(root),
        "tables": tables,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def manifest_read(folder: Path) -> dict[str, Any]:
    """The manifest, once every file's SHA-256 matches it; else a BackupError."""
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no {MANIFEST}: not a Parcours backup.") from None
    except ValueError:
        raise BackupError(f"{folder / MANIFEST} is not valid JSON.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if sha256(path) != expected:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def _restore_database(manifest: dict[str, Any], folder: Path, target: Target) -> None:
    dump = folder / DUMP[manifest["vendor"]]
    if target.vendor == "sqlite":
        source = sqlite3.connect(dump)
        try:
            with _raw(target) as destination:
                source.backup(destination)
        finally:
            source.close()
        return
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *target.pg_args(),
        str(dump),
    ]
    done = subprocess.run(command, env=target.pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def _restore_media(folder: Path, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        archive.extractall(root, filter="data")  # no absolute paths, no "..", no devices


def backup_restore(
    *, folder: Path, target: Target | None = None, media_root: Path | None = None
) -> dict[str, Any]:
    """Replace the database (and the media) with the backup's, then check every table."""
    manifest = manifest_read(folder)
    target = target or Target.of()
    if manifest["vendor"] != target.vendor:
        raise BackupError(
            f"This backup is of a {manifest['vendor']} database; this one is {target.vendor}."
        )
    connections.close_all()
    _restore_database(manifest, folder, target)
    _restore_media(folder, media_root or _media_root())
    tables = fingerprints(target)
    different = sorted(
        name
        for name in manifest["tables"].keys() | tables.keys()
        if manifest["tables"].get(name) != tables.get(name)
    )
    if different:
        raise BackupError(
            f"Restored, but these tables differ from the backup: {', '.join(different)}."
        )
    media = _media_files(media_root or _media_root())
    if media != manifest["media"]:
        raise BackupError("Restored, but the media files differ from the backup.")
    return manifest
