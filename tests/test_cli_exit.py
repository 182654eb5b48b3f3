"""What ``policykg load`` leaves to the end of its process: the collections of the interpreter's exit skip the store's
graph and the models' tables it holds (:func:`policykg.cli_support.no_collection_at_exit`), once per process."""

from __future__ import annotations

import gc

from click.testing import CliRunner
from order_texts import QIANWAN_TEXTS, write_texts

import policykg.cli_support as cli_support
from policykg.cli import main


def test_a_load_freezes_what_it_holds_at_exit_once_per_process(tmp_path, monkeypatch):
    registered = []
    monkeypatch.setattr(cli_support, "_FREEZE_AT_EXIT", [])
    monkeypatch.setattr(cli_support.atexit, "register", registered.append)
    folder = write_texts(tmp_path / "in", QIANWAN_TEXTS)[0].parent  # lines of gwr-2024 and two 2025 reports
    for _ in range(2):
        r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "data"), "load", str(folder), "--quiet"])
        assert r.exit_code == 0, r.output
    assert registered.count(gc.freeze) == 1  # at exit only: this process goes on collecting as before
    assert gc.isenabled()
