"""Real services a test can stop and start: a Redis server and a PostgreSQL cluster of the
test's own on free ports, and Celery worker processes."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import ROOT, free_port

DOVECOT_CONFIG = """protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
"""


class ImapServer:
    """Debian's Dovecot on a free loopback port with a folder of its own: any user name logs in
    with `password`, each to a mailbox of its own (the hub's reply mailbox in the tests)."""

    password = "mailbox-secret"

    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="pitf-imap-"))
        self.config = self.root / "dovecot.conf"

    def url(self, user: str = "meetings") -> str:
        return f"imap://{user}:{self.password}@127.0.0.1:{self.port}/INBOX"

    def start(self):
        import pwd

        dovecot = pwd.getpwnam("dovecot")
        for name in ("run", "state", "mail", "home"):
            (self.root / name).mkdir()
        for name in ("mail", "home"):
            os.chown(self.root / name, dovecot.pw_uid, dovecot.pw_gid)
        os.chmod(self.root, 0o711)  # noqa: S103  Dovecot's own user reaches its folders
        self.config.write_text(
            DOVECOT_CONFIG.format(root=self.root, port=self.port, password=self.password)
        )
        subprocess.run(
            [shutil.which("dovecot") or "/usr/sbin/dovecot", "-c", str(self.config)],
            check=True,
            timeout=30,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    if probe.recv(64).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not start; see {self.root / 'dovecot.log'}")

    def stop(self):
        dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
        subprocess.run([dovecot, "-c", str(self.config), "stop"], timeout=30, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    """A Redis server of the test's own on a free port, which the test stops and starts (with
    nothing saved to disk, as the suite's: a stopped Redis loses what it held)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


class Worker:
    """A real Celery worker process; `start` waits for its first heartbeat."""

    def __init__(self, env: dict, name: str, *, pool: str = "solo", concurrency: int = 1):
        self.env = env
        # The solo pool sends in the worker's own process; "prefork" forks `concurrency`
        # children, as the Procfile's worker does.
        self.pool, self.concurrency = pool, concurrency
        # One log per process of the suite when it runs in parallel (pytest-xdist's gw0, gw1...).
        suite_process = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.log_path = ROOT / "var" / f"test-worker-{suite_process}-{name}.log"
        self.process = None

    def start(self, ready=None):
        """Start the worker; wait until `ready()` is true, by default until a heartbeat of
        this start is in the test database."""
        from pitf.models import WorkerHeartbeat

        if ready is None:
            known = set(WorkerHeartbeat.objects.values_list("instance", flat=True))

            def ready():
                return WorkerHeartbeat.objects.exclude(instance__in=known).exists()

        self.log = open(self.log_path, "a")  # noqa: SIM115  closed in stop()
        # Where this start's lines begin: the log is appended to by every start of this name.
        self.log_start = self.log.tell()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "pitf",
                "worker",
                f"--pool={self.pool}",
                f"--concurrency={self.concurrency}",
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while not ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError(f"The Celery worker did not start; see {self.log_path}")
            time.sleep(0.1)
        return self

    def reported_done(self, task_id: str, timeout: float = 30) -> str:
        """Wait until this worker's log reports task `task_id` finished (succeeded, failed or
        retried): the positive signal a test waits for before it asserts that nothing more
        happened. Returns the worker's line about it."""
        pattern = re.compile(rf"Task [\w.]+\[{re.escape(task_id)}\] (succeeded|raised|retry)")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log_path.read_text(errors="replace").splitlines():
                if pattern.search(line):
                    return line
            time.sleep(0.05)  # polling for the positive signal, not timing the outcome
        raise AssertionError(f"the worker never reported task {task_id}; see {self.log_path}")

    def swept_at_connection(self, timeout: float = 30) -> None:
        """Wait until the sweep of the outbox that this start asked for on connecting to the
        broker has finished: until then it may claim a row the test has just written."""
        pattern = re.compile(
            r"Task pitf\.notifications\.tasks\.send_pending_notifications\[[\w-]+\] succeeded"
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, errors="replace") as log:
                log.seek(self.log_start)
                if pattern.search(log.read()):
                    return
            time.sleep(0.05)  # polling for the positive signal, not timing the outcome
        raise AssertionError(
            f"the worker's sweep at connection never finished; see {self.log_path}"
        )

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.log.close()


class PostgresServer:
    """A PostgreSQL cluster of the test's own (initdb in a temporary folder, trust on loopback),
    started and stopped with pg_ctl. Run as the postgres user when the suite runs as root."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="pitf-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        bin_dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        self.bin = bin_dirs[-1] if bin_dirs else Path(os.path.dirname(shutil.which("pg_ctl")))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    def _run(self, program, *args):
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self):
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-w",
            "start",
        )
        return self

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)
