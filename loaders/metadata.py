"""What a source document says about itself: its title, year, place and administrative level.

Read from the text alone (and the file name for the year), for the diffusion, comparison and filters of the graph:
the first heading line is the title, or the title lines under an official document's masthead and number
(:func:`find_title`, :mod:`.official_layout`); the year is the title's, a dated line's, the document number's, the
file name's, a signature's, a congress's or what a work report reviews and plans (:func:`find_year`,
:mod:`.report_year`); the place is the first one the opening names (:func:`find_place`); the level is the
jurisdiction the document speaks for (:func:`find_level`: 国, 省, 市, 区, 县).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import to_simplified

from .lexicon import lexicon
from .official_layout import closed_up, date_line, number_year, title_block

__all__ = ["YEAR_PATTERN", "bounding_year", "closed_up", "cn_number", "congress_year", "find_level", "find_place", "find_title",
           "find_year", "opening_title", "own_place", "year_number"]

_MASKED_PLACE = re.compile(r"(?:\*\*|xx|XX)(?:省|市|区|县)")
_NOT_PLACES = ("城市", "超市", "社区", "园区", "片区", "城区", "小区", "街区", "示范区", "地区", "山区", "市区", "辖区", "新区")


def find_title(text: str) -> str | None:
    """Return the first line if it is a heading (at most 40 characters, 100 for an instrument's title:
    :func:`_instrument_words`; no sentence punctuation), letter-spaced characters closed up (全　区　组　织　工　作　要　点,
    as official titles are often set; the space between two issuers, 中共中央办公厅　国务院办公厅关于…, stays).
    Not a note in brackets (（译自…俄文稿）), which names no document, nor a line opening with an item's number
    (一、去年: the first heading of a text that has no title line, :func:`policykg.loaders.outline.enumerator`).
    The rows of a table above the title (a line of cells joined by tabs: a .docx's table of the page it was saved
    from, 索引号\t…\t发文机关\t…, or by pipes: :func:`policykg.loaders.outline.table_row`) are passed over.
    A text that opens with the header of an official document (公文: a masthead 某某市人民政府办公室文件, a document number
    某政办发〔2024〕12号) or with a title wrapped over lines has the title :func:`.official_layout.title_block` reads: the
    关于…的通知 line(s) after the header, joined, or ``None`` when no line there reads as one.
    """
    from .outline import enumerator, table_row

    if (block := title_block(text)) is not None:
        return block[0] or None  # its lines read closed up
    row_tabs: int | None = None  # the tabs of the line above when it is a table's row
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        row_tabs = raw.count("\t") if table_row(raw, row_tabs) else None
        line = raw.strip().lstrip("#").strip()
        if not line or row_tabs is not None:
            continue
        if enumerator(line):
            return None
        longest = 100 if line.endswith(_instrument_words()) else 40
        if len(line) <= longest and not re.search(r"[。！？；，：:]", line) and not (line[0] in "（(" and line[-1] in "）)"):
            return closed_up(line)
        return None
    return None


def opening_title(text: str) -> str | None:
    """The title a text without a title line bears by the formula it opens with (``[text] opening_titles``: a work
    report opening 我代表国务院，向大会报告政府工作 or …向大会作政府工作报告 is a 政府工作报告), read in its first 200
    characters, or ``None``."""
    head = text[:200]
    return next((title for pattern, title in _opening_titles() if pattern.search(head)), None)


@lru_cache(maxsize=1)
def _opening_titles() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), title) for pattern, title in lexicon().raw["text"]["opening_titles"])


@lru_cache(maxsize=1)
def _instrument_words() -> tuple[str, ...]:
    """The words closing a title of an instrument (``lexicon.toml [document] quote_suffixes``: 通知, 意见, 方案 …):
    a heading that ends so may run to 100 characters, as a notice issuing another instrument does
    (安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划（2021-2023年）的通知, 59)."""
    return tuple(lexicon().words("document", "quote_suffixes"))


_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
#: A year as documents write it, in digits or Chinese numerals (2023, 一九五八), as group 1 (:func:`year_number`).
YEAR_PATTERN = r"((?:19|20)\d{2}|[一二][九〇零][〇零一二三四五六七八九]{2})"
_YEAR_ANY = re.compile(YEAR_PATTERN + r"\s*年")
# A plan's period in its title (全国党员教育培训工作规划（2024—2028年）): the document is of its first year.
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}\s*年")
#: A date (2024年5月20日, 二〇二四年五月二十日), its year as group 1.
DATE_PATTERN = YEAR_PATTERN + r"\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
_DATE = re.compile(DATE_PATTERN)
#: Digits as older texts and conversions from print set them, read as ASCII ones by :func:`find_year`: full-width
#: (刚刚过去的１９８４年, 一、１９９１年国内工作的回顾: the national reports of 1985-2002) and the circle set for zero
#: (一九八○年, the 1982 and 1986 reports) beside 〇.
_DIGITS = str.maketrans("０１２３４５６７８９○", "0123456789〇")
_TRANSLATED = re.compile("[０１２３４５６７８９○]")  # a character of :data:`_DIGITS`: without one, a text reads as written
_STEM_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_LEVEL = re.compile(r"([我全本])([省市区县])")


def year_number(token: str) -> int:
    """The year a token names (``2023``, ``一九五八``) as an int."""
    return int(token.translate(_CN_DIGITS))


def find_year(text: str, title: str = "", stem: str = "", published: int | None = None) -> int | None:
    """Return the year a document is of, or ``None``.

    In order: a year in the title (``2023年全区组织工作要点``; the first of a period,
    ``…规划（2024—2028年）``: a plan is of the year it starts); a short
    dated line (at most 60 characters) among the first five
    (``——2023年3月5日在…``); the year of the document number among the first lines (``某政办发〔2024〕12号``:
    :func:`.official_layout.number_year`); a four-digit year in the file name
    (``gwr-2023``); a short dated line among the last five (a notice signed ``2023年3月1日``), else the first line that
    holds a date alone (a notice that carries the instrument it issues after its signature: :func:`.official_layout.date_line`);
    the congress a party congress report is given to (:func:`congress_year`); the year a work report is of, by the
    session of the congress it is given to, the session it calls last year's, the years and five-year plans its headings
    review and plan (:func:`.report_year.report_year`: 一、2024年工作回顾 makes it of 2025, 去年五届人大四次会议 of 1982);
    a ``YYYY年`` in the opening 120 characters
    (``2022年是…的关键一年``; later years in a text are often history), not one that bounds a period
    (:func:`bounding_year`: 一九五六年到一九六七年); else ``published``, the year of the date on the field line of the
    web page the text was printed or copied from (发布时间：2025-01-20: :func:`.page_chrome.without_page_chrome`, which
    drops that line from the text), the day the page went up rather than what the document says of itself.
    Years may be written in Chinese numerals (``一九五八年``) and full-width digits (``１９８４年``: :data:`_DIGITS`).
    """
    from .report_year import report_year

    text = text.translate(_DIGITS) if _TRANSLATED.search(text) else text  # translating a whole text costs 50 ns a character
    title = title.translate(_DIGITS)
    if m := _YEAR_RANGE.search(title) or _YEAR_ANY.search(title):
        return year_number(m.group(1))
    for line in text.split("\n", 5)[:5]:
        if len(line) <= 60 and (m := _DATE.search(line)):
            return year_number(m.group(1))
    if (year := number_year(text)) is not None:
        return year
    if m := _STEM_YEAR.search(stem):
        return int(m.group(1))
    for line in text.rstrip().rsplit("\n", 5)[-5:][::-1]:  # a closing date line (the signature of a notice)
        if len(line.strip()) <= 30 and (m := _DATE.search(line)):
            return year_number(m.group(1))
    if (m := next((m for line in text.split("\n") if (m := date_line(line))), None)) is not None:
        return year_number(m.group(1))
    if (congress := congress_year(text[:300])) is not None:
        return congress
    if (year := report_year(text)) is not None:
        return year
    head = text.lstrip()[:120]
    m = next((m for m in _YEAR_ANY.finditer(head) if not bounding_year(head, m)), None)
    return year_number(m.group(1)) if m else published


#: The words around a year that make it the bound of a period or a horizon rather than the year a text is of or
#: speaks of (到2025年, 2021—2025年, 一九五六年到一九六七年, 2020年以来, 2024年底): before it, and after its 年.
_BOUND_BEFORE = re.compile(r"(?:到|至|截至|从|自)\s*$")
_BOUND_AFTER = re.compile(r"\s*(?:[—–\-－~～至到]|以来|以前|以后|前|底|末|初)")


def bounding_year(text: str, m: re.Match[str]) -> bool:
    """True when the year ``m`` matched in ``text`` (a match of :data:`YEAR_PATTERN` and 年) bounds a period or a
    horizon (:data:`_BOUND_BEFORE`, :data:`_BOUND_AFTER`: 到2025年, 2021—2025年, 2020年以来)."""
    return bool(_BOUND_BEFORE.search(text, max(0, m.start() - 4), m.start()) or _BOUND_AFTER.match(text, m.end()))


_CN_NUMBER = re.compile(r"[一二三四五六七八九十]+")
#: A party congress report's opening: the outgoing central committee reporting (我代表第十五届中央委员会向大会作报告: to
#: the sixteenth; read first), or the congress it is given to, by its full name (向党的第十二次全国代表大会作报告, a line
#: opening 中国共产党第十六次全国代表大会，是…, 在中国共产党第十九次全国代表大会上的报告; not 党的第十二次全国代表大会，坚持…,
#: the congress before, as a report recalls it).
_CONGRESS = re.compile(r"(?:向(?:党的)?|在中国共产党|(?:^|\n)中国共产党)第([一二三四五六七八九十]+)次全国代表大会")
_OUTGOING = re.compile(r"第?([一二三四五六七八九十]+)届中央委员会[^。]{0,12}向(?:党的)?"
                       r"(?:第[一二三四五六七八九十]+次全国代表大会|大会)作报告")


def cn_number(word: str) -> int:
    """The number a Chinese numeral of at most 99 names (十二 -> 12, 二十 -> 20)."""
    digits = word.translate(_CN_DIGITS)
    if "十" not in digits:
        return int(digits)
    tens, _, ones = digits.partition("十")
    return int(tens or 1) * 10 + int(ones or 0)


def congress_year(opening: str) -> int | None:
    """The year of the party congress a report opening with ``opening`` is given to, or ``None``.

    Read from the formulas of a congress report's first lines (:data:`_CONGRESS`, :data:`_OUTGOING`) and the years of
    the congresses (``lexicon.toml [text] party_congress_years``); a document that only refers to a congress
    (学习贯彻党的二十大精神) opens with none of them.
    """
    from .lexicon import lexicon

    years = [int(y) for y in lexicon().words("text", "party_congress_years")]
    opening = to_simplified(opening)
    if m := _OUTGOING.search(opening):
        n = cn_number(m.group(1)) + 1
    elif m := _CONGRESS.search(opening):
        n = cn_number(m.group(1))
    else:
        return None
    return years[n - 1] if 1 <= n <= len(years) else None


_PLACE_SUFFIX = re.compile(r"自治区|省|市|区|县|州|旗")


def find_place(text: str, suffixes: tuple[str, ...] | None = None) -> str | None:
    """Return the place a document names first, as written, or ``None`` (unknown).

    A masked place (``**市``, ``xx县``) is kept as written.  A named one is a
    word of jieba's dictionary tagged as a place name (``ns``), of three or more
    characters, ending in 省/自治区/市/区/县/州/旗 (``金川区``, ``湖南省``,
    ``广州市`` in 广州市委), where that last character does not begin another
    word (市场, 区域).  Generic words (城区, 试验区, 省市) are not places.
    ``suffixes``: only a named place ending in one of these (the places of one level, :func:`own_place`).
    Looks at the first 1,500 characters; reads the tag table, no segmentation.
    """
    from .lexicon import word_tag

    head = text[:1500]
    masked = _MASKED_PLACE.search(head)
    named = None
    for m in _PLACE_SUFFIX.finditer(head):
        if suffixes is not None and m.group(0) not in suffixes:
            continue
        end = m.end()
        nxt = head[end:end + 1]
        if nxt and nxt not in "委政" and word_tag(head[end - 1:end + 1]) != "x":
            continue  # 市场, 区域, 县城: the suffix begins another word
        for start in range(max(0, end - 8), end - 2):  # the longest candidate first
            w = head[start:end]
            if word_tag(w) == "ns" and not w.endswith(_NOT_PLACES) and w[0] not in "全我本各该":
                named = (start, w)
                break
        if named:
            break
    if masked and (named is None or masked.start() <= named[0]):
        return masked.group(0)
    return named[1] if named else None


#: The words a place of each level closes with (a 直辖市 is of level 省), and the rank of each word (省 above 市 above 县).
_LEVEL_SUFFIXES = {"省": ("省", "自治区", "市"), "市": ("市", "州", "盟"), "区": ("区",), "县": ("县", "旗")}
_SUFFIX_RANK = {"省": 1, "自治区": 1, "市": 2, "州": 2, "盟": 2, "区": 3, "县": 3, "旗": 3}
_LEVEL_RANK = {"省": 1, "市": 2, "区": 3, "县": 3}


def own_place(text: str, place: str | None, level: str | None) -> str | None:
    """The place a document speaks for: ``place`` (:func:`find_place`, the first it names) unless that place is above
    the document's ``level`` (:func:`find_level`), then the first place of that level it names, if any.

    A city's opinion opening 为深入贯彻广东省第十一次党代会、广州市第十次党代会精神 names its province first; its 市委
    and 市民政局 are 广州's (a walkthrough, session 46, found its place read as 广东省).  A place below the level read
    (广州市 in a document whose opening's 全省自主创新综合示范区 made its level 省) is kept: the level is the likelier misreading.
    """
    if not place or level not in _LEVEL_RANK or _MASKED_PLACE.fullmatch(place):
        return place
    suffix = next((s for s in _SUFFIX_RANK if place.endswith(s)), None)
    if suffix is None or _SUFFIX_RANK[suffix] >= _LEVEL_RANK[level]:
        return place
    return find_place(text, _LEVEL_SUFFIXES[level]) or place


def find_level(text: str, place: str | object | None = ...) -> str | None:
    """Return the administrative level a document speaks for: 国 (national), 省, 市, 区 or 县, or ``None``.

    ``place``: the document's :func:`find_place`, when the caller has read it already (read once, not again here).

    Read from how the document names its own jurisdiction in the first 3,000
    characters (:func:`_own_levels`: 资本市场 names no city): 我区/本区 count three times, 全区 once (全省 also names the
    province a county document works within), any form in the first line
    (the title: 2023年全区组织工作要点) ten times; the highest total wins; 区 is 省 when the place the
    document names first is an autonomous region (全区 of 宁夏回族自治区), and 市 when it is a municipality directly
    under the central government (全市 of 北京市: ``lexicon.toml [text] municipalities``).  A document that names no jurisdiction
    of its own and whose first 300 characters name a central issuer (国务院, 中共中央, 全国人民代表大会: ``_CENTRAL``),
    or whose title opens with 全国 (全国党员教育培训工作规划), is national, 国; so is one whose speaker says in its
    first 300 characters that they speak for the State Council, the Central Committee or the Central People's
    Government (我代表国务院…, 我受十二届中央委员会委托…: ``_CENTRAL_SPEAKER``), whatever 全市 it quotes later.
    """
    score: dict[str, int] = {}
    first_line = closed_up(text.lstrip().split("\n", 1)[0])
    if _CENTRAL_SPEAKER.search(to_simplified(text[:300])):
        return "国"  # 我代表国务院 / 我受十二届中央委员会委托: the speaker says whom the document speaks for
    for who, level in _own_levels(text[:3000]):
        score[level] = score.get(level, 0) + (1 if who == "全" else 3)
    for _, level in _own_levels(first_line):
        score[level] = score.get(level, 0) + 10
    if not score:  # a central document names no jurisdiction of its own: its issuer, or its 我国, says it is national
        head = to_simplified(text[:1000])
        return "国" if _CENTRAL.search(head) or first_line.startswith("全国") or _OUR_COUNTRY in head else None
    level = max(score, key=lambda lv: (score[lv], lv))
    if level in ("区", "市"):
        named = find_place(text) if place is ... else place
        if (level == "区" and str(named or "").endswith("自治区")) or (level == "市" and named in _municipalities()):
            return "省"  # 全区 of 内蒙古自治区, 全市 of 北京市/上海市/天津市/重庆市: a province-level jurisdiction
    return level


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    """``lexicon.toml [text] municipalities``: the four 直辖市."""
    from .lexicon import lexicon

    return frozenset(lexicon().words("text", "municipalities"))


#: Central issuers that open a national document (国务院总理 under a work report's title; 中共中央 国务院关于…;
#: 中共中央办公厅 国务院办公厅印发…; 在第十四届全国人民代表大会…上).
_CENTRAL = re.compile(r"国务院|中共中央|中央办公厅|全国人民代表大会|党中央|中央委员会|全国代表大会|中央人民政府")
#: A document that names no jurisdiction of its own (no 我省, 全市 … in its first 3,000 characters) but says 我国 in its
#: first 1,000 speaks for the country: the 1985 work report opens 各位代表：刚刚过去的１９８４年，是我国各族人民… and had no
#: level (a walkthrough, session 46).  A province's or a city's document names its own jurisdiction first.
_OUR_COUNTRY = "我国"
#: The speaker of a national report saying whom they speak for (我代表国务院，向大会报告…; 我受国务院的委托;
#: 我代表中国共产党第十一届中央委员会; 我们第一届全国人民代表大会…): no province, city or county says so.
_CENTRAL_SPEAKER = re.compile(r"我们?(?:代表|受)[^。，：]{0,14}?(?:国务院|中央委员会|中央人民政府)")


def _own_levels(text: str) -> list[tuple[str, str]]:
    """``(我/全/本, level)`` of every 我市, 全区, 本县 … of ``text`` that jieba's segmentation keeps apart from
    its neighbours, as one word (全市|开展) or two (我|县): 资本|市场 names no city, 全|区域 no district."""
    from .lexicon import tokenize

    if not _LEVEL.search(text):
        return []
    starts = {s: w for w, s, _ in tokenize(text)}
    out = []
    for m in _LEVEL.finditer(text):
        at = m.start()
        if starts.get(at) == m.group(0) or (starts.get(at) == m.group(1) and starts.get(at + 1) == m.group(2)):
            out.append((m.group(1), m.group(2)))
    return out
