"""Settings from the environment: production refuses to start without what it needs, bad URLs
stop the start with a message naming them, and the deployment check is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pitf.config import (
    database_config,
    mailers_config,
    oidc_apps,
    redis_url,
    require_production_settings,
)

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x7!kq" * 12,
    "DATABASE_URL": "postgres://hub:secret@db.internal:5432/pitf",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "ALLOWED_HOSTS": "hub.example.gov",
    "EMAIL_URL": "smtp+tls://hub:secret@mail.internal:587",
    "SITE_URL": "https://hub.example.gov",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        clean.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "VAR_DIR": str(ROOT / "var" / "config-test"), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_and_names_every_missing_setting():
    result = manage("check", env={"DJANGO_ENV": "production", "SECRET_KEY": "s" * 60})
    assert result.returncode != 0
    assert "DATABASE_URL, REDIS_URL, ALLOWED_HOSTS, EMAIL_URL" in result.stderr
    assert "SECRET_KEY" not in result.stderr.split("not set:")[1]


def site_url_of(env: dict) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.SITE_URL)"
    return manage("shell", "--verbosity", "0", "-c", code, env=env)


def test_links_in_messages_reach_the_hub_where_make_run_serves_it():
    """`make run` serves WEB_PORT (the Procfile): messages link there, not to port 8000."""
    assert site_url_of({"WEB_PORT": "8123"}).stdout.strip() == "http://localhost:8123"
    assert site_url_of({}).stdout.strip() == "http://localhost:8000"
    given = site_url_of({"WEB_PORT": "8123", "SITE_URL": "https://hub.example.gov/"})
    assert given.stdout.strip() == "https://hub.example.gov"


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "which are not set: SITE_URL"),
        ("http://hub.example.gov", "SITE_URL is malformed"),
        ("hub.example.gov", "SITE_URL is malformed"),
        ("https://hub.example.gov:port", "SITE_URL is malformed"),
    ],
)
def test_production_needs_an_https_site_url(value, message):
    result = site_url_of({**PRODUCTION_ENV, "SITE_URL": value})
    assert result.returncode != 0
    assert message in result.stderr


def test_malformed_database_url_stops_the_start_naming_it():
    result = manage("check", env={"DATABASE_URL": "mysql//oops"})
    assert result.returncode != 0
    assert "DATABASE_URL is malformed" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "mysql://hub:hunter2@db/pitf",
        "postgres://hub:hunter2@db:5432/",
        "postgres://hub:hunter2@db:port/pitf",
        "postgres://hub:hun@ter2@db:port/pitf",
    ],
)
def test_a_malformed_database_url_is_named_with_its_password_masked(url):
    with pytest.raises(ImproperlyConfigured) as refused:
        database_config(url)
    message = str(refused.value)
    assert "DATABASE_URL is malformed" in message and "hub:***@db" in message
    assert "hunter2" not in message and "ter2" not in message


def test_other_malformed_urls_mask_their_passwords_too():
    with pytest.raises(ImproperlyConfigured) as refused:
        redis_url("http://:hunter2@cache:6379/0")
    assert "hunter2" not in str(refused.value) and ":***@cache" in str(refused.value)
    with pytest.raises(ImproperlyConfigured) as refused:
        oidc_apps({"OIDC_ISSUER_URL": "ftp://client:hunter2@idp.agency.gov"})
    assert "hunter2" not in str(refused.value)


def test_the_start_stopped_by_a_malformed_database_url_prints_no_password():
    result = manage("check", env={"DATABASE_URL": "postgres://hub:hunter2@db:port/pitf"})
    assert result.returncode != 0
    assert "DATABASE_URL is malformed: 'postgres://hub:***@db:port/pitf'" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "proxies, header",
    [({}, "None"), ({"TRUSTED_PROXY_COUNT": "1"}, "('HTTP_X_FORWARDED_PROTO', 'https')")],
)
def test_x_forwarded_proto_is_believed_only_behind_a_trusted_proxy(proxies, header):
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    result = manage("shell", "--verbosity", "0", "-c", code, env={**PRODUCTION_ENV, **proxies})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == header


def test_deployment_check_reports_no_warning_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_uses_sqlite_and_a_serverless_broker():
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']);"
        "print(settings.CELERY_BROKER_URL);"
        "print(settings.MAILERS['default']['BACKEND'])"
    )
    result = manage("shell", "--verbosity", "0", "-c", code, env={})
    assert result.returncode == 0, result.stderr
    engine, broker, mail = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert broker == "filesystem://"
    assert mail == "django.core.mail.backends.filebased.EmailBackend"


@pytest.mark.parametrize(
    "url", ["", "postgres", "mysql://u@h/db", "postgres://127.0.0.1:5432/", "http://x/db"]
)
def test_bad_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is malformed"):
        database_config(url)


def test_postgres_url_is_parsed():
    config = database_config("postgres://hub:pw@db:5433/pitf")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db", 5433, "pitf")


@pytest.mark.django_db
def test_the_hubs_postgresql_connections_do_not_compile_queries():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
    kept = database_config("postgres://h/d?options=-c%20statement_timeout%3D5000")["OPTIONS"]
    assert kept["options"] == "-c statement_timeout=5000 -c jit=off"


def test_bad_redis_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL is malformed"):
        redis_url("localhost:6379")


def test_production_lists_only_what_is_missing():
    with pytest.raises(ImproperlyConfigured) as error:
        require_production_settings({"SECRET_KEY": "k", "DATABASE_URL": "postgres://h/d"})
    assert str(error.value).endswith("REDIS_URL, ALLOWED_HOSTS, EMAIL_URL, SITE_URL")


def test_email_url_becomes_an_smtp_mailer():
    options = mailers_config("smtp+tls://hub%40agency.gov:p%40ss@mail.gov:587", Path("x"))[
        "default"
    ]["OPTIONS"]
    assert options == {
        "host": "mail.gov",
        "port": 587,
        "timeout": 30,
        "use_tls": True,
        "username": "hub@agency.gov",
        "password": "p@ss",
    }


def test_bad_email_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL is malformed"):
        mailers_config("mail.gov:25", Path("x"))


def test_no_single_sign_on_without_an_issuer():
    assert oidc_apps({}) == []


def test_single_sign_on_by_client_secret():
    (app,) = oidc_apps(
        {
            "OIDC_ISSUER_URL": "https://idp.agency.gov",
            "OIDC_CLIENT_ID": "hub",
            "OIDC_CLIENT_SECRET": "s3cret",
            "OIDC_NAME": "Agency ID",
        }
    )
    assert (app["name"], app["client_id"], app["secret"]) == ("Agency ID", "hub", "s3cret")
    assert app["settings"]["server_url"] == "https://idp.agency.gov"
    assert "token_auth_method" not in app["settings"]


def ec_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    return (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def test_single_sign_on_as_a_public_client_by_pkce_alone():
    (app,) = oidc_apps({"OIDC_ISSUER_URL": "https://idp.agency.gov", "OIDC_CLIENT_ID": "hub"})
    assert app["secret"] == "" and "token_auth_method" not in app["settings"]


def test_single_sign_on_by_private_key_jwt_from_a_key_file(tmp_path):
    key_file = tmp_path / "hub.pem"
    key_file.write_text(ec_key_pem())
    (app,) = oidc_apps(
        {
            "OIDC_ISSUER_URL": "https://idp.int.identitysandbox.gov",
            "OIDC_CLIENT_ID": "urn:gov:gsa:openidconnect.profiles:sp:sso:dhs:pitf",
            "OIDC_PRIVATE_KEY_FILE": str(key_file),
            "OIDC_PRIVATE_KEY_ID": "k1",
        }
    )
    assert app["name"] == "login.gov" and app["secret"] == ""
    assert app["settings"]["token_auth_method"] == "private_key_jwt"
    assert app["settings"]["private_key"].startswith("-----BEGIN PRIVATE KEY-----")
    assert app["settings"]["private_key_id"] == "k1"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OIDC_ISSUER_URL": "idp.agency.gov"}, "OIDC_ISSUER_URL is malformed"),
        ({"OIDC_ISSUER_URL": "https://idp.agency.gov"}, "OIDC_CLIENT_ID is not"),
        (
            {
                "OIDC_ISSUER_URL": "https://idp.agency.gov",
                "OIDC_CLIENT_ID": "hub",
                "OIDC_CLIENT_SECRET": "s",
                "OIDC_PRIVATE_KEY": ec_key_pem(),
            },
            "authenticates the client one way",
        ),
        (
            {
                "OIDC_ISSUER_URL": "https://idp.agency.gov",
                "OIDC_CLIENT_ID": "hub",
                "OIDC_CLIENT_SECRET": "s",
                "OIDC_PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----",
            },
            "OIDC_PRIVATE_KEY is not an unencrypted PEM private key",
        ),
        (
            {
                "OIDC_ISSUER_URL": "https://idp.agency.gov",
                "OIDC_CLIENT_ID": "hub",
                "OIDC_PRIVATE_KEY_FILE": "/nonexistent/hub.pem",
            },
            "OIDC_PRIVATE_KEY_FILE cannot be read",
        ),
    ],
)
def test_bad_single_sign_on_settings_name_the_variable(env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        oidc_apps(env)


def test_bad_single_sign_on_settings_stop_the_start():
    result = manage("check", env={"OIDC_ISSUER_URL": "https://idp.agency.gov"})
    assert result.returncode != 0
    assert "OIDC_CLIENT_ID" in result.stderr


def test_loading_the_settings_writes_nothing(tmp_path):
    """No folder or file appears under VAR_DIR until `manage.py prepare_var_dir` makes them."""
    var_dir = tmp_path / "var"
    code = "from django.conf import settings; print(settings.CELERY_BROKER_URL)"
    result = manage("shell", "--verbosity", "0", "-c", code, env={"VAR_DIR": str(var_dir)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "filesystem://"
    assert not var_dir.exists()
    result = manage("prepare_var_dir", env={"VAR_DIR": str(var_dir)})
    assert result.returncode == 0, result.stderr
    assert (var_dir / "broker" / "queue").is_dir() and (var_dir / "secret_key").is_file()
    key = (var_dir / "secret_key").read_text()
    assert manage("prepare_var_dir", env={"VAR_DIR": str(var_dir)}).stdout == ""
    assert (var_dir / "secret_key").read_text() == key
