"""The layout repairs every text policykg reads gets (line ends, run-on lines, spaces between CJK characters, hard
wraps), whatever its format: HTML is read by :mod:`.web_page`, DOCX by :mod:`.word`, PDF by :mod:`.pdf`, each taking
the file's bytes (a web page its text, decoded once as a text file is: :func:`policykg.loaders.read.decode`) and
returning its text with one paragraph per line.
"""

from __future__ import annotations

import re
from collections import Counter

from .outline import ENUMERATOR, PAGE_NUMBER
from .page_chrome import chrome_line

__all__ = ["RUN_ON", "cjk_spacing", "clean_lines", "join_wrapped", "line_ends", "relineate", "unwrap", "wrap_width"]

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# Chinese text sets its quotation marks “ ” ‘ ’ (General Punctuation, outside the CJK blocks) with no space either
# side; a PDF's text layer puts one on each side where the glyphs stand apart (湖南's 2025 report printed from Chromium:
# 关键产品 “ 揭榜挂帅 ” 和产业链, which had made the whole clause one Goal; 动态编制 “ 4×4 ” 现代化产业体系), so beside
# Chinese they count as Chinese, and no language sets a space inside double quotation marks (“ 4×4 ”).
_CJK_OR_QUOTE = _CJK + "\u2018\u2019\u201c\u201d"
_CJK_GAP = re.compile(rf"(?<=[{_CJK_OR_QUOTE}])[ \t\u00a0]+(?=[{_CJK_OR_QUOTE}])|(?<=\u201c)[ \t\u00a0]+|[ \t\u00a0]+(?=\u201d)")
# One space typeset between Chinese and a Latin letter or digit, or after a Chinese mark (增长 5% 左右, 实施 5G 工程,
# 意义。 加强): U+0020, a no-break or a thin space, alone.
_SPACE = "[ \u00a0\u2002-\u200a\u202f\u205f]"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# A Chinese punctuation mark (、，。；：！？ the brackets and quotation marks), which a PDF's text layer sets apart from a
# figure's per cent sign before it (增长4.6% 、高于全国…, 5% 、10%: 湖南's 2025 report printed from Chromium).
_CJK_MARK = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff1f\u2018\u2019\u201c\u201d"
_CJK_SPACING = re.compile(rf"(?<=[{_HAN}]){_SPACE}(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]){_SPACE}(?=[{_HAN}])"
                          rf"|(?<=[，。；：、！？]){_SPACE}(?=[^\s])|(?<=[0-9][%‰]){_SPACE}(?=[{_CJK_MARK}])")
_SENTENCE_END = tuple("。！？；：」』”》）)!?;:")
# Line and page breaks other than \n: Windows and old Mac line ends, the vertical tab Word writes for a manual line
# break, the form feed between a converted PDF's pages, Unicode's line and paragraph separators (web pages).  The
# 117 annotated texts with U+2029 between paragraphs scored 0.876 / 0.515 entity / relation F1 against 0.913 / 0.681
# as written, with a form feed before every seventh line 0.911 / 0.675 (session 33, shipped models).
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def line_ends(text: str) -> str:
    """``text`` with every line or page break written ``\\n``."""
    return _BREAKS.sub("\n", text)


def _numbered(line: str) -> bool:
    """Whether ``line`` opens a numbered heading or item (一、 （一） 1. （1）: :data:`.outline.ENUMERATOR`)."""
    return ENUMERATOR.match(line.lstrip()) is not None


