"""/healthz tells the truth under faults: a real server process on a PostgreSQL cluster and a
Redis server of the test's own, with a real worker; each part is stopped (503 naming it) and
started again (200 within a minute)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, free_port
from tests.processes import PostgresServer, RedisServer, Worker

pytestmark = pytest.mark.worker


def health(base: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_for(base: str, condition, timeout: float = 60) -> tuple[float, tuple[int, dict]]:
    """Seconds until /healthz's answer meets `condition`, and that answer."""
    began = time.monotonic()
    answer = None
    while time.monotonic() - began < timeout:
        try:
            answer = health(base)
        except (OSError, ValueError):
            answer = None
        if answer is not None and condition(*answer):
            return time.monotonic() - began, answer
        time.sleep(0.25)
    raise AssertionError(f"/healthz did not change within {timeout} s; last answer {answer}")


def healthy(status, body):
    return status == 200 and body["status"] == "ok"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """PostgreSQL, Redis, a worker and `runserver`, every one a real process of this module."""
    postgres = PostgresServer().start()
    redis = RedisServer().start()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "CELERY_QUEUE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pitf.settings",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "VAR_DIR": str(tmp_path_factory.mktemp("var")),
            "WORKER_HEARTBEAT_SECONDS": "1",
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.getbasetemp() / "health-server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = Worker(env, "health")
    worker.start(ready=lambda: _answers(base) and healthy(*health(base)))
    parts = {"postgres": postgres, "redis": redis, "worker": worker, "base": base}
    yield parts
    worker.stop()
    server.terminate()
    server.wait(timeout=30)
    log.close()
    redis.stop()
    postgres.stop()
    postgres.remove()


def _answers(base: str) -> bool:
    try:
        health(base)
    except (OSError, ValueError):
        return False
    return True


def test_the_database_stopped_and_started(stack):
    base = stack["base"]
    wait_for(base, healthy)
    stack["postgres"].stop()
    _, (status, body) = wait_for(base, lambda s, b: s == 503 and b["checks"]["database"] != "ok")
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "failing"  # named, never why (anonymous caller)
    assert body["checks"]["broker"] == "ok"
    stack["postgres"].start()
    took, _ = wait_for(base, healthy)
    print(f"\n[health] database back: 200 after {took:.1f} s")
    assert took < 60


def test_the_broker_stopped_and_started(stack):
    base = stack["base"]
    wait_for(base, healthy)
    stack["redis"].stop()
    _, (status, body) = wait_for(base, lambda s, b: s == 503 and b["checks"]["broker"] != "ok")
    assert body["checks"]["broker"] == "failing"
    assert body["checks"]["database"] == "ok"
    stack["redis"].start()
    took, _ = wait_for(base, healthy)
    print(f"\n[health] broker back: 200 after {took:.1f} s")
    assert took < 60


def test_every_worker_stopped_and_started(stack):
    base = stack["base"]
    wait_for(base, healthy)
    stack["worker"].kill()
    _, (status, body) = wait_for(base, lambda s, b: s == 503 and b["checks"]["worker"] != "ok")
    assert body["checks"]["worker"] == "failing"
    assert body["checks"]["database"] == "ok" and body["checks"]["broker"] == "ok"
    began = time.monotonic()
    stack["worker"].start(ready=lambda: True)
    took, _ = wait_for(base, healthy)
    print(f"\n[health] worker back: 200 after {time.monotonic() - began:.1f} s")
    assert took < 60
