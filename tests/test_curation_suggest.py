"""Curation candidates: a name that is a Program in one report and a Goal in another is listed with the retype that
joins the two nodes, and that retype does join them (``policykg curate suggest``)."""

from __future__ import annotations

from click.testing import CliRunner
from fastapi.testclient import TestClient
from genre_texts import TEXTS

from policykg.api.main import create_app
from policykg.cli import main
from policykg.curate import decide, decision_fields
from policykg.graph.curation import Curation
from policykg.graph.curation_suggest import label_conflicts
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths
from policykg.settings import Settings


def test_a_name_read_as_a_program_and_as_a_goal_is_listed_and_the_retype_joins_them(tmp_path):
    # 北京's 2025 report builds 好房子 as a program (建设适应群众高品质生活的“好房子”), and so does 天津's; 安徽's closes a
    # sentence of housing measures with 用好的制度保障“好房子”建设, which the tagger reads as their Goal: two nodes of one name
    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, [TEXTS / f"gwr2025-{p}.txt" for p in ("北京", "天津", "安徽")], progress=False).failed
    conflicts = {c["key"]: c for c in label_conflicts(store)}
    found = conflicts["好房子"]
    assert [(n["id"], n["doc_count"]) for n in found["nodes"]] == [("Program:好房子", 2), ("Goal:好房子", 1)]
    assert found["retype"] == [{"node": "Goal:好房子", "to": "Program"}]
    out = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "data"), "curate", "suggest"]).output
    assert "Program:好房子 (2 documents) / Goal:好房子 (1 document)\n    policykg curate retype Goal:好房子 Program" in out
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=store)) as client:
        answer = client.get("/curation/suggestions", params={"limit": 50}).json()
    assert answer["total"] == len(conflicts) and found in answer["suggestions"]
    # the pairs a document names as one are there too, as the store holds them
    from policykg.graph.curation_suggest import named_apart

    apart = named_apart(store)
    assert answer["named_apart"] == {"total": len(apart), "suggestions": apart[:50]}
    decide(store, Curation(tmp_path / "curation.toml"), decision_fields("retype", node="Goal:好房子", to="Program",
                                                                        store=store))
    assert "好房子" not in {c["key"] for c in label_conflicts(store)}
    assert store.get_node("Program:好房子")["node"]["doc_count"] == 3
    store.close()
