"""`make bench-load`: the main pages and the admin's lists under load on a real server, each beside
the floor of the same role.

For each data set, in a database named by its variable: the reference data
(BENCH_REFERENCE_DATABASE_URL) and the fifteen-year data set (BENCH_DATABASE_URL, made by
`manage.py generate_dataset --years 15 --seed 1`); BENCH_DATA=fifteen or =reference measures one.
A database that does not exist is created and filled; one the benchmark filled before is migrated
and measured again as it is (BENCH_REBUILD=1 drops and fills it anew); any other database is
refused, so the benchmark runs beside anything else on the server. Redis is BENCH_REDIS_URL, with
a key prefix and a queue of the benchmark's own.

The hub runs under gunicorn (2 sync workers, the production settings, WhiteNoise, PostgreSQL and
Redis) with a trivial view mounted as the floor (bench/settings.py, bench/urls.py), signed out and
signed in as each role; wrk (Debian's) drives every page at 1 and at 20 concurrent clients on
loopback for BENCH_SECONDS (default 5) each, after a second of warm-up. Prints one table per data
set: per page, p50 and p95 latency, requests per second, p50 and p95 as multiples of the floor of
the same role (signed out: the floor; signed in: the signed-in floor of that role) at 1 and at 20
clients, where one request's time goes (bench/breakdown.py: the database, templates and the
rest, in-process), and the verdict: within the target (signed-in pages p50 at most 5 times their
floor and p95 at most 8 times; the admin's lists 10 times; public pages 3 times the floor's), or
what the page spends its time on.

    apt-get install wrk
    BENCH_SECONDS=10 make bench-load
"""

from __future__ import annotations

import json
import os
import re
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
# Targets, as multiples of the floor of the same role: (p50, p95).
TARGETS = {"public": (3, 3), "page": (5, 8), "admin": (10, 10)}
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASES = {
    "reference": os.environ.get("BENCH_REFERENCE_DATABASE_URL", f"{SERVER}/pitf_bench_reference"),
    "fifteen": os.environ.get("BENCH_DATABASE_URL", f"{SERVER}/pitf_bench_fifteen_years"),
}
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
ROLES = ("staff", "site_admin", "representative", "chairs_office")
# Who the benchmark signs in as; its presence marks a database the benchmark filled.
BENCH_ADMIN = "bench-admin@bench.example.gov"

