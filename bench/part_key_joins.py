"""The joins across documents a part of a node's name decides: load documents into a fresh embedded store with the
entity index watched, and print every entity whose node differs from the node an index without such parts gives.

Usage: ``python bench/part_key_joins.py DATA_DIR PATH...`` (DATA_DIR must not hold a store yet; PATH as for
``policykg load``).

A part is an alias lying inside its node's name that the name narrows (:func:`~policykg.graph.resolution_keys.narrows`,
rank 2 in :class:`~policykg.graph.entity_index.EntityIndex`); generic ones are no key at all
(:func:`~policykg.graph.resolution_keys.generic_part`).  Each line: document, label, the entity's forms, the node it
joined and why, the node an index without parts would give (``None``: a new node), and the parts of the node's name
among the forms.  Measured in session 65 over the 96 national and provincial reports: 105 lookups (58 Programs, 47
Goals) before ``generic_part``, 104 after; 5 of them join a node named with a level word alone before the part
(江苏's and 贵州's 中试平台 join 广东's 省中试平台, three reports' 十件民生实事 its 省十件民生实事), which the project
keeps on one node (:func:`policykg.graph.places.place_instance`).
"""

from __future__ import annotations

import sys

from policykg import cli
from policykg.graph import curation_apply
from policykg.graph.entity_index import EntityIndex
from policykg.graph.resolution_keys import match_key, narrows


class _NoParts(EntityIndex):
    """An index that registers no part a name narrows (rank 2)."""

    def _put(self, table, key, rank):
        if rank[0] != 2:
            super()._put(table, key, rank)


def main(data_dir: str, paths: list[str]) -> None:
    shadows: dict[int, _NoParts] = {}
    doc = [""]
    add, lookup, resolve = EntityIndex.add, EntityIndex.lookup, curation_apply.resolve_document

    def watched_add(self, node, label, forms, *args, **kwargs):
        add(self, node, label, forms, *args, **kwargs)
        if not isinstance(self, _NoParts):
            add(shadows.setdefault(id(self), _NoParts()), node, label, forms, *args, **kwargs)

    def watched_lookup(self, label, forms):
        hit = lookup(self, label, forms)
        if not isinstance(self, _NoParts):
            other = lookup(shadows.setdefault(id(self), _NoParts()), label, forms)
            if (hit and hit[0]) != (other and other[0]):
                name = match_key(hit[0].split(":", 1)[1])
                parts = [f for f in forms if narrows(match_key(f), name, label)]
                print(doc[0], label, " / ".join(forms[:3]), "->", *hit, "| without parts:", other and other[0],
                      "| parts:", " ".join(parts), sep="\t")
        return hit

    def watched_resolve(dg, index, *args, **kwargs):
        doc[0] = dg.document.id.removeprefix("Document:")
        return resolve(dg, index, *args, **kwargs)

    EntityIndex.add, EntityIndex.lookup, curation_apply.resolve_document = watched_add, watched_lookup, watched_resolve
    cli.main(["--data-dir", data_dir, "load", "--quiet", *paths], standalone_mode=False)  # the cache a load uses

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
