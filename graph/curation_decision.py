"""One curation decision: the fields each action takes and the checks a decision passes before it is recorded or
applied (the file that holds decisions is :mod:`policykg.graph.curation`, which lists every action with an example)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from policykg.errors import CurationError

from .names import canonical
from .schema import ENTITY_LABELS

__all__ = ["ACTIONS", "FIELDS", "Decision", "make_decision"]

#: Fields each action requires (besides ``action``); ``id`` and ``note`` are optional for all.
ACTIONS: dict[str, tuple[str, ...]] = {
    "merge": ("label", "names", "canonical"),
    "rename": ("label", "name", "canonical"),
    "retype": ("label", "name", "to"),
    "reject": ("name",),
    "add": ("label", "name"),
    "detach": ("label", "name", "alias"),
}
#: A character a name needs at least one of: a Chinese character, a letter or a digit (not a mark or a space).
_WORD_CHARACTER = re.compile(r"[^\W_]")
#: The fields a decision table may hold, in the order they are written.
FIELDS = ("id", "action", "node", "label", "name", "names", "canonical", "to", "alias", "note")


@dataclass(frozen=True)
class Decision:
    """One curation decision (:mod:`policykg.graph.curation` lists the actions and their fields, with examples).

    Attributes:
        action: ``merge``, ``rename``, ``retype``, ``reject``, ``add`` or ``detach``.
        id: stable identifier recorded in ``curated_by`` (``d1``, ``d2``… when written by policykg).
        label: entity label the decision is about (``None`` for a reject of any label).
        name: the entity name (rename, retype, reject, add, detach: the node the alias leaves).
        node: the id of the node a reject was made on (``Program:机构改革``; its label and name are ``label`` and
            ``name``): the reject takes the entities the resolution puts on that node, not the name wherever it is
            extracted.  ``None`` for a reject of a name (``policykg curate reject NAME``, and every reject of a file
            written before this field: those are read, and act, as they did).
        names: the names that are one entity (merge).
        canonical: the canonical name to use (merge, rename).
        to: the new label (retype).
        alias: the alias to detach (detach).
        note: free text for the researcher.
    """

    action: str
    id: str = ""
    node: str | None = None
    label: str | None = None
    name: str | None = None
    names: tuple[str, ...] = ()
    canonical: str | None = None
    to: str | None = None
    alias: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The decision as it is written in the file (fields that are not set left out; a reject of a node gives
        ``node``, which says its label and name)."""
        d = {**asdict(self), "names": list(self.names)}
        return {k: d[k] for k in FIELDS if d.get(k) not in (None, "", []) and not (self.node and k in ("label", "name"))}

    def forms(self) -> tuple[str, ...]:
        """Every name the decision writes (``name``, ``names``, ``canonical``, ``alias``), in that order."""
        return tuple(f for f in (self.name, *self.names, self.canonical, self.alias) if f)

    def describe(self) -> str:
        """One line for people: ``d1 merge Program 红色物业, 红色物业建设 -> 红色物业``."""
        what = {"merge": lambda: f"{self.label} {', '.join(self.names)} -> {self.canonical}",
                "rename": lambda: f"{self.label} {self.name} -> {self.canonical}",
                "retype": lambda: f"{self.name}: {self.label} -> {self.to}",
                "reject": lambda: f"node {self.node}" if self.node else f"{self.label or 'any label'} {self.name}",
                "add": lambda: f"{self.label} {self.name}",
                "detach": lambda: f"{self.label} {self.alias} from {self.name}"}[self.action]()
        return f"{self.id} {self.action} {what}" + (f"  # {self.note}" if self.note else "")

    def in_words(self) -> str:
        """What the decision does, in a sentence for people who do not read the file's fields (the explorer's list
        of a node's decisions): ``merged Program 红色物业建设 into 红色物业``, ``made 乡村振兴 a Goal (it was a
        Program)``; the note follows (`` — note: …``)."""
        others = [n for n in self.names if n != self.canonical]
        what = {"merge": lambda: (f"merged {self.label} {'、'.join(others)} into {self.canonical}"
                                  if len(others) < len(self.names) else
                                  f"merged {self.label} {'、'.join(self.names)} into one named {self.canonical}"),
                "rename": lambda: f"renamed {self.label} {self.name} to {self.canonical} (the old name stays an alias)",
                "retype": lambda: f"made {self.name} a {self.to} (it was a {self.label})",
                "reject": lambda: (f"rejected {self.node}: the mentions put on it are no entity" if self.node else
                                   f"rejected the name {self.name} ({self.label or 'any label'}) in every document"),
                "add": lambda: f"made every occurrence of {self.name} a {self.label}",
                "detach": lambda: f"detached {self.alias} from {self.label} {self.name}: an entity of its own"}[self.action]()
        return what + (f" — note: {self.note}" if self.note else "")


def _content_id(action: str, fields: dict[str, Any]) -> str:
    raw = json.dumps({k: fields[k] for k in sorted(fields) if k not in ("id", "note")}, ensure_ascii=False)
    return f"{action}-{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:6]}"


