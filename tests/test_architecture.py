"""The architecture's layers are contracts import-linter checks in `make lint` (pyproject.toml):
the checker passes on the code as it is, and fails, naming the import, when a copy of the code
breaks a contract on purpose."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pitf", "grants", "spog", "committees", "bench")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "data"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def check(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--config", str(where / "pyproject.toml")],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}  # a deliberate violation\n")


def test_the_code_keeps_every_contract(copy_of_the_code):
    result = check(copy_of_the_code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    "module, line, broken",
    [
        # The core imports no feature.
        ("pitf/links.py", "import grants.models", "pitf is not allowed to import grants"),
        (
            "pitf/workflow.py",
            "from pitf.meetings import models",
            "pitf.workflow is not allowed to import pitf.meetings",
        ),
        # Nothing uses grants; meetings circulate their minutes, circulation knows no meeting.
        ("spog/apps.py", "import grants.kinds", "spog is not allowed to import grants"),
        (
            "pitf/circulation/models.py",
            "from pitf.meetings import models as meetings",
            "pitf.circulation is not allowed to import pitf.meetings",
        ),
        # The outbox's services never import its tasks (they queue the task by its name).
        (
            "pitf/notifications/services.py",
            "from pitf.notifications import tasks",
            "pitf.notifications.services is not allowed to import pitf.notifications.tasks",
        ),
        # The benchmark's data set sits above everything it fills.
        (
            "grants/models/awards.py",
            "import bench.dataset",
            "grants is not allowed to import bench",
        ),
    ],
)
def test_a_broken_contract_fails_the_check_and_names_the_import(
    copy_of_the_code, module, line, broken
):
    add_import(copy_of_the_code / module, line)
    result = check(copy_of_the_code)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in " ".join(result.stdout.split())
    assert "1 broken" in result.stdout


def test_a_new_core_module_must_be_placed_in_a_layer(copy_of_the_code):
    (copy_of_the_code / "pitf" / "agendas.py").write_text('"""Unplaced."""\n')
    result = check(copy_of_the_code)
    assert result.returncode != 0
    assert "pitf.agendas" in result.stdout + result.stderr


MOST_LINES = 400


def test_no_module_of_the_product_or_the_benchmark_is_above_400_lines():
    """Modules a person can read: a module that grows past 400 lines becomes a package split by
    what it holds, as the directory, meetings, circulation and grants are."""
    long = {
        str(path.relative_to(ROOT)): lines
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > MOST_LINES
    }
    assert not long, long
