"""The lines an official document (公文, GB/T 9704-2012) sets around its title: masthead, document number, a title
wrapped over lines, and the date line.

A 公文 as issued opens with its masthead (版头: 某某市人民政府办公室文件), its document number (发文字号: 某政办发〔2024〕12号),
sometimes the issuer's name once more, then its title (关于印发某某市优化营商环境三年行动方案的通知, set over two or three
lines when long), the addressee (各区人民政府，市政府各部门：) and the body, and closes with the issuer's name and the date
(2024年5月20日).  The first line of such a text is no title (:func:`policykg.loaders.metadata.find_title` reads
:func:`title_block`); the document number and the date say its year (:func:`number_year`, :func:`date_line`, read by
:func:`policykg.loaders.metadata.find_year`); none of those lines heads a section (:func:`policykg.loaders.outline.outline`).
The signature above the date (the issuers' names) heads no section either, nor the note under it (（此件公开发布）:
:func:`closing_lines`), nor a document number wherever it stands (:func:`number_line`), and a
title set in spaced characters (关　于　印　发…) is read closed up (:func:`closed_up`).
The words and patterns are ``lexicon.toml [text] masthead_endings``, ``title_openers``, ``document_number`` and
``signature_endings``; a date is :data:`policykg.loaders.metadata.DATE_PATTERN`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

__all__ = ["SENTENCE_MARK", "address_line", "closed_up", "closes_title", "closing_lines", "date_line", "number_line",
           "number_year", "opening_address", "subtitle_end", "title_block"]

#: How many lines a header may hold before its title: the masthead, the number, the issuer's name, a 签发人 line …
_HEADER_LINES = 6
#: How many lines a title may be set over, and the longest of them (a title line of GB/T 9704 holds 28 characters or so).
_WRAPPED_LINES = 3
_TITLE_LINE = 40
#: A mark no heading or title line holds (it ends or divides a sentence).
SENTENCE_MARK = re.compile(r"[。！？；，：:;]")
#: A closing note in brackets (（试行）, （2021-2023年）) after the word that closes a title.
_CLOSING_NOTE = re.compile(r"[（(][^（）()]{1,20}[）)]$")
#: A line in brackets from end to end (（此件公开发布）), as a note (附注) under the date is set.
_BRACKETED = re.compile(r"[（(].*[）)]")


#: A character a title may set apart by spaces: a Chinese character, or a mark a title holds (《》〈〉（）“”、—).
_SPACED = "[\u4e00-\u9fff《》〈〉（）“”、—]"
#: Three or more such characters each set apart by spaces (全　区　组　织, 关　于　印　发　《　…): one run letter-spaced.
_LETTER_SPACED = re.compile(_SPACED + r"(?:[ \u3000]+" + _SPACED + r"(?!" + _SPACED + r")){2,}")


def closed_up(line: str) -> str:
    """``line`` with its letter-spaced runs closed up (全　区　组　织 -> 全区组织, 关　于　印　发 -> 关于印发:
    :data:`_LETTER_SPACED`, as official titles are often set); the space between two words of several characters
    (between two issuers: 中共中央办公厅　国务院办公厅关于…) stays."""
    return _LETTER_SPACED.sub(lambda m: re.sub(r"[ \u3000]+", "", m.group(0)), line)


@lru_cache(maxsize=1)
def _layout() -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str], re.Pattern[str], tuple[str, ...],
                       tuple[str, ...]]:
    from .metadata import DATE_PATTERN  # here: metadata reads this module's title_block

    lx = lexicon()
    raw = lx.raw["text"]
    closings = tuple(set(lx.words("document", "quote_suffixes")) | set(lx.words("document", "instrument_words")))
    # a date alone on its line, perhaps in brackets (（2017年10月18日） under a speech's title)
    dated = re.compile(r"[（(]?" + DATE_PATTERN + r"[）)]?")
    number = re.compile(raw["document_number"].replace("{date}", DATE_PATTERN))  # a date after the number
    return (tuple(raw["masthead_endings"]), tuple(raw["title_openers"]), number, dated, closings,
            tuple(raw["signature_endings"]))


def _masthead(line: str) -> bool:
    """A masthead: an issuer's name closed by 文件 (``[text] masthead_endings``), perhaps letter-spaced."""
    endings, openers = _layout()[:2]
    spaced = re.sub(r"[ \u3000]+", "", line)
    return len(spaced) <= 30 and spaced.endswith(endings) and not any(w in spaced for w in openers)