#: What a missing field holds, where the command line fills it in and a file cannot.
_FIELD_HINTS = {("merge", "canonical"): ": the name the merged entity takes; the command line takes the first node's "
                                        "name when --canonical is not given, a file must say it"}


def _node_fields(raw: dict[str, Any], where: str) -> dict[str, str]:
    """``node``, ``label`` and ``name`` of a reject made on a node, from its ``node`` (``Program:机构改革``).

    Raises:
        CurationError: not a reject, not an entity id, or a ``label`` or ``name`` written beside it that is not the
            id's."""
    nid = raw["node"]
    label, _, name = nid.partition(":") if isinstance(nid, str) else ("", "", "")
    if raw["action"] != "reject":
        raise CurationError(f"{where}: only a reject takes 'node' (a {raw['action']} names its node by label and name)")
    if label not in ENTITY_LABELS or not name.strip():
        raise CurationError(f"{where}: reject's 'node' {nid!r} is not an entity id (<Label>:<name>, label one of "
                            f"{', '.join(ENTITY_LABELS)})")
    for key, value in (("label", label), ("name", name.strip())):
        if raw.get(key) not in (None, value):
            raise CurationError(f"{where}: reject's {key} {raw[key]!r} is not that of its node {nid!r}; give the node alone")
    return {"node": f"{label}:{name.strip()}", "label": label, "name": name.strip()}


def make_decision(raw: dict[str, Any], where: str) -> Decision:
    """Validate one decision table and return it as a :class:`Decision`.

    Args:
        raw: the table's keys and values.
        where: how to name it in an error (``curation.toml, decision 3``).

    Raises:
        CurationError: unknown action or field, a required field missing or empty, an unknown label, a retype to
            the same label, a name made that holds no word character or is a node id (Program:X), or a ``node`` that
            is not a reject's or not an entity id, or disagrees with the ``label`` or ``name`` beside it.

    A canonical name is written as names are (:func:`policykg.graph.names.canonical`: no quotation marks).
    """
    action = raw.get("action")
    if action is None:
        raise CurationError(f"{where}: no action; give one of {', '.join(ACTIONS)} (action = \"merge\")")
    if action not in ACTIONS:
        raise CurationError(f"{where}: unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise CurationError(f"{where}: unknown field {unknown[0]!r} for {action}")
    if raw.get("node") is not None:
        raw = {**raw, **_node_fields(raw, where)}
    for key in ACTIONS[action]:
        value = raw.get(key)
        if key == "names":
            ok = isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
        else:
            ok = isinstance(value, str) and value.strip()
        if not ok:
            what = "a list of names" if key == "names" else "text"
            if key == "names" and isinstance(value, str) and value.strip():  # names = "A, B" (a walkthrough, session 58)
                raise CurationError(f"{where}: {action}'s 'names' is text, not a list: write names = [\"A\", \"B\"]")
            raise CurationError(f"{where}: {action}'s {key!r} is empty" if isinstance(value, str) else
                                f"{where}: {action} needs {key!r} ({what}{_FIELD_HINTS.get((action, key), '')})")
    if action == "merge" and len(set(n.strip() for n in raw["names"])) < 2:
        raise CurationError(f"{where}: merge needs at least two different names ({'、'.join(raw['names'])} given)")
    for key in ("label", "to"):
        if raw.get(key) is not None and raw[key] not in ENTITY_LABELS:
            raise CurationError(f"{where}: unknown label {raw[key]!r}; expected one of {', '.join(ENTITY_LABELS)}")
    if action == "retype" and raw["to"] == raw["label"]:
        raise CurationError(f"{where}: retype to the same label {raw['to']!r}")
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
    fields["names"] = tuple(n.strip() for n in fields.get("names") or ())
    if fields.get("canonical"):  # “商品房以旧换新” made a node of its own beside 商品房以旧换新 (guide rule 2: no marks)
        fields["canonical"] = canonical(fields["canonical"])
        if not fields["canonical"]:
            raise CurationError(f"{where}: {action}'s 'canonical' holds only quotation marks or spaces")
    for key in ("canonical",) if action != "add" else ("name",):  # a name a decision makes, not one it finds
        made, (label, _, bare) = fields.get(key), str(fields.get(key)).partition(":")
        why = ("holds no character, letter or digit" if made and not _WORD_CHARACTER.search(made) else
               "is one character, found wherever it is written (no adjudicated name is)" if made and len(made) < 2 else "")
        if why:  # add '，' had made Program:， (561 mentions), add 的 would find 507 (session 54)
            raise CurationError(f"{where}: {action}'s {key!r} {made!r} {why}")
        if made and label in ENTITY_LABELS:  # rename X Program:新名 had made Program:Program:新名 (session 54)
            raise CurationError(f"{where}: {action}'s {key!r} {made!r} is a node id; give the name alone ({bare!r})")
    if not fields.get("id"):
        fields["id"] = _content_id(action, {k: v for k, v in raw.items() if k != "id"})
    return Decision(**fields)

