"""A researcher loading folders of their own: two files of one name in two folders, a browser's saved page, a failed
reload, listing what is loaded and naming a document to delete (a walkthrough of a new user, session 59)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.ingest import expand_paths

RULES = {"POLICYKG_EXTRACTOR": "rules"}  # what is tested is the loading, not the extraction: the rules read fast


def _cli(tmp_path, *args):
    return CliRunner().invoke(main, ["--data-dir", str(tmp_path / "data"), *args], env=RULES)


def _year_folders(tmp_path, seed_paths):
    """2023/工作要点.txt and 2024/工作要点.txt: two seeds under one file name, the usual layout by year."""
    for year, seed in (("2023", seed_paths[0]), ("2024", seed_paths[1])):
        (tmp_path / "mine" / year).mkdir(parents=True)
        (tmp_path / "mine" / year / "工作要点.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "mine" / "2023" / "工作要点.txt", tmp_path / "mine" / "2024" / "工作要点.txt"


def test_a_file_named_as_a_document_of_another_folder_is_refused_unless_it_is_to_replace_it(tmp_path, seed_paths):
    first, second = _year_folders(tmp_path, seed_paths)
    r = _cli(tmp_path, "load", "--quiet", str(first))
    assert r.exit_code == 0, r.output
    kept = _cli(tmp_path, "query", "MATCH (d:Document {id: 'Document:工作要点'}) RETURN d.char_count").stdout

    r = _cli(tmp_path, "load", "--quiet", str(second))
    assert r.exit_code == 1
    assert "loaded from another folder" in r.output and "--replace" in r.output and "stored document is kept" in r.output
    assert _cli(tmp_path, "query", "MATCH (d:Document {id: 'Document:工作要点'}) RETURN d.char_count").stdout == kept

    r = _cli(tmp_path, "load", "--quiet", str(first))  # the same file again: unchanged, not refused
    assert r.exit_code == 0 and "unchanged 1" in r.output
    edited = first.read_text(encoding="utf-8") + "\n深入推进“红色物业”建设。\n"
    first.write_text(edited, encoding="utf-8")  # an edited version in its own folder replaces it, as before
    r = _cli(tmp_path, "load", "--quiet", str(first))
    assert r.exit_code == 0 and "replaced" in r.output

    r = _cli(tmp_path, "load", "--quiet", "--replace", str(second))
    assert r.exit_code == 0 and "replaced" in r.output
    count = _cli(tmp_path, "query", "MATCH (d:Document {id: 'Document:工作要点'}) RETURN d.char_count").stdout
    assert str(len(second.read_text(encoding="utf-8"))) in count


def test_a_failed_reload_says_the_stored_version_stays(tmp_path, seed_paths):
    first, _ = _year_folders(tmp_path, seed_paths)
    assert _cli(tmp_path, "load", "--quiet", str(first)).exit_code == 0
    first.write_text("", encoding="utf-8")
    r = _cli(tmp_path, "load", "--quiet", str(first))
    assert r.exit_code == 1 and "empty" in r.output and "stored version of it is kept" in r.output


def test_a_saved_web_page_is_loaded_without_the_folder_the_browser_saved_beside_it(tmp_path, seed_paths):
    page = tmp_path / "pages" / "报告 页面.html"
    page.parent.mkdir()
    body = seed_paths[0].read_text(encoding="utf-8").replace("\n", "</p><p>")
    page.write_text(f"<html><head><title>报告</title></head><body><p>{body}</p></body></html>", encoding="utf-8")
    assets = tmp_path / "pages" / "报告 页面_files"
    assets.mkdir()
    (assets / "share.html").write_text("<html><body><p>分享到微信 微博 QQ空间</p></body></html>", encoding="utf-8")
    (assets / "frame.htm").write_text("<html><body><p>相关链接</p></body></html>", encoding="utf-8")
    skipped: list[str] = []
    assert expand_paths([tmp_path / "pages"], skipped) == [page]
    assert sorted(skipped) == sorted(str(p) for p in assets.iterdir())
    other = tmp_path / "pages" / "说明_files"  # a folder so named with no page beside it is a folder like any other
    other.mkdir()
    (other / "附件.txt").write_text(seed_paths[1].read_text(encoding="utf-8"), encoding="utf-8")
    assert other / "附件.txt" in expand_paths([tmp_path / "pages"])
    r = _cli(tmp_path, "load", "--quiet", str(tmp_path / "pages"))
    assert "skipped 2 file(s) a browser saved beside a web page" in r.output and "about the folder" not in r.output


def test_an_unsupported_file_is_refused_for_its_format_not_for_its_name(tmp_path, seed_paths):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "要点.wps").write_bytes(b"\xd0\xcf\x11\xe0 not a text")
    (folder / "要点.txt").write_text(seed_paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    r = _cli(tmp_path, "load", "--quiet", str(folder / "要点.wps"), str(folder / "要点.txt"))
    assert "unsupported format .wps" in r.output and "rename one" not in r.output
    assert "loaded 1" in r.output


def test_the_loaded_documents_are_listed_and_a_near_id_is_offered(tmp_path, seed_paths):
    assert _cli(tmp_path, "load", "--quiet", str(seed_paths[0].parent)).exit_code == 0
    r = _cli(tmp_path, "documents")
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    assert [row[0] for row in rows] == [f"Document:{p.stem}" for p in sorted(seed_paths)]
    assert all(int(row[3]) > 1000 for row in rows)
    assert "5 documents" in r.stderr
    r = _cli(tmp_path, "documents", "001_*", "Document:003_*")
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == [f"Document:{seed_paths[1].stem}",
                                                                        f"Document:{seed_paths[3].stem}"]
    assert "2 documents of 5" in r.stderr
    r = _cli(tmp_path, "documents", "no-such-*")
    assert r.exit_code == 1 and "no loaded document" in r.output

    r = _cli(tmp_path, "delete", seed_paths[2].stem[:-1])  # the id with its last character lost
    assert r.exit_code == 1 and f"ids like it: Document:{seed_paths[2].stem}" in r.output
    title = next(row[4] for row in rows if row[0] == f"Document:{seed_paths[3].stem}")
    assert title
    r = _cli(tmp_path, "delete", title)  # a title given for the id
    assert r.exit_code == 1 and f"have that title: Document:{seed_paths[3].stem}" in r.output


def test_a_gbk_file_damaged_in_two_bytes_is_refused_naming_where(tmp_path, seed_paths):
    from policykg.errors import LoadError
    from policykg.loaders.read import decode

    text = seed_paths[0].read_text(encoding="utf-8")
    data = bytearray(text.encode("gb18030"))
    at = len(text[:1500].encode("gb18030"))  # a character boundary inside the text
    data[at:at + 2] = b"\xff\xff"
    try:
        decode(bytes(data), "要点.txt")
    except LoadError as exc:
        reason = str(exc)
    else:
        raise AssertionError("a damaged file was read")
    line = text[:1500].count("\n") + 1
    assert "GB18030/GBK but for 2 byte(s)" in reason and f"byte {at}, line {line}" in reason
    assert "two encodings" not in reason
    mixed = text[:1500].encode("utf-8") + text[1500:].encode("gb18030")  # a file of two encodings still says so
    with pytest.raises(LoadError, match="two encodings"):
        decode(mixed, "要点.txt")


def test_an_option_of_policykg_given_after_the_command_says_where_it_goes(tmp_path):
    r = CliRunner().invoke(main, ["load", str(tmp_path), "--data-dir", str(tmp_path / "d")])
    assert r.exit_code == 2 and "--data-dir is an option of policykg itself: give it before the command" in r.output
    assert "policykg --data-dir … load" in r.output
    r = CliRunner().invoke(main, ["load", str(tmp_path), "--bogus"])
    assert r.exit_code == 2 and "No such option" in r.output and "itself" not in r.output


def test_a_documents_stored_text_is_read_on_the_command_line(tmp_path, seed_paths):
    from policykg.loaders.read import read_document

    assert _cli(tmp_path, "load", "--quiet", str(seed_paths[3])).exit_code == 0
    r = _cli(tmp_path, "read", seed_paths[3].name)  # the file name names it, as the id and the stem do
    assert r.exit_code == 0 and r.stdout == read_document(seed_paths[3]).text + "\n"
    r = _cli(tmp_path, "read", "Document:" + seed_paths[3].stem[:-2])
    assert r.exit_code == 1 and f"Document:{seed_paths[3].stem}" in r.output
