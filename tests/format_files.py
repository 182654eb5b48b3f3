"""What the tests of real-world files (``test_formats_*.py``) compare a file by: the entities extracted from it."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import process_file


def entities_of(path: Path) -> set[tuple[str, str]]:
    """The (label, name) of every entity extracted from the file ``path``."""
    return {(e.label, e.name) for e in process_file(path).entities}
