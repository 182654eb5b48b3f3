"""What the curation file says of an entity id a decision took away: where a rename, retype or merge moved it, or
that a reject removed it (:func:`successor`, :func:`emptying_reject`), in the words the API's 404s and the command
line use (:func:`moved_note`, :func:`emptied_note`, :func:`old_id_note`); and the decisions that concern an entity
(:func:`concerning`), which the explorer lists with an Undo button each."""

from __future__ import annotations

from collections.abc import Iterable

from .curation import Curation, Decision
from .names import match_key
from .schema import node_id

__all__ = ["concerning", "emptied_note", "emptying_reject", "moved_note", "old_id_note", "successor"]


def successor(curation: Curation, nid: str) -> tuple[str, str] | None:
    """Where a curation decision moved the entity ``nid``: ``(new id, decision id)`` after every rename, retype or
    merge that renamed it, in file order; ``("", decision id)`` when a reject removed it; ``None`` when none did.

    So an old address (a bookmark, a link in a note) can say where the entity went.
    """
    label, _, name = nid.partition(":")
    key, moved = (label, match_key(name)), None
    for d in curation.decisions:
        if d.action == "reject" and d.label in (None, key[0]) and key[1] in {match_key(n) for n in (d.name, *d.names)}:
            return ("", d.id)  # rejected: no node holds it now
        names = d.names if d.action == "merge" else (d.name,) if d.action in ("rename", "retype") else ()
        if d.label != key[0] or key[1] not in {match_key(n or "") for n in names}:
            continue
        new = (d.to or d.label or "", d.canonical or d.name or "")
        if (new[0], match_key(new[1])) != key:
            key, moved = (new[0], match_key(new[1])), (node_id(*new), d.id)
    return moved


def emptying_reject(curation: Curation, nid: str) -> tuple[str, str] | None:
    """A reject of a name that may have taken every mention of the entity ``nid``, which is then gone: a decision of
    its label (or of every label) rejecting a name, of two characters or more, that is part of the node's name, as
    an alias written in the text is (``reject 容错纠错 --label Program`` takes the mentions of Program:容错纠错机制
    written 容错纠错 in 完善容错纠错、职级晋升、报备免责等机制, and so the node when it had no other).

    Only a hint: the node's mentions are not kept once it is gone.  :func:`successor` answers for a node a decision
    names itself.

    Returns:
        ``(decision id, the rejected name)`` of the last such decision in file order, or ``None``.
    """
    label, _, name = nid.partition(":")
    key, found = match_key(name), None
    for d in curation.decisions:
        if d.action != "reject" or d.node or d.label not in (None, label):
            continue  # a reject of a node takes no other node's mentions
        for n in (d.name, *d.names):
            k = match_key(n or "")
            if len(k) >= 2 and k != key and k in key:
                found = (d.id, n or "")
    return found


def moved_note(curation: Curation, nid: str) -> str | None:
    """``curation decision d2 made it Goal:…`` or ``curation decision d3 rejected it`` when a decision moved or
    removed the entity ``nid`` (:func:`successor`), else ``None``: what the API's 404s and the command line say of an
    old id."""
    moved = successor(curation, nid)
    if moved is None:
        return None
    return f"curation decision {moved[1]} " + (f"made it {moved[0]}" if moved[0] else "rejected it")


def emptied_note(curation: Curation, nid: str) -> str | None:
    """``curation decision d1 rejected the name 容错纠错, perhaps every mention it had`` when a reject of a name may have
    emptied the entity ``nid`` (:func:`emptying_reject`), else ``None``."""
    hit = emptying_reject(curation, nid)
    return None if hit is None else f"curation decision {hit[0]} rejected the name {hit[1]}, perhaps every mention it had"


def old_id_note(curation: Curation | None, nid: str) -> str:
    """``"; curation decision d2 made it Goal:…"`` (or ``rejected it``, or ``rejected the name …``) when a decision of
    ``curation`` took the id ``nid`` away (:func:`moved_note`, :func:`emptied_note`), else ``""``: the tail of a "no
    entity named" message on the command line and in a decision about the old id (``curate rename`` of an id a
    decision had renamed said only "no Program named": a walkthrough, session 50)."""
    note = None if curation is None else moved_note(curation, nid) or emptied_note(curation, nid)
    return "" if note is None else f"; {note}"


def concerning(curation: Curation | None, nid: str, names: Iterable[str] = (), marked: Iterable[str] = ()
               ) -> list[tuple[Decision, bool]]:
    """The decisions of ``curation`` that concern the entity ``nid`` (``Program:双拥``), in file order, each with
    whether the node records it (``curated_by``: the decision changed its mentions).

    A decision concerns the entity when the node records it, when it is a reject of that node, or when it writes one
    of the entity's names (the id's, or one of ``names``, its aliases) and is of its label (a retype: the label it
    took the name from or the one it gave; a reject of a name without a label: any), names compared by
    :func:`~policykg.graph.names.match_key` as the decisions find them.  So the merge of Program:双拥工作 into
    Program:双拥 is listed for both ids (the old one is no node now), and a decision that changed nothing yet (a name
    no loaded document writes) for the entity whose name it writes (the explorer offered to undo only the decision
    just made on the page: session 69).

    Args:
        curation: the decisions (``None``: none).
        nid: an entity id, ``<Label>:<name>``.
        names: the entity's other names (its aliases), if it is in the store.
        marked: the decision ids the node records in ``curated_by``.

    Returns:
        ``[(decision, recorded by the node)]`` in the order the decisions apply; ``[]`` when none concerns it.
    """
    label, _, name = nid.partition(":")
    keys = {match_key(n) for n in (name, *names) if n}
    marked = set(marked)
    return [(d, d.id in marked) for d in (curation.decisions if curation is not None else ())
            if d.id in marked or d.node == nid or
            ((d.label is None or label in (d.label, d.to)) and keys & {match_key(f) for f in d.forms()})]