# (label, path, role, kind); "{spog}" is the SPOG's id. Each role's floor is measured first.
PAGES = [
    ("floor", "/bench/floor/", None, "floor"),
    *(("floor, signed in", "/bench/floor/signed-in/", role, "floor") for role in ROLES),
    ("home", "/", None, "public"),
    ("agency directory", "/agencies/", None, "public"),
    ("bodies", "/bodies/", None, "public"),
    ("my page", "/my/", "site_admin", "page"),
    ("my page", "/my/", "representative", "page"),
    ("agencies", "/manage/agencies/", "site_admin", "page"),
    ("the SPOG", "/manage/bodies/{spog}/", "site_admin", "page"),
    ("people", "/people/", "site_admin", "page"),
    ("audit log", "/people/audit-log/", "site_admin", "page"),
    ("audit log, logins", "/people/audit-log/?action=user.login", "site_admin", "page"),
    ("my meetings", "/meetings/", "representative", "page"),
    ("meetings dashboard", "/meetings/dashboard/", "chairs_office", "page"),
    ("the SPOG's meetings", "/meetings/bodies/{spog}/", "chairs_office", "page"),
    ("circulations", "/circulation/", "representative", "page"),
    ("solicitations", "/grants/solicitations/", "representative", "page"),
    ("proposed awards", "/grants/awards/", "representative", "page"),
    # The Django admin's lists of the hub's models.
    *(
        (f"admin: {name}", f"/admin/{path}/", "site_admin", "admin")
        for name, path in (
            ("people", "pitf/user"),
            ("agencies", "pitf/agency"),
            ("bodies", "pitf/body"),
            ("memberships", "pitf/membership"),
            ("designations", "pitf/designation"),
            ("offices", "pitf/bodyrole"),
            ("audit events", "pitf/auditevent"),
            ("field history", "auditlog/logentry"),
            ("notifications", "pitf/notification"),
            ("worker heartbeats", "pitf/workerheartbeat"),
        )
    ),
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
    email=BENCH_ADMIN,
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
""".replace("BENCH_ADMIN", repr(BENCH_ADMIN))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str, var_dir: Path) -> dict:
    name = database_url.rsplit("/", 1)[-1]
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"pitf-bench-{name}",
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


def psql(url: str, sql: str, **variables: str) -> str:
    """Run `sql` with psql, `variables` interpolated by psql as quoted literals (:'name')."""
    options = [arg for name, value in variables.items() for arg in ("-v", f"{name}={value}")]
    return subprocess.run(
        ["psql", url, "-Atq", *options], input=sql, check=True, text=True, capture_output=True
    ).stdout.strip()


def split(database_url: str) -> tuple[str, str]:
    """(the server's URL, the database's name); a name the benchmark can quote plainly."""
    server, name = database_url.rsplit("/", 1)
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise SystemExit(f"{name!r}: name the benchmark's databases with letters, digits and _")
    return server, name


def state_of(database_url: str) -> str:
    """ "missing", "benchmark" (filled by the benchmark before) or "other"."""
    server, name = split(database_url)
    if not psql(
        f"{server}/postgres", "SELECT 1 FROM pg_database WHERE datname = :'name';", name=name
    ):
        return "missing"
    has_people = psql(
        database_url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'pitf_user';"
    )
    marked = has_people and psql(
        database_url, "SELECT 1 FROM pitf_user WHERE email = :'email';", email=BENCH_ADMIN
    )
    return "benchmark" if marked else "other"


def prepare(database_url: str, fifteen_years: bool) -> tuple[dict, dict, int]:
    server, name = split(database_url)
    var_dir = ROOT / "var" / "bench" / name
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(database_url, var_dir)
    state = state_of(database_url)
    if state == "other":
        raise SystemExit(
            f"{name} exists and was not filled by the benchmark: name another database "
            "(BENCH_DATABASE_URL, BENCH_REFERENCE_DATABASE_URL)"
        )
    fill = state == "missing" or os.environ.get("BENCH_REBUILD") == "1"
    if fill:
        shutil.rmtree(var_dir, ignore_errors=True)
        var_dir.mkdir(parents=True)
        if state == "benchmark":
            psql(f"{server}/postgres", f'DROP DATABASE "{name}";')
        psql(f"{server}/postgres", f'CREATE DATABASE "{name}";')
    print(f"[bench] {'filling' if fill else 'reusing'} {name}", flush=True)
    manage(env, "prepare_var_dir")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if fill and fifteen_years:
        print(manage(env, "generate_dataset", "--years", "15", "--seed", "1"), flush=True)
    elif fill:
        manage(env, "load_reference_data")
    made = json.loads(manage(env, "shell", "-c", SESSIONS).strip().splitlines()[-1])
    return env, made["cookies"], made["spog"]


def wrk(url: str, cookie: str | None, clients: int, seconds: int = SECONDS) -> dict:
    command = [
        shutil.which("wrk") or "wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s",
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


def floor_of(role: str | None) -> tuple[str, str | None]:
    return ("floor, signed in", role) if role else ("floor", None)


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
        for name, path, role, _ in PAGES:
            cookie = cookies.get(role) if role else None
            url = base + path.format(spog=spog)
            if role and cookie is None:
                continue
            if not answers_200(url, cookie):
                raise SystemExit(f"{url} as {role} does not answer 200")
            for clients in CLIENTS:
                wrk(url, cookie, clients, seconds=1)  # warm up: the first answers fill caches
                results[(name, role, clients)] = wrk(url, cookie, clients)
            print(f"[bench] {label}: {name} ({role or 'anonymous'})", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    parts = breakdown(env, cookies, spog)
    lines = [
        f"### {label}",
        "",
        "| page | as | 1 client: p50 / p95 ms | 20 clients: p50 / p95 ms | 20 clients: req/s "
        "| × the floor of the role, p50 / p95: 1 client | 20 clients "
        "| one request in-process: SQL (queries) / templates / rest ms | within the target? |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, _, role, kind in PAGES:
        if (name, role, 1) not in results:
            continue
        ratios = {}
        for clients in CLIENTS:
            page, floor = results[(name, role, clients)], results[(*floor_of(role), clients)]
            ratios[clients] = (page["p50"] / floor["p50"], page["p95"] / floor["p95"])
        one, many = results[(name, role, 1)], results[(name, role, 20)]
        errors = many["errors"] + many["status_errors"] + one["errors"] + one["status_errors"]
        part = parts[f"{name}|{role or ''}"]
        floor_part = parts["|".join(x or "" for x in floor_of(role))]
        lines.append(
            f"| {name} | {role or 'anonymous'} | {one['p50']:.1f} / {one['p95']:.1f} "
            f"| {many['p50']:.1f} / {many['p95']:.1f} "
            f"| {many['requests'] / many['seconds']:.0f}{f' ({errors} errors)' if errors else ''} "
            f"| {ratios[1][0]:.1f} / {ratios[1][1]:.1f} | {ratios[20][0]:.1f} / {ratios[20][1]:.1f} "
            f"| {part['sql']:.1f} ({part['queries']}) / {part['templates']:.1f} / "
            f"{part['python']:.1f} | {verdict(kind, ratios, part, floor_part)} |"
        )
    return lines


def breakdown(env: dict, cookies: dict, spog: int) -> dict:
    """Each page's one request in-process, split (bench/breakdown.py), on the same data and
    sessions, with the server stopped."""
    pages = [
        (name, path.format(spog=spog), role)
        for name, path, role, _ in PAGES
        if role is None or role in cookies
    ]
    job = json.dumps({"pages": pages, "cookies": cookies})
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "breakdown.py"), job], cwd=ROOT, env=env, check=True,
        text=True, stdout=subprocess.PIPE,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def verdict(kind: str, ratios: dict, part: dict, floor: dict) -> str:
    """Within the target at 1 and 20 clients, or what the page spends its time on: the largest
    share first, beside the floor's own work."""
    if kind == "floor":
        return "the floor"
    p50, p95 = TARGETS[kind]
    if all(r50 <= p50 and r95 <= p95 for r50, r95 in ratios.values()):
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
        f"no: {part['total']:.1f} ms of work a request against its floor's "
        f"{floor['total']:.1f} ms; {spent}"
    )


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    chosen = os.environ.get("BENCH_DATA", "both")
    tables = []
    for key, label, fifteen in (
        ("reference", "Reference data", False),
        ("fifteen", "Fifteen years (generate_dataset --years 15 --seed 1)", True),
    ):
        if chosen not in ("both", key):
            continue
        env, cookies, spog = prepare(DATABASES[key], fifteen)
        tables += [*measure(label, env, cookies, spog), ""]
    print("\n".join(tables))


if __name__ == "__main__":
    main()
