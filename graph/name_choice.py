"""Which entities a name asked for names, one answer for the command line (``policykg diffusion NAME``, ``facts``,
``view``, ``export --node``) and the API's routes taking an entity: an entity whose id the name is under a label
(``以旧换新`` and ``Program:以旧换新``), and every entity writing it as its name or an alias
(:meth:`~policykg.graph.analytics.EntityView.named`).  More than one is a choice the asker makes: the command line
took the entity of that id (1 document) where 消费品以旧换新 (25 documents) writes 以旧换新 as an alias too, and the
API took the most documented."""

from __future__ import annotations

from typing import Any

from .analytics import EntityView
from .schema import ENTITY_LABELS

__all__ = ["BARE_NAME_LABELS", "candidate_rows", "name_choices"]

#: The labels under which a bare name (no ``Label:``) is tried as an id, in this order.
BARE_NAME_LABELS = ("Program", "Goal", "Body", "Document")
assert set(BARE_NAME_LABELS) == set(ENTITY_LABELS)


def name_choices(view: EntityView, name: str, label: str | None = None) -> list[str]:
    """The ids of the entities ``name`` names, most documented first (then by id).

    Args:
        view: the store's entity view.
        name: a name without its label (``以旧换新``, ``“两重”``, ``兩重``).
        label: the label asked for (``Program``), or ``None`` for any.

    Returns:
        Those of ``<label>:<name>`` (each of :data:`BARE_NAME_LABELS` without ``label``) that are entities of the view,
        and those whose name or an alias is ``name`` as the stores compare names; empty when none is.
    """
    nodes = view.graph.nodes
    exact = [i for i in (f"{lb}:{name}" for lb in ([label] if label else BARE_NAME_LABELS)) if i in nodes]
    found = dict.fromkeys([*exact, *view.named(name, label)])
    return sorted(found, key=lambda i: (-(nodes[i].get("doc_count") or 0), i))


def candidate_rows(view: EntityView, ids: list[str]) -> list[dict[str, Any]]:
    """``{"id", "label", "name", "documents"}`` of each of ``ids`` (entities of ``view``), in their order:
    ``documents`` is the entity's ``doc_count``, the documents mentioning it."""
    nodes = view.graph.nodes
    return [{"id": i, "label": nodes[i].get("label") or i.partition(":")[0], "name": nodes[i].get("name"),
             "documents": nodes[i].get("doc_count") or 0} for i in ids]
