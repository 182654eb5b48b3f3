"""policykg: a knowledge graph of the programs, bodies and goals in Chinese
policy documents (组织工作要点, 党建工作计划, 实施意见, 政府工作报告, 讲话).

Data flows one way::

    policykg.loaders  read -> outline -> extract      (plain records)
    policykg.graph    resolve -> store -> query        (EmbeddedStore | Neo4jStore)
    policykg.api      FastAPI routes over a store
    policykg.viz      pyvis pages over query results
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
