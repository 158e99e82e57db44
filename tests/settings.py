"""Settings for the test suite: the project's settings on the local PostgreSQL and Redis unless
DATABASE_URL and REDIS_URL say otherwise. Integration tests never run on SQLite."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pitf")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
# Playwright's synchronous API runs an event loop in the test thread; the ORM calls the tests
# make beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Each run gets its own Celery queue and cache prefix, so two runs on one Redis never mix.
os.environ.setdefault("CELERY_QUEUE", f"pitf-test-{os.getpid()}")
os.environ.setdefault("CACHE_KEY_PREFIX", f"pitf-test-{os.getpid()}")

from pitf.settings import *  # noqa: E402, F403
from pitf.settings import DATABASES  # noqa: E402

if "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise RuntimeError("The test suite runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")

# Fast hashing: the tests create many users; production keeps Django's default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("EMAIL_URL"):
    # In-process tests read mail from django.core.mail.outbox; the worker process the
    # end-to-end tests start is given EMAIL_URL and so sends by real SMTP.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
