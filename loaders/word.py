"""Plain text of a Word .docx file (python-docx): the body's paragraphs and tables in document order, each paragraph
led by the number Word's automatic numbering shows before it.

Like the readers of :mod:`.formats`, :func:`docx_text` takes the file's bytes and returns its text with one paragraph
per line, or raises :class:`~policykg.errors.LoadError` with a reason a user understands.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from policykg.errors import LoadError

from .formats import clean_lines

__all__ = ["docx_text"]


def docx_text(data: bytes, path: str) -> str:
    """Text of a Word .docx file: the body's paragraphs and tables in document order, a paragraph a line, a table
    row a line of its cells joined by a tab (:func:`_row_lines`), each paragraph led by the number Word's automatic
    numbering shows before it (:func:`_auto_numbers`).

    A task table under its heading (二、重点任务分工 …) stays there: read after all paragraphs, as it was, its rows
    stood after the document's last section (a walkthrough: under 三、保障措施) and each became a section of its own.
    A box (专栏) set in a text box is read where it is anchored, after its paragraph, as a box drawn as a table of
    one cell is: a line for each of its paragraphs (:func:`_box_lines`).

    Args:
        data: the file's bytes.
        path: the file's name, for the error's message.

    Returns:
        The text, paragraphs stripped, a row's tabs kept (its empty cells at either end too) and empty lines
        dropped (:func:`clean_lines` without its layout repairs).

    Raises:
        LoadError: not a .docx (zip) file, or corrupt.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError as exc:  # a zip without one of a Word document's parts (a walkthrough, session 47: the
        # exception's name leaked; session 55: it was said to lack word/document.xml whichever part it lacked)
        part = re.search(r"'([^']+)'", str(exc))
        raise LoadError(path, "the file is a zip archive but not a Word document (it holds no "
                        f"{part.group(1) if part else 'word/document.xml'})") from None
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError):
        raise LoadError(path, "the .docx file is corrupt or not a Word document (not a readable zip archive)") from None
    except XMLSyntaxError as exc:  # a part cut short or damaged (a walkthrough, session 55: a traceback was printed)
        raise LoadError(path, f"the .docx file is corrupt: a part of it is not well-formed XML ({exc})") from None
    number = _auto_numbers(document)  # called on the body's paragraphs in order, as it counts
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _row_lines(block)
        else:  # stripped here: tabs around a paragraph's text are its indent, a row's (kept) are empty cells
            lines.append((number(block) + block.text).strip())
            lines += _text_box_lines(block)
    return clean_lines("\n".join(lines), layout=False)


def _box_lines(texts: list[str]) -> list[str]:
    """The lines of a box (专栏): each of its paragraphs, ``texts``, on a line of its own closed by a tab.

    A plan sets a box of projects or measures apart from its text (专栏1  工业互联网网络互联互通工程, then the box's
    items, each a paragraph: texts-b's anhui_gongye_hulianwang_2021 holds 12 so); Word draws it as a table of one
    cell or a text box.  Each paragraph is a line, as a table of one column's rows are, closed by a tab so the outline
    reads it as a row and no heading (:func:`policykg.loaders.outline.table_row`): joined on one line, the items of
    a box made one sentence, the box's title and its first item's words one name."""
    return [line.strip() + "\t" for text in texts for line in text.split("\n") if line.strip()]  # w:br: a line


def _text_box_lines(paragraph) -> list[str]:
    """The lines of the text boxes anchored in a python-docx ``paragraph``, in order (:func:`_box_lines`).

    python-docx exposes no text box: ``paragraph.text`` reads a run's w:t, w:tab and w:br and skips its w:drawing,
    so the box's text was lost.  Its paragraphs are read from the XML, each w:p of a w:txbxContent wrapped as a
    python-docx ``Paragraph`` for its text; Word writes a box twice, as DrawingML (wps:txbx, in mc:Choice) and as VML
    for older readers (v:textbox, in mc:Fallback), so what stands under mc:Fallback is passed over, and a box inside
    a box is read as its outer box's paragraphs."""
    from docx.text.paragraph import Paragraph

    boxes = _word_xpath("./w:r//w:txbxContent[not(ancestor::mc:Fallback) and not(ancestor::w:txbxContent)]")(
        paragraph._p)
    return [line for box in boxes for line in _box_lines([Paragraph(p, paragraph).text for p in _word_xpath(".//w:p")(box)])]


