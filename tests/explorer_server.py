"""What the browser tests of the explorer share: a ``policykg serve`` on a free port of 127.0.0.1, the seeds plus a
document whose title and names carry script payloads, and waiting on and clicking the drawn graph."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths

EVIL_TITLE = "<script>window.__xss=3</script>"
EVIL_TEXT = (f"{EVIL_TITLE}\n一、总体要求\n推行“<img/src=x/onerror=window.__xss=1>”工程，"
             "实施“<script>window.__xss=2</script>”计划，助推乡村振兴。\n")


def serve(data: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``policykg serve`` on a free port of 127.0.0.1 over ``data``; yield its base URL, stop it after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--data-dir", str(data), "serve", "--host",
                             "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the server did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def loaded_data(tmp_path_factory, paths: list[Path], name: str) -> Path:
    """A new folder of an embedded store holding the documents at ``paths`` (a module's ``server`` serves it)."""
    data = tmp_path_factory.mktemp(name)
    store = EmbeddedStore(data)
    assert not load_paths(store, paths, progress=False).failed
    store.close()
    return data


def seeded_server(tmp_path_factory, seed_paths: list[Path]) -> Iterator[str]:
    """A server (:func:`serve`) over a store of the seeds and a document whose title and names carry script payloads
    (:data:`EVIL_TEXT`): the explorer tests' ``server`` fixture (``conftest.py``)."""
    data = tmp_path_factory.mktemp("explore-data")
    docs = tmp_path_factory.mktemp("explore-docs")
    (docs / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    store = EmbeddedStore(data)
    assert not load_paths(store, [*seed_paths, docs / "evil.txt"], progress=False).failed
    store.close()
    yield from serve(data)


def click_node(page, node_id: str) -> None:
    """Click where vis-network drew a node (its canvas position mapped to the page)."""
    box = page.locator("#graph").bounding_box()
    pos = page.evaluate("id => { const n = window.policykg.network; return n.canvasToDOM(n.getPositions([id])[id]); }",
                        node_id)
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def wait_stable(page) -> None:
    """Wait until the explorer has drawn nodes and vis-network has settled them (at most 3 s)."""
    page.wait_for_function("() => window.policykg && window.policykg.nodesView.length > 0")
    page.evaluate("() => new Promise(r => { const n = window.policykg.network; n.once('stabilized', r);"
                  " setTimeout(r, 3000); n.stabilize(80); })")
