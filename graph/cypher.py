"""Every Cypher statement Neo4jStore sends, as parametrised constants.

Values always travel as parameters.  Labels and relationship types cannot
be parameters in Cypher, so the per-label and per-type statements below are
generated once, at import time, from the schema's own constants
(:data:`policykg.graph.schema.NODE_LABELS`, :data:`REL_TYPES`), never from input.
Every node carries the extra label ``Node`` (unique ``id``), so ``MATCH (n:Node
{id: ...})`` uses the uniqueness constraint's index.

Writes (:mod:`policykg.graph.neo4j_write`) run inside one explicit
transaction per batch of documents, so they are plain ``UNWIND $rows``
statements: ``CALL { … } IN TRANSACTIONS`` is only allowed in auto-commit
transactions and would break the batch's all-or-nothing guarantee anyway.
"""

from __future__ import annotations

from .schema import ENTITY_LABELS, FACT_TYPES, NODE_LABELS, REL_TYPES

__all__ = [
    "AGGREGATE_SET",
    "ALL_EDGES",
    "ALL_NODES",
    "AWAIT_INDEXES",
    "CLEAR_ALL",
    "CONSTRAINTS",
    "CURATION_MARK",
    "CURATION_MARK_REMOVE",
    "CURATION_MARK_SET",
    "DATABASE_REVISION",
    "DELETE_FACTS",
    "DELETE_SECTIONS",
    "DELETE_SOURCES",
    "DELETE_UNMENTIONED",
    "DOCUMENTS",
    "DOCUMENT_EDGES",
    "DOCUMENT_HASHES",
    "DOCUMENT_HASHES_SET",
    "DOCUMENT_SECTIONS",
    "DOCUMENT_TEXT",
    "EDGE_CREATE",
    "EDGE_DELETE",
    "ENTITY_AGGREGATES",
    "ENTITY_MENTIONS",
    "ENTITY_MERGE",
    "FULLTEXT_INDEX",
    "HOME_DATABASE_REVISION",
    "INCIDENT",
    "JOIN_EDGES",
    "NODES_BY_ID",
    "SEARCH",
    "SEARCH_SCAN",
    "SECTION_CREATE",
    "SENTENCE_DOCUMENTS",
    "SOURCE_WRITE",
    "STATS_NODES",
    "STATS_RELS",
    "TOUCHED_BY_DOCUMENTS",
    "all_statements",
]

FULLTEXT_INDEX = "entity_names"
#: Full-text index over source documents' text, for sentence search (graph/concordance.py, graph/sentence_index.py).
TEXT_INDEX = "document_texts"

CONSTRAINTS = [
    "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
    *[f"CREATE INDEX {t.lower()}_doc_id IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.doc_id)" for t in REL_TYPES],
    # Replacing or deleting a document finds its sections by doc_id (without it: a scan of every Section).
    "CREATE INDEX section_doc_id IF NOT EXISTS FOR (s:Section) ON (s.doc_id)",
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Body|Program|Goal|Document) "
    "ON EACH [n.name, n.aliases_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    f"CREATE FULLTEXT INDEX {TEXT_INDEX} IF NOT EXISTS FOR (n:Document) "
    "ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
]
# An index is unusable while POPULATING (just after it is created): wait for all of them, at most $timeout_s seconds.
AWAIT_INDEXES = "CALL db.awaitIndexes($timeout_s)"

# Properties sent back to Python: all but a source document's text and the search text (large, and not returned).
_PROPS = "[k IN keys(n) WHERE NOT k IN ['text', 'aliases_text'] | [k, n[k]]] AS props"
_LABEL = "[l IN labels(n) WHERE l <> 'Node'][0] AS label"

# ------------------------------------------------------------------ writes (one transaction per batch)
DOCUMENT_HASHES = (
    "UNWIND $ids AS id MATCH (d:Node {id: id}) WHERE d.kind = 'source' RETURN d.id AS id, d.content_hash AS hash"
)
TOUCHED_BY_DOCUMENTS = (
    "UNWIND $doc_ids AS doc_id MATCH ()-[m:MENTIONS {doc_id: doc_id}]->(e:Node) RETURN collect(DISTINCT e.id) AS ids"
)
# Remove exactly the facts of documents being replaced or deleted: every relationship carries doc_id
# (one indexed statement per type), and their sections.
DELETE_FACTS = [
    f"UNWIND $doc_ids AS doc_id MATCH ()-[r:{t} {{doc_id: doc_id}}]->() DELETE r" for t in REL_TYPES
]
DELETE_SECTIONS = "UNWIND $doc_ids AS doc_id MATCH (s:Section {doc_id: doc_id}) DETACH DELETE s"
DELETE_SOURCES = "UNWIND $doc_ids AS doc_id MATCH (d:Node {id: doc_id}) WHERE d.kind = 'source' DETACH DELETE d"

