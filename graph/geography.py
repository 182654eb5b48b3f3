"""Which places are a document's own beyond its own name: the cities of its province and the groupings holding it.

A provincial report names its own cities (成都科创生态岛 in 四川's) and the regions it belongs to (成渝双核联动联建 in
重庆's, 华南国家植物园 in 广东's) as it names the province: the place is its own, not another's.  The prefecture-level
divisions of each province-level division come from ``graph/data/geography.toml`` (generated from a maintained place
dictionary by ``graph/data/make_geography.py``), the groupings from ``graph/data/regions.toml`` (hand-written, each with
its members and the plan defining them).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

__all__ = ["own_parts"]


@lru_cache(maxsize=1)
def _data() -> tuple[dict, list[dict]]:
    """``(provinces of geography.toml, groupings of regions.toml)``; ValueError naming a grouping member neither file
    knows."""
    folder = resources.files("policykg.graph.data")
    provinces = tomllib.loads(folder.joinpath("geography.toml").read_text(encoding="utf-8"))["provinces"]
    groupings = tomllib.loads(folder.joinpath("regions.toml").read_text(encoding="utf-8"))["grouping"]
    known = set(provinces) | {c[0] for p in provinces.values() for c in p["cities"]}
    for g in groupings:
        unknown = [m for m in g["members"] if m not in known]
        if unknown:
            raise ValueError(f"regions.toml: grouping {g['names'][0]} has members geography.toml does not name: {unknown}")
    return provinces, groupings


def _province(place: str) -> tuple[str, dict] | None:
    """``(name, table)`` of the province-level division ``place`` names (四川省, 四川, 广西壮族自治区), or ``None``."""
    provinces, _ = _data()
    if place in provinces:
        return place, provinces[place]
    return next(((n, p) for n, p in provinces.items() if place == p["short"]), None)


def _city(place: str) -> tuple[str, list[str]] | None:
    """``(name, short names)`` of the prefecture-level division ``place`` names (成都市, 黔东南苗族侗族自治州), or
    ``None`` (a province-level place, or none the table has)."""
    provinces, _ = _data()
    return next(((c[0], c[2:]) for p in provinces.values() for c in p["cities"] if place == c[0]), None)


@lru_cache(maxsize=256)
def own_parts(place: str | None, level: str | None) -> frozenset[str]:
    """The names of the places a document of ``place`` speaks for as its own, beyond ``place`` itself.

    Args:
        place: the document's place as :attr:`policykg.graph.records.SourceDocument.place` records it (四川省, 广州市),
            or ``None``; level: the level it speaks for (国, 省, 市 …), or ``None``.

    Returns:
        For a province-level place (a document of level 国 has none): each of its prefecture-level divisions by its
        full and short names (成都市, 成都; 黔东南苗族侗族自治州, 黔东南) and every name of each grouping holding the
        province or one of its cities (成渝, 川渝 for 四川; 大湾区 for 广东).  For a prefecture-level place: its own
        names (克州 of 克孜勒苏柯尔克孜自治州).  Never the place's own name or a form of it (重庆 of 重庆市).  Otherwise
        (no place, a county, a masked place) an empty set.
    """
    if not place or level == "国":
        return frozenset()
    found = _province(place)
    if found is None:
        city = _city(place)
        return frozenset(n for n in (city[0], *city[1]) if not (place.startswith(n) or n.startswith(place))) if city \
            else frozenset()
    name, table = found
    parts = {name} | {n for c in table["cities"] for n in (c[0], *c[2:])}
    _, groupings = _data()
    for g in groupings:
        if parts & set(g["members"]):
            parts |= set(g["names"])
    return frozenset(n for n in parts if not (name.startswith(n) or n.startswith(name)))  # 重庆 of 重庆市 is the place
