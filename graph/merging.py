"""The machinery of merging entities within one document: a union-find over entities and the fold of a group
into its owner (:mod:`.document_merges`, :mod:`.part_merges`, :func:`policykg.graph.resolve.resolve_document`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .records import DocumentGraph, Entity, Relation

__all__ = ["Groups", "merge_into", "rename_relations", "resolution", "resolution_words"]


@lru_cache(maxsize=1)
def resolution() -> dict:
    """``graph/data/resolution.toml``, read once per process."""
    with (Path(__file__).parent / "data" / "resolution.toml").open("rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=64)
def resolution_words(label: str, key: str) -> tuple[str, ...]:
    """``graph/data/resolution.toml [<label>] <key>``, longest first (empty when absent).  Cached for every pair in use
    (14 since session 44; with 16 slots a few more would re-read and sort on each entity the resolver adds)."""
    words = resolution().get(label.lower(), {}).get(key, [])
    return tuple(sorted(set(words), key=len, reverse=True))


class Groups:
    """Entities of one label joined into groups that are one entity (a union-find over the entities)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.parent: dict[int, Entity] = {id(e): e for e in entities}

    def root(self, e: Entity) -> Entity:
        """The entity standing for ``e``'s group."""
        while self.parent[id(e)] is not e:
            e = self.parent[id(e)]
        return e

    def join(self, e: Entity, other: Entity) -> None:
        """Put ``e``'s group into ``other``'s."""
        a, b = self.root(e), self.root(other)
        if a is not b:
            self.parent[id(a)] = b

    def owners(self, shortest: bool = False) -> dict[int, Entity]:
        """``id(entity) -> owner`` for every entity of a group of two or more but its owner: the form mentioned
        most often (the longer on a tie), or with ``shortest`` the shortest name (the more mentioned on a tie).

        Either way a name X的Y is not the owner of a group that holds Y, the name after its modifier closed by 的
        (增发的超长期特别国债 / 超长期特别国债): the golds that write both forms of a Program name it Y 226 times and
        X的Y 71, over the 115 annotated documents.
        """
        groups: dict[int, list[Entity]] = {}
        for e in self.entities:
            groups.setdefault(id(self.root(e)), []).append(e)
        owners: dict[int, Entity] = {}
        for group in groups.values():
            if len(group) > 1:
                owner = (min(group, key=lambda e: (len(e.name), -len(e.mentions))) if shortest
                         else max(group, key=lambda e: (len(e.mentions), len(e.name))))
                tail = owner.name[owner.name.rfind("的") + 1:] if "的" in owner.name[1:] else None
                owner = next((e for e in group if e.name == tail), owner)
                owners.update({id(e): owner for e in group if e is not owner})
        return owners


def merge_into(dg: DocumentGraph, owners: dict[int, Entity], why: str | Callable[[Entity], str]) -> None:
    """Fold every entity ``e`` with ``owners[id(e)] is not e`` into its owner: forms, mentions, relations, and the
    reasons ``e`` had taken its own forms over by (:attr:`Entity.merged`, which the owner had lost).

    Args:
        dg: the document graph, changed in place.
        owners: ``id(entity) -> owner`` (an entity absent or its own owner stays).
        why: the reason, or a function giving it for the entity folded, recorded on the owner for each form it takes
            over (:attr:`Entity.merged`) that the folded entity had no reason for of its own.
    """
    renamed: dict[tuple[str, str], str] = {}
    kept: list[Entity] = []
    for e in dg.entities:
        owner = owners.get(id(e), e)
        if owner is e:
            kept.append(e)
            continue
        said = why(e) if callable(why) else why
        for form in e.forms():
            if form != owner.name and form not in owner.aliases:
                owner.aliases.append(form)
            if form != owner.name:
                owner.merged.setdefault(form, e.merged.get(form, said))
        owner.mentions = sorted(owner.mentions + e.mentions, key=lambda m: m.start)
        owner.curated_by += [c for c in e.curated_by if c not in owner.curated_by]
        renamed[(e.label, e.name)] = owner.name
    if not renamed:
        return
    dg.entities = kept
    rels: dict[tuple[str, str, str], Relation] = {}
    for r in dg.relations:
        r.source = renamed.get((r.source_label, r.source), r.source)
        r.target = renamed.get((r.target_label, r.target), r.target)
        if r.source == r.target:
            continue
        prev = rels.setdefault((r.type, r.source, r.target), r)
        if prev is not r:
            prev.evidence += [m for m in r.evidence if m not in prev.evidence]
    dg.relations = list(rels.values())


def rename_relations(dg: DocumentGraph, label: str, old: str, new_label: str, new: str) -> None:
    """Point the relations of ``dg`` whose end is the entity ``(label, old)`` at ``(new_label, new)`` (a renamed or
    retyped entity: :mod:`.curation_apply`, :mod:`.document_merges`)."""
    for r in dg.relations:
        if (r.source_label, r.source) == (label, old):
            r.source_label, r.source = new_label, new
        if (r.target_label, r.target) == (label, old):
            r.target_label, r.target = new_label, new
