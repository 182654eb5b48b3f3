"""Sectors and populations in a Program's name: 城镇社会保障体系 is the towns' social security system, 职工医疗保障制度改革
the reform of the workers' medical insurance, not the programs named without them (``graph/data/resolution.toml
[program] sector_qualifiers``).

Chinese social policy names a scheme by the population it covers (城镇职工基本医疗保险, 城乡居民基本养老保险) and a
sector's reform by the sector before the reform (农村金融体制改革).  A document that writes the qualified name and the
bare one may mean one program by both (it refers back: guide rule 1, and the within-document merges keep them one
entity), but across documents the qualified name is the sector's program and the bare one the whole: such an alias is
no key of its node for another document, nor looked up for another document's node
(:class:`policykg.graph.entity_index.EntityIndex`), as a place's instance of a program is not
(:func:`policykg.graph.places.place_instance`).
"""

from __future__ import annotations

from .merging import resolution_words

__all__ = ["sector_instance"]


def sector_instance(name: str, alias: str) -> bool:
    """Whether one of ``name`` and ``alias`` (match keys of one Program) is the other's program for one sector or
    population: it opens with a word of ``[program] sector_qualifiers`` (the longest that fits) and the other, opening
    with no such word, lies inside the rest (城镇社会保障体系试点 / 社会保障体系, 职工医疗保障制度改革 / 医疗保障制度改革,
    城镇职工基本医疗保险制度 / 基本医疗保险).  Either order: the node 社会保障体系 holding 城镇社会保障体系 and the node
    城镇职工基本医疗保险制度 holding 基本医疗保险 each have an alias another document's entity is not.

    Args:
        name: the match key of a node's (or entity's) name; alias: the match key of another of its forms.

    Returns:
        ``True`` when the two differ by a sector or population qualifier; ``False`` for equal keys, keys of fewer than
        three characters and pairs where neither lies inside the other after the qualifier.
    """
    if name == alias or min(len(name), len(alias)) < 3:
        return False
    qualifiers = resolution_words("Program", "sector_qualifiers")
    for long_, short in ((name, alias), (alias, name)):
        q = next((w for w in qualifiers if long_.startswith(w)), None)
        if q is not None and not short.startswith(qualifiers) and short in long_[len(q):]:
            return True
    return False