# A source document is owned by its document: its properties are replaced (SET =), as the embedded store does.
SOURCE_WRITE = "UNWIND $rows AS row MERGE (n:Node {id: row.id}) SET n:Document SET n = row.props"
# Sections are owned too, and the batch has deleted the old ones first: they are new, so CREATE.
SECTION_CREATE = "UNWIND $rows AS row CREATE (n:Node:Section) SET n = row.props"
# Entity nodes are shared between documents: created once, their aggregates recomputed by AGGREGATE_SET.
# A node created here starts with doc_count 0, so the aggregates read next tell it from a stored entity
# that lacks them (a bulk import), and the batch's own mentions are its aggregates.
ENTITY_MERGE = {
    label: f"UNWIND $rows AS row MERGE (n:Node {{id: row.id}}) ON CREATE SET n:{label}, n += row.props, n.doc_count = 0"
    for label in NODE_LABELS if label != "Section"
}
# A relationship is identified by (start, end, type, doc_id), and every relationship of a document in the
# batch carries that document's doc_id: the document is new, or its old relationships were deleted above.
# So none of them exists yet: CREATE (no MERGE lookup); rows are de-duplicated in Python first.
EDGE_CREATE = {
    t: (
        f"UNWIND $rows AS row MATCH (a:Node {{id: row.source}}) MATCH (b:Node {{id: row.target}}) "
        f"CREATE (a)-[r:{t}]->(b) SET r = row.props"
    )
    for t in REL_TYPES
}

# The aggregates of the batch's entities, after ENTITY_MERGE (one small row per entity): for entities that only
# gain mentions (no document of theirs replaced or deleted), the new aggregates are these plus the batch's own.
# Each node is write-locked before it is read (SET then REMOVE a property: the Operations Manual's remedy for lost
# updates under read-committed isolation), so a concurrent writer's aggregates are read only once committed and
# never overwritten; ids come sorted, so two writers lock in one order.
ENTITY_AGGREGATES = (
    "UNWIND $ids AS id MATCH (e:Node {id: id}) SET e._lock = true REMOVE e._lock "
    "RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases, e.doc_count AS doc_count, "
    "e.mention_count AS mention_count, e.merged_by AS merged_by, e.curated_by AS curated_by"
)
# What the aggregates need of each MENTIONS (not the sentences and offsets): small rows back to Python.  Each node is
# write-locked before its mentions are read, as in ENTITY_AGGREGATES: a concurrent writer's new MENTIONS are then
# committed and counted, not overwritten by AGGREGATE_SET, and an entity read here as unmentioned stays so until this
# transaction's DELETE_UNMENTIONED (a review against the Operations Manual's lost updates, session 57: the check had
# run unlocked, so a delete could take another writer's new mention with the node).
ENTITY_MENTIONS = (
    "UNWIND $ids AS id MATCH (e:Node {id: id}) SET e._lock = true REMOVE e._lock "
    "RETURN e.id AS id, e.name AS name, e.kind AS kind, "
    "[()-[m:MENTIONS]->(e) | m {.doc_id, .count, .forms, .resolution, .curated_by}] AS mentions"
)
AGGREGATE_SET = (
    "UNWIND $rows AS row MATCH (e:Node {id: row.id}) "
    "SET e.aliases = row.aliases, e.aliases_text = row.aliases_text, "
    "e.doc_count = row.doc_count, e.mention_count = row.mention_count, e.merged_by = row.merged_by, "
    "e.curated_by = row.curated_by"
)
# Its ids were read under this transaction's write lock (ENTITY_AGGREGATES, ENTITY_MENTIONS), held to the commit.
DELETE_UNMENTIONED = (
    "UNWIND $ids AS id MATCH (e:Node {id: id}) WHERE coalesce(e.kind, '') <> 'source' "
    "AND NOT EXISTS { MATCH ()-[:MENTIONS]->(e) } DETACH DELETE e"
)

