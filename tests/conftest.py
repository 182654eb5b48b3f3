"""Fixtures: the bundled seed documents and a store per backend.

The ``store`` fixture is parametrised: the embedded case always runs; the
Neo4j case runs when NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) are set and
is otherwise skipped with a visible reason.  The ``neo4j-sim`` case always
runs: ``Neo4jStore`` itself over a stand-in server that executes exactly the
statements of ``graph/cypher.py`` (``tests/fake_neo4j.py``), two documents per
write transaction; it tests policykg's side of the Neo4j path, not Neo4j.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

# The suite's server and browser tests run threads in this process; a load's worker processes are forked from it,
# and a fork taken while another thread holds a lock can hang.  Loads here use one process unless a test asks for
# more (test_ingest's tests of workers do, and test the default itself).
os.environ.setdefault("POLICYKG_LOAD_WORKERS", "1")

SHOTS = Path(__file__).resolve().parent / "screenshots"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    assert len(SEEDS) == 5
    return SEEDS


def _neo4j_store():
    from policykg.graph.neo4j_connect import open_neo4j
    from policykg.settings import Settings

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("Neo4j store not tested: NEO4J_URI is not set (docker compose up, then "
                    "NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... make test)")
    store = open_neo4j(Settings(store="neo4j"))
    store.clear()
    return store


def _simulated_neo4j_store():
    from fake_neo4j import FakeServer
    from policykg.graph.neo4j_store import Neo4jStore

    return Neo4jStore(FakeServer(), batch_size=7, write_batch=2)


def _open(kind: str, path: Path):
    if kind == "embedded":
        return EmbeddedStore(path)
    return _simulated_neo4j_store() if kind == "neo4j-sim" else _neo4j_store()


#: A read-only query that runs far longer than a second on the seeds, per store.  Neo4j answers counts
#: of plain patterns from its count store and expands the seeds' 500 relationships in milliseconds, so
#: its query is a filtered four-way product of the ~400 nodes (2 * 10^10 rows); the embedded engine
#: (LadybugDB) runs the same product.
HEAVY = {
    "embedded": "MATCH (a), (b), (c), (d) WHERE a.id + b.id + c.id + d.id = 'x' RETURN count(*)",
    "neo4j": "MATCH (a), (b), (c), (d) WHERE a.id + b.id + c.id + d.id = 'x' RETURN count(*)",
}


def skip_if_simulated(store) -> None:
    """Skip a test that runs a user's Cypher query: the simulated Neo4j does not interpret Cypher."""
    if store.name == "neo4j" and type(getattr(store, "driver", None)).__name__ == "FakeServer":
        pytest.skip("the simulated Neo4j runs policykg's own statements only, not a user's Cypher")


BACKENDS = ["embedded", "neo4j-sim", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """An empty store of each backend."""
    st = _open(request.param, tmp_path / "data")
    yield st
    st.close()


@pytest.fixture
def loaded(store, seed_paths):
    """A store of each backend holding the five seed documents."""
    report = load_paths(store, seed_paths, progress=False)
    assert not report.failed
    return store


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory, seed_paths):
    """A store of each backend holding the seeds, shared by the read-only tests of one module (API, analytics)."""
    st = _open(request.param, tmp_path_factory.mktemp("seeded"))
    report = load_paths(st, seed_paths, progress=False)
    assert not report.failed
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(seeded):
    """The API over :func:`seeded` (each backend), for the read-only tests of one module."""
    from fastapi.testclient import TestClient

    from policykg.api.main import create_app
    from policykg.settings import Settings

    with TestClient(create_app(Settings(), store=seeded)) as c:
        yield c


@pytest.fixture(scope="session")
def reports_data(tmp_path_factory) -> Path:
    """A store of the 25 provincial 2025 reports of loaders/training, loaded by the command line (its data dir), shared
    by the read-only tests of the analytics, centrality and exports (about 12,000 entities: more than betweenness
    measures exactly)."""
    from click.testing import CliRunner
    from genre_texts import TEXTS

    from policykg.cli import main

    data = tmp_path_factory.mktemp("reports") / "data"
    reports = sorted(str(p) for p in TEXTS.glob("gwr2025-*.txt"))
    assert len(reports) >= 20
    assert CliRunner().invoke(main, ["--data-dir", str(data), "load", *reports, "--quiet"]).exit_code == 0
    return data


@pytest.fixture(scope="session")
def seeded_embedded(tmp_path_factory, seed_paths):
    """One embedded store with the seeds, shared by read-only tests."""
    st = EmbeddedStore(tmp_path_factory.mktemp("seeded"))
    load_paths(st, seed_paths, progress=False)
    yield st
    st.close()


# ------------------------------------------------------------ browser tests (test_explorer, test_loop_browser)


def _chromium() -> str | None:
    for candidate in (os.environ.get("POLICYKG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        pytest.skip("browser tests not run: Chromium is not installed (apt-get install chromium, or set "
                    "POLICYKG_CHROMIUM; make test installs it when it runs as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests not run: the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    folder = SHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    steps = iter(range(1, 100))
    pg.shot = lambda name: pg.screenshot(path=str(folder / f"{next(steps):02d}-{name}.png"))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_paths):
    """The explorer tests' server over the seeds and a document of script payloads (:mod:`explorer_server`)."""
    from explorer_server import seeded_server

    yield from seeded_server(tmp_path_factory, seed_paths)

