"""``make run``: the bundled samples in a store of their own, never in ``./data`` where ``policykg load`` puts a
researcher's documents (the commands ``make -n`` prints, so no server is started)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _policykg_lines(*args: str) -> list[str]:
    """The lines of ``make -n run ARGS`` that run policykg or say what make run does."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATA", "HOST", "PORT", "MAKEFLAGS")}  # make's defaults
    out = subprocess.run(["make", "-n", "-C", str(ROOT), "run", *args], capture_output=True, text=True, check=True,
                         env=env)
    joined = out.stdout.replace("\\\n", " ")  # a recipe line continued on the next
    return [line for line in joined.splitlines() if "policykg" in line or "make run:" in line]


def test_make_run_serves_the_samples_from_their_own_store():
    # a walkthrough (session 67): make run loaded the samples into ./data every time, so a researcher's own reports
    # loaded there later were counted with the 5 samples in diffusion --min-documents 3 and every analytics answer
    lines = _policykg_lines()
    assert lines[0] == ".venv/bin/policykg --data-dir data/samples load examples --quiet"
    assert "serving the 5 bundled samples from their own store, data/samples" in lines[1]
    assert "policykg load FOLDER" in lines[1] and "make run DATA=data serves them" in lines[1]
    assert lines[-1] == ".venv/bin/policykg --data-dir data/samples serve --host 127.0.0.1 --port 8000"
    assert not any(" load " in line and "data/samples" not in line for line in lines)


def test_make_run_with_a_store_of_ones_own_loads_nothing_into_it():
    lines = _policykg_lines("DATA=data", "PORT=8001")
    assert not any(" load " in line for line in lines)
    assert "serving the store in data as it is (no sample loaded" in lines[0]
    assert lines[-1] == ".venv/bin/policykg --data-dir data serve --host 127.0.0.1 --port 8001"


def test_the_readme_opens_with_the_two_set_up_commands():
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]
    assert commands == ["make run", "make test"] and "data/samples" in block