# Joining nodes in place (GraphStore.move_nodes: graph/neo4j_joins.py, one write transaction, its nodes locked first by
# ENTITY_AGGREGATES).  The relationships of the joined nodes and those of the same documents on the nodes they join
# ($doc_ids; null: every one) are read, their new properties computed in Python (evidence lists in text order: Cypher
# without APOC has no way to sort several lists by one), then deleted and created again, one statement per type since a
# type cannot be a parameter (Cypher Manual 5, "DELETE": "Delete relationships only"; a relationship is identified by
# its ends, type and doc_id, as in EDGE_CREATE); the documents changed take new hashes (Cypher Manual 5, "SET": "Mutate
# specific properties using a map and +=").
JOIN_EDGES = (
    "UNWIND $ids AS id MATCH (n:Node {id: id})-[r]-(:Node) "
    "WHERE $doc_ids IS NULL OR r.doc_id IN $doc_ids "
    "WITH DISTINCT r "
    "RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, properties(r) AS props"
)
EDGE_DELETE = {
    t: (
        f"UNWIND $rows AS row MATCH (a:Node {{id: row.source}})-[r:{t} {{doc_id: row.doc_id}}]->(b:Node {{id: row.target}}) "
        "DELETE r"
    )
    for t in REL_TYPES
}
DOCUMENT_HASHES_SET = "UNWIND $rows AS row MATCH (d:Node {id: row.id}) WHERE d.kind = 'source' SET d += row.hashes"

# ------------------------------------------------------------------ reads
NODES_BY_ID = f"UNWIND $ids AS id MATCH (n:Node {{id: id}}) RETURN n.id AS id, {_LABEL}, {_PROPS}"
# DISTINCT on the relationship itself, before its properties are read: a DISTINCT over the returned maps hashed
# every mention's sentence list (an audit, session 47)
INCIDENT = (
    "UNWIND $ids AS id MATCH (n:Node {id: id})-[r]-(m:Node) "
    "WHERE $types IS NULL OR type(r) IN $types "
    "WITH DISTINCT r "
    "RETURN elementId(r) AS rid, startNode(r).id AS source, endNode(r).id AS target, "
    "type(r) AS type, properties(r) AS props"
)
# Search (see graph/search.py): the cjk full-text index yields candidates holding every ideograph pair of
# the query ($lucene, or of its key under the table of standard short forms); the exact substring test then keeps
# the hits: $q in the name or a line of aliases_text before its first empty line ($keys: name, aliases and their
# simplified forms), or, when the query holds a form of the table, its key $key in any line (those forms under the
# table follow the empty line); letters in any case ($lower: $q in small letters, $key too; text folded by toLower,
# as graph/search.py folds with str.lower).  Ranked as the embedded store ranks them: the nodes $q itself matches first.
_SEARCH_FILTER_RANK = (
    "WITH n, toLower(coalesce(n.aliases_text, '')) AS text "
    "WHERE n.doc_count IS NOT NULL AND ($label IS NULL OR $label IN labels(n)) "
    "WITH n, text, (toLower(n.name) CONTAINS $lower OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $lower) "
    "OR any(f IN split(split(text, $keys)[0], $line) WHERE f CONTAINS $lower)) AS literal "
    "WHERE literal OR ($key IS NOT NULL AND any(f IN split(text, $line) WHERE f CONTAINS $key)) "
    f"RETURN n.id AS id, {_LABEL}, {_PROPS} "
    "ORDER BY NOT literal, n.doc_count DESC, n.name <> $q, n.mention_count DESC, size(n.name), n.id LIMIT $limit"
)
SEARCH = (
    f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene) YIELD node AS n "
    f"{_SEARCH_FILTER_RANK}"
)
# A query without two adjacent ideographs has no index term (one character, Latin, digits): scan the entities.
# the entity labels only: the Sections, most of the graph, hold no name to search (an audit, session 47)
SEARCH_SCAN = f"MATCH (n:{'|'.join(ENTITY_LABELS)}) {_SEARCH_FILTER_RANK}"
ALL_NODES = (
    f"MATCH (n:Node) WITH n, {_LABEL} "
    "WHERE $labels IS NULL OR label IN $labels "
    f"RETURN n.id AS id, label, {_PROPS} ORDER BY n.id"
)
ALL_EDGES = (
    "MATCH (a:Node)-[r]->(b:Node) WHERE $types IS NULL OR type(r) IN $types "
    "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props"
)
# Auto-commit transaction (session.run) with CALL … IN TRANSACTIONS: large graphs are deleted in batches.  The
# variable scope clause CALL (n) { … } of Neo4j 5.23+ (Cypher manual 5, "CALL subqueries": the importing WITH,
# CALL { WITH n … }, is deprecated since 5.23 and draws a deprecation notification on every reset).
CLEAR_ALL = "MATCH (n:Node) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
# One count per label and per type, each alone in its WITH: Neo4j answers them from its count store instead of
# scanning every node and relationship (an audit, session 47; Neo4j knowledge base, "Fast counts using the count
# store").
STATS_NODES = " UNION ALL ".join(f"MATCH (n:{label}) WITH count(n) AS c RETURN '{label}' AS key, c AS n"
                                 for label in NODE_LABELS)