def _row_lines(table) -> list[str]:
    """The rows of a python-docx ``table`` holding text, each as its cells' texts joined by a tab.

    A cell merged across columns repeats in ``row.cells``: its text is written once, in its first column, and the
    other columns it spans are empty; an empty cell keeps its column, so the columns of a row line up with its
    header's (:mod:`.unit_tables`), and a row of one cell across the table (a group's name over its rows:
    一、基础设施类) is still a line of cells, no heading (:func:`policykg.loaders.outline.table_row`).  A cell's text is
    its paragraphs and the cells of the tables nested in it, in order, its white space collapsed to single spaces
    (:func:`_cell_text`).  A row of one cell, a table of one column (a box drawn as a table of one cell, 1×1, or a
    list of names one a row), is written with a tab closing it: joined, it would have none, and short and
    unpunctuated it headed a section of level 1 (a review, session 61) where a row of two cells or more is none; a
    line for each of its paragraphs (:func:`_box_lines`: a box's title and items had been read as one line).
    """
    out = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for c in row.cells:
            cells.append("" if id(c._tc) in seen else _cell_text(c))
            seen.add(id(c._tc))
        if len(cells) == 1:  # a box (a table of one cell) or a row of a table of one column: a line a paragraph
            out += _box_lines(_block_texts(row.cells[0]))
        elif any(cells):
            out.append("\t".join(cells))
    return out


def _block_texts(cell) -> list[str]:
    """The texts of a table cell's paragraphs and, in their place, of the tables nested in it, each nested table's
    cells joined by spaces (python-docx's ``cell.text`` leaves a nested table out)."""
    from docx.table import Table

    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.append(" ".join(text for row in block.rows for text in {id(c._tc): _cell_text(c) for c in row.cells}.values()))
        else:
            parts.append(block.text)
    return parts


def _cell_text(cell) -> str:
    """The text of a table cell on one line: its paragraphs and nested tables (:func:`_block_texts`), joined by single
    spaces."""
    return " ".join(" ".join(_block_texts(cell)).split())


_CN_DIGITS = "〇一二三四五六七八九"
#: Word's Chinese number formats (numFmt) and the decimal ones; a bullet or an unknown format gives no number.
_CN_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified",
               "taiwaneseCounting", "japaneseCounting"}


def _chinese_numeral(n: int) -> str:
    """一 … 九十九 as documents count (十, 十一, 二十); a larger count in digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else "") + (_CN_DIGITS[ones] if ones else "")


@lru_cache(maxsize=64)
def _word_xpath(path: str):
    """``path`` compiled with WordprocessingML's ``w:`` prefix and markup compatibility's ``mc:`` (the numbering's
    levels are plain lxml elements, which do not know python-docx's prefixes; python-docx's own know no ``mc:``)."""
    from docx.oxml.ns import nsmap
    from lxml import etree

    return etree.XPath(path, namespaces={"w": nsmap["w"],
                                         "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})


def _auto_numbers(document) -> Callable[[Any], str]:
    """A function giving each paragraph of ``document`` the number Word shows before it, in order, or ``""``.

    Word's automatic numbering (a paragraph's or its style's numPr, the level's numFmt and lvlText in the
    numbering part) is not in the paragraph's text: without it 一、总体要求 reads 总体要求, and the outline loses the
    numbered hierarchy (GB/T 9704: 一、 （一） 1. （1）).  Counted per list and level, a level's count restarting when a
    higher level moves on (unless its lvlRestart is 0); Chinese formats as 一、二… (:func:`_chinese_numeral`), decimal
    ones as digits.  Call it on the paragraphs in document order.
    """
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return lambda _p: ""

    def find(el, path: str) -> list:
        return _word_xpath(path)(el)

    def val(el, tag: str, default: str) -> str:
        found = find(el, f"./w:{tag}/@w:val")
        return str(found[0]) if found else default

    levels: dict[str, dict[str, tuple[str, str, int, bool]]] = {}
    for num in find(numbering, "./w:num"):
        abstract = val(num, "abstractNumId", "")
        defs = find(numbering, f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl')
        levels[num.get(qn("w:numId"))] = {lvl.get(qn("w:ilvl")): (
            val(lvl, "numFmt", "decimal"), val(lvl, "lvlText", ""), int(val(lvl, "start", "1")),
            val(lvl, "lvlRestart", "1") != "0") for lvl in defs}  # lvlRestart 0: counts on across higher levels
    counters: dict[str, dict[int, int]] = {}

    def num_pr(paragraph):
        found = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        style = paragraph.style
        while found is None and style is not None:
            found = style.element.pPr.numPr if style.element.pPr is not None else None
            style = style.base_style
        return found

    def number(paragraph) -> str:
        pr = num_pr(paragraph)
        if pr is None or pr.numId is None or not paragraph.text.strip():
            return ""
        num_id, ilvl = str(pr.numId.val), int(pr.ilvl.val) if pr.ilvl is not None else 0
        defs = levels.get(num_id, {})
        if str(ilvl) not in defs or defs[str(ilvl)][0] not in _CN_FORMATS | {"decimal", "decimalFullWidth"}:
            return ""
        count = counters.setdefault(num_id, {})
        count[ilvl] = count.get(ilvl, defs[str(ilvl)][2] - 1) + 1
        for deeper in [k for k in count if k > ilvl and defs.get(str(k), ("", "", 1, True))[3]]:
            del count[deeper]

        def shown(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            fmt, _text, start, _restart = defs.get(str(k), ("decimal", "", 1, True))
            n = count.get(k, start)
            return _chinese_numeral(n) if fmt in _CN_FORMATS else str(n)

        return re.sub(r"%(\d)", shown, defs[str(ilvl)][1])

    return number
