"""Read a source file into a :class:`SourceDocument`.

Text files are decoded through ``charset-normalizer`` (UTF-8 with or without
BOM, GB18030/GBK, UTF-16); HTML goes through :mod:`policykg.loaders.web_page`, DOCX
through :mod:`policykg.loaders.word` and PDF through :mod:`policykg.loaders.pdf`.  Line
endings are normalised to ``\\n`` and every offset in policykg indexes the resulting text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from policykg.errors import LoadError
from policykg.graph.names import simplified_for_matching, to_simplified
from policykg.graph.records import SourceDocument

from . import formats
from .formats import line_ends
from .metadata import find_level, find_place, find_title, find_year, opening_title, own_place
from .page_chrome import without_page_chrome
from .pdf import pdf_text
from .web_page import html_text
from .word import docx_text
from .word97 import doc_text

__all__ = ["SUPPORTED_SUFFIXES", "binary_reason", "decode", "document_id", "document_ref", "file_text", "file_text_dated",
           "markup_reason", "missing_reason", "read_document"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".doc", ".pdf")

# Encodings a Chinese office file is realistically in; charset-normalizer is
# asked to choose among them so that short GBK texts are not read as Big5 or
# a Latin code page.
_CANDIDATES = ["utf_8", "gb18030", "utf_16", "utf_16_le", "utf_16_be", "big5"]  # UTF-16 with or without a BOM

_MD_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")


def document_id(path: Path) -> str:
    """Return the id of the source document read from ``path``: ``Document:<file stem>``."""
    return f"Document:{path.stem}"


def document_ref(ref: str) -> str:
    """The document id a user means by ``ref``: the id itself (``Document:gwr2025-上海``), the file stem
    (``gwr2025-上海``) or the file name (``gwr2025-上海.docx``, one of :data:`SUPPORTED_SUFFIXES`)."""
    ref = ref.strip()
    if ref.startswith("Document:"):
        return ref
    return document_id(Path(ref)) if Path(ref).suffix.lower() in SUPPORTED_SUFFIXES else f"Document:{ref}"


#: Leading bytes of the document formats a file given as text may really be, with what to do about it.
_SIGNATURES = (
    (b"PK\x03\x04", "the file is a zip archive, not text (a Word .docx under another name?): give it the .docx "
                     "extension"),
    (b"%PDF", "the file is a PDF, not text: give it the .pdf extension"),
    (b"\xd0\xcf\x11\xe0", "the file is an old Word .doc (or another OLE file), not text: give it the .doc extension"),
)
_MAGICS = tuple(magic for magic, _ in _SIGNATURES)
#: Text formats of markup a file given as text (or as a Word document) may really be: read as text, their markup
#: became the document ({\rtf1… as its title: a walkthrough, session 50, loaded an RTF and a web page named .doc
#: under the .txt extension the message had advised).
_MARKUP = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:(\{\\rtf)|<!doctype\s+html|<html[\s>])", re.I)


def markup_reason(data: bytes, kind: str = "text") -> str | None:
    """Why bytes given as ``kind`` (``text``, ``a Word document`` …) are a format of markup, or ``None``: RTF
    (``{\\rtf``, which Word writes and offices name .doc) or an HTML page (``<!DOCTYPE html``, ``<html``)."""
    m = _MARKUP.match(data[:512])
    if m is None:
        return None
    if m.group(1):
        return f"the file is RTF (Rich Text Format), not {kind}: open it in Word or WPS and save it as .docx"
    return f"the file is a web page (HTML), not {kind}: give it the .html extension"


def binary_reason(data: bytes) -> str:
    """Why the bytes of a file given as text are no text: the format its first bytes are the signature of (a .docx,
    a PDF or an old .doc renamed .txt, as a walkthrough loaded), else that it is binary.

    Three fixed signatures of the formats :func:`file_text` reads, checked here rather than with a file-type
    library, which would add a dependency to phrase one message.

    Args:
        data: the file's bytes.

    Returns:
        The reason, in the words of :class:`~policykg.errors.LoadError` messages.
    """
    return next((reason for magic, reason in _SIGNATURES if data.startswith(magic)), "the file is binary, not text")


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
#: Below this many bytes, charset_normalizer's coherence measure has too little text to tell GB18030 from Big5.
SHORT_TEXT_BYTES = 200


def _best_encoding(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` of bytes that are not UTF-8: charset_normalizer's best reading among :data:`_CANDIDATES`,
    or ``None`` when none fits.

    UTF-16 without a BOM is a candidate only when the bytes hold a NUL: a line break or any ASCII character of
    UTF-16 text has one, and a short GBK file read as UTF-16 is CJK garbage (a walkthrough, session 47: a 9-character
    GBK file was stored as UTF-16-BE).  Bytes that are valid GB18030 are read as GB18030 when they are short
    (:data:`SHORT_TEXT_BYTES`) or when no candidate fits: the documents are the mainland's, and a few characters
    give the coherence measure nothing to go on (of 300 GBK snippets of 3 to 20 characters of a work report, 16
    came back as Big5 or undecodable; none does now).
    """
    candidates = _CANDIDATES if b"\x00" in data else [c for c in _CANDIDATES if not c.startswith("utf_16")]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None or (best.encoding != "gb18030" and len(data) < SHORT_TEXT_BYTES and b"\x00" not in data):
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and not _PRIVATE_USE.search(text):  # Big5 bytes read as GB18030 fall in its user-defined areas
            return text, "gb18030"
    return None if best is None else (str(best), codecs.lookup(best.encoding).name)


#: At most this share of a GB18030 text's characters may be bytes no encoding reads for the file to be called
#: GB18030 damaged in places rather than of two encodings.
DAMAGED_SHARE = 0.001


def _undecodable(data: bytes, utf8_error: int) -> str:
    """Why ``data`` (no UTF-8, no candidate of :func:`_best_encoding`) is refused: where it stops being GB18030 when
    it is GB18030 but for a few bytes (two bytes of a GBK file damaged had been reported as "not UTF-8 from byte 0:
    a file of two encodings?": a walkthrough, session 59), else where it stops being UTF-8."""
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as exc:
        lenient = data.decode("gb18030", errors="replace")
        bad = lenient.count("\ufffd")
        if bad <= max(2, DAMAGED_SHARE * len(lenient)):
            line = data[:exc.start].count(b"\n") + 1
            return (f"the text is GB18030/GBK but for {bad} byte(s) no encoding reads (the first at byte {exc.start}, "
                    f"line {line}): the file is damaged there; open it in an editor, fix or delete those characters "
                    "and save it as UTF-8")
    line = data[:utf8_error].count(b"\n") + 1
    return (f"the text cannot be decoded as UTF-8, GB18030/GBK or UTF-16 (not UTF-8 from byte {utf8_error}, line "
            f"{line}: a file of two encodings?)")


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode raw bytes of a Chinese text file.

    Args:
        data: the file's bytes.
        path: used in error messages only.

    Returns:
        ``(text, encoding)`` with line endings normalised to ``\\n``.

    Raises:
        LoadError: the bytes are empty, binary, another document format's (:func:`binary_reason`: a .docx or a PDF
            renamed .txt), or no candidate encoding fits.
    """
    if not data:
        raise LoadError(path, "the file is empty")
    if not data.strip():
        raise LoadError(path, "the file holds only whitespace")
    if data.startswith(_MAGICS):  # a PDF decodes as text: %PDF-1.4 …
        raise LoadError(path, binary_reason(data))
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.end == len(data):  # UTF-8 up to a character cut in two
                raise LoadError(path, f"the text ends inside a character (UTF-8 up to byte {exc.start} of "
                                      f"{len(data)}): the file was cut short, as a download or copy that did not "
                                      "finish leaves it") from None
            best = _best_encoding(data)
            if best is None and b"\x00" in data[:4096]:
                raise LoadError(path, binary_reason(data)) from None
            if best is None:
                raise LoadError(path, _undecodable(data, exc.start)) from None
            text, enc = best
    if "\x00" in text:
        raise LoadError(path, binary_reason(data))
    text = line_ends(text).lstrip("\ufeff")
    if not text.strip():
        raise LoadError(path, "the file holds only whitespace")
    return text, enc


def file_text(data: bytes, suffix: str, path: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, source format or encoding)`` of a file's bytes by its suffix: :func:`file_text_dated` without
    the page's date."""
    return file_text_dated(data, suffix, path)[:2]