def clean_lines(text: str, layout: bool = True) -> str:
    """Strip each line and drop empty ones; with ``layout``, also remove spaces between CJK
    characters (spacing that PDF and HTML layout put inside Chinese words).

    A line holding a tab inside its text keeps its tabs (a table's row: 1\t实施…工程\t市通信管理局).  Without
    ``layout`` (a .docx, whose reader strips its paragraphs and writes a table's row as its cells joined by tabs), a
    line holding a tab anywhere keeps its tabs, those around its text too: the empty cells of a row with one cell
    not empty (\t小计\t, 小计\t\t, \t\t小计), which stripped of them was no row and could head a section (a review,
    session 60; :func:`policykg.loaders.outline.table_row`).  With ``layout``, tabs around a line's text are the
    page's spacing and go.

    Args:
        text: the text, any line ends.
        layout: remove layout spacing (HTML, PDF) or not (a .docx).

    Returns:
        The lines, ``\n``-joined.
    """
    out = []
    for line in line_ends(text).split("\n"):
        cells = "\t" in line.strip() or (not layout and "\t" in line and bool(line.strip()))
        line = line.strip(" \u3000\u00a0") if cells else line.strip()  # a row's empty cells stay
        if layout:
            line = _CJK_GAP.sub("", line)
        if line:
            out.append(line)
    return "\n".join(out)


#: A line longer than this (characters) is no paragraph but a run of them whose line breaks were lost: the longest
#: paragraph of the 189 texts of the development sets, the annotated texts, the examples and the gwr corpus is 1,342.
RUN_ON = 3000
# Where a run-on line breaks again: before a numbered item (the outline's ENUMERATOR) or an article after a
# sentence's end (。一、 ；（二） ：1. 。第五条), and before （一） after a heading's last character
# (一、总体要求（一）指导思想。).
_ITEM_BREAK = re.compile(rf"(?<=[。！？；：])(?=(?:{ENUMERATOR.pattern})|第[一二三四五六七八九十百]{{1,4}}[条章])"
                         r"|(?<=[\u4e00-\u9fff])(?=[（(][一二三四五六七八九十]{1,3}[）)])")


def relineate(text: str) -> str:
    """``text`` with the lines broken again in each line longer than :data:`RUN_ON` characters: a text whose
    paragraphs were run together on one line (scraped from a web page, copied from a viewer) is broken before each
    numbered item that follows a sentence's end (…。二、… ；（三）… 第五条…), so the outline finds its headings and
    items again.  The 117 annotated texts each run onto one line scored 0.875 / 0.537 entity / relation F1 against
    0.913 / 0.681 as written (session 33, shipped models).  Unnumbered headings and paragraphs stay joined.

    Args:
        text: a decoded text with ``\n`` line ends.

    Returns:
        The text with line breaks added (every character kept); unchanged when no line is so long.
    """
    lines = text.split("\n")
    if max(map(len, lines)) <= RUN_ON:
        return text
    return "\n".join(_ITEM_BREAK.sub("\n", line) if len(line) > RUN_ON else line for line in lines)


def cjk_spacing(text: str) -> str:
    """``text`` without the one space set inside a line between a Chinese character and a Latin letter or a digit
    (增长 5% 左右 → 增长5%左右, 实施 5G 工程), after a Chinese mark (意义。 加强) or between a figure's per cent sign and a
    Chinese mark (增长4.6% 、高于 → 增长4.6%、高于, 5% 、10%: a PDF's text layer; a Latin 5 % of stays).  Web pages and
    converted files space Chinese so ("pangu spacing"); the rules and the tagger read Chinese as it is printed, unspaced: the 117
    annotated texts spaced so scored 0.886 / 0.638 (around Latin and digits) and 0.892 / 0.645 (after marks)
    entity / relation F1 against 0.913 / 0.681 as written (session 33, shipped models).  A space between two
    Chinese characters is kept (it parts two phrases of a headline or slogan: 精准解痛点 精细优服务, 好品山东
    商行天下), and so are two spaces or more (专栏1  工业互联网…, a label and its title), an indent, a tab (a
    column of a table), the ideographic space 　 (第一条　为了…) and spaces between Latin words (Neo4j 5.26).

    Args:
        text: a decoded text with ``\n`` line ends.

    Returns:
        The text with those spaces removed (every other character kept, in order).
    """
    return _CJK_SPACING.sub("", text)


