#!/usr/bin/env bash
# The set-up as a new user meets it: a clone of HEAD with no .venv, node_modules or var/, its venv
# started from the interpreter's own bundled pip with no download cache, both requirement files
# installed, then `make run` must serve the public page. Fails the day the set-up starts to depend
# on the machine or on what the package index serves (make check-setup; CI runs it first).
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
run_pid=""
cleanup() {
  if [ -n "$run_pid" ]; then kill -- "-$run_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone --quiet "$(pwd)" "$work/hub"
cd "$work/hub"
python="$(command -v "${PYTHON:-python3.12}")"
echo "Set-up check: $("$python" --version), its bundled pip $("$python" -c 'import ensurepip; print(ensurepip.version())')"

export PIP_NO_CACHE_DIR=1
unset DATABASE_URL REDIS_URL
timeout 1200 make --no-print-directory setup .venv/bin/.installed-dev >setup.log 2>&1 || {
  grep -v "^WARNING: Location" setup.log | tail -n 40
  echo "Set-up check: the install failed (above)"
  exit 1
}
echo "Set-up check: installed with $(.venv/bin/python -m pip --version | cut -d' ' -f1-2)"

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
WEB_PORT="$port" setsid make --no-print-directory run >run.log 2>&1 &
run_pid=$!
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "Set-up check: make run serves http://127.0.0.1:$port/"
    exit 0
  fi
  if ! kill -0 "$run_pid" 2>/dev/null; then break; fi
  sleep 1
done
tail -n 40 run.log
echo "Set-up check: make run did not serve the public page"
exit 1
