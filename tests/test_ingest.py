"""Loading: parallel extraction gives the same store as one process; unchanged files are not extracted again."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from order_texts import QIANWAN_TEXTS, write_texts

import policykg.ingest as ingest
from policykg.errors import NotFoundError
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import PARENT_CHECK_S, load_paths
from policykg.loaders.read import read_document


def _snapshot(store):
    nodes = {n["id"]: n for n in store.iter_nodes()}
    edges = sorted((e["source"], e["target"], e["type"], e.get("doc_id", ""), repr(sorted(e.items())))
                   for e in store.iter_edges())
    return nodes, edges


def test_four_workers_build_the_same_store_as_one(tmp_path, seed_paths):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):  # 15 documents: copies with distinct ids share entities across documents
        for p in seed_paths:
            shutil.copy(p, folder / f"{p.stem}_{i}.txt")
    one, four = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "four")
    r1 = load_paths(one, [folder], workers=1, progress=False)
    r4 = load_paths(four, [folder], workers=4, progress=False)
    assert len(r1.loaded) == len(r4.loaded) == 15 and not r1.failed and not r4.failed
    assert _snapshot(one) == _snapshot(four)
    assert one.get_node("Program:红色物业")["node"]["doc_count"] == 6
    one.close()
    four.close()


def test_reloading_skips_extraction_of_unchanged_files(tmp_path, seed_paths, monkeypatch):
    store = EmbeddedStore(tmp_path / "d")
    first = load_paths(store, seed_paths, progress=False)
    assert len(first.loaded) == 5

    def must_not_run(doc):
        raise AssertionError(f"{doc.id} was extracted again")

    monkeypatch.setattr(ingest, "build_document_graph", must_not_run)
    again = load_paths(store, seed_paths, progress=False)
    assert (len(again.loaded), len(again.unchanged), again.failed) == (0, 5, [])
    assert again.chars == first.chars
    # no loading rate for a reload that extracted nothing (it read 316,134 "characters/s" of hashing: session 49)
    assert "characters/s" in first.summary() and "characters/s" not in again.summary()
    assert again.summary().startswith("loaded 0, unchanged 5, failed 0 (nothing extracted; ")
    store.close()


def test_a_changed_file_is_extracted_and_replaced(tmp_path, seed_paths):
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / seed_paths[0].name
    shutil.copy(seed_paths[0], target)
    store = EmbeddedStore(tmp_path / "d")
    load_paths(store, [folder], progress=False)
    assert store.get_node("Program:清廉村居")
    target.write_text(target.read_text("utf-8").replace("推进“清廉村居”建设，", ""), "utf-8")
    report = load_paths(store, [folder], progress=False)
    assert len(report.loaded) == 1
    with pytest.raises(NotFoundError, match="清廉村居"):
        store.get_node("Program:清廉村居")
    store.close()


def test_the_loader_hands_the_store_batches_of_its_write_batch_size(tmp_path, seed_paths):
    one, batched = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "batched")
    batched.write_batch = 2
    calls = []
    upsert = batched.upsert_documents

    def spy(docs):
        calls.append([pg.doc_id for pg, _ in docs])
        return upsert(docs)

    batched.upsert_documents = spy
    written = []
    r1 = load_paths(one, seed_paths, progress=False)
    r2 = load_paths(batched, seed_paths, progress=False, on_document=lambda dg: written.append(dg.document.id))
    assert [len(c) for c in calls] == [2, 2, 1] and [i for c in calls for i in c] == r2.loaded == r1.loaded
    assert written == r2.loaded and r2.write_seconds > 0 and "writing" in r2.summary()
    assert _snapshot(one) == _snapshot(batched)
    one.close()
    batched.close()


def test_load_workers_default_to_the_cores_at_most_four_and_the_setting_wins(monkeypatch):
    import os

    from policykg.settings import Settings

    monkeypatch.delenv("POLICYKG_LOAD_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(16)))
    assert Settings().load_workers == 4  # each worker holds the models: no more than four unless asked
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert Settings().load_workers == 1
    monkeypatch.setenv("POLICYKG_LOAD_WORKERS", "3")
    assert Settings().load_workers == 3


def test_the_load_command_uses_the_configured_workers_unless_told(tmp_path, seed_paths, monkeypatch):
    from click.testing import CliRunner

    from policykg.cli import main

    seen = []
    real = ingest.load_paths

    def spy(store, paths, workers=1, **kw):
        seen.append(workers)
        return real(store, paths, workers=workers, **kw)

    monkeypatch.setattr(ingest, "load_paths", spy)
    monkeypatch.setenv("POLICYKG_LOAD_WORKERS", "2")
    data = ["--data-dir", str(tmp_path / "d")]
    assert CliRunner().invoke(main, [*data, "load", str(seed_paths[0]), "--quiet"]).exit_code == 0
    assert CliRunner().invoke(main, [*data, "load", str(seed_paths[1]), "--quiet", "--workers", "1"]).exit_code == 0
    assert seen == [2, 1]


def test_a_bad_file_read_by_a_worker_process_is_reported_not_fatal(tmp_path, seed_paths):
    # the worker returns the file's LoadError by pickling it: the whole load used to stop with BrokenProcessPool
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_paths[1], folder / "good.txt")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    store = EmbeddedStore(tmp_path / "d")
    report = load_paths(store, [folder], workers=2, progress=False)
    assert len(report.loaded) == 1
    assert sorted((path.rsplit("/", 1)[-1], reason) for path, reason in report.failed)[1] == ("empty.txt",
                                                                                             "the file is empty")
    assert len(report.failed) == 2 and store.get_node("Program:红色物业") is not None
    store.close()


def test_two_files_of_one_name_in_one_load_keep_the_first_and_report_the_second(tmp_path, seed_paths):
    # 2023/北京.docx beside 2024/北京.docx: one document id, so the second file used to replace the first unseen
    for year, seed in (("2023", seed_paths[0]), ("2024", seed_paths[1])):
        (tmp_path / year).mkdir()
        shutil.copy(seed, tmp_path / year / "区委.txt")
    (tmp_path / "2024" / "scan.rtf").write_text("{\\rtf1 x}", encoding="ascii")
    (tmp_path / "2024" / "SOURCE.md").write_text("Texts copied from the provinces' websites, 2024.\n", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "d")
    report = load_paths(store, [tmp_path / "2023", tmp_path / "2024"], progress=False)
    assert report.loaded == ["Document:区委"] and report.replaced == []
    (path, reason), = report.failed
    assert path.endswith("2024/区委.txt") and "2023/区委.txt" in reason and "rename" in reason
    # a corpus folder's SOURCE.md was loaded as a document of its own (an audit found its Body in the graph)
    assert report.skipped == [str(tmp_path / "2024" / n) for n in ("SOURCE.md", "scan.rtf")]
    summary = report.summary()  # each under its reason (one line gave both reasons: a walkthrough, session 50)
    assert ("skipped 1 file(s) about the folder (README, SOURCE, LICENSE; load one by name to read it): "
            f"{tmp_path / '2024' / 'SOURCE.md'}") in summary
    assert "skipped 1 file(s) of a format policykg does not read" in summary and summary.endswith("scan.rtf")
    first, second = (read_document(tmp_path / y / "区委.txt").text for y in ("2023", "2024"))
    assert first != second and store.document_text("Document:区委") == first
    # loaded on its own later, the other folder's text is refused (it had replaced the first without a word: a
    # walkthrough, session 59); given to replace it, it does, and the summary says so
    later = load_paths(store, [tmp_path / "2024" / "区委.txt"], progress=False)
    assert later.replaced == [] and "another folder" in later.failed[0][1]
    assert store.document_text("Document:区委") == first
    later = load_paths(store, [tmp_path / "2024" / "区委.txt"], progress=False, replace=True)
    assert later.replaced == ["Document:区委"] and "replaced" in later.summary()
    assert store.document_text("Document:区委") == second
    sizes = f"Document:区委 ({len(first):,} -> {len(second):,} characters)"
    assert sizes in later.summary() and "less than half" not in later.summary()
    # a walkthrough (session 45) loaded a 31-character test file of the national report's name over the report,
    # which the summary only called replaced; a text less than half as long now says how to restore the earlier one
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "区委.txt").write_text("测试文件：只有一句话。\n", encoding="utf-8")
    assert "another folder" in load_paths(store, [tmp_path / "test" / "区委.txt"], progress=False).summary()
    short = load_paths(store, [tmp_path / "test" / "区委.txt"], progress=False, replace=True).summary()
    assert f"Document:区委 ({len(second):,} -> {read_document(tmp_path / 'test' / '区委.txt').char_count} characters)" in short
    assert "Document:区委 is now less than half its earlier length" in short and "load the earlier file again" in short
    store.close()


def test_messy_folders_are_reported_as_a_user_needs(tmp_path, seed_paths, monkeypatch):
    # a walkthrough with messy input (session 40): a download saved twice was counted twice without a word, an
    # empty folder answered "loaded 0" with status 0, the store's own files in a loaded folder were listed as
    # skipped, and an unreadable file printed a traceback
    from click.testing import CliRunner

    from policykg.cli import main

    (tmp_path / "in").mkdir()
    shutil.copy(seed_paths[2], tmp_path / "in" / "区委.txt")
    shutil.copy(seed_paths[2], tmp_path / "in" / "区委(1).txt")
    store = EmbeddedStore(tmp_path / "in" / "data")  # a data folder inside the folder loaded
    report = load_paths(store, [tmp_path / "in"], progress=False)
    # documents are read in id order (区委 before 区委(1)): the later of the two is the one reported
    assert report.duplicates == [("Document:区委(1)", "Document:区委")] and "same text as Document:区委" in report.summary()
    assert report.skipped == []  # graph.sqlite, graph.snapshot: the store's own files
    many = ingest.LoadReport(duplicates=[(f"Document:c{i}", "Document:区委") for i in range(600)])
    assert len(many.summary().splitlines()) < 15 and "590 more" in many.summary()  # a corpus of copies: a few lines
    again = load_paths(store, [tmp_path / "in" / "区委(1).txt"], progress=False)
    assert again.unchanged == ["Document:区委(1)"] and again.duplicates == []  # said once, when loaded
    store.close()
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d2"), "load", "--quiet", str(tmp_path / "empty")])
    assert r.exit_code == 1 and "no documents found" in r.output
    r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d4"), "load", str(tmp_path / "no-such-folder")])
    assert r.exit_code == 1 and "no such file or folder" in r.output and not (tmp_path / "d4").exists()
    r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "in" / "data"), "delete", "区委(1).txt"])
    assert r.exit_code == 0 and "deleted Document:区委(1)" in r.output  # the file name names the document too

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(ingest.Path, "read_bytes", refuse)
    (path, reason), = load_paths(EmbeddedStore(tmp_path / "d3"), [tmp_path / "in" / "区委.txt"], progress=False).failed
    assert path.endswith("区委.txt") and reason == "could not be read (Permission denied)"


def test_a_folder_passes_over_hidden_files_and_office_lock_files(tmp_path, seed_paths):
    # a researcher's folder with 北京.docx open in Word holds ~$北京.docx (Word's lock file, a few bytes): the load
    # reported it as a corrupt document and exited 1; .hidden.txt and a file under .git/ were loaded as documents
    folder = tmp_path / "in"
    (folder / ".git").mkdir(parents=True)
    shutil.copy(seed_paths[0], folder / "区委.txt")
    shutil.copy(seed_paths[1], folder / ".hidden.txt")
    shutil.copy(seed_paths[2], folder / ".git" / "notes.txt")
    (folder / "~$区委.docx").write_bytes(b"\x04\x00\x00\x00researcher" + bytes(150))
    report = load_paths(EmbeddedStore(tmp_path / "d"), [folder], progress=False)
    assert report.loaded == ["Document:区委"] and not report.failed and not report.skipped


def test_what_a_folder_holds_but_cannot_be_read_is_named_as_failed(tmp_path, seed_paths, monkeypatch):
    # a walkthrough (session 57): a link to nothing, links pointing at each other and a subfolder the user may not
    # read were passed over without a word, and the load exited 0
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(seed_paths[0], folder / "区委.txt")
    shutil.copy(seed_paths[1], folder / "locked" / "市委.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "moved.txt")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p).name != "locked" and access(p, mode))
    report = load_paths(EmbeddedStore(tmp_path / "d"), [folder], progress=False)
    assert report.loaded == ["Document:区委"]
    reasons = {Path(p).name: r for p, r in report.failed}
    assert reasons.keys() == {"gone.txt", "a.txt", "b.txt", "locked"}
    assert reasons["gone.txt"].startswith("a symbolic link to nothing") and reasons["a.txt"] == reasons["gone.txt"]
    assert reasons["locked"] == "a folder this process may not read: its files were not loaded"


def test_one_file_given_twice_is_loaded_once(tmp_path, seed_paths):
    # a walkthrough (session 57): a/北京.txt and a/../a/北京.txt failed as "two files with one document id"
    folder = tmp_path / "a"
    folder.mkdir()
    shutil.copy(seed_paths[0], folder / "北京.txt")
    report = load_paths(EmbeddedStore(tmp_path / "d"), [folder / "北京.txt", folder / ".." / "a" / "北京.txt", folder],
                        progress=False)
    assert report.loaded == ["Document:北京"] and not report.failed


_ORPHAN_SCRIPT = """
import os, sys, time
from policykg.ingest import _in_order