def _open(line: str) -> bool:
    """True when ``line`` does not end a sentence: no end mark, or a closing quote or bracket not after one
    (…深入实施“先锋领航·全域提升” goes on; …“奋斗忘我。” ends)."""
    return not line.endswith(_SENTENCE_END) or (line.endswith(tuple("」』”》）)")) and not line[:-1].endswith(
        tuple("。！？!?")))


def wrap_width(lines: list[str]) -> int | None:
    """The width (characters) at which ``lines`` were wrapped, or ``None`` when they were not (:func:`unwrap`)."""
    body = [line.strip() for line in lines if len(line.strip()) >= 15 and not _numbered(line)]
    if len(body) < 5:
        return None
    lengths = Counter(len(line) for line in body)
    width = max(lengths, key=lambda w: (sum(n for x, n in lengths.items() if abs(x - w) <= 2), w))
    near = [line for line in body if abs(len(line) - width) <= 2]
    if len(near) < 5 or len(near) * 5 < len(body) * 2 or sum(map(_open, near)) * 5 < len(near) * 3:
        return None
    return width


def unwrap(text: str) -> str:
    r"""Join again the lines of a text hard-wrapped at a fixed width, as text copied out of a PDF or a
    fixed-width view is (…全市组织工\n作在攻坚克难中…: jieba no longer finds 工作, nor the rules 部务会).

    The text is taken as wrapped when at least two in five of its lines of 15 or more characters (numbered
    headings aside) are within two characters of one width (the wrap width; the most such lines of any
    width), five at least, and at least three in five of those do not end a sentence.  A line of about that
    width that does not end a sentence then continues on the next, unless the next opens a numbered item
    (一、 （一） 1.); a numbered item's first line continues like any other (（一）深化学习教育。突出…主题主\n线，…).
    The width is that of the line as it stands in the file, not of the paragraph joined so far: the short last
    line of a wrapped title is not joined to the document number under it.  A title, a salutation (各位同事：)
    and the last line of a paragraph are shorter, and stay lines of their own.  A text written one paragraph to
    a line, as official texts are, has no such width and is returned unchanged (none of the 189 texts of the
    development sets, the project's annotated texts, the examples and the gwr corpus).

    Args:
        text: a decoded text with ``\n`` line ends.

    Returns:
        The text, unwrapped when it was wrapped (every character kept, only line breaks, the blank lines a page
        break left inside a sentence and the lines holding a page's printed number, :data:`.outline.PAGE_NUMBER`,
        removed).
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    lines = [line for line in lines if not PAGE_NUMBER.fullmatch(line.strip())]  # a page's number, as in a PDF
    return "\n".join(join_wrapped(lines, width))


def join_wrapped(lines: list[str], width: int) -> list[str]:
    """``lines`` with each line of about ``width`` characters that does not end a sentence (:func:`_open`) joined
    to the next, unless that one opens a numbered item (:func:`_numbered`); a blank line right after such a line
    (a page break inside a sentence) is dropped.  A line of a web page's fields or buttons
    (:func:`.page_chrome.chrome_line`: 来源：…发布时间：…字号：大中小) is joined to neither neighbour: a title filling a
    printed line had taken it in, and it the first sentence under it.  The step :func:`unwrap` and
    :func:`policykg.loaders.pdf.pdf_text` share; the width is that of each line as it stands, not of the paragraph joined
    so far."""
    out: list[str] = []
    prev = ""  # the last line as it stands in the file
    for line in lines:
        goes_on = prev and len(prev) >= width - 2 and _open(prev) and not chrome_line(prev)
        if goes_on and not line.strip():
            continue  # the blank a page break left inside a sentence (a form feed, a page's number dropped above)
        if goes_on and not _numbered(line) and not chrome_line(line):
            out[-1] += line
        else:
            out.append(line)
        prev = line.strip()
    return out
