"""Canonical names and matching keys (annotation guide, rule 2).

``canonical`` is what a node is called; ``match_key`` is what two names
must share to be the same entity without fuzzy matching (traditional
characters folded to simplified through OpenCC, carrying-out words dropped).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["canonical", "goal_key", "match_key", "matching_text", "plain_key", "search_form", "simplified_for_matching",
           "surface_width", "to_simplified"]

_STRIP = re.compile(r"[“”‘’\"'《》〈〉「」『』\s\u3000]")
# A note's reference mark inside the text (“五张清单［3］”项目库: reports with 注释 at the end number the
# terms they explain): a pointer to the note, no part of the name.
_NOTE_MARK = re.compile(r"[［\[]\d{1,2}[］\]]")
#: Full-width marks read as their ASCII forms by match keys and by search (（试行） and (试行) are one: a walkthrough,
#: session 47, found the half-width query answered nothing).
FULLWIDTH_MARKS = str.maketrans({"＋": "+", "（": "(", "）": ")", "：": ":", "＊": "*", "·": "·"})
#: Full-width Latin letters and digits and ％ (２０２５年, ５Ｇ, 增长５％), as older reports and some web pages print
#: them: read as their ASCII forms (one character for one, so offsets hold).
_NARROW_ALNUM = str.maketrans({chr(c): chr(c - 0xFEE0)
                               for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05)})
# Words of carrying out around a name (guide rule 2: 推行“红色物业”建设 -> 红色物业).
_CARRY_OUT_SUFFIX = re.compile(r"(?:建设工作|创建工作|建设|创建|工作)$")


def canonical(surface: str) -> str:
    """Return the canonical form of a surface name.

    Quotation and title marks and spaces are removed, full-width ＋ becomes +
    (guide rule 2); full-width brackets are kept as written, masked place
    names (``**``, ``xx``) are kept (rule 3); a note's reference mark (［3］, [12]) is dropped.

    Args:
        surface: the text as written.

    Returns:
        The canonical name (may be empty if the surface held only marks).
    """
    name = _STRIP.sub("", surface).replace("＋", "+")
    return _NOTE_MARK.sub("", name) if "［" in name or "[" in name else name


def search_form(q: str) -> str:
    """A name search as names are stored: simplified script, quotation and title marks and spaces dropped (guide
    rule 2: “两个确立” is stored 两个确立), full-width letters and digits made ASCII (ＡＩ -> AI, as the texts print
    them almost always), full-width brackets and marks too (:data:`FULLWIDTH_MARKS`). Empty when ``q`` holds only marks and
    spaces."""
    return canonical(to_simplified(q.strip())).translate(_NARROW_ALNUM).translate(FULLWIDTH_MARKS)


# Frequent characters that exist only in traditional script: a text with none of
# them is not converted (converting costs about 3 µs a character).
_TRADITIONAL_ONLY = frozenset("們這個為會發與國說學對來時業開關經動區長實現將進於黨點體機產義當設過還從問應戰導議"
                              "計務員頭華後無幹辦變種組織總條參與幣農衛廣濟環質級積資歷聯屬")


def simplified_for_matching(text: str) -> str:
    """Return a simplified-script copy of ``text`` with the same length, for matching; or ``text`` itself.

    Used by the loaders: extraction runs on this copy, while offsets and the
    mention surfaces index (and quote) the original text.  Converts only when
    ``text`` holds traditional-only characters, and keeps the original when
    OpenCC's conversion would change the length (so offsets would not line up).
    """
    if _TRADITIONAL_ONLY.isdisjoint(text):
        return text
    converted = _converter().convert(text)
    return converted if len(converted) == len(text) else text


# A half-width comma, semicolon, colon, question or exclamation mark written between Chinese words, as text
# copied from web pages and some word processors has it (坚持突出政治功能,着力提升组织力,围绕中心): Chinese
# writing means the full-width mark there.  Not between digits (1,000; 11:30) nor in Latin text.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
# Brackets likewise, when a Chinese character stands on either side (条例(试行), 方案(2024—2026年)).
_NARROW_CLAUSE_MARK = re.compile(
    f"(?<=[{_CJK}])[,;:?!()]|[,;:?!](?=\\s*[{_CJK}《（(])|[()](?=[\u4e00-\u9fff])")
_WIDE = str.maketrans(",;:?!()", "，；：？！（）")
# A half-width or full-width dot closing a Chinese sentence (推进乡村振兴,建设美丽乡村.): the full stop 。 Chinese writing
# means.  Not a decimal point or a heading's or item's number (3.5%, 1.促进, 一．总体要求: a digit or numeral before
# it), nor a dot of an ellipsis (……...) or before Latin letters (政府网.gov.cn).
_NARROW_FULL_STOP = re.compile("(?<=[\u4e00-\u9fff”’）)》%])[.．](?![.．A-Za-z])")


def matching_text(text: str, simplified: str | None = None) -> str:
    """Return the copy of ``text`` extraction reads, of the same length: simplified script
    (:func:`simplified_for_matching`) with half-width clause marks between Chinese words made full-width
    (政治功能,着力 -> 政治功能，着力), full-width letters and digits made ASCII (２０２５年 -> 2025年), a year in
    numerals made digits (到二〇三五年 -> 到2035年: :data:`_NUMERAL_YEAR`, so every rule of dates reads it), corner or
    straight quotation marks made curly ones (「五星」支部, "五星"支部 -> “五星”支部) and the dot after a heading's
    numeral made 、 (一．总体要求 -> 一、总体要求), so that a text copied from a web page or an older report reads as
    the official one does.  The 117 annotated texts with their digits made full-width (and their golds alike)
    scored 0.903 / 0.664 entity / relation F1 against 0.913 / 0.681 as written before the digits were read so,
    and score as written now (session 33, shipped models).

    Offsets into the copy are offsets into ``text``; mentions quote ``text``; names keep the text's digits
    (:func:`surface_width`).  ``simplified``: :func:`simplified_for_matching` of ``text`` when the caller has it.
    """
    text = _curly_quotes((simplified if simplified is not None else simplified_for_matching(text)).translate(_NARROW_ALNUM))
    if "年" in text:  # 到二〇三五年 / 二○二○年: a year in numerals reads as 2035年 (same length) for every rule of dates
        text = _NUMERAL_YEAR.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), text)
    if "．" in text or "." in text:  # 一．总体要求 / 一.总体要求: the heading number as GB/T 9704 prints it, 一、
        text = with_full_stops(_DOTTED_HEADING.sub(r"\1、", text))
    if not _NARROW_CLAUSE_MARK.search(text):
        return text
    chars = list(_NARROW_CLAUSE_MARK.sub(lambda m: m.group(0).translate(_WIDE), text))
    opened: list[int] = []  # a pair of brackets of which one was made full-width: both are (办法(2024))
    for i, ch in enumerate(chars):
        if ch in "(（":
            opened.append(i)
        elif ch in ")）" and opened:
            j = opened.pop()
            if "（" in (chars[j], ch) or "）" in (chars[j], ch):
                chars[j], chars[i] = "（", "）"
    return "".join(chars)


def with_full_stops(text: str) -> str:
    """``text`` (same length) with each dot that closes a Chinese sentence made 。 (建设美丽乡村.加强党建 ->
    建设美丽乡村。加强党建; :data:`_NARROW_FULL_STOP`), as text copied from web pages and some word processors writes
    it; decimal points, headings' and items' numbers (一．总体要求, 1.) and dots in Latin text stay."""
    if "." not in text and "．" not in text:
        return text
    numbers = {m.end() for m in _HEADING_NUMBER.finditer(text)}  # 一．总体要求, 一．2024年工作回顾: a heading's number
    return _NARROW_FULL_STOP.sub(lambda m: m.group(0) if m.start() in numbers else "。", text)


# The dot after a heading's Chinese numeral at a line's start (一．总体要求), not a decimal point.
#: A year written in Chinese numerals, digit by digit (一九九七年, 二〇三五年, 二○二○年 with the circle of older prints,
#: 二零二五年), before its 年: the way congress reports, speeches and party documents write years.
_NUMERAL_YEAR = re.compile(r"[一二][〇○零一二三四五六七八九]{3}(?=年)")
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_DOTTED_HEADING = re.compile(r"(?m)^([ \t\u3000]*[一二三四五六七八九十]{1,3})[．.](?![0-9])")
# A heading's Chinese numeral at a line's start before its dot (一．总体要求, 一．2024年工作回顾).
_HEADING_NUMBER = re.compile(r"(?m)^[ \t\u3000]*[一二三四五六七八九十]{1,3}(?=[．.])")
_CORNER = str.maketrans("「」『』", "“”‘’")
_STRAIGHT = re.compile(r'"([^"\n]*)"')
# A quotation opened by a curly mark and closed by a straight one, or the other way round, the whole quotation on one
# line with no other mark inside (《“十四五"数字经济发展规划》, 坚持“政府引导、市场运作"。: the input method's opening mark and
# a closing one typed on the keyboard).
_MIXED = re.compile(r'“([^“”"\n]*)"|"([^“”"\n]*)”')


def _curly_quotes(text: str) -> str:
    """``text`` with corner quotation marks (「」『』, as Hong Kong, Taiwan and some mainland pages print them) and
    pairs of straight double quotes on one line made the curly marks official texts print (“”‘’), one character
    for one.  The 117 annotated texts so quoted scored 0.898 / 0.660 (corner) and 0.898 / 0.662 (straight) entity /
    relation F1 against 0.913 / 0.681 as written before (session 33, shipped models); quoted names are the
    strongest sign of a Program (guide: Program "typical signals").  A straight mark that closes a curly one, or
    opens what a curly one closes (:data:`_MIXED`: 北京市“十四五"时期…, as two of the annotated pages type every
    closing mark), is made curly first, so the straight marks left pair among themselves: before, such a page's
    “十四五"…“十四五"… read as “十四五“…“十四五”, each quotation's end the next one's start."""
    if "「" in text or "『" in text:
        text = text.translate(_CORNER)
    if '"' not in text:
        return text
    text = _MIXED.sub(lambda m: "“" + (m.group(1) if m.group(1) is not None else m.group(2)) + "”", text)
    return _STRAIGHT.sub(lambda m: "“" + m.group(1) + "”", text)


def surface_width(name: str, original: str, matching: str) -> str:
    """``name``, read in ``matching`` (the copy of :func:`matching_text`), with the full-width letters and digits
    that ``original`` (the same characters of the text) prints there: a name quotes the text's figures as printed
    (guide rule 2: the surface text).  ``name`` is matched to ``matching`` character by character in order, so a
    name cut from the span (its verbs or quotes dropped) is restored too.

    Args:
        name: a mention's name, as extraction read it.
        original, matching: the mention's span in the text and in its matching copy (the same length).

    Returns:
        ``name``, with each of its letters and digits printed full-width in ``original`` made full-width again, and
        each digit of a year printed in numerals (二○二○年) printed so again.
    """
    if original == matching:
        return name
    out, j = [], 0
    for ch in name:
        k = matching.find(ch, j)
        if k < 0:
            out.append(ch)
            continue
        o = original[k]
        out.append(o if o != ch and (o.translate(_NARROW_ALNUM) == ch or o.translate(_YEAR_DIGITS) == ch) else ch)
        j = k + 1
    return "".join(out)


def _converter():
    """OpenCC's ``t2s`` conversion (:mod:`policykg.graph.t2s`: the same output, faster)."""
    from .t2s import t2s

    return t2s()


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Return ``text`` with traditional characters converted to simplified (OpenCC t2s)."""
    return _converter().convert(text)


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """Return the key under which two names denote the same entity.

    canonical form, simplified characters, ASCII brackets and plus, and a
    trailing 建设/创建/工作 dropped when at least four characters remain.
    """
    key = plain_key(name)
    stripped = _CARRY_OUT_SUFFIX.sub("", key)
    return stripped if len(stripped) >= 4 else key


@lru_cache(maxsize=65536)
def plain_key(name: str) -> str:
    """:func:`match_key` before its trailing 建设/创建/工作 is dropped: canonical form, simplified characters, ASCII
    brackets, plus, letters and digits, no enumeration comma (市场化、法治化、国际化营商环境 is 市场化法治化国际化营商环境
    as another report writes it), no linking 的 between ideographs but in 党的 (廉洁的政府 / 廉洁政府, 人民满意的教育 /
    人民满意教育), and 和 for the conjunction 与 (科技创新与产业创新融合发展 / 科技创新和产业创新融合发展) (the key of the
    type-word rule, which reads those words as type words).  The last two since session 43: over the national and the
    2025 provincial reports 47 nodes joined others written so (廉洁政府 19 reports + 1, 人民满意的教育 12 + 5,
    居民收入增长和经济增长（基本）同步 4 + 6); the 4-fold scores did not move."""
    key = to_simplified(canonical(name)).translate(FULLWIDTH_MARKS).translate(_NARROW_ALNUM).replace("、", "")
    return _LINKING_DE.sub("", key).replace("与", "和")


#: 的 between two ideographs, but in 党的 (党的基层组织, a form of the short-form table): 廉洁的政府 is 廉洁政府
_LINKING_DE = re.compile(r"(?<=[\u4e00-\u9fff])(?<!党)的(?=[\u4e00-\u9fff])")


# Forms of one goal (resolver rule 2): 乡村振兴战略 / 乡村振兴发展 / 乡村全面振兴 -> 乡村振兴.
_GOAL_FORMS = (
    re.compile(r"(?<=..)(?:战略|发展){1,2}$"),  # 创新驱动发展战略 -> 创新驱动 (session 43)
    re.compile(r"全面(?=振兴$)"),
    re.compile(r"^发展(?=.{4,}$)"),
)


@lru_cache(maxsize=65536)
def goal_key(name: str) -> str:
    """Return the key under which two Goal names are one goal.

    :func:`match_key`, then a trailing 战略/发展, twice (when two characters remain: 创新驱动发展战略 / 创新驱动战略 /
    创新驱动发展, session 43)
    and a 全面 before a final 振兴 are dropped: the alias rules of the
    annotation guide's Goal examples (乡村振兴 / 乡村振兴战略 / 乡村全面振兴); so is a leading 发展 when four
    characters remain (发展新质生产力 = 新质生产力发展 = 新质生产力: the adjudicated golds that write both forms make
    them one entity 6 times of 6, and 发展X an alias of X 25 times of 25).
    """
    key = match_key(name)
    for pat in _GOAL_FORMS:
        key = pat.sub("", key)
    return key

