"""The last Cypher engine copy built from a store, kept in its data folder for the next process that needs one.

Every process that answers Cypher on the embedded store needs a LadybugDB copy of its graph
(:mod:`.cypher_copy`).  Built afresh, that copy took 2.5 s for the 67 national reports and 11 s
at ten times that, each time: ``policykg query`` paid it on every call, ``policykg serve`` on its
first Cypher query after every start.  So the copy a child process builds is also kept in
``DATA_DIR/cypher-copy/`` under the *content key* of what it was built from, and a later process
whose store holds the same content starts from a file copy of it (under a second for the 10x
corpus) instead of a build.

The content key (:func:`content_key`) is what :mod:`.snapshot` keys the graph by, the store's id
and, per document, the ``seq`` of the row the graph holds (a write never reuses a ``seq``), plus
what the copy's layout depends on: the source of :mod:`.cypher_copy` and :mod:`.schema`, and
LadybugDB's version (its file format).  The builder writes the key of the rows it actually read
beside the copy (``DB_PATH.key``); a copy whose key is not the one asked for (another writer
added a document meanwhile) is used, but not kept.  Only the latest copy is kept; the folder is a
cache, safe to delete.  A process always opens its own file copy, as the server updates its copy
in place after writes (:mod:`.cypher_delta`).  A folder that cannot be written leaves the cache
out, with a warning in the log.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path

from .cypher_copy import schema_path

__all__ = ["FOLDER", "content_key", "fetch", "keep", "key_path"]

logger = logging.getLogger(__name__)

#: The cache's folder inside the data directory.
FOLDER = "cypher-copy"


def _layout() -> bytes:
    """What the copy's tables depend on besides the store's content (see the module docstring)."""
    here = Path(__file__).resolve().parent
    try:
        engine = metadata.version("ladybug")
    except metadata.PackageNotFoundError:
        engine = ""
    return b"".join((here / f).read_bytes() for f in ("cypher_copy.py", "schema.py")) + engine.encode()


def content_key(store_id: str | None, seqs: dict[str, int]) -> str | None:
    """The key of a copy of a store's graph: 32 hex digits, or ``None`` for a store without an id (made before
    stores had one; nothing is cached for it).

    Args:
        store_id: the store's ``meta.store_id``.
        seqs: document id -> the ``seq`` of the row the graph holds.
    """
    if store_id is None:
        return None
    h = hashlib.sha256(_layout())
    h.update(json.dumps([store_id, sorted(seqs.items())], ensure_ascii=False).encode())
    return h.hexdigest()[:32]


def key_path(db_path: str | Path) -> Path:
    """Where the builder writes the content key of the rows a copy was built from (``DB_PATH.key``)."""
    return Path(str(db_path) + ".key")


def _files(db_path: Path) -> tuple[Path, Path]:
    return db_path, schema_path(db_path)


def fetch(data_dir: Path, key: str, db_path: Path) -> bool:
    """Copy the kept copy of content ``key`` (database and column types) to ``db_path``; ``False`` when none is kept
    or it cannot be read (then nothing is left at ``db_path``)."""
    kept = _files(data_dir / FOLDER / f"{key}.lbug")
    if not all(f.is_file() for f in kept):
        return False
    try:
        for src, dst in zip(kept, _files(db_path), strict=True):
            shutil.copyfile(src, dst)
    except OSError as exc:
        logger.warning("%s: the kept Cypher copy could not be read, building one (%s)", kept[0], exc)
        for f in _files(db_path):
            f.unlink(missing_ok=True)
        return False
    return True


def keep(data_dir: Path, key: str, db_path: Path) -> bool:
    """Keep the copy just built at ``db_path`` as the one of content ``key``, when the builder read that content;
    other kept copies are removed.  Returns whether it was kept (never raises: a failure is logged)."""
    try:
        if key_path(db_path).read_text(encoding="utf-8").strip() != key:
            return False
        folder = data_dir / FOLDER
        folder.mkdir(exist_ok=True)
        final = _files(folder / f"{key}.lbug")
        # copied under names of this process first, then renamed: a reader sees a whole file or none (the
        # column types land before the database, and fetch wants both)
        for src, dst in zip(_files(db_path), final, strict=True):
            part = dst.with_name(f".{dst.name}.{os.getpid()}")
            shutil.copyfile(src, part)
            os.replace(part, dst)
        for f in folder.iterdir():
            if not f.name.startswith(key):
                f.unlink(missing_ok=True)
        return True
    except OSError as exc:
        logger.warning("the Cypher copy could not be kept in %s (%s)", data_dir / FOLDER, exc)
        return False
