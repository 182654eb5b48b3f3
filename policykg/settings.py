"""Settings, read once from the environment (prefix ``POLICYKG_``).

Neo4j credentials are read from the conventional ``NEO4J_URI``,
``NEO4J_USER`` and ``NEO4J_PASSWORD`` as well as from the prefixed names.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from policykg.extraction_cache import ExtractionCache

__all__ = ["Settings", "get_settings"]

DEFAULT_NEO4J_PASSWORD = "policykg-dev"

#: The most worker processes a load starts unless told otherwise (memory: about 350 MiB each).
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """Worker processes for a load when none are configured: the CPU cores this process may use,
    at most :data:`MAX_DEFAULT_WORKERS`, at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


class Settings(BaseSettings):
    """All configuration of policykg.

    Attributes:
        store: ``"embedded"`` (networkx + SQLite, the default) or ``"neo4j"``.
        data_dir: folder of the embedded store (``graph.sqlite`` lives there).
        host, port: where ``policykg serve`` binds; 127.0.0.1 by default.
        neo4j_uri, neo4j_user, neo4j_password, neo4j_database: the Neo4j connection.
        environment: ``"development"`` allows the default Neo4j password; any
            other value refuses it.
        batch_size: rows per ``UNWIND`` statement written to Neo4j.
        write_batch_documents: documents per Neo4j write transaction (the loader hands
            this many at once; a transaction also stops at 50,000 relationships).  A load
            killed midway loses at most the transaction in progress, never part of a document.
        cypher_timeout_s: seconds a read-only Cypher query may run.
        cypher_row_cap: most rows a read-only Cypher query returns.
        max_file_bytes: larger source files are refused (bytes).
        load_workers: processes that read and extract documents during ``policykg load`` (whose
            ``--workers`` overrides it) and ``policykg extract``, and that extract the stored texts again when
            ``policykg delete`` or ``policykg curate`` re-resolves the store; by default one per CPU core, at most
            :data:`MAX_DEFAULT_WORKERS` (each holds the tokenizer and the models, about 350 MiB).
            On the 2-core bench machine two workers load the gwr corpus 1.6-1.8 times as fast
            as one, and the five bundled samples no slower.
        extractor: ``"tagger"`` (rules + the learned tagger and relation classifier, the
            default) or ``"rules"`` (the rule extractors alone: about four times faster,
            lower recall on genres other than organisation work).
        api_key: required by routes that write (curation); writing routes are off when empty.
        curation_file: the curation decisions (TOML, :mod:`policykg.graph.curation`);
            ``None`` means ``<data_dir>/curation.toml`` (see :attr:`curation_path`).
        cors_origins: origins allowed by CORS; CORS is off when empty.
        keep_cypher_copy: keep the Cypher engine's copy of the embedded store in ``<data_dir>/cypher-copy/`` for
            the next process (:mod:`policykg.graph.cypher_cache`; as large as ``graph.sqlite``); when false,
            every process builds its own copy and none is read or written there.
        extraction_cache_mb: the most ``<data_dir>/extraction-cache/`` holds (MiB; 0: no cache): what the
            extractor made of each text loaded, read back when a curation decision, its undo or ``policykg delete``
            re-resolves the store instead of extracting every stored text again
            (:mod:`policykg.extraction_cache`; about 6 bytes per character of text).
    """

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    store: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    port: int = 8000
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("POLICYKG_NEO4J_URI", "NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("POLICYKG_NEO4J_USER", "NEO4J_USER"))
    neo4j_password: str = Field(
        default=DEFAULT_NEO4J_PASSWORD,
        validation_alias=AliasChoices("POLICYKG_NEO4J_PASSWORD", "NEO4J_PASSWORD"),
    )
    neo4j_database: str | None = Field(
        default=None, validation_alias=AliasChoices("POLICYKG_NEO4J_DATABASE", "NEO4J_DATABASE")
    )
    environment: str = "development"
    batch_size: int = Field(default=1000, ge=1, le=100_000)
    write_batch_documents: int = Field(default=50, ge=1, le=10_000)
    cypher_timeout_s: float = Field(default=10.0, gt=0, le=600)
    cypher_row_cap: int = Field(default=1000, ge=1, le=1_000_000)
    max_file_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    load_workers: int = Field(default_factory=default_workers, ge=1, le=64)
    extractor: Literal["tagger", "rules"] = "tagger"
    api_key: str = ""
    curation_file: Path | None = None
    cors_origins: Annotated[list[str], NoDecode] = []
    keep_cypher_copy: bool = True
    extraction_cache_mb: int = Field(default=2048, ge=0)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        """``POLICYKG_CORS_ORIGINS`` as one origin, origins separated by commas or spaces, or a JSON list (only the
        JSON list was read: ``http://example.org`` stopped every command with "error parsing value", a regression
        check, session 59)."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [o for o in re.split(r"[,\s]+", text) if o]
        return value

    @property
    def curation_path(self) -> Path:
        """The curation file in effect: ``curation_file``, or ``curation.toml`` in the data directory."""
        return self.curation_file or self.data_dir / "curation.toml"

    def extraction_cache(self) -> ExtractionCache | None:
        """The extraction cache of the data directory (:attr:`extraction_cache_mb`), or ``None`` when it is 0."""
        from policykg.extraction_cache import ExtractionCache

        if self.extraction_cache_mb <= 0:
            return None
        return ExtractionCache(self.data_dir / "extraction-cache", self.extraction_cache_mb * 1024 * 1024)

    def extractor_model(self) -> str | None:
        """The tagger model argument of the loaders: ``""`` for the rules alone, ``None`` for the shipped model."""
        return "" if self.extractor == "rules" else None


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (cached; tests override the API dependency)."""
    return Settings()
