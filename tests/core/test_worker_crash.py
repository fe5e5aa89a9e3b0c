"""A real worker process killed (SIGKILL) in the middle of a task: after a new worker starts,
every message is sent exactly once (issue 14, "Background work survives a crash")."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUBJECTS = ("One", "Two", "Three")


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def _worker(env: dict[str, str], *extra: str) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "manage.py"),
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
        *extra,
    ]


def _wait_for(path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"{path.name} never appeared")
        time.sleep(0.05)


def _sent(mail: Path) -> list[str]:
    # The file backend writes each message followed by a line of dashes.
    chunks = [
        c.strip() for f in sorted(mail.glob("*.log")) for c in f.read_bytes().split(b"-" * 79)
    ]
    return [str(message_from_bytes(c)["Subject"]) for c in chunks if c]


def test_a_killed_worker_loses_no_message_and_sends_none_twice(tmp_path: Path) -> None:
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path  # noqa: S108
    work = Path(tempfile.mkdtemp(prefix="parcours-crash-", dir=base))
    database, mail, gate = work / "db.sqlite3", tmp_path / "mail", tmp_path / "gate"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_BACKEND": "tests.core.blocking_mail.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PARCOURS_TEST_MAIL_GATE": str(gate),
        "TASK_LEASE_SECONDS": "1",
        "TASK_RETRY_BACKOFF_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
    }
    try:
        _manage(env, "migrate", "--no-input", "-v0")
        enqueue = "; ".join(
            f"email_enqueue(subject={s!r}, body='Venez.', to=['p@example.org'])" for s in SUBJECTS
        )
        _manage(
            env,
            "shell",
            "-c",
            f"from parcours.notifications.outbox import email_enqueue; {enqueue}",
        )
        gate.write_text("Two")  # the worker hangs in the middle of the second message

        first = subprocess.Popen(  # noqa: S603
            _worker(env), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait_for(gate.with_suffix(".entered"), 120)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(30)
        gate.unlink()
        with sqlite3.connect(database) as db:
            counts = "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY 1"
            statuses = dict(db.execute(counts).fetchall())
        assert statuses == {"SUCCESSFUL": 1, "RUNNING": 1, "READY": 1}  # "Two" is orphaned
        assert _sent(mail) == ["One"]

        time.sleep(1.5)  # the dead worker's lease expires
        second = subprocess.run(  # noqa: S603
            _worker(env, "--batch"),
            check=False,
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stderr

        assert sorted(_sent(mail)) == sorted(SUBJECTS)  # each exactly once
        with sqlite3.connect(database) as db:
            rows = db.execute(
                "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
            ).fetchall()
            sent_keys = db.execute("SELECT count(*) FROM core_sentmessage").fetchone()[0]
        assert [status for status, _ in rows] == ["SUCCESSFUL"] * 3
        assert sorted(len(json.loads(ids)) for _, ids in rows) == [1, 1, 2]
        assert sent_keys == 3
    finally:
        shutil.rmtree(work, ignore_errors=True)
