"""Reads the application's configuration from the environment, with clear errors for bad values."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
BROKER_SCHEMES = {"redis", "rediss"}
PRODUCTION_REQUIRED = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "SITE_URL",
)
LOGIN_GOV_AAL2 = "http://idmanagement.gov/ns/assurance/aal/2"


def require_production_settings(environment: os._Environ | dict) -> None:
    """Stop a production start that lacks a setting, naming every one that is missing."""
    missing = [name for name in PRODUCTION_REQUIRED if not environment.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs these environment variables, which are not set: "
            + ", ".join(missing)
        )


def site_url(value: str, *, web_port: str = "", production: bool = False) -> str:
    """The hub's address as people reach it, without a trailing slash: SITE_URL, or in
    development the address `make run` serves (http://localhost:WEB_PORT). Production gives it
    (require_production_settings) and it must be https; a malformed one stops the start."""
    url = value.strip() or f"http://localhost:{web_port.strip() or 8000}"
    parts = urlsplit(url)
    schemes = ("https",) if production else ("http", "https")
    try:
        parts.port  # noqa: B018  raises ValueError on a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in schemes or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"SITE_URL is malformed: {url!r}; give the address people reach the hub at, "
            f"starting with {' or '.join(s + '://' for s in schemes)}, e.g. "
            "https://hub.example.gov"
        )
    return url.rstrip("/")


# The password part of a URL's user:password@, however malformed the rest of the URL is.
URL_PASSWORD = re.compile(r"(?P<head>//[^/@:]*:).*(?P<at>@)")


def masked(url: str) -> str:
    """The URL as an error message may show it: any password replaced by ***."""
    return URL_PASSWORD.sub(r"\g<head>***\g<at>", url)


def database_config(url: str) -> dict:
    """Turn DATABASE_URL into Django's DATABASES entry, or explain what is wrong with it."""
    parts = urlsplit(url)
    if parts.scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed: {masked(url)!r} does not start with one of "
            f"{', '.join(sorted(s + '://' for s in DATABASE_SCHEMES))}"
        )
    if parts.scheme != "sqlite" and not parts.path.strip("/"):
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {masked(url)!r} names no database")
    try:
        config = environ.Env.db_url_config(url)
    except (ValueError, KeyError) as error:
        # The parser's own message may quote the URL, password and all: mask it too.
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed: {masked(url)!r} ({masked(str(error))})"
        ) from None
    config["CONN_MAX_AGE"] = 60 if parts.scheme != "sqlite" else 0
    config["CONN_HEALTH_CHECKS"] = True
    if parts.scheme == "sqlite":
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **SQLITE_FOR_A_WEB_SERVER}
    else:
        # PostgreSQL compiles a query to machine code when its estimated cost is high; the
        # hub's queries are short, and a count over fifteen years of grants spent longer
        # compiling (15 ms) than running. Off for the hub's connections only.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


# SQLite as a web server's database (the embedded default): readers never wait for the writer
# (WAL journal); a writing transaction takes the write lock when it begins, so two of them queue
# instead of one failing with "database is locked" half-way (IMMEDIATE); a writer waits up to
# 20 seconds for the lock before giving up.
SQLITE_FOR_A_WEB_SERVER = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def redis_url(url: str) -> str:
    """Check REDIS_URL's form so that a typo stops the start instead of every task."""
    if urlsplit(url).scheme not in BROKER_SCHEMES:
        raise ImproperlyConfigured(
            f"REDIS_URL is malformed: {masked(url)!r} does not start with redis:// or rediss://"
        )
    return url


def development_secret_key(var_dir: Path) -> str:
    """The per-checkout key kept under var/ (written by `manage.py prepare_var_dir`, which
    `make run` runs), so sessions survive a restart; until it exists, a key for this process
    only. Loading the settings writes nothing."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    return "django-insecure-ephemeral-" + secrets.token_urlsafe(50)


def write_development_secret_key(var_dir: Path) -> bool:
    """Write var/secret_key if it does not exist yet; True if it was written."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return False
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file.write_text("django-insecure-" + secrets.token_urlsafe(50))
    key_file.chmod(0o600)
    return True


