"""A stand-in for a Neo4j server that knows exactly the statements of ``graph/cypher.py``.

It lets the Neo4j store's own code (row shaping, batching, deletion, aggregates,
search plumbing, error mapping) run through the behavioural suite without a
server.  Each statement constant has a handler implementing what the statement
means on a tiny in-memory graph; any other statement string fails the test (so
every statement the store sends must be a constant of ``graph/cypher.py``), and
a user's read-only query skips the test (this stand-in does not interpret Cypher).
Results are the driver's own ``neo4j.Record`` objects, errors are hydrated the
way the driver builds them from a server failure, and a write transaction is
all-or-nothing (the graph is copied, changed and swapped in at commit).

What it cannot show: that Neo4j accepts the statements and plans them as
intended, or how fast they run — that needs a live server (``NEO4J_URI``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import Neo4jError

from policykg.graph import cypher as Q
from policykg.graph.schema import ENTITY_LABELS, NODE_LABELS, REL_TYPES

Rows = list[dict[str, Any]]
_HIDDEN = ("text", "aliases_text")


class Graph:
    """Nodes ``id -> {"labels": set, "props": dict}`` and relationships (dicts with an ``rid``)."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.rels: list[dict[str, Any]] = []
        self.next_rid = 0
        self.txn = 0  # the last transaction committed (SHOW DATABASES' lastCommittedTxn)
        self.marks: dict[str, Any] = {}  # the PolicykgMark node's properties by key (CURATION_MARK)

    def detach_delete(self, nid: str) -> None:
        self.rels = [r for r in self.rels if nid not in (r["start"], r["end"])]
        self.nodes.pop(nid, None)


def _label(n: dict[str, Any]) -> str:
    return sorted(n["labels"] - {"Node"})[0]


def _pairs(n: dict[str, Any]) -> list[list[Any]]:
    return [[k, v] for k, v in n["props"].items() if k not in _HIDDEN]


def _node_row(nid: str, n: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "label": _label(n), "props": _pairs(n)}


def _fulltext_candidates(g: Graph, lucene: str) -> list[str]:
    """The cjk index: nodes of the indexed labels whose name or aliases_text hold every quoted ideograph pair of
    the query, or of one of its parenthesised groups joined by OR (``(A AND B) OR (C AND D)``)."""
    groups = [re.findall(r'"([^"]+)"', group) for group in (re.findall(r"\(([^()]*)\)", lucene) or [lucene])]
    out = []
    for nid, n in g.nodes.items():
        if not n["labels"] & {"Body", "Program", "Goal", "Document"}:
            continue
        texts = [n["props"].get("name") or "", n["props"].get("aliases_text") or ""]
        if any(all(any(t in x for x in texts) for t in terms) for terms in groups):
            out.append(nid)
    return out


def _search(g: Graph, ids: list[str], p: dict[str, Any]) -> Rows:
    """SEARCH: $lower ($q in small letters) in the name, an alias or a line of aliases_text before $keys, or $key in
    any of its lines, each made small by toLower; the nodes $q matches first."""
    q, low, key, hits = p["q"], p["lower"], p["key"], {}
    for nid in ids:
        n = g.nodes[nid]
        props = n["props"]
        if props.get("doc_count") is None or (p["label"] is not None and p["label"] not in n["labels"]):
            continue
        text = (props.get("aliases_text") or "").lower()  # toLower (Java's toLowerCase; str.lower agrees)
        written = text.split(p["keys"])[0].split(p["line"])
        if (low in props["name"].lower() or any(low in a.lower() for a in props.get("aliases") or [])
                or any(low in f for f in written)):
            hits[nid] = False
        elif key is not None and any(key in f for f in text.split(p["line"])):
            hits[nid] = True
    order = sorted(hits, key=lambda i: (hits[i], -g.nodes[i]["props"]["doc_count"], g.nodes[i]["props"]["name"] != q,
                                        -g.nodes[i]["props"].get("mention_count", 0), len(g.nodes[i]["props"]["name"]), i))
    return [_node_row(i, g.nodes[i]) for i in order[:p["limit"]]]


