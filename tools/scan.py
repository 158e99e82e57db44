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
import urllib.error
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


# Debian's wapiti 3.0.4 builds its --exclude patterns with a trailing "(?ms)", which the Python it
# runs on (3.11) refuses; it is started through this wrapper, which builds them as intended.
WAPITI = """
import re
import sys

import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\\Z")


crawler.wildcard_translate = wildcard_translate
sys.argv = ["wapiti", *sys.argv[1:]]
sys.exit(wapiti_main())
"""


def wapiti_python() -> str:
    """The interpreter Debian's wapiti runs on (its script's first line)."""
    with open(shutil.which("wapiti") or "/usr/bin/wapiti") as script:
        first = script.readline()
    return first[2:].strip() if first.startswith("#!") else "/usr/bin/python3"


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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signed_in(url: str, cookie: str) -> None:
    """The administrator's session opens My page (not the sign-in page), or the scan stops."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310  (loopback)
    try:
        with opener.open(request, timeout=10) as response:
            if response.status == 200:
                return
    except urllib.error.HTTPError as error:
        raise SystemExit(f"The scan's session does not open {url}: {error.code}") from None
    raise SystemExit(f"The scan's session does not open {url}")


def wapiti(name: str, base: str, minutes: float, extra: list[str]) -> dict:
    report = OUT / f"{name}.json"
    command = [
        wapiti_python(),
        "-c",
        WAPITI,
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
        f"{base}accounts/logout/*",
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
    """One line per kind of finding: how many, and the first few places."""
    grouped: dict[str, list[str]] = {}
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                info = " ".join(str(item.get("info", "")).split())[:120]
                where = f"{item.get('method', '')} {item.get('path', '')}".strip()
                grouped.setdefault(f"{category}: {info}", []).append(where)
    lines = []
    for kind, places in sorted(grouped.items()):
        shown = ", ".join(sorted(set(places))[:3])
        more = f" and {len(set(places)) - 3} more" if len(set(places)) > 3 else ""
        lines.append(f"{name}: {kind} ({len(places)}): {shown}{more}")
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
    # The last line: `shell` may print what it imported first.
    output = manage(env, "shell", "-c", SESSION_FOR.format(email=ADMIN), capture=True)
    cookie = output.strip().splitlines()[-1]
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
        signed_in(f"{base}my/", cookie)
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
