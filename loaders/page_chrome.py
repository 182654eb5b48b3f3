"""The lines a web page sets around the document it publishes, which a browser's print or a copy of the page carries.

A Chinese government site publishes a document under its own name and breadcrumb, the title, and a line of the page's
fields (来源：湖南省人民政府  发布时间：2025-01-20  字号：大 中 小  浏览次数：12345), and closes it with the page's
buttons (扫一扫在手机打开当前页  打印本页  关闭窗口).  trafilatura leaves most of them out of a page read as HTML
(:func:`policykg.loaders.web_page.html_text`); a PDF printed from the page, or its text copied to a .txt, holds them
all, and the document had been titled by the site's name, its field line read as a paragraph (joined to the title
when the title filled a line) and its buttons as the last one (session 68).  :func:`without_page_chrome` drops those
lines, and gives the year of the page's date (发布时间：2025-01-20), which :func:`policykg.loaders.metadata.find_year`
takes when the document states none.

The words are ``lexicon.toml [web_page]``: the labels of the page's fields (``page_fields``), those a printed
document's own lines carry too (``source_fields``: 来源：湖南日报 under the title of 29 of the 30 gwr2025 reports,
kept), the buttons, the endings of a site's name and the openers of a breadcrumb.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

__all__ = ["chrome_line", "site_line", "without_page_chrome"]

#: The longest line of fields and buttons read (a page's field line runs to 60 characters or so), the longest value
#: of one field (a source's name, a date and time, 大 中 小), and how many lines holding text a page's head may hold
#: above its field line (the site's name, a breadcrumb or two, the title over up to three lines).
_LONGEST_LINE, _LONGEST_VALUE, _HEAD_LINES = 160, 40, 8
#: A mark that ends or divides a sentence: a line holding one is text, not the page's fields.
_SENTENCE = re.compile(r"[。！？；!?;]")
#: What a page sets between and around its fields and buttons: spaces, brackets (【打印本页】, [关闭]) and bars.
_DECORATION = re.compile(r"[\s\u3000\u00a0【】\[\]［］〔〕|｜•·]+")
#: The date a field gives (2025-01-20, 2025/1/20, 2025.01.20, 2025年1月20日), its year as group 1.
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月)")
#: A date set with no label among the fields (2025-01-20 10:30 来源：新华社), its time perhaps after it; not one written
#: 2025年1月20日, as a document's own date line is (成文日期, over the page's buttons).
_BARE_DATE = re.compile(r"(?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2})(?:\d{1,2}:\d{2}(?::\d{2})?)?")


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str],
                      tuple[str, ...], re.Pattern[str]]:
    """The compiled words of ``lexicon.toml [web_page]``: a field's label and its colon (group 1 the label), any
    button, where a field's value stops (the next label or a button of ``page_buttons``), the page's labels, the
    page's buttons, the endings of a site's name and a breadcrumb's opening."""
    lx = lexicon()
    labels = lx.alternation("web_page", "page_fields", "source_fields").pattern
    buttons = lx.alternation("web_page", "page_buttons", "minor_buttons").pattern
    label = re.compile(rf"({labels})\s*[：:]")
    stop = re.compile(rf"(?:{labels})\s*[：:]|{lx.alternation('web_page', 'page_buttons').pattern}")
    crumb = re.compile(rf"(?:{lx.alternation('web_page', 'breadcrumb_openers').pattern})\s*[：:>＞»›→]")
    return (label, re.compile(buttons), stop, lx.wordset("web_page", "page_fields"),
            lx.wordset("web_page", "page_buttons"), tuple(lx.words("web_page", "site_name_endings")), crumb)


