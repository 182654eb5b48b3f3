"""What a researcher's walkthrough (session 65) over the national and provincial work reports needed of the command
line: a diffusion read 以旧换新's "first adopter" as the 2022 report while the reports of 2010 and 2011 write it;
``compare gwr-2019 gwr-2024`` put 改革开放 "only in A" while the 2024 report writes it three times, and refused
``'gwr2025-*'`` as a side; no command said what serves 乡村振兴 with its sentences; a query could not be written as CSV.
Two real reports, the national one of 2024 and 天津's of 2025 (``loaders/training/texts``), loaded by the command
line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from genre_texts import TEXTS

from policykg.cli import main

NATIONAL = TEXTS / "guowuyuan_zhengfu_gongzuo_baogao_2024.txt"
TIANJIN = TEXTS / "gwr2025-天津.txt"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("written") / "data"
    r = CliRunner().invoke(main, ["--data-dir", str(folder), "load", str(NATIONAL), str(TIANJIN), "--quiet"])
    assert r.exit_code == 0, r.output
    return ["--data-dir", str(folder)]


def _text(path) -> str:
    return path.read_text(encoding="utf-8").replace("“", "").replace("”", "")


def test_a_diffusion_says_an_older_document_wrote_the_name_before_its_first_adopter(data):
    # 天津 (2025) names 以旧换新 as a program; the national report of 2024 writes it inside 消费品以旧换新, not extracted
    # as it: the first adopter is the first to be extracted, and the line said no more
    assert "以旧换新" in _text(NATIONAL)
    r = CliRunner().invoke(main, [*data, "diffusion", "以旧换新"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Program:以旧换新: 1 document, first adopter Document:gwr2025-天津 (2025)")
    assert "written earlier" in lines[1] and "Document:guowuyuan_zhengfu_gongzuo_baogao_2024 (2024)" in lines[1]


def test_a_diffusion_first_written_by_its_first_adopter_adds_no_line(data):
    # 揭榜挂帅 is extracted in the 2024 report, the older of the two: nothing was written before it
    r = CliRunner().invoke(main, [*data, "diffusion", "揭榜挂帅"])
    assert r.exit_code == 0, r.output
    assert "first adopter Document:guowuyuan_zhengfu_gongzuo_baogao_2024" in r.stdout
    assert "written earlier" not in r.stdout


def test_compare_counts_the_names_the_other_side_writes_where_they_were_not_extracted(data):
    r = CliRunner().invoke(main, [*data, "compare", "guowuyuan_zhengfu_gongzuo_baogao_2024", "gwr2025-天津",
                                  "--label", "Goal", "--limit", "100000"])
    assert r.exit_code == 0, r.output
    texts = {"A": _text(NATIONAL), "B": _text(TIANJIN)}
    line = next(x for x in r.stdout.splitlines() if x.startswith("  only in A"))
    entries = line.partition(": ")[2].split(" ｜ ")
    # the 2024 report's 中国式现代化 is "only in A", yet 天津 writes it
    assert texts["B"].count("中国式现代化") >= 1
    assert any(e.startswith("中国式现代化 ") and f"(B writes it ×{texts['B'].count('中国式现代化')})" in e for e in entries)
    marked = 0
    for e in entries:  # every entry: marked exactly when, and as often as, 天津's text holds the name
        m = re.fullmatch(r"(.+) (\d+)/0(?: \(B writes it ×(\d+)\))?", e)
        assert m, e
        name, written = m.group(1), int(m.group(3) or 0)
        assert written == texts["B"].count(name), e
        marked += written > 0
    assert 0 < marked < len(entries)
    assert "the other side's text holds the name" in r.stdout


def test_a_side_given_as_a_pattern_compares_the_documents_it_matches(data):
    # the 2025 provincial reports against the national report of 2024: 'gwr2025-*' was refused as naming no place
    by_id = CliRunner().invoke(main, [*data, "compare", "guowuyuan_zhengfu_gongzuo_baogao_2024", "gwr2025-天津", "--csv"])
    by_pattern = CliRunner().invoke(main, [*data, "compare", "guowuyuan_*", "gwr2025-*", "--csv"])
    assert by_pattern.exit_code == 0, by_pattern.output
    rows = by_pattern.stdout.splitlines()
    assert rows[1:] == by_id.stdout.splitlines()[1:] and len(rows) > 100  # the header names the sides as given
    text = CliRunner().invoke(main, [*data, "compare", "guowuyuan_*", "gwr2025-*", "--label", "Program"])
    assert "B: gwr2025-* (1 document: 2025): gwr2025-天津" in text.stdout.splitlines()[1]
    # a year keeps a pattern's documents as it keeps a place's, and one keeping none names their years
    r = CliRunner().invoke(main, [*data, "compare", "gwr2025-*", "guowuyuan_*", "--year", "2024", "--b-year", "2024"])
    assert r.exit_code == 1
    assert "--year 2024: none of the 1 documents matching 'gwr2025-*' is of 2024 (their years: 2025)" in r.output
    # a pattern naming what the other side names is no "same place"
    same = CliRunner().invoke(main, [*data, "compare", "gwr2025-*", "天津"])
    assert same.exit_code == 1 and "'gwr2025-*' and '天津' name the same 1 document (gwr2025-天津)" in same.output


def test_facts_lists_what_serves_an_entity_with_the_sentences_stating_it(data):
    # "what serves 高质量发展, and where is it said?": no command answered it (view draws a page, export writes a file)
    import json

    r = CliRunner().invoke(main, [*data, "facts", "高质量发展"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    shown = [re.search(r"(Document:\S+)  (\S+) -(\w+)-> (\S+)$", x).groups() for x in lines[1:] if "->" in x]
    q = CliRunner().invoke(main, [*data, "query", "MATCH (a)-[r:LEADS|SERVES|PART_OF]->(b {id: 'Goal:高质量发展'}) "
                                                  "RETURN r.doc_id, a.id, type(r), b.id UNION ALL "
                                                  "MATCH (b {id: 'Goal:高质量发展'})-[r:LEADS|SERVES|PART_OF]->(a) "
                                                  "RETURN r.doc_id, b.id, type(r), a.id"])
    assert q.exit_code == 0, q.output
    expected = [tuple(json.loads(x)) for x in q.stdout.splitlines()[1:]]
    assert sorted(shown) == sorted(expected) and len(shown) >= 3
    assert lines[0].startswith(f"Goal:高质量发展: {len(shown)} facts in ")
    texts = {"guowuyuan": NATIONAL.read_text(encoding="utf-8"), "gwr2025": TIANJIN.read_text(encoding="utf-8")}
    sentences = [x.strip() for x in lines[1:] if x.startswith("        ")]
    assert sentences and all(any(s in t for t in texts.values()) for s in sentences)  # each traceable to its text
    assert any("供需合作共赢机制" in s and "实现自身高质量发展" in s for s in sentences)  # 谋划…机制…实现 (guide rule 13)
    kept = CliRunner().invoke(main, [*data, "facts", "高质量发展", "--documents", "gwr2025-*"])
    assert kept.exit_code == 0 and all("gwr2025-天津" in x for x in kept.stdout.splitlines()[1:] if "->" in x)
    none = CliRunner().invoke(main, [*data, "facts", "高质量发展", "--type", "leads"])
    assert none.exit_code == 0 and none.stdout.startswith("Goal:高质量发展: 0 facts in 0 documents (LEADS 0)")


def test_facts_names_the_entities_holding_the_name_that_have_facts_of_their_own(data):
    # a walkthrough (session 67): facts 以旧换新 answered "0 facts" for Program:以旧换新 and said nothing of
    # Program:消费品以旧换新, whose facts the researcher was after; here Goal:新型工业化 states none, and the national
    # report and 天津's state facts of Program:国家新型工业化示范区
    r = CliRunner().invoke(main, [*data, "facts", "新型工业化"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Goal:新型工业化: 0 facts in 0 documents")
    at = lines.index("Not listed above: entities whose name holds this one's or lies inside it, with facts of their own "
                     "(policykg facts ID lists them):")
    listed = dict(x.strip().split(": ", 1) for x in lines[at + 1:])
    own = CliRunner().invoke(main, [*data, "facts", "Program:国家新型工业化示范区"]).stdout.splitlines()[0]
    assert own.startswith("Program:国家新型工业化示范区: 2 facts in 2 documents")
    assert listed["Program:国家新型工业化示范区"] == "2 facts in 2 documents"
    assert all("新型工业化" in k for k in listed)
    # counted in the documents kept, as the facts above them are
    kept = CliRunner().invoke(main, [*data, "facts", "新型工业化", "--documents", "gwr2025-*"]).stdout
    assert "  Program:国家新型工业化示范区: 1 fact in 1 document" in kept.splitlines()


def test_query_writes_its_rows_as_csv_for_a_spreadsheet(data):
    # sentences and compare took --csv; the query a researcher writes had only JSON lines
    import csv
    import io
    import json

    cypher = ("MATCH (p:Program)-[r:SERVES]->(g:Goal {id: 'Goal:高质量发展'}) "
              "RETURN p.name AS program, r.doc_id AS doc, r.sentences AS sentences, g.doc_count AS docs, "
              "null AS nothing, size(r.sentences) > 1 AS several ORDER BY program")
    lines = CliRunner().invoke(main, [*data, "query", cypher]).stdout.splitlines()
    as_json = [json.loads(x) for x in lines]
    r = CliRunner().invoke(main, [*data, "query", cypher, "--csv"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("\ufeff")  # Excel reads the Chinese as UTF-8
    rows = list(csv.reader(io.StringIO(r.stdout[1:])))
    assert rows[0] == as_json[0] == ["program", "doc", "sentences", "docs", "nothing", "several"]
    assert len(rows) == len(as_json) >= 4
    for got, want in zip(rows[1:], as_json[1:], strict=True):
        assert got[:2] == want[:2] and json.loads(got[2]) == want[2] and int(got[3]) == want[3]
        assert got[4] == "" and want[4] is None and got[5] == str(want[5]).lower()
    assert any("供需合作共赢机制" in row[2] for row in rows[1:])