MAIL_SCHEMES = {"smtp": {}, "smtp+tls": {"use_tls": True}, "smtps": {"use_ssl": True}}


def mailers_config(email_url: str, mail_dir: Path) -> dict:
    """Django's MAILERS from EMAIL_URL (smtp://, smtp+tls:// or smtps://, with optional
    user:password@); without it, a file per message under var/mail/."""
    if not email_url:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": str(mail_dir)},
            }
        }
    parts = urlsplit(email_url)
    if parts.scheme not in MAIL_SCHEMES or not parts.hostname:
        raise ImproperlyConfigured(
            f"EMAIL_URL is malformed: it must look like smtp://host:25, smtp+tls://user:pass@host:587"
            f" or smtps://host:465, not {parts.scheme or 'no scheme'}://..."
        )
    options = {
        "host": parts.hostname,
        "port": parts.port or 25,
        "timeout": 30,
        **MAIL_SCHEMES[parts.scheme],
    }
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
    }


def oidc_apps(environment: os._Environ | dict) -> list[dict]:
    """allauth's OpenID Connect app from OIDC_* variables: none without OIDC_ISSUER_URL.

    The client proves itself to the token endpoint with OIDC_CLIENT_SECRET, or with a JWT signed
    by the private key in OIDC_PRIVATE_KEY (PEM text) or the file OIDC_PRIVATE_KEY_FILE names
    (private_key_jwt, as login.gov asks), or, with neither, as a public client by PKCE alone.
    """
    issuer = environment.get("OIDC_ISSUER_URL", "").strip()
    if not issuer:
        return []
    if urlsplit(issuer).scheme not in {"http", "https"} or not urlsplit(issuer).hostname:
        raise ImproperlyConfigured(
            f"OIDC_ISSUER_URL is malformed: {masked(issuer)!r} is not an http(s) URL"
        )
    client_id = environment.get("OIDC_CLIENT_ID", "").strip()
    if not client_id:
        raise ImproperlyConfigured("OIDC_ISSUER_URL is set but OIDC_CLIENT_ID is not")
    secret = environment.get("OIDC_CLIENT_SECRET", "")
    key_pem = private_key_pem(environment)
    if secret and key_pem:
        raise ImproperlyConfigured(
            "Single sign-on authenticates the client one way: set OIDC_CLIENT_SECRET, or "
            "OIDC_PRIVATE_KEY / OIDC_PRIVATE_KEY_FILE for private_key_jwt, not both"
        )
    app_settings = {"server_url": issuer, "scope": ["openid", "email"]}
    # The assurance asked of the provider (login.gov: AAL2 by default). The answer's own claims
    # are checked all the same (pitf.accounts.assurance): a request can be tampered with.
    acr_values = environment.get("OIDC_ACR_VALUES", LOGIN_GOV_AAL2).strip()
    if acr_values:
        app_settings["auth_params"] = {"acr_values": acr_values}
    if key_pem:
        # "private_key_jwt" names a way of authenticating, not a secret.
        app_settings |= {
            "token_auth_method": "private_key_jwt",  # nosec B105
            "private_key": key_pem,
            "private_key_id": environment.get("OIDC_PRIVATE_KEY_ID", "").strip(),
        }
    return [
        {
            "provider_id": "oidc",
            "name": environment.get("OIDC_NAME", "").strip() or "login.gov",
            "client_id": client_id,
            "secret": secret,
            "settings": app_settings,
        }
    ]


def private_key_pem(environment: os._Environ | dict) -> str:
    """The PEM text of the single sign-on signing key, checked to be an RSA or EC private key."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    name, pem = "OIDC_PRIVATE_KEY", environment.get("OIDC_PRIVATE_KEY", "").strip()
    if not pem and environment.get("OIDC_PRIVATE_KEY_FILE", "").strip():
        name = "OIDC_PRIVATE_KEY_FILE"
        path = Path(environment["OIDC_PRIVATE_KEY_FILE"].strip())
        try:
            pem = path.read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"OIDC_PRIVATE_KEY_FILE cannot be read: {error}") from error
    if not pem:
        return ""
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"{name} is not an unencrypted PEM private key ({error})"
        ) from error
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured(f"{name} must hold an RSA or EC private key")
    return pem
