"""``make run``: the bundled samples in a store of their own, never in ``./data`` where ``policykg load`` puts a
researcher's documents (the commands ``make -n`` prints, so no server is started)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _policykg_lines(*args: str, store: str | None = None) -> list[str]:
    """The lines of ``make -n run ARGS`` that run policykg or say what make run does (``store``: POLICYKG_STORE)."""
    env = {k: v for k, v in os.environ.items()  # make's defaults
           if k not in ("DATA", "HOST", "PORT", "MAKEFLAGS", "POLICYKG_STORE")} | ({"POLICYKG_STORE": store} if store else {})
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


def test_make_run_on_neo4j_loads_the_samples_only_into_a_database_without_documents():
    # session 69: make run with POLICYKG_STORE=neo4j loaded the 5 samples into the database named, which may hold one's
    # corpus; the load there is told to leave a database holding documents as it is (the store's count decides)
    lines = _policykg_lines(store="neo4j")
    assert lines[0] == ".venv/bin/policykg --data-dir data/samples load examples --quiet --if-empty"
    assert lines[-1] == ".venv/bin/policykg --data-dir data/samples serve --host 127.0.0.1 --port 8000"
    assert len(lines) == 2  # the line saying what was done is the load's own (loaded 5, or nothing loaded and why)


def test_load_if_empty_loads_into_a_store_without_documents_only(tmp_path, seed_paths):
    runner = CliRunner()
    empty, held = ["--data-dir", str(tmp_path / "empty")], ["--data-dir", str(tmp_path / "held")]
    store = EmbeddedStore(tmp_path / "held")
    load_paths(store, seed_paths[:1], progress=False)  # one's own corpus: one document
    store.close()
    r = runner.invoke(main, [*held, "load", str(seed_paths[0].parent), "--quiet", "--if-empty"])
    assert r.exit_code == 0, r.output
    assert r.output == (f"the store in {tmp_path / 'held'} holds 1 document: nothing loaded into it (--if-empty), "
                        "it is served as it is\n")
    store = EmbeddedStore(tmp_path / "held")
    assert [d["id"] for d in store.documents()] == ["Document:000_a8eebd8133074170"]
    store.close()
    r = runner.invoke(main, [*empty, "load", str(seed_paths[0].parent), "--quiet", "--if-empty"])
    assert r.exit_code == 0 and r.output.startswith("loaded 5, unchanged 0, failed 0"), r.output


def test_load_if_empty_reads_the_neo4j_stores_count_of_documents(tmp_path, seed_paths, monkeypatch):
    # the Neo4j store itself over the stand-in server that runs graph/cypher.py's statements (tests/fake_neo4j.py)
    import policykg.graph.store as store_module
    from fake_neo4j import FakeServer
    from policykg.graph import cypher as Q
    from policykg.graph.neo4j_store import Neo4jStore

    server = FakeServer()
    monkeypatch.setattr(store_module, "open_store", lambda settings: Neo4jStore(server, batch_size=7, write_batch=2))
    monkeypatch.setenv("POLICYKG_NEO4J_URI", "bolt://127.0.0.1:7687")
    runner = CliRunner()
    args = ["--store", "neo4j", "--data-dir", str(tmp_path / "d"), "load", str(seed_paths[0].parent), "--quiet",
            "--if-empty"]
    r = runner.invoke(main, args)
    assert r.exit_code == 0 and r.output.startswith("loaded 5, unchanged 0, failed 0"), r.output
    before = len(server.log)
    r = runner.invoke(main, args)  # a database that holds documents: left as it is, whatever they are
    assert r.exit_code == 0, r.output
    assert r.output == ("the Neo4j server's default database at bolt://127.0.0.1:7687 holds 5 documents: nothing "
                        "loaded into it (--if-empty), it is served as it is\n")
    # the store's set-up (its constraints and indexes, IF NOT EXISTS) and the count read: no document written
    assert [s for s, _ in server.log[before:] if s not in Q.CONSTRAINTS and s != Q.AWAIT_INDEXES] == [Q.DOCUMENTS]
