"""Opening the Neo4j store from the settings: the URI and credentials, and the oldest server its statements run on."""

from __future__ import annotations

import re
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from policykg.errors import ConfigError, StoreError

from .neo4j_store import Neo4jStore

__all__ = ["MIN_SERVER", "open_neo4j", "unsupported_server"]

#: the variable scope clause of CALL subqueries (``CALL (n) { … }``, :data:`~policykg.graph.cypher.CLEAR_ALL`).
MIN_SERVER = (5, 23)


def unsupported_server(agent: str | None) -> str | None:
    """Why a Neo4j server is too old for the store's statements, or None when it is recent enough.

    Args:
        agent: the server's agent string as Bolt reports it (``Neo4j/5.26.0``, ``Neo4j/2025.01.0``: calendar
            versions after 5.26 are newer).

    Returns:
        A clause for an error message (``runs Neo4j/4.4.30; policykg needs Neo4j 5.23 or later``), or None;
        also None for an agent string it cannot read (a compatible server under another name).
    """
    m = re.fullmatch(r"Neo4j/(\d+)\.(\d+)(?:\.\S*)?", agent or "")
    if not m or (int(m.group(1)), int(m.group(2))) >= MIN_SERVER:
        return None
    return f"runs {agent}; policykg needs Neo4j {MIN_SERVER[0]}.{MIN_SERVER[1]} or later (docker-compose.yml: neo4j:5.26)"


def open_neo4j(settings: Any) -> Neo4jStore:
    """Connect to Neo4j with the settings' URI and credentials.

    Raises:
        ConfigError: no URI, or the default password outside a development environment.
        StoreError: the server cannot be reached or refuses the credentials.
    """
    from policykg.settings import DEFAULT_NEO4J_PASSWORD

    if not settings.neo4j_uri:
        raise ConfigError("the neo4j store needs NEO4J_URI (e.g. bolt://127.0.0.1:7687)")
    if settings.neo4j_password == DEFAULT_NEO4J_PASSWORD and settings.environment != "development":
        raise ConfigError("refusing the default Neo4j password outside a development environment; set NEO4J_PASSWORD")
    driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password))
    try:
        driver.verify_connectivity()
        too_old = unsupported_server(driver.get_server_info().agent)
        if too_old:
            raise StoreError(f"the server at {settings.neo4j_uri} {too_old}")
        return Neo4jStore(driver, settings.neo4j_database, settings.batch_size, settings.write_batch_documents)
    except StoreError:
        driver.close()
        raise
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        driver.close()
        raise StoreError(f"cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from exc