def number_line(line: str) -> re.Match[str] | None:
    """The document number (发文字号) a line holds alone, or ``None``.

    The number is ``[text] document_number``: the issuer's code, the year in brackets, the serial number and 号, the
    whole perhaps in brackets and followed by the date (某政办发〔2024〕12号, （皖政办秘〔2021〕82号）,
    （中纪发〔2009〕27号2009年12月29日）).  Such a line is metadata, never a heading (:func:`.outline.outline`), in the
    header of a 公文 or under a title that opens the text.

    Args:
        line: one line, stripped.

    Returns:
        The match, its group 1 the year the document was issued (``None`` when the year lost a digit in copying:
        〔202〕), or ``None``.
    """
    return _layout()[2].fullmatch(line)


def closes_title(text: str) -> bool:
    """True when ``text`` ends as the title of an instrument does (通知, 意见, 方案 …: ``[document] quote_suffixes`` and
    ``instrument_words``), a closing note in brackets (（试行）) aside: the title of a notice, or of the instrument it issues
    set over that instrument's parts (:func:`policykg.loaders.outline.outline` keeps their levels)."""
    return _CLOSING_NOTE.sub("", text).endswith(_layout()[4])


def _title_line(line: str) -> bool:
    """A line that may be a title or a part of one: no sentence punctuation, no masthead or number, at most 40
    characters (100 when it closes as an instrument's title, as find_title allows: a notice issuing two plans)."""
    return (len(line) <= (100 if closes_title(line) else _TITLE_LINE) and not SENTENCE_MARK.search(line)
            and not _masthead(line) and not number_line(line))


def title_block(text: str) -> tuple[str | None, int] | None:
    """The title of a text that opens with a 公文 header or with a title wrapped over lines, and where it ends.

    After a header (a masthead and the document number, either or both, and perhaps the issuer's name) the title is
    the first of the next three lines that holds one of ``[text] title_openers`` (关于, 印发) or closes as an
    instrument's title does (…的通知, …实施方案), read with its letter-spaced runs closed up (关　于　印　发…:
    :func:`closed_up`, as a title set in spaced characters is copied out); a title that opens the text is read here
    only when it holds one of
    those words, does not close so on its first line and does on a line after it.  A title runs on over the next
    short lines, three in all at most, until it closes so (关于印发某某市优化营商环境 / 三年行动方案的通知); when it never
    does, a title after a header is its first line alone.

    Args:
        text: the document's text.

    Returns:
        ``(title, end)``: the title, lines joined (``None`` when a header stands over no line read as a title), and
        the offset in ``text`` where its last line (or the header's) ends; ``None`` when the text opens otherwise
        (its first line is its title or no title: :func:`policykg.loaders.metadata.find_title`).
    """
    from .outline import enumerator

    lines: list[tuple[str, int]] = []  # (line stripped, offset of its end)
    pos = 0
    while len(lines) < _HEADER_LINES + _WRAPPED_LINES + 3 and pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if line := closed_up(text[pos:end].strip().lstrip("#").strip()):  # 关　于　印　发…: letter-spaced
            lines.append((line, end))
        pos = end + 1
    openers = _layout()[1]
    first = 0
    while first < min(len(lines), _HEADER_LINES) and (_masthead(lines[first][0]) or number_line(lines[first][0])):
        first += 1
    if first:  # a header: its title is the first line that opens or closes one, the issuer's name before it aside
        start = next((k for k in range(first, min(first + 3, len(lines))) if _title_line(lines[k][0])
                      and (any(w in lines[k][0] for w in openers) or closes_title(lines[k][0]))), None)
        if start is None:
            return None, lines[first - 1][1]
    elif (lines and _title_line(lines[0][0]) and any(w in lines[0][0] for w in openers) and not closes_title(lines[0][0])
          and not enumerator(lines[0][0])):  # 一、关于…: the first heading of a text with no title line
        start = 0
    else:
        return None
    last, title = start, lines[start][0]
    while not closes_title(title) and last + 1 < min(len(lines), start + _WRAPPED_LINES) and _title_line(lines[last + 1][0]):
        last += 1
        title += lines[last][0]
    if not closes_title(title):
        if not first:
            return None  # a first line no line after it closes: find_title reads it as ever
        last, title = start, lines[start][0]
    return title, lines[last][1]


