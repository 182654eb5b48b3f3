"""Plain text of a PDF's text layer (pypdf), with the layout of a printed page undone.

Chinese official documents are printed to the national format (GB/T 9704-2012, 党政机关公文格式), which numbers each
page at its foot as ``— 1 —``; pypdf gives that number as a line of its own between two pages, often inside a
sentence the page break cut (…突出市场化、产业化、— 1 —\\n精准化导向…), where it joined the sentence and kept its
two halves apart.  A line that is a page number alone, first or last on its page, is dropped, so the sentence is
joined across the break as a wrapped line is joined within a page; so are the lines a browser prints at the head and
foot of each page of a web page: Chromium's date line and address line (12/7/26, 2:51 PM 2025年湖南省政府工作报告_… /
https://… 1/5), Firefox's title and address line and its page's number and date (2025年湖南省政府工作报告_… https://… /
1 of 5 1/20/25, 2:51 PM; 第1页 共5页 2025/1/20 14:51).
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from functools import lru_cache

from policykg.errors import LoadError

from .formats import clean_lines, join_wrapped, wrap_width
from .lexicon import lexicon
from .outline import PAGE_NUMBER

__all__ = ["pdf_text"]

#: How many lines first or last on a page may be its running head or foot: a printed number, a browser's date line and
#: its address line, or Firefox's title and address line and its number and date line (:func:`_page_edge`).
_EDGE_LINES = 3


#: The patterns of ``lexicon.toml [web_page]`` a browser's running head and foot match: Chromium's date line and address
#: line, Firefox's title and address line and its number and date line.
_BROWSER_KEYS = ("print_header", "print_footer", "firefox_header", "firefox_footer")


@lru_cache(maxsize=1)
def _browser_lines() -> tuple[re.Pattern[str], ...]:
    """The compiled patterns of :data:`_BROWSER_KEYS`, each matched against a whole line."""
    raw = lexicon().raw["web_page"]
    return tuple(re.compile(raw[key]) for key in _BROWSER_KEYS)


def _page_edge(line: str) -> bool:
    """Whether ``line`` (stripped) is what a printer sets at a page's head or foot rather than text: the page's number
    (:data:`.outline.PAGE_NUMBER`: — 1 —, 1/5), or a line a browser prints there (:func:`_browser_lines`: Chromium's
    date line or address line, Firefox's title and address line or its number and date line)."""
    if PAGE_NUMBER.fullmatch(line):
        return True
    plain = unicodedata.normalize("NFKC", line)
    return any(pattern.fullmatch(plain) for pattern in _browser_lines())


def _without_page_numbers(page: str) -> str:
    """``page``'s text without the page's running head and foot: up to :data:`_EDGE_LINES` lines first or last on it
    that are a page number or a browser's date or address line (:func:`_page_edge`)."""
    lines = page.split("\n")
    for _ in range(_EDGE_LINES):
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and _page_edge(lines[-1].strip()):
            lines.pop()
    for _ in range(_EDGE_LINES):
        first = next((k for k, line in enumerate(lines) if line.strip()), None)
        if first is not None and _page_edge(lines[first].strip()):
            del lines[first]
    return "\n".join(lines)


def pdf_text(data: bytes, path: str) -> str:
    """Text layer of a PDF, page by page.

    Lines the layout broke inside a sentence are joined again: a line of about the page's width (the wrap width
    of :func:`.formats.unwrap`; 15 characters when too few lines say it) that does not end a sentence, a closing
    quote or bracket included (…持续做好“一镇（乡）| 一品”建设工程), continues on the next line, unless that line starts a
    numbered heading (一、 （一） 1.); a page's printed number between two pages is dropped first
    (:data:`.outline.PAGE_NUMBER`), and the lines a browser prints at a page's head or foot (``lexicon.toml [web_page]
    print_header``, ``print_footer`` of Chromium, ``firefox_header``, ``firefox_footer``), so a sentence goes on across
    the break.  A title, shorter than the
    page, stays a line of its own.

    Args:
        data: the file's bytes.
        path: the file's name, for the error.

    Returns:
        The text, one paragraph per line.

    Raises:
        LoadError: corrupt, encrypted with a password, or no text layer (a scan: run OCR first).
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs what it repairs or gives up on (invalid pdf header, EOF marker not found) as warnings, which
    # print into the load's progress bar; the reason a file fails is policykg's LoadError below
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(path, "the PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(path, f"the PDF is corrupt ({type(exc).__name__}: {str(exc)[:120]})") from None
    lines = clean_lines("\n".join(_without_page_numbers(page) for page in pages)).split("\n")
    text = "\n".join(join_wrapped(lines, wrap_width(lines) or 15))
    if not text.strip():
        raise LoadError(path, "the PDF has no text layer (a scanned image?); run OCR first")
    return text