def _handlers() -> dict[str, Callable[[Graph, dict[str, Any]], Rows]]:
    h: dict[str, Callable[[Graph, dict[str, Any]], Rows]] = {}
    for stmt in Q.CONSTRAINTS:
        h[stmt] = lambda g, p: []
    h[Q.AWAIT_INDEXES] = lambda g, p: []

    h[Q.DOCUMENT_HASHES] = lambda g, p: [
        {"id": i, "hash": g.nodes[i]["props"].get("content_hash")} for i in p["ids"]
        if i in g.nodes and g.nodes[i]["props"].get("kind") == "source"]

    def touched(g: Graph, p: dict[str, Any]) -> Rows:
        ids = dict.fromkeys(r["end"] for r in g.rels if r["type"] == "MENTIONS" and r["props"].get("doc_id") in p["doc_ids"])
        return [{"ids": list(ids)}]
    h[Q.TOUCHED_BY_DOCUMENTS] = touched

    def delete_facts(t: str) -> Callable[[Graph, dict[str, Any]], Rows]:
        def run(g: Graph, p: dict[str, Any]) -> Rows:
            g.rels = [r for r in g.rels if not (r["type"] == t and r["props"].get("doc_id") in p["doc_ids"])]
            return []
        return run
    for t, stmt in zip(REL_TYPES, Q.DELETE_FACTS, strict=True):
        assert f":{t} " in stmt
        h[stmt] = delete_facts(t)

    def delete_nodes(pred: Callable[[dict[str, Any], dict[str, Any]], bool]) -> Callable[[Graph, dict[str, Any]], Rows]:
        def run(g: Graph, p: dict[str, Any]) -> Rows:
            for nid in [i for i, n in g.nodes.items() if pred(n, p)]:
                g.detach_delete(nid)
            return []
        return run
    h[Q.DELETE_SECTIONS] = delete_nodes(lambda n, p: "Section" in n["labels"] and n["props"].get("doc_id") in p["doc_ids"])
    h[Q.DELETE_SOURCES] = delete_nodes(lambda n, p: n["props"].get("kind") == "source" and n["props"]["id"] in p["doc_ids"])

    def source_write(g: Graph, p: dict[str, Any]) -> Rows:
        for row in p["rows"]:
            n = g.nodes.setdefault(row["id"], {"labels": {"Node"}, "props": {"id": row["id"]}})
            n["labels"].add("Document")
            n["props"] = dict(row["props"])
        return []
    h[Q.SOURCE_WRITE] = source_write

    def section_create(g: Graph, p: dict[str, Any]) -> Rows:
        for row in p["rows"]:
            if row["props"]["id"] in g.nodes:
                raise Neo4jError._hydrate_neo4j(code="Neo.ClientError.Schema.ConstraintValidationFailed",
                                                message=f"Node already exists with id {row['props']['id']}")
            g.nodes[row["props"]["id"]] = {"labels": {"Node", "Section"}, "props": dict(row["props"])}
        return []
    h[Q.SECTION_CREATE] = section_create

    def entity_merge(label: str) -> Callable[[Graph, dict[str, Any]], Rows]:
        def run(g: Graph, p: dict[str, Any]) -> Rows:
            for row in p["rows"]:
                if row["id"] not in g.nodes:
                    g.nodes[row["id"]] = {"labels": {"Node", label},
                                          "props": {"id": row["id"], **row["props"], "doc_count": 0}}
            return []
        return run
    for label, stmt in Q.ENTITY_MERGE.items():
        h[stmt] = entity_merge(label)

    def edge_create(t: str) -> Callable[[Graph, dict[str, Any]], Rows]:
        def run(g: Graph, p: dict[str, Any]) -> Rows:
            for row in p["rows"]:
                if row["source"] in g.nodes and row["target"] in g.nodes:
                    g.next_rid += 1
                    g.rels.append({"rid": g.next_rid, "type": t, "start": row["source"], "end": row["target"],
                                   "props": dict(row["props"])})
            return []
        return run
    for t, stmt in Q.EDGE_CREATE.items():
        h[stmt] = edge_create(t)

    h[Q.ENTITY_AGGREGATES] = lambda g, p: [
        {"id": i, **{k: g.nodes[i]["props"].get(k) for k in ("name", "kind", "aliases", "doc_count", "mention_count",
                                                               "merged_by", "curated_by")}}
        for i in p["ids"] if i in g.nodes]

    def mentions(g: Graph, p: dict[str, Any]) -> Rows:
        keys = ("doc_id", "count", "forms", "resolution", "curated_by")
        return [{"id": i, "name": g.nodes[i]["props"].get("name"), "kind": g.nodes[i]["props"].get("kind"),
                 "mentions": [{k: r["props"].get(k) for k in keys} for r in g.rels
                              if r["type"] == "MENTIONS" and r["end"] == i]}
                for i in p["ids"] if i in g.nodes]
    h[Q.ENTITY_MENTIONS] = mentions

    def aggregate_set(g: Graph, p: dict[str, Any]) -> Rows:
        for row in p["rows"]:
            if row["id"] in g.nodes:
                g.nodes[row["id"]]["props"].update({k: v for k, v in row.items() if k != "id"})
        return []
    h[Q.AGGREGATE_SET] = aggregate_set

    def unmentioned(g: Graph, p: dict[str, Any]) -> Rows:
        for i in p["ids"]:
            n = g.nodes.get(i)
            if n and n["props"].get("kind") != "source" and not any(
                    r["type"] == "MENTIONS" and r["end"] == i for r in g.rels):
                g.detach_delete(i)
        return []
    h[Q.DELETE_UNMENTIONED] = unmentioned

    h[Q.NODES_BY_ID] = lambda g, p: [_node_row(i, g.nodes[i]) for i in p["ids"] if i in g.nodes]

    def incident(g: Graph, p: dict[str, Any]) -> Rows:
        out, seen = [], set()
        for i in p["ids"]:
            for r in g.rels:
                if i in (r["start"], r["end"]) and (p["types"] is None or r["type"] in p["types"]) and r["rid"] not in seen:
                    seen.add(r["rid"])
                    out.append({"rid": str(r["rid"]), "source": r["start"], "target": r["end"], "type": r["type"],
                                "props": dict(r["props"])})
        return out
    h[Q.INCIDENT] = incident
    h[Q.JOIN_EDGES] = lambda g, p: [
        {"source": r["start"], "target": r["end"], "type": r["type"], "props": dict(r["props"])} for r in g.rels
        if {r["start"], r["end"]} & set(p["ids"]) and (p["doc_ids"] is None or r["props"].get("doc_id") in p["doc_ids"])]

    def edge_delete(t: str) -> Callable[[Graph, dict[str, Any]], Rows]:
        def run(g: Graph, p: dict[str, Any]) -> Rows:
            keys = {(row["source"], row["target"], row["doc_id"]) for row in p["rows"]}
            g.rels = [r for r in g.rels if r["type"] != t or (r["start"], r["end"], r["props"].get("doc_id")) not in keys]
            return []
        return run
    for t, stmt in Q.EDGE_DELETE.items():
        h[stmt] = edge_delete(t)

    def hashes_set(g: Graph, p: dict[str, Any]) -> Rows:
        for row in p["rows"]:
            if row["id"] in g.nodes and g.nodes[row["id"]]["props"].get("kind") == "source":
                g.nodes[row["id"]]["props"].update(row["hashes"])
        return []
    h[Q.DOCUMENT_HASHES_SET] = hashes_set
    h[Q.SEARCH] = lambda g, p: _search(g, _fulltext_candidates(g, p["lucene"]), p)
    h[Q.SEARCH_SCAN] = lambda g, p: _search(g, [i for i in g.nodes if _label(g.nodes[i]) in ENTITY_LABELS], p)
    h[Q.ALL_NODES] = lambda g, p: [_node_row(i, g.nodes[i]) for i in sorted(g.nodes)
                                   if p["labels"] is None or _label(g.nodes[i]) in p["labels"]]
    h[Q.ALL_EDGES] = lambda g, p: [{"source": r["start"], "target": r["end"], "type": r["type"], "props": dict(r["props"])}
                                   for r in g.rels if p["types"] is None or r["type"] in p["types"]]

    def clear(g: Graph, p: dict[str, Any]) -> Rows:
        g.nodes.clear()
        g.rels.clear()
        return []
    h[Q.CLEAR_ALL] = clear

    def stats_nodes(g: Graph, p: dict[str, Any]) -> Rows:  # one count per schema label, zeros included
        counts = dict.fromkeys(NODE_LABELS, 0)
        for n in g.nodes.values():
            counts[_label(n)] += 1
        return [{"key": k, "n": v} for k, v in counts.items()]
    h[Q.STATS_NODES] = stats_nodes

    def stats_rels(g: Graph, p: dict[str, Any]) -> Rows:  # one count per schema type, zeros included
        counts = dict.fromkeys(REL_TYPES, 0)
        for r in g.rels:
            counts[r["type"]] += 1
        return [{"key": k, "n": v} for k, v in counts.items()]
    h[Q.STATS_RELS] = stats_rels
    h[Q.DOCUMENTS] = lambda g, p: [{"id": i, "label": "Document", "props": _pairs(g.nodes[i])} for i in sorted(g.nodes)
                                   if "Document" in g.nodes[i]["labels"] and g.nodes[i]["props"].get("kind") == "source"]
    h[Q.DOCUMENT_SECTIONS] = lambda g, p: [_node_row(i, n) for i, n in g.nodes.items()
                                           if "Section" in n["labels"] and n["props"].get("doc_id") == p["doc_id"]]

    def document_edges(t: str) -> Callable[[Graph, dict[str, Any]], Rows]:
        def run(g: Graph, p: dict[str, Any]) -> Rows:
            return [{"source": r["start"], "target": r["end"], "props": dict(r["props"])} for r in g.rels
                    if r["type"] == t and r["props"].get("doc_id") == p["doc_id"]]
        return run
    for t, stmt in Q.DOCUMENT_EDGES.items():
        h[stmt] = document_edges(t)
    h[Q.DOCUMENT_TEXT] = lambda g, p: [{"text": g.nodes[p["doc_id"]]["props"].get("text")}] if (
        p["doc_id"] in g.nodes and g.nodes[p["doc_id"]]["props"].get("kind") == "source") else []
    def sentence_documents(g: Graph, p: dict[str, Any]) -> Rows:
        terms = re.findall(r'"([^"]+)"', p["lucene"])
        holds = any if " OR " in p["lucene"] else all
        return [{"id": i} for i in sorted(g.nodes) if g.nodes[i]["props"].get("kind") == "source"
                and holds(t in (g.nodes[i]["props"].get("text") or "") for t in terms)]
    h[Q.SENTENCE_DOCUMENTS] = sentence_documents
    h[Q.CURATION_MARK] = lambda g, p: [{"fingerprint": g.marks["curation"]}] if "curation" in g.marks else []

    def set_mark(g: Graph, p: dict[str, Any]) -> Rows:  # MERGE makes the node; SET to null keeps it, without the value
        g.marks["curation"] = p["fingerprint"]
        return []
    h[Q.CURATION_MARK_SET] = set_mark

    def remove_mark(g: Graph, p: dict[str, Any]) -> Rows:  # the node is deleted (no relationship holds it)
        g.marks.pop("curation", None)
        return []
    h[Q.CURATION_MARK_REMOVE] = remove_mark
    h[Q.DATABASE_REVISION] = h[Q.HOME_DATABASE_REVISION] = lambda g, p: [{"txn": g.txn}]
    assert set(h) == Q.all_statements(), "every statement of graph/cypher.py has a handler"
    return h


