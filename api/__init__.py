"""The FastAPI application: neighbourhood queries, search, read-only Cypher and pyvis views."""
