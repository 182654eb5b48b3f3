"""Render neighbourhoods (pyvis) and the overview page as self-contained HTML."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from policykg.graph.export import FORMATS
from policykg.graph.store import unlinked

__all__ = ["ASSETS", "LABEL_STYLE", "asset", "render_explore", "render_overview", "render_view", "safe_json"]

# Colour and shape per node label.
LABEL_STYLE: dict[str, dict[str, str]] = {
    "Document": {"color": "#8d6e63", "shape": "box"},
    "Section": {"color": "#b0bec5", "shape": "square"},
    "Body": {"color": "#1e88e5", "shape": "dot"},
    "Program": {"color": "#e53935", "shape": "diamond"},
    "Goal": {"color": "#43a047", "shape": "star"},
}
#: What the explorer calls each export format in a node's panel (every format ``/export`` writes).
EXPORT_NAMES = {"graphml": "GraphML", "gexf": "GEXF", "jsonl": "JSON Lines", "csv": "CSV (zip)",
                "neo4j-admin": "neo4j-admin (zip)"}
assert set(EXPORT_NAMES) == set(FORMATS)
_EDGE_COLOR = {"LEADS": "#1e88e5", "SERVES": "#43a047", "PART_OF": "#e53935", "CITES": "#8d6e63",
               "MENTIONS": "#cfd8dc", "HAS_SECTION": "#cfd8dc"}


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("policykg.viz", "templates"), autoescape=select_autoescape(["html"]))


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """Return (JavaScript, CSS) of vis-network as shipped inside the pyvis package."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def safe_json(value: Any) -> str:
    """JSON for embedding inside ``<script>``: ``<``, ``>`` and ``&`` are escaped as ``\\u003c`` etc."""
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


#: Characters of a stating sentence a tooltip shows before it cuts it with "…" (until session 45, 80 cut facts off:
#: the 保交房 edge of 天津 ended "…新建提升标准化菜市场9个，建成20…", its goal unread).
TOOLTIP_CHARS = 200


def _said(sentence: str) -> str:
    return "“" + (sentence if len(sentence) <= TOOLTIP_CHARS else sentence[:TOOLTIP_CHARS] + "…") + "”"


def _tooltip(node: dict[str, Any], mentions: dict[str, list[str]]) -> str:
    lines = [f"{node['label']}: {node.get('name', node['id'])}"]
    if node["label"] == "Section" and node.get("doc_id"):  # 一 2016年工作回顾 of which report? (a walkthrough, session 50)
        lines.append(f"in {node['doc_id'].partition(':')[2]}")
    if node.get("aliases"):
        lines.append("aliases: " + "；".join(node["aliases"][:8]))
    if node.get("doc_count"):
        lines.append(f"documents: {node['doc_count']}, mentions: {node.get('mention_count', 0)}")
    for s in mentions.get(node["id"], [])[:2]:
        lines.append(_said(s))
    return "\n".join(lines)


