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
