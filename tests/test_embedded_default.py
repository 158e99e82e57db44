"""The embedded default really works with no server: SQLite, the filesystem broker and a Celery
worker deliver a notification into var/mail/ (as `make run` does on a bare machine)."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
SERVER_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "DJANGO_SETTINGS_MODULE",
    "CELERY_QUEUE",
)

pytestmark = pytest.mark.worker


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SERVER_SETTINGS}
    env.update({"VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "pitf.settings"})
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_notification_reaches_var_mail_without_any_server(embedded_env, tmp_path):
    manage(embedded_env, "prepare_var_dir")
    manage(embedded_env, "migrate", "--verbosity", "0")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "pitf", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=ROOT,
        env=embedded_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        manage(
            embedded_env,
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from pitf.notifications.services import notification_queue;"
            "notification_queue(recipient='rep@dhs.example.gov', subject='Reminder: SPOG meets',"
            " body='The SPOG meets on Thursday.', kind='meeting.reminder')",
        )
        mail_dir = tmp_path / "var" / "mail"

        def written() -> list:
            return list(mail_dir.iterdir()) if mail_dir.exists() else []

        # The file appears before the worker has finished writing it: wait for its last line.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            written() and "The SPOG meets on Thursday." in written()[0].read_text()
        ):
            time.sleep(0.3)
        files = written()
        assert len(files) == 1, "no message was written to var/mail/"
        message = files[0].read_text()
        assert "Subject: Reminder: SPOG meets" in message
        assert "To: rep@dhs.example.gov" in message
        status = ""
        for _ in range(10):  # the row is marked sent just after the file is written
            status = manage(
                embedded_env,
                "shell",
                "--verbosity",
                "0",
                "-c",
                "from pitf.models import Notification; print(Notification.objects.get().status)",
            )
            if status.strip() == "sent":
                break
        assert status.strip() == "sent"
        health = manage(
            embedded_env,
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from pitf.health import check_all; print(check_all()['status'])",
        )
        assert health.strip() == "ok"
    finally:
        worker.terminate()
        worker.wait(timeout=30)


SIGNED_IN_PAGES = [
    "my-page",
    "directory:agency-list",
    "directory:agency-create",
    "directory:body-list",
    "directory:body-create",
    "directory:membership-history",
    "directory:designation-history",
    "people:user-list",
    "people:invitation-create",
    "people:audit-log",
]


@pytest.mark.parametrize("password_env", [{"DEMO_PASSWORD": "correct horse battery staple"}])
def test_the_site_administrators_pages_work_on_sqlite(embedded_env, password_env):
    """What `make run` gives a newcomer: the reference data and the demo accounts on SQLite, and
    every management page a site administrator opens from the menu answers (the suite's other
    tests run on PostgreSQL, which accepts some SQL that SQLite refuses)."""
    env = {**embedded_env, **password_env}
    manage(env, "prepare_var_dir")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_reference_data")
    manage(env, "create_demo_accounts")
    script = (
        "from django.test import Client\n"
        "from django.urls import reverse\n"
        "from pitf.models import User\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "client.force_login(User.objects.get(email='admin@demo.pitf.gov'))\n"
        f"for name in {SIGNED_IN_PAGES!r}:\n"
        "    print(name, client.get(reverse(name)).status_code)\n"
        "print('people:audit-log?filtered',"
        " client.get(reverse('people:audit-log'), {'action': 'user.login', 'actor': 'admin',"
        " 'target': 'DHS'}).status_code)\n"
    )
    output = manage(env, "shell", "--verbosity", "0", "-c", script)
    answers = dict(line.rsplit(" ", 1) for line in output.strip().splitlines())
    assert answers == dict.fromkeys([*SIGNED_IN_PAGES, "people:audit-log?filtered"], "200")


def test_the_audit_log_is_append_only_on_sqlite_too(embedded_env):
    manage(embedded_env, "prepare_var_dir")
    manage(embedded_env, "migrate", "--verbosity", "0")
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from pitf.audit import log_event;"
            "from pitf.models import AuditEvent;"
            "event = log_event('user.login');"
            "print('written', event.actor_email);"
            "AuditEvent.objects.filter(pk=event.pk).delete()",
        ],
        cwd=ROOT,
        env=embedded_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "written system" in result.stdout
    assert result.returncode != 0
    assert "The audit log is append-only: DELETE of pitf_auditevent refused" in result.stderr


def test_thirty_parallel_signed_in_requests_on_sqlite_all_answer(embedded_env, tmp_path):
    """Several tabs and a second click while a page loads: thirty requests of one signed-in
    session at once, at a real server on the embedded default. Every one answers 200; none
    fails with `database is locked`."""
    env = {**embedded_env, "DEMO_PASSWORD": "correct horse battery staple"}
    manage(env, "prepare_var_dir")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_reference_data")
    manage(env, "create_demo_accounts")
    cookie = manage(
        env,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.test import Client\n"
        "from pitf.models import User\n"
        "client = Client()\n"
        "client.force_login(User.objects.get(email='admin@demo.pitf.gov'))\n"
        "print(client.cookies['sessionid'].value)\n",
    ).strip()
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        paths = ["/my/", "/manage/agencies/", "/people/", "/people/audit-log/", "/manage/bodies/"]

        def fetch(index: int) -> tuple[str, int]:
            path = paths[index % len(paths)]
            request = urllib.request.Request(
                f"{base}{path}", headers={"Cookie": f"sessionid={cookie}"}
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return path, response.status
            except urllib.error.HTTPError as error:
                return path, error.code

        with ThreadPoolExecutor(max_workers=30) as pool:
            answers = list(pool.map(fetch, range(30)))
        failed = [answer for answer in answers if answer[1] != 200]
        log.flush()
        errors = [
            line for line in (tmp_path / "server.log").read_text().splitlines() if "Error:" in line
        ]
        assert failed == [], errors[:5]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
