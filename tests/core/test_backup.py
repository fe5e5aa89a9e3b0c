"""`parcours backup` / `parcours restore`: a backup restored into a fresh database gives back
every table with the same row count and checksum, and the media files (issue 14)."""

import json
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from parcours.accounts.models import User
from parcours.core.backup import BackupError, Target, backup_create, backup_restore, fingerprints
from parcours.people.models import Person
from tests.factories.people import make_pathway


def _media(root: Path) -> None:
    (root / "signed").mkdir(parents=True)
    (root / "signed" / "agreement.pdf").write_bytes(b"%PDF-1.7 signed \x00\xff")


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restores_every_table_into_a_fresh_database(
    tmp_path: Path, agent_mons: User
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path (the demo); PostgreSQL has its own test")
    make_pathway(actor=agent_mons)
    make_pathway(actor=agent_mons, national_number="", family_name="Other")
    _media(tmp_path / "media")
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        manifest = backup_create(folder=tmp_path / "backup")
    assert manifest["tables"]["people_person"]["rows"] == Person.objects.count() == 2
    assert set(manifest["media"]) == {"signed/agreement.pdf"}

    fresh = Target(vendor="sqlite", name=str(tmp_path / "fresh.sqlite3"))
    restored_media = tmp_path / "restored-media"
    backup_restore(folder=tmp_path / "backup", target=fresh, media_root=restored_media)
    assert fingerprints(fresh) == manifest["tables"]
    assert len(manifest["tables"]) > 50  # every table, not a few
    assert (restored_media / "signed" / "agreement.pdf").read_bytes() == b"%PDF-1.7 signed \x00\xff"


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_every_table_into_a_fresh_database(
    tmp_path: Path, agent_mons: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    make_pathway(actor=agent_mons)
    _media(tmp_path / "media")
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        manifest = backup_create(folder=tmp_path / "backup")
    live = Target.of()
    assert manifest["tables"] == fingerprints(live)

    fresh_name = f"{live.name}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh_name}"')
    try:
        fresh = Target(**{**live.__dict__, "name": fresh_name})
        backup_restore(folder=tmp_path / "backup", target=fresh, media_root=tmp_path / "m2")
        restored = fingerprints(fresh)
        assert restored == manifest["tables"]
        assert restored["people_person"]["rows"] == 1
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh_name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(
    tmp_path: Path, agent_mons: User
) -> None:
    make_pathway(actor=agent_mons)
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        backup_create(folder=tmp_path / "backup")
    media = tmp_path / "backup" / "media.tar.gz"
    media.write_bytes(media.read_bytes() + b"x")
    fresh = Target(vendor=connection.vendor, name=str(tmp_path / "never.sqlite3"))
    with pytest.raises(BackupError, match=r"media\.tar\.gz does not match its checksum"):
        backup_restore(folder=tmp_path / "backup", target=fresh, media_root=tmp_path / "m")
    assert not (tmp_path / "never.sqlite3").exists() and not (tmp_path / "m").exists()


@pytest.mark.django_db(transaction=True)
def test_the_commands_say_what_they_did_and_restore_asks_for_yes(tmp_path: Path) -> None:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        call_command("backup", str(tmp_path / "b"))
        with pytest.raises(CommandError, match="already holds a backup"):
            call_command("backup", str(tmp_path / "b"))
        with pytest.raises(CommandError, match="run again with --yes"):
            call_command("restore", str(tmp_path / "b"))
        with pytest.raises(CommandError, match="not a Parcours backup"):
            call_command("restore", str(tmp_path / "nothing"), "--yes")
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor and manifest["files"]
