"""Write ``graph/data/geography.toml``: the prefecture-level and county-level divisions of each province-level division.

The table comes from a maintained source, not typed by hand: the place dictionary ``china_location`` that the PyPI
package ``jionlp`` ships (``jionlp/dictionary/china_location.zip``, a tree of 省 / 市 / 县 … lines, each with its
administrative code and its short name).  ``jionlp`` is no dependency of the project: install it into a virtual
environment only to run this script, without its own dependencies, which the script does not import::

    .venv/bin/pip install --no-deps jionlp
    .venv/bin/python graph/data/make_geography.py          # writes graph/data/geography.toml

The file's header records the package's version and the date of its table.  Lines of 省直辖行政区划 (the county-level
cities a province governs directly, 仙桃 of 湖北) are no prefecture and are left out of the cities; their counties are
listed under that line's name.  A municipality's one line is the municipality itself (重庆市 of 重庆市), as the source
writes it.  Short names are the source's (黔东南 of 黔东南苗族侗族自治州; 吉林市 of 吉林省's 吉林市 and 海南州 of 青海's
海南藏族自治州, where the bare name is a province's).

County-level divisions (the source's third level: 昆山市, 义乌市, 晋江市, a city's districts) are written under their
province and city, each with its short name (:func:`county_names`) where the short name is at least two characters,
opens the full name (not 经开区 of 长春经济技术开发区, nor 察右中旗), names no province or prefecture (朝阳 of 北京's
朝阳区 is 辽宁's 朝阳市) and is no common word (:data:`PLACE_TAGS`: 同心 of 同心县, 富裕 of 富裕县); a district named
by a part of its city alone (城区, 郊区, 矿区, 东区: one character and 区) is left out.  The lines of 台湾省's
districts carry no code and are left out, and so are the 市直辖行政区划 lines of the cities without districts (东莞市).
The header says how many names were dropped for each reason.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
import zipfile
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent / "geography.toml"
#: The source writes these second-level lines for what is no prefecture.
_NOT_PREFECTURES = ("省直辖行政区划",)
#: ... and these third-level lines for what is no county: the one line of a prefecture-level city without districts
#: (东莞市, 中山市, 儋州市, 嘉峪关市).
_NOT_COUNTIES = ("市直辖行政区划",)
#: jieba's part-of-speech tags of a word that may name a place: a place (ns), a person's or another proper name (nr,
#: nrt, nrfg, nz, nt: 徐汇, 义乌), or no word of its dictionary (x).  A county's name jieba tags otherwise is a common
#: word there (郊区 s, 城区 n, 同心 n, 富裕 a) and names no place on its own.
PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "x"})

Province = tuple[str, str, str, list[tuple[str, str, list[str]]], dict[str, list[tuple[str, str, str]]]]


def _source() -> tuple[str, str, str]:
    """``(text of china_location.txt, jionlp's version, the table's date)``; SystemExit naming the fix when jionlp is
    not installed."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or spec.origin is None:
        raise SystemExit("jionlp is not installed: run `.venv/bin/pip install --no-deps jionlp` first")
    path = Path(spec.origin).parent / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("china_location.txt")
        text = z.read(info).decode("utf-8")
    return text, importlib.metadata.version("jionlp"), "{:04d}-{:02d}-{:02d}".format(*info.date_time[:3])


def divisions(text: str) -> list[Province]:
    """The province-level divisions of ``text`` (china_location.txt) as ``(name, code, short, cities, counties)``, each
    city ``(name, code, short names)``, ``counties`` the county-level lines under each second-level line's name as
    ``(name, code, short)``, in code order; ValueError naming the line when a province's or a city's has not three
    fields.  A county-level line of one field (台湾省's, which the source gives no code) is left out, and so is the line
    a city without districts has (市直辖行政区划 of 东莞市)."""
    out: list[Province] = []
    parent = ""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("\t\t\t"):
            continue
        fields = line.strip().split("\t")
        if line.startswith("\t\t"):
            if len(fields) == 3 and fields[0] not in _NOT_COUNTIES:
                out[-1][4].setdefault(parent, []).append((fields[0], fields[1], fields[2]))
            continue
        if len(fields) != 3:
            raise ValueError(f"china_location.txt line {n}: expected name, code and short name, got {line!r}")
        name, code, short = fields
        if not line.startswith("\t"):
            out.append((name, code, short, [], {}))
            continue
        parent = name
        if name not in _NOT_PREFECTURES:
            out[-1][3].append((name, code, short.split("/")))
    for province in out:
        province[3].sort(key=lambda c: c[1])
        for rows in province[4].values():
            rows.sort(key=lambda c: c[1])
    return sorted(out, key=lambda p: p[1])


