"""The CI entry point is a shell script run on a clean clone; a syntax error in it fails every
submission before a single test runs, so the suite parses it and checks what it runs."""

import subprocess
from pathlib import Path

CI_SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "run"


def test_the_ci_script_parses_as_bash():
    parsed = subprocess.run(["bash", "-n", str(CI_SCRIPT)], capture_output=True, text=True)

    assert parsed.returncode == 0, parsed.stderr


def test_the_ci_script_stops_on_errors_and_ends_by_running_the_suite():
    lines = [line.strip() for line in CI_SCRIPT.read_text().splitlines() if line.strip()]

    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines[:5]
    assert lines[-1] == "make test"


def test_the_ci_script_checks_a_fresh_set_up_before_the_suite():
    """A fresh clone installed from the interpreter's own pip, with no cache, must install and
    serve (tools/check_setup.sh) before the suite runs, so a break in the set-up shows the day
    it appears, not when a new person clones the project."""
    lines = [line.strip() for line in CI_SCRIPT.read_text().splitlines() if line.strip()]

    assert "make check-setup" in lines
    assert lines.index("make check-setup") < lines.index("make test")


def test_the_set_up_check_parses_as_bash_and_installs_with_no_cache():
    script = CI_SCRIPT.parent.parent / "tools" / "check_setup.sh"
    parsed = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)

    assert parsed.returncode == 0, parsed.stderr
    text = script.read_text()
    assert "export PIP_NO_CACHE_DIR=1" in text
    assert "git clone" in text
