"""A name no entity has says what to do next on the command line: the sentence search and ``curate add``, the
README's loop for a name the extractor missed (a walkthrough, session 69: ``policykg diffusion 党建引领`` on the samples,
six sentences and no mention, said "no entity named '党建引领'; perhaps Program:党建引领乡村振兴" and no more)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.cli import main
from policykg.graph.store import open_store
from policykg.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_a_name_no_entity_has_points_to_the_sentence_search_and_curate_add(tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    assert runner.invoke(main, [*data, "load", "--quiet", str(EXAMPLES)]).exit_code == 0
    # the samples write 党建引领 in six sentences, none of them a mention (README, the working loop)
    r = runner.invoke(main, [*data, "sentences", "党建引领"])
    assert r.exit_code == 0 and r.output.startswith("6 sentences hold '党建引领'")
    for command in (["diffusion", "党建引领"], ["facts", "党建引领"], ["view", "党建引领", "-o", str(tmp_path / "v.html")]):
        r = runner.invoke(main, [*data, *command])
        assert r.exit_code == 1, r.output
        assert r.output.startswith("Error: no entity named '党建引领'; perhaps Program:党建引领乡村振兴"), r.output
        assert r.output.rstrip().endswith("; policykg sentences 党建引领 shows where the texts write it, policykg curate "
                                          "add 党建引领 --label Program makes it one"), r.output
    # an id keeps its label in the advice, and nothing like it is still advised on; it is said as an id (it read "no
    # entity named 'Goal:没有这个目标'", as the API says "no entity with id": session 72)
    r = runner.invoke(main, [*data, "diffusion", "Goal:没有这个目标"])
    assert r.exit_code == 1 and r.output.rstrip() == (
        "Error: no entity with id 'Goal:没有这个目标'; policykg sentences 没有这个目标 shows where the texts write it, "
        "policykg curate add 没有这个目标 --label Goal makes it one"), r.output


def test_a_document_id_nothing_loaded_is_like_says_where_the_ids_are(tmp_path):
    """``policykg read nope`` and ``delete nope`` said "no document with id 'Document:nope'" and no more, when no id,
    title or place of a loaded document is like it; they now point to the list of documents (GET /documents/nope too)."""
    data = ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    assert runner.invoke(main, [*data, "load", "--quiet", str(EXAMPLES)]).exit_code == 0
    said = ("Error: no document with id 'Document:nope'; the 5 loaded are listed by policykg documents and GET "
            "/documents")
    for command in (["read", "nope"], ["delete", "nope"]):
        r = runner.invoke(main, [*data, *command])
        assert r.exit_code == 1 and r.output.rstrip() == said, r.output
    store = open_store(Settings(data_dir=tmp_path / "data"))
    try:
        with TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=store)) as client:
            r = client.get("/documents/nope")
        assert r.status_code == 404 and r.json()["detail"] == said.removeprefix("Error: ")
    finally:
        store.close()


def test_a_document_id_asked_of_an_empty_store_says_none_is_loaded(tmp_path):
    store = open_store(Settings(data_dir=tmp_path / "data"))
    try:
        with TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=store)) as client:
            r = client.get("/documents/nope")
        assert r.status_code == 404
        assert r.json()["detail"] == "no document with id 'Document:nope'; no document is loaded (policykg load)"
    finally:
        store.close()