HANDLERS = _handlers()


class Result(list):
    """A list of ``neo4j.Record`` with the result methods the store uses."""

    def consume(self) -> None:
        return None

    def single(self) -> neo4j.Record | None:
        assert len(self) <= 1
        return self[0] if self else None

    def keys(self) -> list[str]:
        return list(self[0].keys()) if self else []


class Tx:
    """A transaction on ``graph``; records every statement and its parameters in ``log``."""

    def __init__(self, server: FakeServer, graph: Graph) -> None:
        self.server, self.graph = server, graph

    def close(self) -> None:
        """Close an explicit transaction (nothing to undo: user queries only read)."""

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        params = {**(parameters or {}), **kwargs}
        handler = HANDLERS.get(query)
        if handler is None:
            if query in self.server.user_queries:
                answer = self.server.user_queries[query]
                if isinstance(answer, Exception):
                    raise answer
                return Result(neo4j.Record(row) for row in answer)
            pytest.skip("the simulated Neo4j runs policykg's own statements only, not a user's Cypher")
        assert query in Q.all_statements(), "statement not in graph/cypher.py"
        self.server.log.append((query, copy.deepcopy(params)))
        if self.server.meanwhile is not None:
            self.server.meanwhile(self.graph, query, params)
        if self.server.fail_on is not None and self.server.fail_on(query, params):
            raise self.server.fail_with or Neo4jError._hydrate_neo4j(code="Neo.DatabaseError.General.UnknownError",
                                                                     message="injected failure")
        return Result(neo4j.Record(row) for row in handler(self.graph, params))


