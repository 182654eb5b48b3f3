"""Which words name a place, and which places are a document's own beyond its own name: the cities and counties of its
province and the groupings holding it.

A provincial report names its own cities (成都科创生态岛 in 四川's), counties (昆山 in 江苏's) and the regions it belongs
to (成渝双核联动联建 in 重庆's, 华南国家植物园 in 广东's, 苏南国家自主创新示范区 in 江苏's) as it names the province: the
place is its own, not another's.  The prefecture-level and county-level divisions of each province-level division come
from ``graph/data/geography.toml`` (generated from a maintained place dictionary by ``graph/data/make_geography.py``),
the groupings from ``graph/data/regions.toml`` (hand-written, each with its members and the plan defining them).  The
two files are read here only, once (:func:`place_names` for :func:`policykg.graph.places.names_place`,
:func:`own_parts`, :func:`longest_grouping`).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

__all__ = ["longest_grouping", "own_parts", "place_names"]


@lru_cache(maxsize=1)
def _data() -> tuple[dict, list[dict]]:
    """``(provinces of geography.toml, groupings of regions.toml)``; ValueError naming a grouping member neither file
    knows (a province's, a prefecture's or a county's full name)."""
    folder = resources.files("policykg.graph.data")
    provinces = tomllib.loads(folder.joinpath("geography.toml").read_text(encoding="utf-8"))["provinces"]
    groupings = tomllib.loads(folder.joinpath("regions.toml").read_text(encoding="utf-8"))["grouping"]
    known = set(provinces) | {c[0] for p in provinces.values() for c in p["cities"]}
    known |= {c[0] for p in provinces.values() for rows in p.get("counties", {}).values() for c in rows}
    for g in groupings:
        unknown = [m for m in g["members"] if m not in known]
        if unknown:
            raise ValueError(f"regions.toml: grouping {g['names'][0]} has members geography.toml does not name: {unknown}")
    return provinces, groupings


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every name of a place the two tables hold: each province-level division by its full and short names (安徽省,
    安徽), each prefecture-level one (合肥市, 合肥; 黔东南苗族侗族自治州, 黔东南), each county-level one by the names
    geography.toml keeps (昆山市, 昆山; 郊区 and the short names that are common words are not there), and each name of
    each grouping of regions.toml (珠三角, 大湾区, 苏南, 中原城市群)."""
    provinces, _ = _data()
    names = {n for name, p in provinces.items() for n in (name, p["short"], *_names(p["cities"]), *_county_names(p))}
    return frozenset(names | _grouping_names())


@lru_cache(maxsize=1)
def _grouping_names() -> frozenset[str]:
    """Every name of a grouping of regions.toml."""
    return frozenset(n for g in _data()[1] for n in g["names"])


def longest_grouping(text: str) -> str:
    """The longest name of a grouping of regions.toml that ``text`` opens with (中原城市群副中心城市 -> 中原城市群), or
    ``""`` when it opens with none: the place the text writes, where a shorter word it opens with names another
    (中原, 河南's by ``[place] own_names``)."""
    names = _grouping_names()
    return next((text[:k] for k in range(min(len(text), max(map(len, names))), 1, -1) if text[:k] in names), "")


def _province(place: str) -> tuple[str, dict] | None:
    """``(name, table)`` of the province-level division ``place`` names (四川省, 四川, 广西壮族自治区), or ``None``."""
    provinces, _ = _data()
    if place in provinces:
        return place, provinces[place]
    return next(((n, p) for n, p in provinces.items() if place == p["short"]), None)


def _city(place: str) -> tuple[list[str], list[list[str]]] | None:
    """``(its names, its county-level divisions' rows)`` of the prefecture-level division ``place`` names (成都市,
    黔东南苗族侗族自治州), or ``None`` (a province-level place, or none the table has)."""
    provinces, _ = _data()
    for p in provinces.values():
        for c in p["cities"]:
            if place == c[0]:
                return [c[0], *c[2:]], p.get("counties", {}).get(c[0], [])
    return None


def _names(rows: list[list[str]]) -> set[str]:
    """The names of the rows of a table, ``[name, code, short names …]`` each."""
    return {n for c in rows for n in (c[0], *c[2:])}


def _county_names(table: dict) -> set[str]:
    """The names of the county-level divisions of a province's table, under all its cities."""
    return {n for rows in table.get("counties", {}).values() for n in _names(rows)}


@lru_cache(maxsize=256)
def own_parts(place: str | None, level: str | None) -> frozenset[str]:
    """The names of the places a document of ``place`` speaks for as its own, beyond ``place`` itself.

    Args:
        place: the document's place as :attr:`policykg.graph.records.SourceDocument.place` records it (四川省, 广州市),
            or ``None``; level: the level it speaks for (国, 省, 市 …), or ``None``.

    Returns:
        For a province-level place (a document of level 国 has none): each of its prefecture-level and county-level
        divisions by its full and short names (成都市, 成都; 黔东南苗族侗族自治州, 黔东南; 昆山市, 昆山 of 江苏省) and every
        name of each grouping holding the province or one of its cities or counties (成渝, 川渝 for 四川; 大湾区 for 广东;
        苏南 for 江苏; 中原城市群 for 河南 and 山西).  For a prefecture-level place: its own names (克州 of
        克孜勒苏柯尔克孜自治州) and its counties' (番禺 of 广州市).  Never the place's own name or a form of it (重庆 of
        重庆市).  Otherwise (no place, a county, a masked place) an empty set.
    """
    if not place or level == "国":
        return frozenset()
    found = _province(place)
    if found is None:
        city = _city(place)
        if city is None:
            return frozenset()
        names, counties = city
        return frozenset(n for n in {*names, *_names(counties)} if not (place.startswith(n) or n.startswith(place)))
    name, table = found
    parts = {name} | _names(table["cities"]) | _county_names(table)
    _, groupings = _data()
    for g in groupings:
        if parts & set(g["members"]):
            parts |= set(g["names"])
    return frozenset(n for n in parts if not (name.startswith(n) or n.startswith(name)))  # 重庆 of 重庆市 is the place
