"""Read a source file into a :class:`SourceDocument`.

Decoding goes through ``charset-normalizer`` (UTF-8 with or without BOM,
GB18030/GBK, UTF-16); line endings are normalised to ``\\n`` and every
offset in policykg indexes the resulting text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from charset_normalizer import from_bytes
from policykg.graph.records import SourceDocument

from policykg.errors import LoadError

__all__ = ["SUPPORTED_SUFFIXES", "decode", "document_id", "read_document"]

SUPPORTED_SUFFIXES = (".txt", ".md")

# Encodings a Chinese office file is realistically in; charset-normalizer is
# asked to choose among them so that short GBK texts are not read as Big5 or
# a Latin code page.
_CANDIDATES = ["utf_8", "gb18030", "utf_16", "big5"]

_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_MASKED_PLACE = re.compile(r"(?:\*\*|xx|XX)(?:省|市|区|县)")
_NAMED_PLACE = re.compile(r"[\u4e00-\u9fff]{1,5}(?:省|自治区|市|区|县)")
_NOT_PLACES = ("城市", "超市", "社区", "园区", "片区", "城区", "小区", "街区", "示范区", "地区", "山区", "市区", "辖区", "新区")


def document_id(path: Path) -> str:
    """Return the id of the source document read from ``path``: ``Document:<file stem>``."""
    return f"Document:{path.stem}"


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode raw bytes of a Chinese text file.

    Args:
        data: the file's bytes.
        path: used in error messages only.

    Returns:
        ``(text, encoding)`` with line endings normalised to ``\\n``.

    Raises:
        LoadError: the bytes are empty, binary, or no candidate encoding fits.
    """
    if not data.strip():
        raise LoadError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if b"\x00" in data[:4096] and not _looks_utf16(data):
                raise LoadError(path, "the file is binary, not text") from None
            best = from_bytes(data, cp_isolation=_CANDIDATES).best()
            if best is None:
                raise LoadError(path, "the text cannot be decoded as UTF-8, GB18030/GBK or UTF-16") from None
            text, enc = str(best), best.encoding
    if "\x00" in text:
        raise LoadError(path, "the file is binary, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise LoadError(path, "the file holds only whitespace")
    return text, enc


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample.count(b"\x00") * 3 >= len(sample)


def read_document(path: Path, max_bytes: int = 20 * 1024 * 1024) -> SourceDocument:
    """Read one ``.txt`` or ``.md`` file.

    Args:
        path: the file.
        max_bytes: larger files are refused (bytes).

    Returns:
        A :class:`SourceDocument` with title (first heading line), year
        (first ``20XX年``), place (first named 省/市/区/县, masked ``**市`` kept),
        character count and SHA-256 content hash of the decoded text.

    Raises:
        LoadError: missing, too large, unsupported format, empty, binary or undecodable.
    """
    name = str(path)
    if not path.is_file():
        raise LoadError(name, "no such file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LoadError(name, f"unsupported format {path.suffix or '(none)'}; expected {', '.join(SUPPORTED_SUFFIXES)}")
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(name, f"the file is {size} bytes, larger than the limit of {max_bytes} bytes")
    text, enc = decode(path.read_bytes(), name)
    return SourceDocument(
        id=document_id(path),
        file_name=path.name,
        title=find_title(text) or path.stem,
        year=find_year(text),
        place=find_place(text),
        char_count=len(text),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        encoding=enc,
    )


def find_title(text: str) -> str | None:
    """Return the first line if it is a heading (at most 40 characters, no sentence punctuation)."""
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if len(line) <= 40 and not re.search(r"[。！？；，：]", line):
            return line
        return None
    return None


def find_year(text: str) -> int | None:
    """Return the first year stated as ``20XX年`` (or ``19XX年``) in the first 500 characters."""
    m = _YEAR.search(text[:500])
    return int(m.group(1)) if m else None


def find_place(text: str) -> str | None:
    """Return the first place named as a 省/自治区/市/区/县 (masked ``**市`` kept as written).

    Named places must be whole jieba tokens (so 区域 or 社区 never count).
    """
    from .lexicon import tokenize

    head = text[:3000]
    masked = _MASKED_PLACE.search(head)
    named = next(((s, w) for w, s, _ in tokenize(head)
                  if _NAMED_PLACE.fullmatch(w) and not w.endswith(_NOT_PLACES) and w[0] not in "全我本各该"), None)
    if masked and (named is None or masked.start() <= named[0]):
        return masked.group(0)
    return named[1] if named else None