class Session:
    def __init__(self, server: FakeServer, mode: str) -> None:
        self.server, self.mode = server, mode

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> bool:
        return False

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        """An auto-commit transaction (schema statements, CLEAR_ALL): not counted in ``commits``."""
        if query == Q.CLEAR_ALL:
            self.server.graph.txn += 1
        return Tx(self.server, self.server.graph).run(query, parameters, **kwargs)

    def execute_read(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return work(Tx(self.server, self.server.graph), *args, **kwargs)

    def begin_transaction(self, metadata: dict[str, Any] | None = None, timeout: float | None = None) -> Tx:
        """An explicit transaction (a user's query: read-only, closed by rolling back)."""
        return Tx(self.server, self.server.graph)

    def execute_write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        assert self.mode == neo4j.WRITE_ACCESS
        draft = copy.deepcopy(self.server.graph)
        result = work(Tx(self.server, draft), *args, **kwargs)
        draft.txn += 1
        self.server.graph = draft  # commit: all or nothing
        self.server.commits += 1
        return result


class FakeServer:
    """The driver handed to ``Neo4jStore``: ``session()`` and ``close()``, plus what the tests inspect.

    Attributes:
        log: ``(statement, parameters)`` of every statement run, in order.
        commits: write transactions (``execute_write``) committed.
        fail_on: ``(statement, parameters) -> bool``; when true, the statement fails (the transaction rolls back)
            with ``fail_with``, or a server error when that is ``None``.
        user_queries: a user query string -> the ``Neo4jError`` the server answers it with, or its rows (dicts).
        meanwhile: ``(graph, statement, parameters)``, called before each statement runs with the graph the
            transaction sees: what another writer committed in the meantime (read-committed isolation) is done here.
    """

    def __init__(self) -> None:
        self.graph = Graph()
        self.log: list[tuple[str, dict[str, Any]]] = []
        self.commits = 0
        self.fail_on: Callable[[str, dict[str, Any]], bool] | None = None
        self.fail_with: Exception | None = None
        self.user_queries: dict[str, Exception | list[dict[str, Any]]] = {}
        self.meanwhile: Callable[[Graph, str, dict[str, Any]], None] | None = None

    def session(self, database: str | None = None, default_access_mode: str = neo4j.WRITE_ACCESS) -> Session:
        return Session(self, default_access_mode)

    def close(self) -> None:
        pass