def chrome_line(line: str) -> str | None:
    """Whether ``line`` is a line of a web page's fields and buttons, and of which kind.

    The line, its spaces, brackets and bars aside (:data:`_DECORATION`), must be made of fields (a label of ``[web_page]
    page_fields`` or ``source_fields``, a colon and a value of at most :data:`_LONGEST_VALUE` characters running to the
    next label), dates with no label (2025-01-20 10:30: :data:`_BARE_DATE`) and buttons (``page_buttons``,
    ``minor_buttons``) alone, from its first character to its last, and hold no sentence mark (。；) nor tab (a table's
    row).

    Args:
        line: one line of a text (stripped or not).

    Returns:
        ``"page"`` when it holds a field of ``page_fields``, a button of ``page_buttons`` or two of ``minor_buttons``
        (来源：…发布时间：…字号：大中小, 扫一扫在手机打开当前页打印本页关闭窗口, 【打印】【关闭】: only a page sets it);
        ``"source"`` when it holds fields of ``source_fields`` alone (来源：湖南日报, which a printed document carries
        too); ``None`` for any other line.
    """
    line = line.strip()
    if not line or len(line) > _LONGEST_LINE or "\t" in line or _SENTENCE.search(line):
        return None
    label, button, stop, page_fields, page_buttons = _words()[:5]
    text = _DECORATION.sub("", line)
    kinds: set[str] = set()
    pos = 0
    while pos < len(text):
        if m := label.match(text, pos):
            kinds.add("page" if m.group(1) in page_fields else "source")
            nxt = stop.search(text, m.end())
            end = nxt.start() if nxt else len(text)
            if end - m.end() > _LONGEST_VALUE:
                return None
            pos = end
        elif m := _BARE_DATE.match(text, pos):
            kinds.add("source")
            pos = m.end()
        elif m := button.match(text, pos):
            kinds.add("page" if m.group(0) in page_buttons else "minor" if "minor" not in kinds else "page")
            pos = m.end() + (text[m.end():m.end() + 1] in ("：", ":"))  # 分享到：
        else:
            return None
    return "page" if "page" in kinds else "source" if "source" in kinds else None


def site_line(line: str) -> bool:
    """Whether ``line`` (stripped) is a site's name (湖南省人民政府门户网站, 中国政府网: ``[web_page] site_name_endings``,
    at most 30 characters, no colon or comma) or a breadcrumb (首页 > 政务公开 > …, 当前位置：…: ``breadcrumb_openers``)."""
    endings, crumb = _words()[5:]
    return bool(crumb.match(line)) or (len(line) <= 30 and line.endswith(endings) and not re.search(r"[：:，,]", line))


def without_page_chrome(text: str) -> tuple[str, int | None]:
    """``text`` without the lines a web page set around the document, and the year of the page's date.

    Dropped: each run of lines of fields and buttons (:func:`chrome_line`, blank lines between them passed over) that
    holds a line of the page's own (``"page"``: 发布时间, 字号, 浏览次数, 打印本页 …), wherever it stands (the field line
    under the title, the buttons under the text); and, when such a run stands among the first :data:`_HEAD_LINES` lines
    holding text, the site's names and breadcrumbs above it (:func:`site_line`; the title, a line of neither, stays
    over the dropped run).  A line of ``source_fields`` alone (来源：湖南日报 under a report's title) is kept.

    Args:
        text: a decoded text, ``\\n`` line ends.

    Returns:
        ``(text, year)``: the text, the same object when nothing is dropped, every other line kept as it stands; the year
        of the first date the dropped lines give (发布时间：2025-01-20 -> 2025), or ``None``.
    """
    lines = text.split("\n")
    kinds = [chrome_line(line) for line in lines]
    if "page" not in kinds:
        return text, None
    drop: set[int] = set()
    run: list[int] = []
    for k, kind in enumerate([*kinds, None]):
        if k < len(lines) and not lines[k].strip() and run:
            continue  # a blank line inside a run
        if kind is not None:
            run.append(k)
            continue
        if any(kinds[j] == "page" for j in run):
            drop.update(run)
        run = []
    filled = [k for k, line in enumerate(lines) if line.strip()]
    head = [k for k in filled[:_HEAD_LINES] if k in drop]
    if head:
        above = [k for k in filled if k < head[0]]
        drop.update(k for k in above if site_line(lines[k].strip()))
    year = next((int(m.group(1)) for k in sorted(drop) if (m := _DATE.search(lines[k]))), None)
    return "\n".join(line for k, line in enumerate(lines) if k not in drop), year
