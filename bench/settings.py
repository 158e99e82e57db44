"""Settings of `make bench`'s server: the production settings (DJANGO_ENV=production, set by
bench/load.py with the environment they need), with a trivial view added as the floor every page
is compared with (bench/urls.py). Never used outside the benchmark."""

from pitf.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The benchmark's server is reached over plain HTTP on loopback.
SECURE_SSL_REDIRECT = False
# The data set of many years (`manage.py generate_dataset --settings=bench.settings`).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