def build_network(subgraph: dict[str, Any], centre: str | None = None) -> Network:
    """Build a pyvis ``Network`` from ``{"nodes": [...], "edges": [...]}`` (plain text titles).

    Nodes are coloured and shaped by label (:data:`LABEL_STYLE`), edges
    labelled by relationship type; a node's tooltip holds its aliases and first mentions (or, for a node the
    view reached by a fact, the sentences stating it), an edge's its document and the first two sentences that
    state it (a lead heading and the sentence under it; until session 44 the heading alone), with how many more.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    mentioned: dict[str, list[str]] = {}  # a node's own mentions (the centre's, in a neighbourhood)
    stated: dict[str, list[str]] = {}  # the sentences of the facts that reach a node
    for e in subgraph["edges"]:
        for end in [e["target"]] if e["type"] == "MENTIONS" else [e["source"], e["target"]]:
            (mentioned if e["type"] == "MENTIONS" else stated).setdefault(end, []).extend(e.get("sentences", []))
    sentences = {n: mentioned.get(n) or list(dict.fromkeys(stated.get(n, []))) for n in {*mentioned, *stated}}
    for n in subgraph["nodes"]:
        style = LABEL_STYLE.get(n["label"], {"color": "#9e9e9e", "shape": "dot"})
        name = str(n.get("name") or n["id"])
        if n["label"] == "Section" and n.get("doc_id"):  # 33 sections of one Body's view all read （导语）: of which report?
            stem = n["doc_id"].partition(":")[2]  # (a walkthrough, session 55)
            name = f"{stem if len(stem) <= 12 else stem[:11] + '…'} {name}"
        net.add_node(n["id"], label=name if len(name) <= 24 else name[:23] + "…", title=_tooltip(n, sentences),
                     color=style["color"], shape=style["shape"], size=30 if n["id"] == centre else 16,
                     group=n["label"], borderWidth=3 if n["id"] == centre else 1)
        net.nodes[-1]["color"] = style["color"]  # pyvis drops the colour of a node given a group; vis would draw its own
    drawn: dict[frozenset[str], int] = {}  # edges drawn so far between two nodes
    for e in subgraph["edges"]:
        stating = e.get("sentences", [])  # a lead heading and the sentence under it state a fact together (rule 13)
        said = [_said(t) for t in stating[:2]]
        said += [f"(+{len(stating) - 2} more)"] if len(stating) > 2 else []
        # the same fact stated by several documents is one edge each: all but the first bend, each further out, so
        # that every one is seen and its tooltip reached (straight, 4 SERVES of 保交房 were one line, one tooltip)
        pair = frozenset((e["source"], e["target"]))
        k = drawn[pair] = drawn.get(pair, -1) + 1
        bend = {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15 * k}} if k else {}
        net.add_edge(e["source"], e["target"], label=e["type"], color=_EDGE_COLOR.get(e["type"], "#9e9e9e"), arrows="to",
                     title="\n".join([f"{e['type']}" + (f" ({e['doc_id'].partition(':')[2]})" if e.get("doc_id") else ""),
                                       *said]), **bend)
    return net


def render_view(subgraph: dict[str, Any], title: str, centre: str | None = None, served: bool = True) -> str:
    """Render a neighbourhood as a self-contained HTML page (no CDN).

    Args:
        subgraph: ``{"nodes": [...], "edges": [...], "truncated": bool}`` from a store.
        title: page heading (escaped).
        centre: id of the node the neighbourhood is about (drawn larger).
        served: the page is served by the API; a page written to a file (``policykg view -o``) has no link to the
            overview nor double-click to another node's view, which only a server answers.

    Returns:
        The HTML text.
    """
    net = build_network(subgraph, centre)
    nodes, edges, *_ = net.get_network_data()
    options = {"interaction": {"hover": True, "navigationButtons": False},
               "physics": {"stabilization": {"iterations": 150}, "barnesHut": {"springLength": 140}},
               "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
               "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, Microsoft YaHei, sans-serif"}}}
    js, css = vis_assets()
    hidden_paths = unlinked(subgraph, centre)  # drawn unlinked, unexplained before (session 50)
    return _env().get_template("view.html").render(
        title=title, nodes_json=safe_json(nodes), edges_json=safe_json(edges), options_json=safe_json(options),
        vis_js=js, vis_css=css, legend=LABEL_STYLE, truncated=subgraph.get("truncated", False),
        node_count=len(nodes), edge_count=len(edges), centre=centre, served=served, unlinked=hidden_paths)


#: Files the explorer loads from ``/assets/``: name -> (media type, where it lives).
ASSETS = {
    "explore.js": "application/javascript",
    "common.js": "application/javascript",
    "panel.js": "application/javascript",
    "explore.css": "text/css",
    "vis-network.min.js": "application/javascript",
    "vis-network.css": "text/css",
    "chart.umd.min.js": "application/javascript",  # Chart.js 4.6.1 (MIT), vendored from npm for offline use
    "diffusion.js": "application/javascript",
    "curate.js": "application/javascript",
    "sentences.js": "application/javascript",
    "reader.js": "application/javascript",
    "cypher.js": "application/javascript",
    "search.js": "application/javascript",
    "filters.js": "application/javascript",
    "edges.js": "application/javascript",
    "viewstate.js": "application/javascript",
}


@lru_cache(maxsize=16)
def asset(name: str) -> tuple[bytes, str]:
    """Return ``(content, media type)`` of an explorer asset: ours from ``viz/static``, vis-network from pyvis.

    Raises:
        KeyError: not an asset of the explorer.
    """
    media = ASSETS[name]
    if name.startswith("vis-network"):
        path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name
    else:
        path = Path(__file__).parent / "static" / name
    return path.read_bytes(), media


def render_explore(starters: list[dict[str, Any]], documents: list[dict[str, Any]], labels: tuple[str, ...],
                   types: tuple[str, ...], curation: bool = True, entities: dict[str, int] | None = None,
                   scope: dict[str, Any] | None = None) -> str:
    """Render the explorer page (``/explore``); its data travels as JSON inside a non-executed script element.

    Args:
        starters: entities to offer before any search (node dicts with id, label, name, doc_count).
        documents: source documents (id, title, year, place, level) for the document and year filters and the
            names the pages give documents.
        labels, types: the schema's node labels and relationship types.
        curation: the server takes curation decisions (``POLICYKG_API_KEY`` is set); without, the page offers no key
            field and no decision controls (they had appeared for any key typed, and every preview answered 403: an
            explorer walkthrough, session 57).
        entities: the store's entities by label (``{"Program": 776, …, "Document": 24}``, a cited document's label
            among them), which the status line counts before any focus (it read "0 nodes, 0 edges shown": session 71).
        scope: the ``documents=`` the address asks (``{"patterns", "ids", "error"}``: the patterns, the ids of the
            loaded documents they match, the refusal of a pattern matching none), whose edges alone are drawn.
    """
    config = {
        "labels": {lb: LABEL_STYLE[lb] for lb in labels},
        "types": list(types),
        "edgeColors": _EDGE_COLOR,
        "defaults": {"labels": [lb for lb in labels if lb != "Section"], "types": ["LEADS", "SERVES", "PART_OF", "CITES"]},
        "starters": [{k: n.get(k) for k in ("id", "label", "name", "doc_count")} for n in starters],
        "documents": [{k: d.get(k) for k in ("id", "title", "year", "place", "level")} for d in documents],
        "curation": curation,
        "entities": dict(entities or {}),
        "scope": scope,
        # a node's panel links its neighbourhood in each format /export writes
        "exportFormats": [{"format": f, "name": EXPORT_NAMES[f]} for f in FORMATS],
    }
    return _env().get_template("explore.html").render(config_json=safe_json(config), curation=curation)


def render_overview(stats: dict[str, Any], top: dict[str, list[dict[str, Any]]], documents: list[dict[str, Any]]
                    ) -> str:
    """Render the overview page: counts, the entities of each label in the most documents (linked to their views), documents."""
    return _env().get_template("overview.html").render(stats=stats, top=top, documents=documents, legend=LABEL_STYLE)
