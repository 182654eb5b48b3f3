"""Addresses that name an entity by a name or alias it writes rather than by its id."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import RedirectResponse

from policykg.graph.analytics import EntityView


def named_redirect(view: EntityView, node_id: str, route: str) -> RedirectResponse | None:
    """A 307 to ``route`` of the entity an unknown ``node_id`` names (:meth:`~policykg.graph.analytics.EntityView.named`:
    its label and a name or alias it writes), or ``None`` when ``node_id`` is an entity's or names none."""
    if node_id in view.graph.nodes:
        return None
    label, _, name = node_id.rpartition(":")
    named = view.named(name, label or None)
    return RedirectResponse(route.format(quote(named[0], safe=":")), status_code=307) if named else None
