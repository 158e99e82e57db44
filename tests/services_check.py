"""Before the suite: are PostgreSQL, Redis and Chromium there? If not, say how to start them."""

import os
import shutil
import sys
from urllib.parse import urlsplit

import psycopg2
import redis

HOW_TO = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": (
        'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
        "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log"
    ),
    "Chromium": "apt-get install chromium   (Debian's package: /usr/bin/chromium)",
    "Dovecot": "apt-get install dovecot-imapd   (the calendar-reply tests' mailbox)",
}


def main() -> int:
    problems = []
    database_url = os.environ["DATABASE_URL"]
    parts = urlsplit(database_url)
    try:
        psycopg2.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or "",
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError as error:
        problems.append(("PostgreSQL", f"{parts.hostname}:{parts.port or 5432}", error))
    redis_url = os.environ["REDIS_URL"]
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(("Redis", redis_url, error))
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        problems.append(("Chromium", "/usr/bin/chromium", "not installed"))
    if not os.path.exists("/usr/sbin/dovecot"):
        problems.append(("Dovecot", "/usr/sbin/dovecot", "not installed"))
    for name, where, error in problems:
        print(f"{name} is not reachable at {where}: {str(error).strip()}", file=sys.stderr)
        print(f"  Start it with: {HOW_TO[name]}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
