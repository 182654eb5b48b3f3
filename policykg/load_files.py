"""Which files a load takes: folders expanded to the documents under them (what describes a folder, hidden files,
lock files and a saved web page's own folder passed over), one file per document id, and the folder each came from."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykg.loaders.read import SUPPORTED_SUFFIXES, document_id, missing_reason

__all__ = ["distinct_ids", "expand_paths", "folder_key", "stored_elsewhere"]


def expand_paths(paths: Iterable[Path], skipped: list[str] | None = None,
                 failed: list[tuple[str, str]] | None = None) -> list[Path]:
    """Expand folders to the supported files below them (sorted); keep files as given.

    Args:
        paths: files and folders.
        skipped: when given, receives the path of every file under a folder whose suffix is not one of
            ``SUPPORTED_SUFFIXES``, or that describes the folder rather than being one of its documents
            (README.md, SOURCE.md, LICENSE.txt: :data:`_ABOUT_THE_FOLDER`); hidden files, whose names start with a
            dot or lie in a folder whose name does, are passed over, and so are the lock files Word and WPS leave beside
            an open document (``~$北京.docx``) and a folder of the embedded store's own files (a data folder inside the
            one loaded).  The folder a browser saves beside a web page (``报告.html`` and ``报告_files/``: its frames,
            share widgets and scripts, one of which a walkthrough, session 59, found loaded as a document) is
            skipped.  Files given by name are kept whatever they are.
        failed: when given, receives ``(path, reason)`` for what under a folder cannot be read: a symbolic link to
            nothing (a missing target, or links that point at each other) and a subfolder this process may not read
            (its files are not listed; both had been passed over without a word: a walkthrough, session 57).
    """
    from policykg.graph.embedded import DB_FILE

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            entries = sorted(e for e in p.rglob("*")  # .hidden.txt, a file under .git/, Word's lock file ~$北京.docx
                             if not (_HIDDEN.match(e.name) or any(part.startswith(".")
                                                                  for part in e.relative_to(p).parts[:-1])))
            locked = [e for e in entries if e.is_dir() and not os.access(e, os.R_OK | os.X_OK)]
            files = [f for f in entries if f.is_file() and not any(d in f.parents for d in locked)]
            if failed is not None:
                failed += [(str(e), missing_reason(e)) for e in entries if e.is_symlink() and not e.exists()]
                failed += [(str(d), "a folder this process may not read: its files were not loaded") for d in locked]
            stores = {f.parent for f in files if f.name == DB_FILE}  # an embedded store's data folder, all of it
            pages = {f.with_name(f.stem + "_files") for f in files if f.suffix.lower() in (".html", ".htm")}
            for f in (f for f in files if not stores.intersection(f.parents)):
                if pages.intersection(f.parents):  # a saved web page's own folder (its frames, scripts, images)
                    if skipped is not None:
                        skipped.append(str(f))
                elif f.suffix.lower() in SUPPORTED_SUFFIXES and not _ABOUT_THE_FOLDER.match(f.name):
                    out.append(f)
                elif skipped is not None:
                    skipped.append(str(f))
        else:
            out.append(p)
    return out


#: Names of files a folder holds but nobody wrote as a document: hidden files, office lock files (~$name.docx).
_HIDDEN = re.compile(r"^(?:\.|~\$)")
#: Files that describe a folder of documents (a corpus's README, its SOURCE notes, a licence) rather than being one.
_ABOUT_THE_FOLDER = re.compile(r"(?i)^(?:readme|source|sources|license|licence|changelog|notice)(?:\.[a-z]+)?$")


def distinct_ids(files: list[Path], failed: list[tuple[str, str]]) -> list[Path]:
    """``files`` without those whose document id (the file name without its extension) an earlier one has.

    Two files of one load with the same id (2023/北京.docx and 2024/北京.docx, or 北京.txt beside 北京.docx) would
    write one document over the other; each later one is reported in ``failed`` (path, reason) instead.  One file
    given under two spellings of its path is kept once, without a word.
    """
    first: dict[str, Path] = {}
    out = []
    for f in files:
        if f.suffix.lower() not in SUPPORTED_SUFFIXES:  # refused for its format, which is what to say about it
            out.append(f)
            continue
        doc_id = document_id(f)
        # one file named twice (a/北京.txt and a/../a/北京.txt, or a folder and a file in it) is loaded once
        if doc_id in first and first[doc_id].resolve() != f.resolve():
            failed.append((str(f), f"has the document id {doc_id} of {first[doc_id]} (ids are file names without "
                                   "their extension); rename one of the two and load it again"))
        elif doc_id not in first:
            first[doc_id] = f
            out.append(f)
    return out


def folder_key(path: Path) -> str:
    """The :attr:`~policykg.graph.records.SourceDocument.folder_key` of a file: the first 16 hex digits of the SHA-256
    of its folder's resolved path (UTF-8)."""
    return hashlib.sha256(str(path.resolve().parent).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def stored_elsewhere(files: list[Path], stored: list[dict[str, Any]]) -> dict[Path, str]:
    """The files whose document id is that of a document stored from another folder (its ``folder_key``), each with
    why it is not loaded when its text differs from the stored one.

    Args:
        files: the files of a load.
        stored: the store's document nodes (:meth:`policykg.graph.store.GraphStore.documents`).

    Returns:
        ``{file: reason}`` (empty when no file's id is stored from another folder).
    """
    by_id = {d["id"]: d for d in stored if d.get("folder_key")}
    out = {}
    for f in files:
        if (d := by_id.get(document_id(f))) is not None and d["folder_key"] != folder_key(f):
            name = ", ".join(str(x) for x in (d.get("file_name") or d["id"], d.get("year")) if x)
            out[f] = (f"has the document id {d['id']} of a document loaded from another folder ({name}), and another "
                      "text: loading it would replace that document. Rename the file to load both, or give --replace "
                      "to replace it (the stored document is kept)")
    return out
