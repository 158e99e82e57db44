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
# Run in parallel (pytest-xdist), each process of the suite has its own database (pytest-django
# names it test_pitf_gw0, test_pitf_gw1, ...) and its own Redis database: gw0 uses index 1, gw1
# index 2... The processes a test starts inherit the choice (the marker) and keep it, or are given
# a Redis of the test's own.
if os.environ.get("PYTEST_XDIST_WORKER") and not os.environ.get("PITF_TEST_REDIS_DB"):
    import re

    index = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw")) % 15 + 1
    os.environ["REDIS_URL"] = re.sub(r"(/\d*)?$", f"/{index}", os.environ["REDIS_URL"], count=1)
    os.environ["PITF_TEST_REDIS_DB"] = str(index)

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
# The benchmark's data set (`generate_dataset`, bench/), which production does not install, and
# the kind of document the circulation tests circulate (a body: tests/circulated).
INSTALLED_APPS = [*INSTALLED_APPS, "bench", "tests.circulated"]  # noqa: F405
# The worker process a test starts stores files where the test reads them (the `media` fixture's
# folder when the test asks for one).
if os.environ.get("PITF_TEST_MEDIA_ROOT"):
    from pathlib import Path

    MEDIA_ROOT = Path(os.environ["PITF_TEST_MEDIA_ROOT"])