def work(job):
    time.sleep(0.05)
    return os.getpid()

seen = set()
for pid in _in_order(work, range(400), 2):
    seen.add(pid)
    if len(seen) == 2:
        print(*sorted(seen), flush=True)
        time.sleep(120)  # killed here, with its two workers waiting for work
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc (Linux)")
def test_worker_processes_end_when_the_loading_process_is_killed():
    # a walkthrough (session 44): `kill` on a `policykg load` left its two workers idle for good, 320 MiB each
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        assert len(workers) == 2 and all(_running(p) for p in workers)
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 20 * PARENT_CHECK_S
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in workers if _running(p)]
    for p in left:  # leave no process behind when the test fails
        os.kill(p, signal.SIGKILL)
    assert not left


def test_a_document_naming_two_stored_nodes_as_one_entity_joins_them(tmp_path):
    # a walkthrough (session 50): gwr-2024's 千村示范、万村整治工程 and 浙江's 千万工程 were two nodes, and 四川's glossary,
    # loaded after them, says they are one program; the first adopter of 千万工程 came out a year late, without a word.
    # Session 50 listed the pair for a curation merge; since session 67 the load joins the two, as loading 四川 first
    # does (tests/test_resolve_load_order.py)
    from policykg.graph.curation_suggest import named_apart
    from policykg.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "data")
    report = load_paths(store, write_texts(tmp_path / "in", QIANWAN_TEXTS), progress=False)
    assert report.joined == [("Program:千万工程", "Program:千村示范、万村整治工程", "Document:c-sc")]
    assert report.bridges == []  # a second document naming the pair (d-gd): it is listed once
    assert ("  one entity: Document:c-sc names Program:千万工程 and Program:千村示范、万村整治工程 as one; joined as "
            "Program:千万工程") in report.summary().splitlines()
    node = store.get_node("Program:千万工程")["node"]
    assert node["doc_count"] == 4 and "千村示范、万村整治工程" in node["aliases"]
    with pytest.raises(NotFoundError):
        store.get_node("Program:千村示范、万村整治工程")
    assert named_apart(store) == []  # nothing left for curate suggest to list
    store.close()
