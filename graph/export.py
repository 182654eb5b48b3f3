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

from .export_scope import Within, recounted
from .search import search_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FILE_FORMATS", "FORMATS", "ExportGraph", "export_bytes", "neo4j_admin_command", "store_graph", "to_networkx",
           "write_export"]

FORMATS = ("graphml", "gexf", "csv", "jsonl", "neo4j-admin")
#: The formats written as one file, named by their extension (the others write a folder).
FILE_FORMATS = ("graphml", "gexf", "jsonl")
ARRAY_DELIMITER = "\x1f"
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


_NEO4J_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _neo4j_column(name: str, values: list[Any]) -> str:
    """Header of one neo4j-admin column: ``name:long``, ``name:string[]`` … from the values it holds."""
    sample = next((v for v in values if v is not None and v != []), "")
    if isinstance(sample, list):
        inner = next((x for v in values if isinstance(v, list) for x in v), "")
        return f"{name}:{_NEO4J_TYPES.get(type(inner), 'string')}[]"
    return f"{name}:{_NEO4J_TYPES.get(type(sample), 'string')}"


def _neo4j_cell(value: Any, where: str) -> Any:
    """One neo4j-admin value: ``None`` (no property), a number, or text (arrays joined by U+001F)."""
    if value is None or value == []:
        return None  # the importer stores no property for an empty field; Neo4jStore reads a missing list as []
    if isinstance(value, list):
        cells = [str(x).lower() if isinstance(x, bool) else str(x) for x in value]
        if any(ARRAY_DELIMITER in c for c in cells):
            raise ValueError(f"{where}: a value holds the array delimiter U+001F")
        return ARRAY_DELIMITER.join(cells)
    return str(value).lower() if isinstance(value, bool) else value


def _neo4j_line(cells: list[Any]) -> str:
    """One CSV line as neo4j-admin reads it: text always quoted (so ``""`` is an empty string, and
    leading spaces, commas, quotes and line breaks survive), numbers bare, an empty field for no value."""
    out = []
    for c in cells:
        if c is None:
            out.append("")
        elif isinstance(c, int | float):
            out.append(repr(c))
        else:
            out.append('"' + str(c).replace('"', '""') + '"')
    return ",".join(out) + "\n"


#: neo4j-admin's default --read-buffer-size (bytes): it must hold the largest single value.
_READ_BUFFER = 4 * 1024 * 1024


def _write_neo4j_admin(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    largest = 0

    def write(path: Path, header: list[str], body: list[list[Any]]) -> None:
        nonlocal largest
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(",".join(header) + "\n")  # header fields are plain names:types, never quoted
            for cells in body:
                largest = max([largest, *(len(str(c).encode("utf-8")) for c in cells if isinstance(c, str))])
                f.write(_neo4j_line(cells))
        written.append(path)

    by_label: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        by_label.setdefault(n["label"], []).append(n)
    for label, rows in sorted(by_label.items()):
        keys = sorted({k for r in rows for k in r} - {"id", "label"})
        header = ["id:ID", *[_neo4j_column(k, [r.get(k) for r in rows]) for k in keys], ":LABEL"]
        # :LABEL is split like an array, by the --array-delimiter given to the importer; Node first, so the importer
        # makes its label token first and labels(n) reads ['Node', label] as in a store policykg wrote (Neo4j orders
        # a node's labels by token id: a review, session 57)
        write(out / f"nodes_{label}.csv", header,
              [[r["id"], *[_neo4j_cell(r.get(k), r["id"]) for k in keys], f"Node{ARRAY_DELIMITER}{label}"]
               for r in rows])
    by_type: dict[str, list[dict[str, Any]]] = {}
    for e in edges:
        by_type.setdefault(e["type"], []).append(e)
    for rel_type, rows in sorted(by_type.items()):
        keys = sorted({k for r in rows for k in r} - {"source", "target", "type"})
        header = [":START_ID", *[_neo4j_column(k, [r.get(k) for r in rows]) for k in keys], ":END_ID", ":TYPE"]
        write(out / f"relationships_{rel_type}.csv", header,
              [[r["source"], *[_neo4j_cell(r.get(k), r["source"]) for k in keys], r["target"], rel_type]
               for r in rows])
    command = out / "import-command.txt"
    command.write_text(neo4j_admin_command([p.name for p in written], largest), encoding="utf-8")
    return [*written, command]


def neo4j_admin_command(files: list[str], largest_value_bytes: int = 0, database: str = "neo4j") -> str:
    """The commands that import an export folder into Neo4j 5 (the text of ``import-command.txt``).

    Args:
        files: the CSV file names (``nodes_*.csv``, ``relationships_*.csv``).
        largest_value_bytes: UTF-8 size of the largest value; above 4 MiB a ``--read-buffer-size`` is added.
        database: the database to (re)create.

    Returns:
        Shell lines with comments: stop Neo4j, import (replacing the database), start, create the
        constraint and indexes (``policykg --store neo4j`` also creates them when it connects).
    """
    nodes = [f"--nodes={f}" for f in files if f.startswith("nodes_")]
    rels = [f"--relationships={f}" for f in files if f.startswith("relationships_")]
    options = ['--array-delimiter="U+001F"', "--multiline-fields=true", "--overwrite-destination=true"]
    if largest_value_bytes + 1024 > _READ_BUFFER:
        options.append(f"--read-buffer-size={largest_value_bytes + 1024 * 1024}")
    from .cypher import CONSTRAINTS

    return "\n".join([
        "# Neo4j 5: run in this folder on the Neo4j server, with Neo4j stopped.",
        "# --overwrite-destination replaces the database; --multiline-fields because document texts hold line breaks.",
        "neo4j stop",
        f"neo4j-admin database import full {database} " + " ".join([*options, *nodes, *rels]),
        "neo4j start",
        "# then, in cypher-shell (policykg --store neo4j creates them too when it connects):",
        *(f"# {stmt};" for stmt in CONSTRAINTS),
    ]) + "\n"


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
    return _write_neo4j_admin(nodes, edges, out)


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
