"""What a load did, and the paragraph the command line prints of it (:class:`LoadReport`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policykg.loaders.read import SUPPORTED_SUFFIXES

__all__ = ["LoadReport", "skipped_note"]


def skipped_note(skipped: list[str], verb: str) -> str:
    """One line naming the files :func:`expand_paths` passed over in the folders given (at most five named), for
    ``policykg load`` and ``policykg extract`` (``verb``: the command, as the user would type it)."""
    # a browser's folder beside a saved page (报告_files/share.html), said to be "about the folder" (session 59)
    pages = [f for f in skipped if any(p.name.endswith("_files") for p in Path(f).parents)]
    about = [f for f in skipped if Path(f).suffix.lower() in SUPPORTED_SUFFIXES and f not in pages]
    other = [f for f in skipped if f not in about and f not in pages]  # one line had said both (session 50)
    parts = [(about, f"about the folder (README, SOURCE, LICENSE; {verb} one by name to read it)"),
             (pages, "a browser saved beside a web page (its X_files folder)"),
             (other, f"of a format policykg does not read (it reads {', '.join(sorted(SUPPORTED_SUFFIXES))})")]
    return "; ".join(f"skipped {len(files)} file(s) {why}: {', '.join(files[:5])}{' …' if len(files) > 5 else ''}"
                     for files, why in parts if files)


@dataclass
class LoadReport:
    """What a load did: documents written, unchanged, failed (with reasons), characters, seconds.

    ``write_seconds`` is the part of ``seconds`` spent in the store's write calls (extraction excluded).
    ``replaced`` lists the loaded documents whose id was already stored with another text (their earlier
    version is gone); ``skipped`` the files of the folders given whose format policykg does not read;
    ``duplicates`` ``(document id, id of a stored document with the same text)`` for a document loaded under a
    second name (北京.txt and 北京(1).txt: every entity of it is counted in both); ``sizes`` the characters of each
    replaced document before and after.
    """

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: ``(node, other node, document)``: a loaded document names the two nodes as one entity (:mod:`.graph.bridges`)
    bridges: list[tuple[str, str, str]] = field(default_factory=list)
    #: ``(node, other node, document)`` named as one and joined in the store (:mod:`.graph.node_joins`), and joined
    #: node -> the node it is part of now; ``bridges`` keeps the pairs a curation decision's node keeps apart
    joined: list[tuple[str, str, str]] = field(default_factory=list)
    joined_into: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: documents resolved again after a replacement (:func:`load_paths`), and the seconds that took
    reresolved: int = 0
    #: of ``reresolved``, the documents whose graph changed (:attr:`policykg.reresolve.ReapplyReport.changed`: the
    #: replaced ones, and those resolved to other nodes without the replaced document's old names)
    rechanged: int = 0
    reresolve_seconds: float = 0.0
    chars: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0
    #: the summary of re-applying a curation file edited since the stored documents were written, before the load
    reapplied: str = ""
    #: the same after the load, when the file changed while it ran (a decision recorded through the API meanwhile)
    reapplied_during: str = ""
    #: the summary of resolving the store again before the load because a load stopped before joining the nodes its
    #: documents name as one (the store's mark ``joins-pending``: :data:`policykg.graph.node_joins.JOINS_PENDING`)
    joins_finished: str = ""

    def summary(self) -> str:
        """One paragraph for the terminal."""
        # the rate of loading alone: the re-resolution of the documents after a replaced one is timed on its own line
        # (a replaced file of 17,370 characters was "925 characters/s" with 18 s of re-resolution: session 59)
        loading = self.seconds - self.reresolve_seconds
        rate = self.chars / loading if loading > 0 else 0.0
        # no rate when nothing was extracted: an all-unchanged reload read 155,879 characters "at 316,134 characters/s"
        # (a walkthrough, session 49), a rate of comparing hashes, not of loading
        timing = (f"{self.chars:,} characters in {self.seconds:.1f} s, {rate:,.0f} characters/s; "
                  f"writing {self.write_seconds:.1f} s" if self.loaded else f"nothing extracted; {self.seconds:.1f} s")
        lines = [f"loaded {len(self.loaded)}, unchanged {len(self.unchanged)}, failed {len(self.failed)} ({timing})"]
        if self.reapplied:  # a walkthrough (session 48): an edited curation file was applied without a word
            lines.append("  the curation file changed since the stored documents were written; "
                         + self.reapplied.replace("\n", "\n  "))
        if self.joins_finished:
            lines.append("  " + self.joins_finished.replace("\n", "\n  "))
        if self.reapplied_during:
            lines.append("  the curation file changed during the load; " + self.reapplied_during.replace("\n", "\n  "))
        if not (self.loaded or self.unchanged or self.failed):
            lines.append("  no documents found: the paths hold no file policykg reads "
                         f"({', '.join(sorted(SUPPORTED_SUFFIXES))}; a .wps file can be saved as .docx)")
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failed]
        lines += [f"  warning: {doc} has the same text as {other}; both are counted in every diffusion and "
                  f"comparison (delete the one that is a copy: policykg delete {doc}, or policykg delete {other})"
                  for doc, other in self.duplicates[:10]]
        if len(self.duplicates) > 10:
            more = len(self.duplicates) - 10
            lines.append(f"  … and {more} more {'document' if more == 1 else 'documents'} whose text another one has")
        into = self.joined_into
        lines += [f"  one entity: {doc} names {a} and {b} as one; joined as {into.get(a, into.get(b, a))}"
                  for a, b, doc in self.joined[:10]]
        if len(self.joined) > 10:
            lines.append(f"  … and {len(self.joined) - 10} more pairs of nodes a document names as one entity, joined "
                         "(load --merges FILE writes every pair)")
        lines += [f"  perhaps one entity: {doc} names {a} and {b} as one (policykg curate merge {a} {b})"
                  for a, b, doc in self.bridges[:10]]
        if len(self.bridges) > 10:
            more = len(self.bridges) - 10
            lines.append(f"  … and {more} more {'pair' if more == 1 else 'pairs'} of nodes a document names as one entity "
                         "(load --merges FILE writes every pair)")
        if self.replaced:
            sized = [(d, *self.sizes.get(d, (0, 0))) for d in self.replaced]  # (id, characters before, after)
            lines.append("  replaced (an earlier text under the same file name was stored; it is gone): "
                         + ", ".join(f"{d} ({before:,} -> {after:,} characters)" if before else d
                                     for d, before, after in sized[:10]) + (" …" if len(sized) > 10 else ""))
            # a walkthrough (session 45) loaded a 31-character test file named gwr-2024.txt over the national report
            lines += [f"  warning: {d} is now less than half its earlier length: if another file of that name was "
                      "loaded by mistake, load the earlier file again to restore it"
                      for d, before, after in sized if 2 * after < before][:10]
        if self.reresolved:
            again = f"{self.reresolved} document{'s' if self.reresolved != 1 else ''}"
            # the graph of how many changed, as a curation's summary says it (a load answered "resolved 3 documents
            # again" whether one or all three changed: session 69)
            lines.append(f"  resolved {again} again in load order, as a fresh load of these texts "
                         f"would ({self.reresolve_seconds:.1f} s): a replaced document had been loaded before others; "
                         f"the graph of {self.rechanged} changed, {self.reresolved - self.rechanged} re-checked and "
                         "unchanged")
        if self.skipped:
            lines.append("  " + skipped_note(self.skipped, "load"))
        return "\n".join(lines)
