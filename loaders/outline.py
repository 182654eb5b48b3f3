"""Outline and sentences of a Chinese official document.

The numbered hierarchy of 党政机关公文 (GB/T 9704): ``一、`` (level 1),
``（一）`` (level 2), ``1.``/``1．``/``1﹒`` (level 3), ``（1）`` (level 4).  Short
unnumbered lines with no sentence punctuation are headings at level 1, but for a page's
number left by the conversion from print (— 3 —), a formula (年度考评分值=…÷2: :func:`formula_line`) and a plan's box
(专栏3  X工程), a section one level below the one it stands in.
A table's row, a line of cells (序号\t重点任务\t牵头单位, as :func:`policykg.loaders.word.docx_text` writes a
.docx table's and a tab-separated text file holds them, or ``| 1 | 实施…工程 | 市通信管理局 |``, a Markdown table's and
trafilatura's of a web page's table), is never a heading, however many of its cells are empty
(:func:`table_row`): it stays in the text of the section the table stands in, where
:mod:`policykg.loaders.unit_tables` reads its units.
The heading of a numbered item is its first sentence.  Text before the
first heading is the preamble section (level 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.graph.names import with_full_stops
from policykg.graph.records import Section

from .heading_lines import (
    close_section,
    closing_heading,
    continued_item,
    list_level,
    note_line,
    note_reference,
    number_value,
    part_number,
    wrapped_tail,
)
from .lexicon import lexicon, tokenize
from .official_layout import closes_title, closing_lines, date_line, number_line, opening_address, subtitle_end, title_block

#: A table's row written with pipes (Markdown, trafilatura's text of a page's table), of one cell or more: no heading.
_PIPE_ROW = re.compile(r"^\|(?:[^|\n]*\|)+\s*$")

__all__ = ["ENUMERATOR", "MAX_SENTENCE", "PAGE_NUMBER", "Sentence", "box_heading", "enumerator", "formula_line", "outline",
           "right_after", "sentences", "table_row"]

_NUMBERED = [
    (1, re.compile(r"[一二三四五六七八九十百]+(?:、|[．.](?![0-9]))")),
    (2, re.compile(r"[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"\d{1,3}[.．、﹒](?!\d)")),
    (4, re.compile(r"[（(]\d{1,3}[）)]")),
]
#: A page's number left in the text by its conversion from print (— 3 —, - 3 -, 第3页, 3/12): no heading.
PAGE_NUMBER = re.compile(r"[—－\-–~·•\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*(?:/|共)\s*\d{1,4}\s*页?)?[—－\-–~·•\s]*")
#: A line of a list of people (the members of a leading group: 张　肖 省水利厅厅长, 何昌顺 省投资集团控股有限公司董事长): a name
#: of two or three characters (a two-character name padded with a full-width space, as such lists set it), a space,
#: then a post ending in a title.  Short and unpunctuated, it would otherwise be a heading of level 1: a walkthrough
#: (session 45) found each member of 安徽's working group a section of its own.
_PERSON_LINE = re.compile(r"[\u4e00-\u9fff](?:\u3000?[\u4e00-\u9fff]){1,2}[\u3000 ]+[^\s]{2,30}?"
                          r"(?:长|主任|书记|经理|董事长|主席|委员|组长|专员)")
#: The lines under a report's or speech's title that are no heading: the speaker, post first (国务院总理 李　强,
#: 宁夏回族自治区人民政府主席 张雨浦), and the dateline, opened by a dash or not (——2024年3月5日在第十四届全国人民代表大会
#: 第二次会议上, 2025年1月20日在四川省第十四届人民代表大会第四次会议上).  A walkthrough (session 53) found each a section
#: of level 1, the report's opening address filed under the speaker.
_BYLINE = re.compile(r"[^\s]{0,30}?(?:总理|主席|长|书记|主任)[\u3000 ]+[\u4e00-\u9fff](?:\u3000?[\u4e00-\u9fff]){1,2}"
                     r"|(?:——|—|－－|--).{4,60}|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日在.{4,50}上(?:的讲话|的报告)?")
#: The number of an item or heading at any level (一、 （一） 1. （1）).
ENUMERATOR = re.compile("|".join(pat.pattern for _lvl, pat in _NUMBERED))
#: The divisions of a regulation, measure or opinion written in articles (中国共产党组织工作条例, …实施办法: 第一章 总则,
#: 第一节, 第八条 …): chapter, section, article, then the items of an article (（一）, 1., （1）) below them.
_ARTICLES = [
    (1, re.compile(r"第[一二三四五六七八九十百零〇]{1,4}章")),
    (2, re.compile(r"第[一二三四五六七八九十百零〇]{1,4}节")),
    (3, re.compile(r"第[一二三四五六七八九十百零〇]{1,4}条")),
]
#: An article run into the line of the chapter or section it opens, after the white space closing that heading
#: (第一章　总则　　第一条 　为规范政务数据资源管理…: 阿坝州政务数据资源管理暂行办法 so opens each of its nine chapters):
#: the article is a section of its own, under the chapter (:func:`outline`).
_RUN_IN_ARTICLE = re.compile(r"[ \t\u3000]+(第[一二三四五六七八九十百零〇]{1,4}条)[ \t\u3000]*")
_ARTICLE_LINE = re.compile(r"(?m)^[ \t\u3000]*第[一二三四五六七八九十百零〇]{1,4}条")
#: The levels of the numbers of GB/T 9704 in a text written in articles: 一、 and （一） number the items of an
#: article (4), 1. and （1） the items below them.
_ITEM_LEVEL = {1: 4, 2: 4, 3: 5, 4: 6}


def enumerator(line: str) -> tuple[int, re.Match[str]] | None:
    """``(level, match)`` of the number opening ``line`` (1 一、, 2 （一）, 3 1., 4 （1）), or ``None``."""
    for lvl, pat in _NUMBERED:
        m = pat.match(line)
        if m:
            return lvl, m
    return None


def _division(line: str, articles: bool) -> tuple[int, re.Match[str]] | None:
    """``(level, match)`` of the number opening ``line`` in a text written in articles (``articles``: 第一章 1, 第一节 2,
    第八条 3, the items of an article 4 and below, :data:`_ITEM_LEVEL`), else as :func:`enumerator`."""
    if not articles:
        return enumerator(line)
    for lvl, pat in _ARTICLES:
        m = pat.match(line)
        if m:
            return lvl, m
    found = enumerator(line)
    return None if found is None else (_ITEM_LEVEL[found[0]], found[1])


def table_row(line: str, tabs_above: int | None = None, articles: bool = False) -> bool:
    """Whether ``line``, as it stands in the text (not stripped), is a row of a table: a line of cells no heading is.

    A row of a .docx table is its cells joined by tabs, its empty cells kept (:func:`policykg.loaders.word.docx_text`),
    as a tab-separated text file writes one; a row of Markdown or of a page's table is written between pipes.  So a
    line is a row when it is written between pipes (``| 小计 |``, ``| 1 | 实施…工程 | 市通信管理局 |``), or holds a tab
    after its text begins, but for one right after its opening number (一、\t总体要求, 第一条\t为了… in articles are no rows):
    between two cells or after the last one that is not empty (``1\t实施…工程\t市通信管理局``, ``小计\t\t``,
    ``\t小计\t``, a table of one column's ``工业大数据能力提升工程\t``).  A row whose only text is in its last cell
    (``\t\t小计``) has tabs before its text only, as an indented line does: it is a row when they are as many as the
    row above it holds (``tabs_above``; a table's rows have as many cells).  A review (session 60) found a row with
    one cell not empty stripped of its tabs and read as a heading of level 1.

    Args:
        line: one line of the text.
        tabs_above: how many tabs the line above holds when that line is a row itself, else ``None``.
        articles: the text is written in articles (第一条 …), whose numbers open lines too (:func:`_division`).

    Returns:
        ``True`` for a row.
    """
    text = line.lstrip()
    if not text:
        return False
    if _PIPE_ROW.match(text.rstrip()):
        return True
    numbered = _division(text, articles)  # 一、 （一） 1. （1）; in articles 第一章 第一节 第八条 too
    if "\t" in (text[numbered[1].end():].lstrip(" \t\u3000") if numbered else text):
        return True
    return tabs_above is not None and 0 < line.count("\t") == tabs_above


_SENT_END = "。！？；!?;"


@lru_cache(maxsize=1)
def _sentence_pattern() -> re.Pattern[str]:
    """A sentence up to its end mark; a note of responsible units right after it
    (…力度。（省商务厅牵头，省外办配合）) closes it: it says who carries out what came before it,
    not what follows (duty verbs: ``lexicon.toml [relation] duty_verbs``)."""
    duty = lexicon().alternation("relation", "duty_verbs").pattern
    return re.compile(r"[^。！？；!?;\n]*[。！？；!?;]?"
                      r"(?:[（(][^（）()。！？\n]{0,160}?(?:" + duty + r")[^（）()。！？\n]{0,40}[）)])?")


def right_after(end: int, start: int, text: str = "") -> bool:
    """Whether the sentence starting at ``start`` is the one right after the sentence ending at ``end`` (character
    offsets): with nothing but white space between them in ``text``, the document's text (a line break, an indent
    of 　　 or blank lines change nothing); without ``text``, at most two characters after it."""
    if text:
        return end <= start and not text[end:start].strip()
    return 0 <= start - end <= 2


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: character span ``[start, end)`` in the document text."""

    start: int
    end: int
    text: str


#: Longest sentence extraction sees (characters).  Official sentences rarely pass
#: 300 characters; longer runs (a document on one line, an unclosed quotation)
#: are cut at the last comma or enumeration mark before the limit, so the work
#: per sentence stays bounded.
MAX_SENTENCE = 600
_SOFT_BREAKS = "，,、：: \t"


def _word_boundary(window: str) -> int:
    """Where to cut a run of :data:`MAX_SENTENCE` characters with no soft break: before its last jieba word, which
    may run on past the window (a hard cut had left 乡村振兴战略 as 村振兴战略 and 乡村振兴战略实: a walkthrough,
    session 47); the window's end when the words are all short of a quarter of it."""
    words = tokenize(window[MAX_SENTENCE // 2:])
    last = words[-1][1] + MAX_SENTENCE // 2 if words else len(window)
    return last if last > MAX_SENTENCE // 4 else len(window)


def sentences(text: str, breaks: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences on 。！？； and line breaks, found in ``breaks`` when given: a copy of ``text`` of
    the same length whose marks are those Chinese writing means (:func:`policykg.graph.names.matching_text`: a
    sentence closed by a half-width dot, 建设美丽乡村.加强党建., ends as one closed by 。 does).

    Sentences longer than :data:`MAX_SENTENCE` characters are cut again at the
    last comma, enumeration mark, colon or space before the limit (where there is
    none, before the last word that reaches the limit: :func:`_word_boundary`).

    Returns:
        Sentences in order, each without surrounding whitespace; offsets
        are character offsets into ``text``.
    """
    out: list[Sentence] = []
    for m in _sentence_pattern().finditer(text if breaks is None else breaks):
        s, e = m.span()
        while s < e:
            cut = e
            if e - s > MAX_SENTENCE:
                window = text[s:s + MAX_SENTENCE]
                soft = max(window.rfind(ch) for ch in _SOFT_BREAKS)
                cut = s + (soft + 1 if soft > MAX_SENTENCE // 4 else _word_boundary(window))
            a, b = s, cut
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(a, b, text[a:b]))
            s = cut
    return out


def formula_line(line: str) -> bool:
    """Whether ``line`` states a formula, and so heads no section: it holds a sign of ``lexicon.toml [text]
    formula_marks`` (=, ＝, ÷), as a rule of assessment writes how a score is computed
    (年度考评分值=（上半年考评分值+下半年考评分值）÷2, 包头's 数字政府建设考评办法); + and × alone are no formula, names
    write them (“互联网+监管”, “4×4”现代化产业体系)."""
    return any(mark in line for mark in _formula_marks())


@lru_cache(maxsize=1)
def _formula_marks() -> tuple[str, ...]:
    return tuple(lexicon().words("text", "formula_marks"))


@lru_cache(maxsize=1)
def box_heading() -> re.Pattern[str]:
    """The opening of a plan's box heading (``专栏3  ``: a mark of ``lexicon.toml [relation] box_marks``, its number
    and the space after it); the outline places the box, :func:`policykg.loaders.relations.box_whole` reads the
    program it names."""
    marks = lexicon().alternation("relation", "box_marks").pattern
    return re.compile(r"^\s*(?:" + marks + r")\s*[0-9０-９一二三四五六七八九十]*[\s:：、.．]*")


def _plain_heading(plain: str) -> bool:
    """Whether ``plain`` (a line stripped, with no item number) reads as a heading: 4 to 40 characters, no sentence
    punctuation (half-width ! and ? too: 各位代表! over gwr-2002's close had headed it), no formula (:func:`formula_line`),
    not a line of a list of people (张　肖 省水利厅厅长), a speaker's line or dateline under a title (国务院总理 李　强,
    ——2024年3月5日在…上) or a note in brackets (:func:`.heading_lines.note_line`: （2019年2月印发）)."""
    if _PERSON_LINE.fullmatch(plain) or _BYLINE.fullmatch(plain) or note_line(plain):
        return False
    return (4 <= len(plain) <= 40 and not re.search(r"[。！？；，：,:;!?]", with_full_stops(plain))
            and not formula_line(plain))


def _ends_sentence(line: str) -> bool:
    """Whether ``line`` holds a mark ending a sentence (。！？；, a web page's dot for 。)."""
    return any(ch in _SENT_END for ch in with_full_stops(line))


def _heading_of(line: str) -> str:
    for i, ch in enumerate(with_full_stops(line)):  # 完善养老医护政策.支持…: the dot a web page writes for 。
        if ch in _SENT_END:
            return line[: i + 1] if i < 80 else line[:80]
    return line[:80]


def outline(doc_id: str, text: str, title: str | None = None) -> list[Section]:
    """Return the outline of a document as a flat list of :class:`Section` (document order).

    Args:
        doc_id: ``Document:<stem>``; section ids are ``Section:<stem>/<path>``.
        text: the document text.
        title: the document title; a heading line equal to it is not a section, nor are the lines of a 公文's
            header and title (:func:`.official_layout.title_block`), a document number wherever it stands
            (:func:`.official_layout.number_line`: 渝民发〔2024〕11号 under a title that opens the text), a line holding
            a date alone, the signature above it and the note under it (:func:`.official_layout.closing_lines`:
            （此件公开发布）).

    In a text written in articles, a chapter's or section's line that runs on into its first article
    (第一章　总则　　第一条 　为规范…: :data:`_RUN_IN_ARTICLE`) heads the chapter with the words before the article, and
    the article a section of its own from its number.

    Returns:
        Sections with parent ids; the first is always the preamble (level 0)
        covering any text before the first heading.  Spans cover each
        section's own text up to the next heading.
    """
    stem = doc_id.split(":", 1)[1]
    root = Section(f"Section:{stem}/0", doc_id, "", "（导语）", 0, 0, len(text), None)
    found: list[Section] = [root]
    stack: list[tuple[int, Section, int]] = []  # (level, section, children count)
    # a numbered section's id -> the rank and value of its number, and whether its heading is its whole line
    ranks: dict[str, tuple[int, int | None, bool]] = {}
    last: dict[int, int | None] = {}  # a rank -> the value of the last number of that rank
    top_count = 0
    # a 公文's header and title block (masthead, document number, the title's lines) heads no section
    block = title_block(text)
    header_end, title_seen = (block[1], block[0] is not None) if block is not None else (0, False)
    # a text of two or more articles (第一条 …) is divided into chapters, sections and articles (_division)
    articles = len(_ARTICLE_LINE.findall(text, 0, 200_000)) >= 2
    row_tabs: int | None = None  # the tabs of the line above when it is a table's row
    # a report's title, dateline, speaker over 各位代表：; a title's lines over its subtitle (——在…上的报告)
    header_end = max(header_end, opening_address(text), subtitle_end(text))
    signed = closing_lines(text)  # a 公文's signature over its date, its note under it
    lines = text.split("\n")
    starts = [0]
    for raw in lines[:-1]:
        starts.append(starts[-1] + len(raw) + 1)

    def metadata(stripped: str, at: int) -> bool:  # a date alone (2024年5月20日), the signature above it, the note
        return bool(PAGE_NUMBER.fullmatch(stripped) or at < header_end or date_line(stripped) or at in signed
                    or number_line(stripped))  # under it, a document number, a page's number: no heading

    def plain_tail(stripped: str, j: int) -> bool:  # the line under a heading would head a section of its own
        return (not table_row(lines[j], None, articles) and not metadata(stripped, starts[j])
                and _division(stripped, True) is None and enumerator(stripped) is None and stripped != title
                and _plain_heading(stripped)
                and box_heading().match(stripped) is None)

    joined: set[int] = set()  # the lines that are the second half of a heading wrapped over two lines
    for k, raw in enumerate(lines):
        line_start = starts[k]
        stripped = raw.strip()
        if not stripped or k in joined:
            continue
        row_tabs = raw.count("\t") if table_row(raw, row_tabs, articles) else None
        if row_tabs is not None:  # a table's row (1\t实施…工程\t市通信管理局, \t小计\t, | 1 | … |): no heading
            continue
        if metadata(stripped, line_start):
            continue
        lead = len(raw) - len(raw.lstrip())
        level, number, body = 0, "", stripped
        numbered = _division(stripped, articles) or (None if articles else continued_item(stripped, last.get(3))
                                                      or part_number(stripped))  # 8.6个…; 一 alone: a part
        rank: tuple[int, int | None, bool] | None = None
        if numbered:
            level, m = numbered
            number, body = m.group(0).rstrip("、.．"), stripped[m.end():].lstrip(" \t\u3000")
            if not articles:  # 一、 restarting under （一）: a list in that section, not a part
                rank = (level, number_value(number), _heading_of(body) == body and not _ends_sentence(body))
                last[level] = rank[1]
                level = list_level([(lv, *ranks.get(sec.id, (0, None, False))) for lv, sec, _ in stack], *rank[:2], level)
        if not level:
            plain = stripped.lstrip("#").strip()
            if title is not None and plain == title and not title_seen:
                title_seen = True
                continue
            if note_reference(plain, text, line_start + lead):  # ＠①原字石右加安, the note to 硫＠① above it
                continue
            if _plain_heading(plain) or closing_heading(plain):  # 结束语, as short as it is
                # a plan's box (专栏3  工业大数据能力提升工程) is an inset of the section it stands in: one level
                # below it, so the numbered actions after the box stay where they are (a walkthrough, session 45:
                # as a heading of level 1, each box of 安徽's plan held the actions up to the next box)
                boxed = bool(stack) and box_heading().match(plain) is not None
                level, number, body = (stack[-1][0] + 1 if boxed else 1), "", plain
                # the title of an instrument a notice issues (…实施方案) opens a text, whose parts keep their levels
                rank = (-1, None, True) if closes_title(plain) else None
            else:
                continue
        if (tail := wrapped_tail(lines, k, body, plain_tail)) is not None:  # 三、持续提升政府 / 治理效能和服务水平
            joined.add(tail)
            body += lines[tail].strip()
        heads = [(level, number, body, line_start + lead)]
        if articles and level < 3 and (run := _RUN_IN_ARTICLE.search(body)):  # 第一章　总则　　第一条 为规范…
            at = line_start + lead + len(stripped) - len(body) + run.start(1)
            heads = [(level, number, body[:run.start()], line_start + lead),
                     (3, run.group(1), body[run.end():].lstrip(" \t\u3000"), at)]
        for lvl, num, head, start in heads:
            while stack and stack[-1][0] >= lvl:
                stack.pop()
            if stack:
                parent = stack[-1][1]
                lvl_, sec_, n = stack[-1]
                stack[-1] = (lvl_, sec_, n + 1)
                path = f"{parent.id.rsplit('/', 1)[1]}.{n + 1}"
                parent_id: str | None = parent.id
            else:
                top_count += 1
                path = str(top_count)
                parent_id = None
            sec = Section(f"Section:{stem}/{path}", doc_id, num, _heading_of(head), lvl, start, len(text), parent_id)
            found.append(sec)
            if rank is not None and num == number:
                ranks[sec.id] = rank
            stack.append((lvl, sec, 0))
    close_section(found, text, stem, doc_id)  # 各位代表！ and what follows, after the body: （结语）
    # spans: each section's own text runs to the next section's start
    for i, sec in enumerate(found[1:], start=1):
        found[i - 1].end = sec.start
    found[-1].end = len(text)
    return found