def file_text_dated(data: bytes, suffix: str, path: str = "<bytes>") -> tuple[str, str, int | None]:
    """Return ``(text, source format or encoding, year of the page's date)`` of a file's bytes by its suffix.

    ``.txt``/``.md`` through :func:`decode`, joined again where a fixed width wrapped them
    (:func:`policykg.loaders.formats.unwrap`); ``.html``/``.htm`` through :mod:`policykg.loaders.web_page`, ``.docx``
    through :mod:`policykg.loaders.word`, ``.pdf`` through :mod:`policykg.loaders.pdf`, ``.doc`` through
    :mod:`policykg.loaders.word97`.  Line
    endings become ``\\n``; the lines a web page set around the document (the site's name, the line of its fields
    under the title, 来源：…  发布时间：…  字号：大 中 小, its buttons, 打印本页  关闭窗口: a page printed to PDF or copied to a
    text) are dropped (:func:`policykg.loaders.page_chrome.without_page_chrome`); the spaces typeset
    around Chinese inside a line are removed (:func:`policykg.loaders.formats.cjk_spacing`), and a line of
    paragraphs run together is broken before its numbered items (:func:`policykg.loaders.formats.relineate`).

    Args:
        data: the file's bytes.
        suffix: the file's extension, lower case with its dot (``.pdf``).
        path: the file's name, for the errors.

    Returns:
        ``(text, format, published)``: ``format`` the encoding of a text file (``utf-8``, ``gb18030`` …) or the format
        read (``html``, ``docx``, ``doc``, ``pdf``); ``published`` the year of the date on the page's field line
        (发布时间：2025-01-20 -> 2025; of a web page, its visible text's), ``None`` when there is none.

    Raises:
        LoadError: empty, binary, undecodable, corrupt, or no text (the reason says which).
    """
    page_year = None  # of a web page, the year of the date its visible text gives
    if suffix in (".txt", ".md"):
        if (markup := markup_reason(data)) is not None:
            raise LoadError(path, markup)
        text, fmt = decode(data, path)
        if suffix == ".md":  # a Markdown heading's marks (## 一、总体要求) are no part of it
            text = _MD_HEADING.sub("", text)
        text, published = without_page_chrome(text)  # before the width is measured
        text = formats.unwrap(text)
    elif not data:
        raise LoadError(path, "the file is empty")
    elif suffix in (".html", ".htm"):
        (text, page_year), fmt = html_text(_web_page(data, path), path), "html"
    elif suffix == ".docx":
        text, fmt = _opened(docx_text, data, path, "a Word document", b"PK"), "docx"
    elif suffix == ".doc":
        text, fmt = _opened(doc_text, data, path, "a Word 97-2003 document", b"\xd0\xcf\x11\xe0"), "doc"
    elif suffix == ".pdf":
        text, fmt = _opened(pdf_text, data, path, "a PDF", b"%PDF"), "pdf"
    else:
        raise LoadError(path, f"unsupported format {suffix or '(none)'}; expected {', '.join(SUPPORTED_SUFFIXES)}")
    if suffix not in (".txt", ".md"):
        text, published = without_page_chrome(text)
    if not text.strip():
        raise LoadError(path, "the file holds no text")
    if published is None:
        published = page_year
    return formats.cjk_spacing(formats.relineate(text)), fmt, published


