"""Export the graph (or a neighbourhood) as GraphML, GEXF, CSV, JSON Lines or neo4j-admin CSV.

Every writer takes node dicts and edge dicts as the stores return them
(``iter_nodes``/``iter_edges`` or a :class:`~policykg.graph.store.Subgraph`).

Formats
-------
``graphml``, ``gexf``  one file for Gephi and networkx.  Node attributes:
    ``label`` (the display name, as Gephi expects), ``node_label`` (Body,
    Program, …), ``doc_count``, ``mention_count`` and the other properties;
    edge attributes ``label`` and ``rel_type`` (the relationship type),
    ``doc_id``, ``count`` and the provenance lists.  List values are JSON
    text (``["红色物业创建"]``); a Section's character offsets are ``start``/``end`` as in every other format,
    but ``char_start``/``char_end`` in GEXF, whose node elements' ``start`` and ``end`` are the node's lifetime
    (GEXF 1.3 dynamics: networkx writes such keys as them and Gephi would read a section as living from time 1821
    to 2326); a Section's depth is ``outline_level`` in every format, as
    stored (a Document's ``level`` is 国, 省…); an attribute holding values of several types is written as text
    throughout, so networkx and Gephi read every file back.  Chinese is written as is (UTF-8).
``csv``          a folder with ``nodes.csv`` (``id``, ``label``, ``name``, …) and
    ``edges.csv`` (``source``, ``target``, ``type``, ``doc_id``, …); lists as JSON text; UTF-8 with a byte
    order mark, so Excel shows the Chinese.
``jsonl``        one file; a line per node (``{"record": "node", "id", "label", …}``)
    then per edge (``{"record": "edge", "source", "target", "type", …}``).
``neo4j-admin``  a folder of CSV files ``neo4j-admin database import full`` reads
    (``nodes_<Label>.csv`` with ``id:ID`` and ``:LABEL``, ``relationships_<TYPE>.csv``
    with ``:START_ID``, ``:END_ID``, ``:TYPE``), arrays and labels split by U+001F,
    text always quoted (``""`` is an empty string, an empty field no property), and
    ``import-command.txt`` with the commands to run (:func:`neo4j_admin_command`).  The imported graph has the
    same shape as one written by ``Neo4jStore`` (every node also labelled ``Node``).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .export_neo4j_admin import ARRAY_DELIMITER, neo4j_admin_command, write_neo4j_admin
from .export_scope import Within, recounted
from .search import search_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ARRAY_DELIMITER", "FILE_FORMATS", "FORMATS", "ExportGraph", "export_bytes", "neo4j_admin_command",
           "store_graph", "to_networkx", "write_export"]

FORMATS = ("graphml", "gexf", "csv", "jsonl", "neo4j-admin")
#: The formats written as one file, named by their extension (the others write a folder).
FILE_FORMATS = ("graphml", "gexf", "jsonl")
#: GEXF's names for properties whose own names GEXF reserves: a node's or edge's ``start`` and ``end`` are its
#: lifetime there (GEXF 1.3 dynamics), not character offsets.  GraphML reserves neither, so it keeps the stored names.
_GEXF_RENAME = {"start": "char_start", "end": "char_end"}


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_networkx(nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]], fmt: str = "graphml"
                ) -> nx.MultiDiGraph:
    """Return a ``MultiDiGraph`` with the flat, Gephi-ready attributes described in the module docstring.

    Args:
        nodes, edges: node and edge dicts as the stores return them.
        fmt: ``graphml`` or ``gexf``, the file the graph is for: for ``gexf`` a Section's ``start``/``end`` are
            named ``char_start``/``char_end`` (GEXF's ``start``/``end`` are a lifetime).

    Returns:
        The graph; edge keys are ``"<type>|<doc_id>"`` (unique between two nodes, as in the stores).
    """
    import networkx as nx  # here, not at import: the command line reads FORMATS without it

    rename = _GEXF_RENAME if fmt == "gexf" else {}
    g = nx.MultiDiGraph()
    for n in nodes:
        attrs = {rename.get(k, k): _flat(v) for k, v in n.items() if k not in ("id", "label") and v is not None}
        g.add_node(n["id"], label=str(n.get("name") or n["id"]), node_label=n["label"], **attrs)
    for e in edges:
        attrs = {rename.get(k, k): _flat(v) for k, v in e.items()
                 if k not in ("source", "target", "type", "label") and v is not None}
        g.add_edge(e["source"], e["target"], key=f"{e['type']}|{e.get('doc_id', '')}", label=e["type"],
                   rel_type=e["type"], **attrs)
    _one_type_per_attribute(g.nodes.values())
    _one_type_per_attribute(d for _u, _v, d in g.edges(data=True))
    return g


def _one_type_per_attribute(records: Iterable[dict[str, Any]]) -> None:
    """Write an attribute that holds values of several types (an int here, text there) as text everywhere.

    GraphML and GEXF declare one type per attribute; networkx declares the first value's and its reader then fails
    on the others (``invalid literal for int()``), and so does Gephi.
    """
    records = list(records)
    types: dict[str, set[type]] = {}
    for r in records:
        for k, v in r.items():
            types.setdefault(k, set()).add(type(v))
    mixed = {k for k, t in types.items() if len(t - {bool}) > 1 or (bool in t and len(t) > 1)}
    for r in records:
        for k in mixed & r.keys():
            r[k] = str(r[k])


def _csv_rows(rows: list[dict[str, Any]], first: list[str]) -> tuple[list[str], list[list[Any]]]:
    columns = first + sorted({k for r in rows for k in r} - set(first))
    return columns, [[_flat(r.get(c)) if r.get(c) is not None else "" for c in columns] for r in rows]


def _write_csv(path: Path, columns: list[str], rows: list[list[Any]]) -> None:
    # UTF-8 with a byte order mark: Excel reads a CSV without one in the system's code page (Chinese garbled);
    # Python's csv reads it with encoding="utf-8-sig", pandas and LibreOffice by themselves
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        w.writerows(rows)


def write_export(nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]], fmt: str, out: Path
                 ) -> list[Path]:
    """Write the graph in ``fmt`` to ``out`` (a file for graphml/gexf/jsonl, a folder for csv/neo4j-admin).

    Returns:
        The paths written.

    Raises:
        ValueError: unknown format, or a value holds the neo4j-admin array delimiter.
        OSError: ``out`` cannot be written.
    """
    nodes, edges = list(nodes), list(edges)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt in ("graphml", "gexf"):
        out.parent.mkdir(parents=True, exist_ok=True)
        import networkx as nx

        g = to_networkx(nodes, edges, fmt)
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, out, encoding="utf-8")
        return [out]
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for n in nodes:
                f.write(json.dumps({"record": "node", **n}, ensure_ascii=False) + "\n")
            for e in edges:
                f.write(json.dumps({"record": "edge", **e}, ensure_ascii=False) + "\n")
        return [out]
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        _write_csv(out / "nodes.csv", *_csv_rows(nodes, ["id", "label", "name"]))
        _write_csv(out / "edges.csv", *_csv_rows(edges, ["source", "target", "type", "doc_id"]))
        return [out / "nodes.csv", out / "edges.csv"]
    return write_neo4j_admin(nodes, edges, out)


_MEDIA = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "jsonl": "application/x-ndjson",
          "csv": "application/zip", "neo4j-admin": "application/zip"}
_SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "jsonl": ".jsonl", "csv": "-csv.zip", "neo4j-admin": "-neo4j-admin.zip"}


def export_bytes(nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]], fmt: str, stem: str = "policykg"
                 ) -> tuple[bytes, str, str]:
    """Return ``(content, media type, file name)`` of an export; folder formats come zipped.

    Raises:
        ValueError: unknown format.
    """
    import tempfile

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "export"
        paths = write_export(nodes, edges, fmt, target)
        if fmt in ("csv", "neo4j-admin"):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                for p in paths:
                    z.write(p, p.name)
            data = buf.getvalue()
        else:
            data = paths[0].read_bytes()
    return data, _MEDIA[fmt], stem + _SUFFIX[fmt]


def _with_section_documents(store: Any, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]
                            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Add to a neighbourhood the outline above each of its Sections, up to the source Document.

    A depth-1 neighbourhood of an entity holds the Sections that mention it but not their Documents (two hops or more
    away), so a reader of the file could not tell which document a section is from (a review, session 60).  A
    Section's ``HAS_SECTION`` comes from its Document only at the outline's first level, from the enclosing Section
    below it, so the enclosing Sections come too: the file then holds the outline's own path, not an invented edge.

    Args:
        store: the :class:`~policykg.graph.store.GraphStore` the neighbourhood came from.
        nodes, edges: the neighbourhood's node and edge dicts.

    Returns:
        ``(nodes, edges)``: those given, then the Documents and enclosing Sections they lacked, and the
        ``HAS_SECTION`` relationships above their Sections, each once.
    """
    have = {n["id"] for n in nodes}
    keys = {(e["source"], e["target"], e["type"], e.get("doc_id", "")) for e in edges}
    nodes, edges = list(nodes), list(edges)
    frontier = sorted(n["id"] for n in nodes if n["label"] == "Section")
    while frontier:
        below = set(frontier)
        # _incident, as graph/sentence_rows.py reads sections: one query per outline level, not one per section
        above = [e for e in store._incident(frontier, ["HAS_SECTION"]) if e["target"] in below]
        new_ids = sorted({e["source"] for e in above} - have)
        fetched = store._nodes(new_ids)
        nodes += [fetched[i] for i in new_ids if i in fetched]
        have |= set(fetched)
        for e in sorted(above, key=lambda e: (e["source"], e["target"])):
            key = (e["source"], e["target"], e["type"], e.get("doc_id", ""))
            if key not in keys and e["source"] in have:
                keys.add(key)
                edges.append(e)
        frontier = [i for i in new_ids if fetched.get(i, {}).get("label") == "Section"]
    return nodes, edges


class ExportGraph(NamedTuple):
    """What :func:`store_graph` exports: node and edge records, and whether the neighbourhood was cut at its node
    limit (nearest nodes kept; always false for the whole graph)."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool = False


def store_graph(store: Any, node: str | None = None, depth: int = 1, limit: int = 2000, fmt: str = "",
                labels: list[str] | None = None, types: list[str] | None = None,
                within: frozenset[str] | None = None) -> ExportGraph:
    """Nodes and edges to export: the whole graph, or the neighbourhood of ``node``.

    Args:
        store: a :class:`~policykg.graph.store.GraphStore`.
        node: centre of a neighbourhood, or ``None`` for the whole graph.
        depth, limit: of the neighbourhood (see ``GraphStore.neighbourhood``).  A neighbourhood also holds, in
            every format and beyond ``limit``, the Document of each of its Sections and the enclosing Sections
            between them, with the ``HAS_SECTION`` relationships joining them (:func:`_with_section_documents`).
        fmt: the export format the nodes are for: ``jsonl`` and ``neo4j-admin`` add each source document's
            ``text`` (the mentions' and sentences' offsets index it; a ``jsonl`` neighbourhood also holds the source
            documents its relationships come from, which lie two hops or more from any entity, so every offset in
            it indexes a text it holds),
            ``neo4j-admin`` each entity's ``aliases_text`` too (the properties ``Neo4jStore`` keeps).
        labels, types: of the neighbourhood, as ``GraphStore.neighbourhood`` takes them (its nodes of these labels,
            its relationships of these types); the whole graph takes neither.
        within: ids of source documents: what they state alone, their entities counted in them
            (:mod:`.export_scope`); ``None``: every document.

    Returns:
        An :class:`ExportGraph`; its ``truncated`` says the neighbourhood had more than ``limit`` nodes (a walkthrough,
        session 54: a depth-3 export of Body:中央 wrote the 2,000 nodes of depth 2 and said nothing).

    Raises:
        NotFoundError: ``node`` is not in the store.
        ValueError: depth or limit out of range; ``labels`` or ``types`` without ``node``.
    """
    truncated = False
    if within is not None:
        store = Within(store, within)
    if node is None and (labels or types):
        raise ValueError("labels and types choose within a node's neighbourhood: give a node too, or leave them out "
                         "to export the whole graph")
    if node is None:
        nodes, edges = list(store.iter_nodes()), list(store.iter_edges())
    else:
        sg = store.neighbourhood(node, depth, labels, types, limit)
        nodes, edges, truncated = sg.nodes, sg.edges, bool(sg.truncated)
        nodes, edges = _with_section_documents(store, nodes, edges)
        if fmt == "jsonl":  # the source documents the facts' offsets index (two hops or more from any entity)
            have = {n["id"] for n in nodes}
            cited = {e["doc_id"] for e in edges if e.get("doc_id")} | {n["doc_id"] for n in nodes if n.get("doc_id")}
            nodes = nodes + [store.get_node(d)["node"] for d in sorted(cited - have)]
    if within is not None:
        nodes = recounted(store, nodes, within)
    if fmt in ("jsonl", "neo4j-admin"):
        for n in nodes:
            if n.get("kind") == "source":
                n["text"] = store.document_text(n["id"])
            elif fmt == "neo4j-admin" and "aliases" in n:
                n["aliases_text"] = search_text(n["name"], n["aliases"])
    return ExportGraph(nodes, edges, truncated)
