"""A black-box scan of the hub with Debian's wapiti, on loopback only: `make scan`.

Builds a scratch site of its own (the embedded default in var/scan/site: the reference data and
the demo accounts), serves it with DEBUG off on a free port, and runs wapiti twice: signed out,
and as the demo site administrator (a session made for the scan, sent as a cookie header). The
reports are var/scan/anonymous.json and var/scan/admin.json; the summary, one line per finding,
is printed and written to var/scan/summary.txt. Not part of `make test`: a scan takes minutes
and its findings are for a person to read.

    make scan                       # both scans, 10 minutes each at most
    SCAN_MINUTES=3 make scan        # shorter
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "scan"
SITE = OUT / "site"
PYTHON = sys.executable
ADMIN = "admin@demo.pitf.gov"
# Modules that need nothing from the internet (nikto and ssrf fetch from outside; buster and
# brute-force modules are not about this application's code).
MODULES = (
    "exec,file,sql,timesql,xss,permanentxss,redirect,crlf,xxe,backup,htaccess,methods,"
    "csrf,http_headers,cookieflags,shellshock"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


SESSION_FOR = """
from django.conf import settings
from django.test import Client
from pitf.models import User
client = Client()
client.force_login(User.objects.get(email={email!r}))
print(settings.SESSION_COOKIE_NAME + "=" + client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The server stopped before it answered; see var/scan/server.log")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  (loopback only)
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer at {url}")


def wapiti(name: str, base: str, minutes: float, extra: list[str]) -> dict:
    report = OUT / f"{name}.json"
    command = [
        shutil.which("wapiti") or "wapiti",
        "--url",
        base,
        "--scope",
        "folder",
        "--module",
        MODULES,
        "--flush-session",
        "--max-scan-time",
        str(int(minutes * 60)),
        "--max-attack-time",
        str(int(minutes * 60 / 4)),
        "--exclude",
        f"{base}accounts/logout/",
        "--format",
        "json",
        "--output",
        str(report),
        "--verbose",
        "0",
        *extra,
    ]
    print(f"[scan] wapiti {name}: up to {minutes:g} minutes", flush=True)
    with open(OUT / f"{name}.log", "w") as log:
        subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=False)
    return json.loads(report.read_text()) if report.exists() else {}


def findings(name: str, report: dict) -> list[str]:
    lines = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                where = f"{item.get('method', '')} {item.get('path', '')}".strip()
                info = " ".join(str(item.get("info", "")).split())[:200]
                lines.append(f"{name}: {section[:-1]}: {category}: {where}: {info}")
    return lines


def main() -> None:
    if not shutil.which("wapiti"):
        raise SystemExit("wapiti is not installed: apt-get install wapiti (Debian's package)")
    minutes = float(os.environ.get("SCAN_MINUTES", "10"))
    shutil.rmtree(SITE, ignore_errors=True)
    SITE.mkdir(parents=True)
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "VAR_DIR": str(SITE),
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "pitf.settings",
    }
    for step in (
        ["prepare_var_dir"],
        ["migrate", "--noinput", "--verbosity", "0"],
        ["load_reference_data"],
        ["create_demo_accounts"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
    ):
        manage(env, *step, capture=True)
    cookie = manage(env, "shell", "-c", SESSION_FOR.format(email=ADMIN), capture=True).strip()
    base = f"http://127.0.0.1:{port}/"
    with open(OUT / "server.log", "w") as log:
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(base, server)
        anonymous = wapiti("anonymous", base, minutes, [])
        admin = wapiti(
            "admin",
            base,
            minutes,
            ["--header", f"Cookie: {cookie}", "--start", f"{base}my/"],
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    lines = findings("anonymous", anonymous) + findings("admin", admin)
    summary = "\n".join(lines) if lines else "No findings."
    (OUT / "summary.txt").write_text(summary + "\n")
    print(summary)
    print(f"[scan] reports: {OUT.relative_to(ROOT)}/anonymous.json, admin.json, summary.txt")


if __name__ == "__main__":
    main()