def _web_page(data: bytes, path: str) -> str:
    """The text of bytes given as a web page, decoded once by :func:`decode` (UTF-8, GB18030/GBK, Big5, UTF-16 as
    a text file is), for :func:`policykg.loaders.web_page.html_text` to parse; bytes that are no text are refused: a
    page is text in some encoding, and the HTML parsers read anything (a walkthrough, session 57: a .docx, a PDF and
    a PNG named .html were loaded as documents of binary junk, the zip's ``PK\\x03\\x04`` as the title).  The text
    was decoded here to be refused or not, then thrown away and decoded from the bytes again by trafilatura and by
    BeautifulSoup (a review, session 61); the page is now parsed by lxml for trafilatura and by BeautifulSoup once
    (:mod:`policykg.loaders.web_page`).

    Args:
        data: the file's bytes.
        path: the file's name, for the error's message.

    Returns:
        The page's text (str), its line ends ``\\n``.

    Raises:
        LoadError: another document format's signature, or bytes :func:`decode` finds binary or undecodable.
    """
    if data.startswith(_MAGICS):
        raise LoadError(path, binary_reason(data).replace("not text", "not a web page"))
    try:
        return decode(data, path)[0]
    except LoadError as exc:
        raise LoadError(path, exc.reason.replace("not text", "not a web page")) from None


