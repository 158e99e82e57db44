"""`make bench-load`: the main pages under load on a real server, side by side with the floor.

For the reference data, then for the fifteen-year data set (`manage.py generate_dataset --years
15 --seed 1`), each in a database of its own: the hub under gunicorn (2 sync workers, the
production settings, WhiteNoise, PostgreSQL and Redis) with a trivial view mounted as the floor
(bench/settings.py, bench/urls.py); a session for each role; then wrk (Debian's) drives every
main page, and the floor in the same run, at 1 and at 20 concurrent clients on loopback for
BENCH_SECONDS (default 5) each. Prints one table per data size: per page, p50 and p95 latency,
requests per second, p50 and p95 as multiples of the floor's at the same concurrency, where one
request's time goes (bench/breakdown.py: the database, templates and the rest, in-process) and
whether the page is within the targets (p50 at most 3 times the floor's, p95 at most 5 times, at
20 clients) or, if not, what its time is spent on.

    apt-get install wrk
    BENCH_SECONDS=10 make bench-load
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = (1, 20)
TARGET_P50, TARGET_P95 = 3, 5  # times the floor's, at 20 clients
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")

# (label, path, role); "{spog}" is the SPOG's id. The floor comes first at each concurrency.
PAGES = [
    ("floor", "/bench/floor/", None),
    ("floor, signed in", "/bench/floor/signed-in/", "staff"),
    ("home", "/", None),
    ("agency directory", "/agencies/", None),
    ("bodies", "/bodies/", None),
    ("my page", "/my/", "site_admin"),
    ("my page", "/my/", "representative"),
    ("agencies", "/manage/agencies/", "site_admin"),
    ("the SPOG", "/manage/bodies/{spog}/", "site_admin"),
    ("people", "/people/", "site_admin"),
    ("audit log", "/people/audit-log/", "site_admin"),
    ("audit log, logins", "/people/audit-log/?action=user.login", "site_admin"),
    ("my meetings", "/meetings/", "representative"),
    ("meetings dashboard", "/meetings/dashboard/", "chairs_office"),
    ("circulations", "/circulation/", "representative"),
    ("solicitations", "/grants/solicitations/", "representative"),
    ("proposed awards", "/grants/awards/", "representative"),
]

SESSIONS = """
import json
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import Client
from django.utils import timezone
from pitf.models import Body, BodyRole, Designation, User

today = timezone.localdate()
admin, _ = User.objects.get_or_create(
    email="bench-admin@bench.example.gov",
    defaults={"full_name": "Bench Admin", "is_superuser": True, "is_staff": True},
)
representative = (
    Designation.objects.filter(role="principal", body__short_name="spog").current_on(today)
    .order_by("pk").first()
)
office = BodyRole.objects.filter(role="chairs_office").current_on(today).order_by("pk").first()
staff = User.objects.filter(
    is_active=True, agency__isnull=False, designations__isnull=True, body_roles__isnull=True
).order_by("pk").first()
people = {"site_admin": admin, "staff": staff}
if representative:
    people["representative"] = representative.person
if office:
    people["chairs_office"] = office.person
cookies = {}
for role, person in people.items():
    if person is None:
        continue
    if not person.authenticator_set.exists():
        TOTP.activate(person, generate_totp_secret())
    client = Client()
    client.force_login(person)
    cookies[role] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
