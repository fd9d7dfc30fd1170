"""The house rules, checked where CI can see them: ruff (lint and format) and mypy --strict.

Skipped when the tools are not installed (they come with the ``dev`` extra that CI installs).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_lint_is_clean() -> None:
    proc = _run("ruff", "check", "src", "tests", "scripts", "docs", "benchmarks")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_library_is_ruff_formatted() -> None:
    proc = _run("ruff", "format", "--check", "src")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_is_clean() -> None:
    pytest.importorskip("mypy")
    proc = _run(sys.executable, "-m", "mypy", "--cache-dir", "/tmp/bouwblokken-mypy-cache")
    assert proc.returncode == 0, proc.stdout + proc.stderr