def _opened(read: Callable[[bytes, str], str], data: bytes, path: str, kind: str, own: bytes) -> str:
    """``read(data, path)``, its :class:`LoadError` replaced by what the file really is when :func:`_misnamed` knows."""
    try:
        return read(data, path)
    except LoadError:
        if (why := _misnamed(data, kind, own)) is None:
            raise
        raise LoadError(path, why) from None


def _misnamed(data: bytes, kind: str, own: bytes) -> str | None:
    """Why bytes given as a .docx or a .pdf that its reader cannot open are none (``kind``: ``a Word document`` or
    ``a PDF``): another format's signature (a .docx renamed .pdf, a PDF or an old .doc renamed .docx), or plain text
    (walkthroughs: session 45 named a .txt .docx and read only "corrupt or not a Word document", session 49 a .docx
    .pdf and read "the PDF is corrupt (PdfStreamError…)"); ``None`` for bytes opening with the format's own signature
    ``own`` or of no known kind (then the file is corrupt)."""
    if data.startswith(own):
        return None
    if data.startswith(_MAGICS):
        return binary_reason(data).replace("not text", f"not {kind}")
    if (markup := markup_reason(data, kind)) is not None:
        return markup
    try:
        decode(data)
    except LoadError:
        return None
    return f"the file is plain text, not {kind}: give it the .txt extension"


def missing_reason(path: Path) -> str:
    """Why ``path``, which is no readable file, cannot be read: a symbolic link to nothing (its target missing, or
    links that point at each other), a folder, or no such file."""
    if path.is_symlink():
        return "a symbolic link to nothing (its target is missing, or the links point at each other)"
    if path.is_dir():
        return "a folder, not a file"
    return "no such file"


def read_document(path: Path, max_bytes: int = 20 * 1024 * 1024) -> SourceDocument:
    """Read one ``.txt``, ``.md``, ``.html``/``.htm``, ``.docx``, ``.doc`` or ``.pdf`` file (see :func:`file_text`).

    Args:
        path: the file.
        max_bytes: larger files are refused (bytes).

    Returns:
        A :class:`SourceDocument` with title (first heading line), year, place and level (read from the text by
        :mod:`policykg.loaders.metadata`; the year, when the text states none, the page's date's: a web page printed
        to PDF, 发布时间：2025-01-20), character count and SHA-256 content hash of the
        decoded text.

    Raises:
        LoadError: missing, too large, unsupported format, empty, binary or undecodable.
    """
    name = str(path)
    if not path.is_file():
        raise LoadError(name, missing_reason(path))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LoadError(name, f"unsupported format {path.suffix or '(none)'}; expected {', '.join(SUPPORTED_SUFFIXES)}")
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(name, f"the file is {size:,} bytes, larger than the limit of {max_bytes:,} bytes (raise it with "
                              "POLICYKG_MAX_FILE_BYTES)")
    text, enc, published = file_text_dated(path.read_bytes(), path.suffix.lower(), name)
    title = find_title(text) or opening_title(text) or path.stem
    # the place, level and year are read from the simplified copy extraction reads (江蘇省 is 江苏省, 全區 全区); they
    # are read from the opening 3,000 characters and the last lines, so a text whose opening needs no conversion
    # is not scanned whole here (extraction converts it again)
    head = text[:3000]
    plain = simplified_for_matching(text) if simplified_for_matching(head) is not head else text
    place = find_place(plain)
    level = find_level(plain, place)
    place = own_place(plain, place, level)  # the document's own, not the province a city's opening names first
    return SourceDocument(
        id=document_id(path),
        file_name=path.name,
        title=title,
        year=find_year(plain, title if plain is text else to_simplified(title), path.stem, published),
        place=None if level == "国" else place,  # a national document speaks for no province it names
        level=level,
        char_count=len(text),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        encoding=enc,
    )