STATS_RELS = " UNION ALL ".join(f"MATCH ()-[r:{t}]->() WITH count(r) AS c RETURN '{t}' AS key, c AS n"
                                for t in REL_TYPES)
DOCUMENTS = (
    "MATCH (n:Document) WHERE n.kind = 'source' "
    f"RETURN n.id AS id, 'Document' AS label, {_PROPS} ORDER BY n.id"
)
DOCUMENT_TEXT = "MATCH (d:Node {id: $doc_id}) WHERE d.kind = 'source' RETURN d.text AS text"
# A stored document's graph (Neo4jStore.stored_graph; its source node by NODES_BY_ID): its sections, found by the
# section_doc_id index, and its relationships, one statement per type so that each is found by its type's doc_id index
# (Cypher Manual 5, "The impact of indexes on query performance": a range index on a relationship type's property
# solves an equality predicate on it in MATCH); read to compare a version written before session 68 with a new one.
DOCUMENT_SECTIONS = f"MATCH (n:Section {{doc_id: $doc_id}}) RETURN n.id AS id, 'Section' AS label, {_PROPS}"
DOCUMENT_EDGES = {
    t: f"MATCH (a:Node)-[r:{t} {{doc_id: $doc_id}}]->(b:Node) RETURN a.id AS source, b.id AS target, properties(r) AS props"
    for t in REL_TYPES
}
# The fingerprint of the curation every stored document was last resolved under (GraphStore.curation_mark): a property
# of one node of its own label, outside the schema's (no :Node label, so no query of the graph's labels and no
# CLEAR_ALL meets it; a user's MATCH (n) does, while the store is curated).  Taken away, the node itself is deleted
# (CURATION_MARK_REMOVE, also after CLEAR_ALL: Neo4jStore.clear), so an uncurated store holds none (Cypher Manual 5,
# "DELETE": "Delete a single node").
CURATION_MARK = "MATCH (m:PolicykgMark {key: 'curation'}) RETURN m.fingerprint AS fingerprint"
CURATION_MARK_SET = "MERGE (m:PolicykgMark {key: 'curation'}) SET m.fingerprint = $fingerprint"
CURATION_MARK_REMOVE = "MATCH (m:PolicykgMark {key: 'curation'}) DELETE m"
# The ID of the last transaction committed to the store's database: a number that moves on with every write, this
# process's or another's (Neo4jStore.revision), so what the API derives from the graph is rebuilt only when the graph
# changed.  Administration commands, sent to the system database; lastCommittedTxn is not a default column of SHOW
# DATABASES, hence the YIELD; a clustered database has one row per server that hosts it, hence max() (Operations
# Manual 5, "List databases": SHOW { DATABASE[S] name | DATABASES | DEFAULT DATABASE | HOME DATABASE } YIELD …
# WHERE … RETURN …).  HOME_DATABASE_REVISION is for a store opened on the server's default database (no name given).
DATABASE_REVISION = (
    "SHOW DATABASES YIELD name, lastCommittedTxn WHERE name = $name RETURN max(lastCommittedTxn) AS txn"
)
HOME_DATABASE_REVISION = "SHOW HOME DATABASE YIELD lastCommittedTxn RETURN max(lastCommittedTxn) AS txn"
# Sentence search (graph/concordance.py): source documents whose text holds every ideograph pair of the query.
SENTENCE_DOCUMENTS = (
    f"CALL db.index.fulltext.queryNodes('{TEXT_INDEX}', $lucene) YIELD node AS d "
    "WHERE d.kind = 'source' RETURN d.id AS id ORDER BY id"
)


def all_statements() -> set[str]:
    """Every statement string above (the only ones Neo4jStore may send besides a user's read-only query)."""
    out: set[str] = set()
    for name in __all__:
        value = globals().get(name)
        if isinstance(value, str) and name not in ("FULLTEXT_INDEX", "TEXT_INDEX"):
            out.add(value)
        elif isinstance(value, list):
            out.update(value)
        elif isinstance(value, dict):
            out.update(value.values())
    return out


assert set(FACT_TYPES) <= set(REL_TYPES)