def number_year(text: str) -> int | None:
    """The year of a document's number among its first lines (某政办发〔2024〕12号, （皖政办秘〔2021〕82号）: the year it
    was issued), or ``None``.  ``text`` has its digits in ASCII (:func:`policykg.loaders.metadata.find_year`)."""
    for line in text.lstrip().split("\n", _HEADER_LINES + _WRAPPED_LINES + 2)[:_HEADER_LINES + _WRAPPED_LINES + 2]:
        if (m := number_line(line.strip())) and m.group(1):
            return int(m.group(1))
    return None


def date_line(line: str) -> re.Match[str] | None:
    """The date a line holds alone (2024年5月20日, （2017年10月18日）, 二〇二四年五月二十日: :data:`.metadata.DATE_PATTERN`), the
    year its group 1, or ``None``: the date a notice is signed with (成文日期, under its signature: a notice that carries
    the instrument it issues after it is dated in its middle, :func:`.metadata.find_year`), or the date under a
    speech's title; such a line heads no section (:func:`.outline.outline`)."""
    return _layout()[3].fullmatch(line.strip())


def _signature(line: str) -> bool:
    """A line that may name an issuer signing a 公文 (or several, spaced on one line): at most 40 characters, no
    sentence mark or item number, and ending with a word of ``[text] signature_endings`` (办公室, 人民政府, 局 …)."""
    from .outline import enumerator

    return (len(line) <= _TITLE_LINE and not SENTENCE_MARK.search(line) and line.endswith(_layout()[5])
            and not enumerator(line))


def closing_lines(text: str) -> set[int]:
    """Where the lines around the date a 公文 is written on start that name no part of it: its signature above the
    date and its note under it.

    GB/T 9704-2012 signs a notice with the issuer's name (7.3.5, 发文机关署名), one issuer a line when several issue it
    together, over the date (成文日期) written alone on its line, not in brackets as the date under a speech's title is
    (（2017年10月18日）: :func:`_written_on`), and sets a note in brackets on the line under the date (7.3.6, 附注: how it
    is made public, （此件公开发布）, （此件主动公开）; how far it is sent, （此件发至县级）; whom to ask, （联系人：…）).
    Short and unpunctuated, such lines had been read as headings of their own (a review, session 60: 安徽省人民政府办公厅
    over 2021年9月2日; 重庆's plan signed by 13 organs, each a section, and its note over the plan);
    :func:`policykg.loaders.outline.outline` passes them over.  A line is of the signature when each line from it down
    to the date is a name :func:`_signature` reads (ending with ``[text] signature_endings``); the line under the date
    is a note when it is in brackets from end to end and does not open with an item's number (（一）…).

    Args:
        text: the document's text.

    Returns:
        The character offsets in ``text`` where those lines start (empty when it has none).
    """
    from .outline import enumerator

    lines = _lines(text)
    found: set[int] = set()
    for k, (_at, line) in enumerate(lines):
        if not _written_on(line):
            continue
        above = k - 1
        while above >= 0 and lines[above][0] not in found and _signature(lines[above][1]):
            found.add(lines[above][0])
            above -= 1
        if k + 1 < len(lines) and _BRACKETED.fullmatch(note := lines[k + 1][1]) and not enumerator(note):
            found.add(lines[k + 1][0])
    if lines and _signature(_unpublished(lines[-1][1])):  # 重庆市民政局发布 closing the text, under no date
        found.add(lines[-1][0])
    return found


def _unpublished(line: str) -> str:
    """``line`` without a word of ``[text] publishing_words`` closing it (重庆市民政局发布 -> 重庆市民政局)."""
    for word in _publishing_words():
        if line.endswith(word) and len(line) > len(word):
            return line[: -len(word)]
    return line


