"""/healthz: 200 with the database, broker and worker up; 503 naming what is down. An anonymous
caller learns only which part fails; a signed-in site administrator also learns why, and the
reason is logged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pitf.celery import app
from pitf.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthy_when_database_broker_and_worker_answer(client):
    WorkerHeartbeat.objects.create(hostname="celery@test", last_seen=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok", "worker": "ok"},
    }


def test_unavailable_without_a_worker(client, people, caplog):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "broker": "ok", "worker": "failing"}
    assert "health check: worker is failing: no worker has reported" in caplog.text
    client.force_login(people["site_admin"])
    assert client.get("/healthz").json()["checks"]["worker"] == "no worker has reported"


def test_unavailable_when_the_worker_has_gone_quiet(client, people):
    WorkerHeartbeat.objects.create(
        hostname="celery@test", last_seen=timezone.now() - timedelta(minutes=5)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "failing"
    for who in ("staff", "chairs_office"):  # signed in, but not administrators
        client.force_login(people[who])
        assert client.get("/healthz").json()["checks"]["worker"] == "failing"
    client.force_login(people["site_admin"])
    assert client.get("/healthz").json()["checks"]["worker"].startswith("last heard from 3")


def test_unavailable_when_the_broker_is_down(client, monkeypatch, people):
    """Point the broker at a closed port on loopback: the check reports it, quickly."""
    WorkerHeartbeat.objects.create(hostname="celery@test", last_seen=timezone.now())
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(app, "_pool", None, raising=False)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "unavailable",
        "checks": {"database": "ok", "broker": "failing", "worker": "ok"},
    }
    assert "Error" not in response.content.decode()  # no exception class for anonymous callers
    client.force_login(people["site_admin"])
    assert client.get("/healthz").json()["checks"]["broker"].startswith("unreachable: ")


def test_health_is_not_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
