"""The ``Content-Disposition`` of a download, named for what it holds."""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["attachment", "file_part"]

#: Characters a part of a download's file name leaves out (a node id's colon, slashes, brackets, spaces).
_FILE_UNSAFE = re.compile(r"[^\w-]+")


def file_part(text: str) -> str:
    """``text`` as a piece of a file name: each run of characters other than letters, digits, ``_`` and ``-``
    (``Program:红色物业`` -> ``Program_红色物业``) becomes one ``_``."""
    return _FILE_UNSAFE.sub("_", text).strip("_") or "_"


def attachment(name: str) -> dict[str, str]:
    """The header that saves a download as ``name``: an ASCII ``filename`` (each other character ``_``) for old
    clients, and ``filename*`` in UTF-8 (RFC 6266), which browsers prefer, so a Chinese name is kept.

    Args:
        name: the file name, which may hold any characters (:func:`file_part` makes its pieces safe).

    Returns:
        ``{"Content-Disposition": …}``.
    """
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"}