@lru_cache(maxsize=1)
def _publishing_words() -> tuple[str, ...]:
    return tuple(lexicon().words("text", "publishing_words"))


@lru_cache(maxsize=1)
def _address() -> re.Pattern[str]:
    """The address a report or speech opens with, alone on its line: a word of ``[text] closing_vocatives`` and a
    colon or an exclamation mark (各位代表：, 同志们：, 各位代表:)."""
    return re.compile("(?:" + lexicon().alternation("text", "closing_vocatives").pattern + ")[：:！!]")


def address_line(line: str) -> bool:
    """Whether ``line`` (stripped) is an address to the audience alone on its line, a paragraph of its own: a word of
    ``[text] closing_vocatives`` and a colon or an exclamation mark (各位代表：, 同志们：, 各位代表！)."""
    return _address().fullmatch(line) is not None


def opening_address(text: str) -> int:
    """Where the address a report or a speech opens with starts, or 0: the lines above it (title, subtitle,
    dateline, speaker, source) head no section.

    A work report or a congress report is set as its title, perhaps a second title line, the dateline
    (——2017年3月5日在第十二届全国人民代表大会第五次会议上), the speaker (国务院总理李克强, 习　近　平), perhaps the source
    of a reprint (来源：湖南日报), then the address to the audience alone on its line (各位代表：, 同志们：:
    :func:`_address`) and the body.  Short and unpunctuated, the speaker's line and the title's lines had been read
    as headings when :data:`policykg.loaders.outline._BYLINE` did not know their shape (no space after the post, a
    name of two parts joined by ·, a name alone).  The address counts when it stands among the first ``[text]
    opening_lines`` lines holding text and no line above it opens with an item's number (一、…: the body has begun).

    Args:
        text: the document's text.

    Returns:
        The character offset in ``text`` where the address's line starts; 0 when the text opens otherwise.
    """
    from .outline import enumerator

    for at, line in _lines(text)[: lexicon().raw["text"]["opening_lines"]]:
        if address_line(line):
            return at
        if enumerator(line):
            return 0
    return 0


@lru_cache(maxsize=1)
def _subtitle() -> re.Pattern[str]:
    return re.compile(lexicon().raw["text"]["subtitle_opening"])


def subtitle_end(text: str) -> int:
    """Where the subtitle under the title a text opens with ends, or 0: the title's lines over it head no section.

    A speech, report or article published with a subtitle sets its title (主标题, perhaps over two lines: 决胜全面建成小康社会 /
    为夺取新时代中国特色社会主义伟大胜利) over the subtitle (副标题), which opens with a dash (``[text] subtitle_opening``:
    ——在中国共产党第十九次全国代表大会上的报告).  So when one of the first lines holding text, after at most
    ``_WRAPPED_LINES`` lines of a title, opens with a dash and reads as a title's line after it, and each line above it
    reads as a title's line (no sentence mark, no item's number: :func:`_title_line`), those lines and the subtitle are
    the title, not headings.  An excerpt of a congress report opening so, with no address to the audience under it
    (同志们：, :func:`opening_address`), had its title's second line heading the excerpt's first part.

    Args:
        text: the document's text.

    Returns:
        The character offset in ``text`` where the subtitle's line ends; 0 when the text opens otherwise.
    """
    from .outline import enumerator

    lines = _lines(text)[: _WRAPPED_LINES + 1]
    for k, (at, line) in enumerate(lines):
        if k and (dash := _subtitle().match(line)) and _title_line(line[dash.end():].strip()):
            return at + len(text[at:].split("\n", 1)[0])
        if not _title_line(line) or enumerator(line):
            return 0
    return 0


def _lines(text: str) -> list[tuple[int, str]]:
    """``(offset, line stripped)`` of each line of ``text`` holding text, in order."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if stripped := raw.strip():
            lines.append((pos, stripped))
        pos += len(raw) + 1
    return lines


def _written_on(line: str) -> bool:
    """Whether ``line`` (stripped) is the date a 公文 is written on (成文日期): a date alone (:func:`date_line`), short and
    not in brackets, as the date under a speech's title is (（2017年10月18日）)."""
    return len(line) <= 24 and not line.startswith(("（", "(")) and date_line(line) is not None