def county_names(name: str, short: str, higher: frozenset[str], tag) -> tuple[list[str], str]:
    """The names a county-level division is written under and why any was dropped.

    Args:
        name: its full name (昆山市); short: the source's short name (昆山).
        higher: every name and short name of a province or a prefecture, which no county's short name may take.
        tag: ``word -> jieba's tag`` (``"x"`` for no word of its dictionary).

    Returns:
        ``(names, reason)``: ``[name, short]``, ``[name]`` or ``[]``, and ``""`` or the reason of the drop
        (``"a part of a city"``: 郊区, a full name of one character and 区; ``"not two characters"``, ``"not opening
        the name"``, ``"a higher division's"``, ``"common word"``: of the short name).
    """
    if len(name) == 2 and name.endswith("区"):
        return [], "a part of a city"
    if short == name:
        return [name], ""
    for reason, dropped in (("not two characters", len(short) < 2), ("not opening the name", not name.startswith(short)),
                            ("a higher division's", short in higher), ("common word", tag(short) not in PLACE_TAGS)):
        if dropped:
            return [name], reason
    return [name, short], ""


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(text: str, version: str, date: str, tag) -> str:
    """The TOML text of :data:`OUT` for the source ``text`` of jionlp ``version`` dated ``date``, ``tag`` giving jieba's
    part-of-speech tag of a word (:func:`county_names`)."""
    provinces = divisions(text)
    higher = frozenset(n for p in provinces for n in (p[0], p[2], *(x for c in p[3] for x in (c[0], *c[2]))))
    body: list[str] = []
    dropped: Counter[str] = Counter()
    kept = 0
    for name, code, short, cities, counties in provinces:
        body += [f"[provinces.{_toml(name)}]", f"code = {_toml(code)}", f"short = {_toml(short)}", "cities = ["]
        body += [f"  [{_toml(c)}, {_toml(k)}, {', '.join(_toml(s) for s in shorts)}]," for c, k, shorts in cities]
        body += ["]", ""]
        if not counties:
            continue
        body += [f"[provinces.{_toml(name)}.counties]"]
        for city, rows in counties.items():
            written = []
            for county, county_code, county_short in rows:
                names, reason = county_names(county, county_short, higher, tag)
                dropped[reason] += 1 if reason else 0
                if names:
                    kept += 1
                    written.append(f"  [{_toml(names[0])}, {_toml(county_code)}{''.join(', ' + _toml(s) for s in names[1:])}],")
            body += [f"{_toml(city)} = [", *written, "]"]
        body += [""]
    counts = ", ".join(f"{n} {r}" for r, n in sorted(dropped.items(), key=lambda x: -x[1]) if r)
    lines = [
        "# The prefecture-level divisions (地级市, 自治州, 地区, 盟) of each province-level division of China, each with",
        "# its administrative code and its short names (成都 of 成都市, 黔东南 of 黔东南苗族侗族自治州), and its county-level",
        "# divisions (县, 县级市, 市辖区, 旗) under their city, each with its code and its short name (昆山 of 昆山市): which",
        "# places are a province's own (graph/geography.py; graph/instances.py reads a province's city as the province's own",
        "# place) and which words name a place (graph/places.py names_place).",
        f"# Generated by graph/data/make_geography.py from jionlp {version} (PyPI), its dictionary/china_location.zip of",
        f"# {date}; do not edit by hand, run the script again.  Regional groupings are hand-written in regions.toml.",
        f"# {kept} county-level divisions.",
        f"# Names dropped: {counts or 'none'}.",
        "# A district named by a part of its city alone (城区, 郊区, 矿区, 东区: one character and 区) is left out; a",
        "# short name is dropped when shorter than two characters, not the opening of the full name (经开区 of",
        "# 长春经济技术开发区, 察右中旗), a province's or a prefecture's name (朝阳 of 北京's 朝阳区), or a word jieba's",
        "# dictionary tags as a common word, not as a place or a proper name (同心 of 同心县, 富裕 of 富裕县, 顺义 of",
        "# 顺义区: tags other than ns, nr, nrt, nrfg, nz, nt, x).  台湾省's districts, which the source gives no code,",
        "# and the 市直辖行政区划 line of a city without districts (东莞市) are left out.",
        "",
    ]
    return "\n".join(lines + body)


def main() -> int:
    """Write :data:`OUT`; 0."""
    from policykg.loaders.lexicon import word_tag

    OUT.write_text(render(*_source(), word_tag), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