print(json.dumps({"cookies": cookies, "spog": Body.objects.get(short_name="spog").pk}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database: str, var_dir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"pitf-bench-{database}",
        "CELERY_QUEUE": "pitf-bench",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "smtp://127.0.0.1:2525",
        "SITE_URL": "https://hub.example.gov",
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE,
    )  # fmt: skip
    return result.stdout


def prepare(database: str, fifteen_years: bool) -> tuple[dict, dict, int]:
    var_dir = ROOT / "var" / "bench" / database
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = environment(database, var_dir)
    admin_url = f"{POSTGRES}/postgres"
    for statement in (f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}"):
        subprocess.run(["psql", admin_url, "-qc", statement], check=True)
    print(f"[bench] preparing {database}", flush=True)
    manage(env, "prepare_var_dir")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if fifteen_years:
        print(manage(env, "generate_dataset", "--years", "15", "--seed", "1"), flush=True)
    else:
        manage(env, "load_reference_data")
    made = json.loads(manage(env, "shell", "-c", SESSIONS).strip().splitlines()[-1])
    return env, made["cookies"], made["spog"]


def wrk(url: str, cookie: str | None, clients: int) -> dict:
    command = [
        shutil.which("wrk") or "wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{SECONDS}s",
        "--timeout", "10s", "-s", str(ROOT / "bench" / "wrk.lua"),
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], check=True, text=True, capture_output=True).stdout
    return json.loads(output.strip().splitlines()[-1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answers_200(url: str, cookie: str | None) -> bool:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status == 200
    except (urllib.error.HTTPError, urllib.error.URLError, ConnectionError):
        return False


def measure(label: str, env: dict, cookies: dict, spog: int) -> list[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "pitf.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not answers_200(f"{base}/bench/floor/", None):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not answer")
            time.sleep(0.3)
        results = {}
        for name, path, role in PAGES:
            cookie = cookies.get(role) if role else None
            url = base + path.format(spog=spog)
            if role and cookie is None:
                continue
            if not answers_200(url, cookie):
                raise SystemExit(f"{url} as {role} does not answer 200")
            for clients in CLIENTS:
                wrk(url, cookie, clients)  # warm up: the first answers fill caches
                results[(name, role, clients)] = wrk(url, cookie, clients)
                print(f"[bench] {label}: {name} ({role or 'anonymous'}) x{clients}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    parts = breakdown(env, cookies, spog)
    lines = [
        f"### {label}",
        "",
        "| page | as | 1 client: p50 / p95 ms | 20 clients: p50 / p95 ms | 20 clients: req/s "
        "| 20 clients: p50 / p95 × floor | one request in-process: SQL (queries) / templates / "
        "rest ms | within the targets? |",
        "|---|---|---|---|---|---|---|---|",
    ]
    floor = results[("floor", None, 20)]
    for name, _, role in PAGES:
        if (name, role, 1) not in results:
            continue
        one, many = results[(name, role, 1)], results[(name, role, 20)]
        errors = many["errors"] + many["status_errors"] + one["errors"] + one["status_errors"]
        ratios = many["p50"] / floor["p50"], many["p95"] / floor["p95"]
        part = parts[f"{name}|{role or ''}"]
        lines.append(
            f"| {name} | {role or 'anonymous'} | {one['p50']:.1f} / {one['p95']:.1f} "
            f"| {many['p50']:.1f} / {many['p95']:.1f} "
            f"| {many['requests'] / many['seconds']:.0f}{f' ({errors} errors)' if errors else ''} "
            f"| {ratios[0]:.1f} / {ratios[1]:.1f} "
            f"| {part['sql']:.1f} ({part['queries']}) / {part['templates']:.1f} / "
            f"{part['python']:.1f} | {verdict(ratios, part, parts['floor|'])} |"
        )
    return lines


def breakdown(env: dict, cookies: dict, spog: int) -> dict:
    """Each page's one request in-process, split (bench/breakdown.py), on the same data and
    sessions, with the server stopped."""
    pages = [(name, path.format(spog=spog), role) for name, path, role in PAGES]
    job = json.dumps({"pages": pages, "cookies": cookies})
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "breakdown.py"), job], cwd=ROOT, env=env, check=True,
        text=True, stdout=subprocess.PIPE,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def verdict(ratios: tuple[float, float], part: dict, floor: dict) -> str:
    """Within the targets, or what the page spends its time on: the largest share first."""
    if ratios[0] <= TARGET_P50 and ratios[1] <= TARGET_P95:
        return "yes"
    shares = sorted(
        [
            (part["templates"], "rendering templates"),
            (part["sql"], f"{part['queries']} queries"),
            (part["python"], "the rest (middleware, the view, building SQL)"),
        ],
        reverse=True,
    )
    spent = ", ".join(f"{what} {ms:.1f} ms" for ms, what in shares if ms >= 0.05)
    return (
        f"no: {part['total']:.1f} ms of work a request against the floor's "
        f"{floor['total']:.1f} ms; {spent}"
    )


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    tables = []
    for database, label, fifteen in (
        ("pitf_bench_reference", "Reference data", False),
        ("pitf_bench_fifteen_years", "Fifteen years (generate_dataset --years 15 --seed 1)", True),
    ):
        env, cookies, spog = prepare(database, fifteen)
        tables += [*measure(label, env, cookies, spog), ""]
    print("\n".join(tables))


if __name__ == "__main__":
    main()
