"""Every Cypher statement Neo4jStore sends, as parametrised constants.

Values always travel as parameters.  Labels and relationship types cannot
be parameters in Cypher, so the per-label and per-type statements below are
generated once, at import time, from the schema's own constants
(:data:`policykg.graph.schema.NODE_LABELS`, :data:`REL_TYPES`), never from input.
Every node carries the extra label ``Node`` (unique ``id``), so ``MATCH (n:Node
{id: ...})`` uses the uniqueness constraint's index.
"""

from __future__ import annotations

from .schema import FACT_TYPES, NODE_LABELS, REL_TYPES

__all__ = [
    "AGGREGATE_SET",
    "ALL_EDGES",
    "ALL_NODES",
    "CLEAR_ALL",
    "CONSTRAINTS",
    "DELETE_DOCUMENT_FACTS",
    "DELETE_DOCUMENT_NODE",
    "DELETE_UNMENTIONED",
    "DOCUMENTS",
    "DOCUMENT_HASH",
    "DOCUMENT_TEXT",
    "EDGE_MERGE",
    "ENTITY_MENTIONS",
    "INCIDENT",
    "NODES_BY_ID",
    "NODE_MERGE",
    "SEARCH",
    "STATS_NODES",
    "STATS_RELS",
    "TOUCHED_BY_DOCUMENT",
]

CONSTRAINTS = [
    "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
    *[f"CREATE INDEX {t.lower()}_doc_id IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.doc_id)" for t in REL_TYPES],
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Body|Program|Goal|Document) "
    "ON EACH [n.name, n.aliases_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
]

DOCUMENT_HASH = "MATCH (d:Node {id: $doc_id}) WHERE d.kind = 'source' RETURN d.content_hash AS hash"

TOUCHED_BY_DOCUMENT = (
    "MATCH ()-[m:MENTIONS]->(e:Node) WHERE m.doc_id = $doc_id RETURN collect(DISTINCT e.id) AS ids"
)

# Remove exactly one document's facts: its relationships (all carry doc_id), its sections.
DELETE_DOCUMENT_FACTS = [
    *[f"MATCH ()-[r:{t}]->() WHERE r.doc_id = $doc_id DELETE r" for t in REL_TYPES],
    "MATCH (s:Section) WHERE s.doc_id = $doc_id DETACH DELETE s",
]
DELETE_DOCUMENT_NODE = "MATCH (d:Node {id: $doc_id}) WHERE d.kind = 'source' DETACH DELETE d"

# Source documents and sections are owned by one document: their properties are replaced.
# Entity nodes are shared: created once, their aggregates recomputed by AGGREGATE_SET.
NODE_MERGE = {
    label: (
        f"UNWIND $rows AS row MERGE (n:Node {{id: row.id}}) "
        f"ON CREATE SET n:{label}, n += row.props "
        f"ON MATCH SET n += CASE WHEN row.owned THEN row.props ELSE {{}} END"
    )
    for label in NODE_LABELS
}

EDGE_MERGE = {
    t: (
        f"UNWIND $rows AS row MATCH (a:Node {{id: row.source}}) MATCH (b:Node {{id: row.target}}) "
        f"MERGE (a)-[r:{t} {{doc_id: row.doc_id}}]->(b) SET r += row.props"
    )
    for t in REL_TYPES
}

ENTITY_MENTIONS = (
    "UNWIND $ids AS id MATCH (e:Node {id: id}) "
    "OPTIONAL MATCH ()-[m:MENTIONS]->(e) "
    "RETURN e.id AS id, e.name AS name, collect(properties(m)) AS mentions"
)
AGGREGATE_SET = (
    "UNWIND $rows AS row MATCH (e:Node {id: row.id}) "
    "SET e.aliases = row.aliases, e.aliases_text = row.aliases_text, "
    "e.doc_count = row.doc_count, e.mention_count = row.mention_count, e.merged_by = row.merged_by"
)
DELETE_UNMENTIONED = (
    "UNWIND $ids AS id MATCH (e:Node {id: id}) WHERE coalesce(e.kind, '') <> 'source' "
    "AND NOT EXISTS { MATCH ()-[:MENTIONS]->(e) } DETACH DELETE e"
)

NODES_BY_ID = (
    "UNWIND $ids AS id MATCH (n:Node {id: id}) "
    "RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Node'][0] AS label, properties(n) AS props"
)
INCIDENT = (
    "UNWIND $ids AS id MATCH (n:Node {id: id})-[r]-(m:Node) "
    "WHERE $types IS NULL OR type(r) IN $types "
    "RETURN DISTINCT elementId(r) AS rid, startNode(r).id AS source, endNode(r).id AS target, "
    "type(r) AS type, properties(r) AS props"
)
SEARCH = (
    "MATCH (n:Node) WHERE n.doc_count IS NOT NULL AND ($label IS NULL OR $label IN labels(n)) "
    "AND (n.name CONTAINS $q OR any(a IN n.aliases WHERE a CONTAINS $q)) "
    "RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Node'][0] AS label, properties(n) AS props "
    "ORDER BY n.doc_count DESC, n.name <> $q, n.mention_count DESC, size(n.name), n.id LIMIT $limit"
)
ALL_NODES = (
    "MATCH (n:Node) WITH n, [l IN labels(n) WHERE l <> 'Node'][0] AS label "
    "WHERE $labels IS NULL OR label IN $labels "
    "RETURN n.id AS id, label, properties(n) AS props ORDER BY n.id"
)
ALL_EDGES = (
    "MATCH (a:Node)-[r]->(b:Node) WHERE $types IS NULL OR type(r) IN $types "
    "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props"
)
# Auto-commit transaction (session.run) with CALL … IN TRANSACTIONS: large graphs are deleted in batches.
CLEAR_ALL = "MATCH (n:Node) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
STATS_NODES = "MATCH (n:Node) UNWIND labels(n) AS l WITH l WHERE l <> 'Node' RETURN l AS key, count(*) AS n"
STATS_RELS = "MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n"
DOCUMENTS = (
    "MATCH (d:Document) WHERE d.kind = 'source' "
    "RETURN d.id AS id, 'Document' AS label, properties(d) AS props ORDER BY d.id"
)
DOCUMENT_TEXT = "MATCH (d:Node {id: $doc_id}) WHERE d.kind = 'source' RETURN d.text AS text"

assert set(FACT_TYPES) <= set(REL_TYPES)
