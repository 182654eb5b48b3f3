"""Sections in exports: their offsets' names per format, and their documents in a neighbourhood export."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from policykg.graph.export import FORMATS, store_graph, write_export

CENTRE = "Program:红色物业"  # named in 001 (a first-level section) and 002 (a second-level one, 3.3)


def _has_section_path(nodes: dict[str, dict], edges: list[dict], section: str) -> list[str]:
    """The ids from a Section up to the node with no HAS_SECTION above it, through the edges given."""
    parent = {e["target"]: e["source"] for e in edges if e["type"] == "HAS_SECTION"}
    path = [section]
    while path[-1] in parent:
        path.append(parent[path[-1]])
        assert path[-1] in nodes, path
    return path


def test_a_neighbourhood_export_holds_each_sections_document_and_the_outline_between(seeded):
    """A review (session 60): a depth-1 export of an entity held the Sections that mention it but not their Documents,
    so a reader of the file could not tell which document a section is from."""
    nodes, edges, _ = store_graph(seeded, CENTRE, 1)
    by_id = {n["id"]: n for n in nodes}
    sections = [n for n in nodes if n["label"] == "Section"]
    assert len(sections) >= 3 and any(n["outline_level"] >= 2 for n in sections)
    for s in sections:
        path = _has_section_path(by_id, edges, s["id"])
        assert path[-1] == s["doc_id"] and by_id[s["doc_id"]]["kind"] == "source", path
    assert {e["source"] for e in edges} | {e["target"] for e in edges} <= set(by_id)  # neo4j-admin needs both ends
    assert len({(e["source"], e["target"], e["type"], e["doc_id"]) for e in edges}) == len(edges)
    # the outline's own path, no invented edge: every HAS_SECTION written is one the store holds
    stored = {(e["source"], e["target"]) for e in seeded.iter_edges(["HAS_SECTION"])}
    assert {(e["source"], e["target"]) for e in edges if e["type"] == "HAS_SECTION"} <= stored


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "neo4j-admin"])
def test_a_neighbourhood_files_sections_name_their_documents(seeded, tmp_path, fmt):
    nodes, edges, _ = store_graph(seeded, CENTRE, 1, fmt=fmt)
    out = tmp_path / f"n.{fmt}"
    write_export(nodes, edges, fmt, out)
    if fmt in ("graphml", "gexf"):
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
        file_nodes = {n: {**d, "label": d["node_label"]} for n, d in g.nodes(data=True)}
        file_edges = [{"source": u, "target": v, "type": d["rel_type"]} for u, v, d in g.edges(data=True)]
    elif fmt == "csv":
        with (out / "nodes.csv").open(encoding="utf-8-sig") as f:
            file_nodes = {r["id"]: r for r in csv.DictReader(f)}
        with (out / "edges.csv").open(encoding="utf-8-sig") as f:
            file_edges = list(csv.DictReader(f))
    else:
        records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        file_nodes = {r["id"]: r for r in records if r["record"] == "node"}
        file_edges = [r for r in records if r["record"] == "edge"]
    sections = [i for i, n in file_nodes.items() if n["label"] == "Section"]
    assert sections, fmt
    for s in sections:
        top = _has_section_path(file_nodes, file_edges, s)[-1]
        assert file_nodes[top]["label"] == "Document" and top == file_nodes[s]["doc_id"], (fmt, s)


def test_section_offsets_are_start_and_end_but_in_gexf_whose_start_and_end_are_time(seeded, tmp_path):
    """GraphML called them char_start/char_end, as GEXF must (GEXF 1.3: a node's start and end are its lifetime),
    while CSV, JSON Lines and neo4j-admin call them start/end."""
    nodes, edges, _ = store_graph(seeded, CENTRE, 1)
    stored = {n["id"]: n for n in nodes if n["label"] == "Section"}
    texts = {d: seeded.document_text(d) for d in {n["doc_id"] for n in stored.values()}}
    write_export(nodes, edges, "graphml", tmp_path / "n.graphml")
    g = nx.read_graphml(tmp_path / "n.graphml")
    for sid, n in stored.items():
        d = g.nodes[sid]
        assert (d["start"], d["end"]) == (n["start"], n["end"]) and "char_start" not in d
        assert n["heading"] in texts[n["doc_id"]][d["start"]:d["end"]]
    write_export(nodes, edges, "gexf", tmp_path / "n.gexf")
    root = ET.parse(tmp_path / "n.gexf").getroot()
    graph = next(e for e in root.iter() if e.tag.endswith("}graph"))
    assert graph.get("mode") == "static"  # no lifetime: a section offset written as start made the graph dynamic
    assert not [e for e in root.iter() if e.tag.endswith("}node") and ("start" in e.attrib or "end" in e.attrib)]
    g = nx.read_gexf(tmp_path / "n.gexf")
    for sid, n in stored.items():
        d = g.nodes[sid]
        assert (int(d["char_start"]), int(d["char_end"])) == (n["start"], n["end"]) and "start" not in d
