"""Plain text of an HTML page, and the year of the date on its field line.

The page, decoded once as a text file is (:func:`policykg.loaders.read.decode`), is parsed twice: by lxml, as
trafilatura parses it (``trafilatura.load_html``), for the main content trafilatura extracts from that tree, and by
BeautifulSoup for the page's title, its visible text and the date on its field line (发布时间：2025-01-20), all three
read from that one soup.  It had been parsed three times: by trafilatura, by BeautifulSoup for the title, and by
BeautifulSoup again for the date (session 69).  A walk of lxml's tree would save the second parse, but reading a page's
visible text is BeautifulSoup's business, not this project's.

trafilatura's recovery of a page whose main block it does not find (湖南's report in a ``<div class="TRS_Editor">``)
keeps one element of each text (trafilatura 2.3, ``main_extractor.recover_wild_text``: "identical-text elements
collapse"): of the three addresses of 湖南's 2025 report alone on their lines (各位代表！) it kept the first, and the
report's close ran into the paragraph before it, and of a heading a text sets twice (三、坚持以完善党的组织法规制度… in
the plan for the party's rules 2023-2027, once in its outline and once over its part) the second, and the part ran into
the one before.  A line of the visible text standing between two lines trafilatura kept next to each other is put back
where it stands when it repeats a line trafilatura kept, or is an address to the audience (各位代表：, 同志们：, 各位代表！:
:func:`policykg.loaders.official_layout.address_line`); not the page's title, which trafilatura keeps once when the
page sets it in its ``<h1>`` and again as the text's first paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from policykg.errors import LoadError

from .formats import clean_lines
from .official_layout import address_line
from .page_chrome import site_line, without_page_chrome

__all__ = ["html_text"]

# Elements whose text is not the document's: code, styling, navigation, chrome.
_DROP = frozenset(("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg",
                   "button", "select", "menu"))
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "main", "table",
                     "ul", "ol", "blockquote", "pre", "dd", "dt", "title", "caption"))
# What separates a page's title from the site's name in <title> (关于…的实施意见_某某市人民政府, 某某网 - 标题).
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|｜]+\s+|[_|｜]+|——|－－")


def html_text(page: str, path: str) -> tuple[str, int | None]:
    """The text of an HTML page and the year of the date its field line gives, the page parsed once.

    The text is the page's main content as trafilatura finds it (boilerplate removal: menus, breadcrumbs, the site's
    footer with its 主办单位：…办公厅 line, share buttons), paragraphs and table rows as lines, the lines its recovery
    collapsed (各位代表！, a heading set twice) put back (:func:`_restored`), under the page's title
    (:func:`_page_title`) unless it already opens them, the site's name right under the title dropped (湖南省人民政府门户网站:
    :func:`.page_chrome.site_line`); the page's visible text (:func:`_visible_text`) when trafilatura finds no main
    content.

    A government page's footer names the site's host unit (主办单位：某某人民政府办公厅), which the rules read as the lead
    unit of the last item's programs: the 117 annotated texts as pages (a paragraph to a ``<p>``, a navigation bar
    and such a footer in ``<div>`` elements) scored 0.909 / 0.612 entity / relation F1 with the visible text against
    0.913 / 0.681 as written (session 33, shipped models).

    Args:
        page: the page, decoded once as a text file is (:func:`policykg.loaders.read.decode`); no parser decodes it
            again.
        path: the file's name, for the error.

    Returns:
        ``(text, year)``: the text, one paragraph per line; the year of the date on the page's field line, read from
        its visible text, which holds that line where trafilatura's main text does not (发布时间：2025-01-20 -> 2025:
        :func:`.page_chrome.without_page_chrome`), or ``None``.

    Raises:
        LoadError: the page holds no visible text.
    """
    import trafilatura

    tree = trafilatura.load_html(page)  # None for what trafilatura takes for no page (a fragment, <p>…</p>)
    soup = _soup(page)
    title = _page_title(soup)  # before the page's header goes from the soup
    visible = _visible_text(soup)
    year = without_page_chrome(visible)[1] if visible else None
    main = None
    if tree is not None:
        main = trafilatura.extract(tree, include_tables=True, include_comments=False, favor_recall=True,
                                   deduplicate=False)
    text = clean_lines(main) if main else ""
    if not text:
        if not visible:
            raise LoadError(path, "the HTML page has no visible text")
        return visible, year
    text = "\n".join(_restored(text.split("\n"), visible.split("\n"), title))
    head = "".join(text.split("\n", 3)[:3]).replace(" ", "")
    text = f"{title}\n{text}" if title and title.replace(" ", "") not in head else text
    first, _, rest = text.partition("\n")
    lines = rest.split("\n")
    while lines and site_line(lines[0]):  # the site's name trafilatura kept from above the title (…门户网站)
        del lines[0]
    return ("\n".join([first, *lines]) if lines else first), year


def _soup(page: str):
    """The page parsed by BeautifulSoup (Python's ``html.parser``: a fragment or a page lxml refuses reads as well)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(page, "html.parser")


def _visible_text(soup) -> str:
    """The visible text of a parsed page's ``<body>`` (the whole page when it has none): scripts, styles, navigation,
    header, footer and forms (:data:`_DROP`) dropped, each block element (:data:`_BLOCKS`) and each ``<br>`` a line
    break; lines stripped, empty ones dropped (:func:`.formats.clean_lines`).  Changes ``soup``."""
    for tag in soup(list(_DROP)):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(list(_BLOCKS)):
        block.insert_before("\n")
        block.insert_after("\n")
    body = soup.body or soup
    return clean_lines(body.get_text(""))


def _restored(main: list[str], visible: list[str], title: str | None = None) -> list[str]:
    """``main`` (trafilatura's lines) with the lines its recovery collapsed put back where they stand: each line of
    ``visible`` (the page's visible lines) standing between the places of two lines next to each other in ``main``, both
    found in ``visible`` in order, that repeats a line of ``main`` other than ``title`` or is an address alone on its
    line (:func:`.official_layout.address_line`: 各位代表！).

    Args:
        main: trafilatura's text, a line a list item.
        visible: the page's visible text (:func:`_visible_text`), likewise.
        title: the page's title (:func:`_page_title`), never put back.

    Returns:
        The lines of ``main`` in order, the collapsed lines put back among them.
    """
    places: dict[str, list[int]] = defaultdict(list)
    for k, line in enumerate(visible):
        places[line].append(k)
    kept = set(main) - {title}
    out: list[str] = []
    pos, found = 0, False  # where the search goes on in ``visible``; whether the last line of ``main`` was found
    for line in main:
        at = places.get(line, [])
        n = bisect.bisect_left(at, pos)
        if n < len(at):
            if found:
                out.extend(v for v in visible[pos:at[n]] if v in kept or address_line(v))
            pos, found = at[n] + 1, True
        else:
            found = False
        out.append(line)
    return out


def _page_title(soup) -> str | None:
    """The document's title on a parsed HTML page, which trafilatura leaves out of the main text: the first ``<h1>``
    with Chinese characters, else the longest part of ``<title>`` between site-name separators
    (:data:`_TITLE_SEPARATORS`). ``None`` when neither holds Chinese text or the title runs over 80 characters.

    Without it a page's document was titled by its file name, and the year, place and level its title states
    (2025年…工作要点, 某某市…实施意见) were read from the body alone.
    """
    texts = [h.get_text(" ", strip=True) for h in soup.find_all("h1")]
    if soup.title and soup.title.string:
        texts.append(max(_TITLE_SEPARATORS.split(soup.title.string.strip()), key=len).strip())
    return next((t for t in texts if 0 < len(t) <= 80 and re.search(r"[\u4e00-\u9fff]{2}", t)), None)
