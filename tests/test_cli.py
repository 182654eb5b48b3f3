"""The command line: load, stats, extract in the guide's format, view, query; help with examples."""

from __future__ import annotations

import json
import os
import re

from click.testing import CliRunner

from policykg.cli import main


def test_load_then_stats_query_view(tmp_path, seed_paths):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    r = runner.invoke(main, [*data, "load", str(seed_paths[0].parent), "--quiet"])
    assert r.exit_code == 0, r.output
    assert "loaded 5" in r.output
    stats = json.loads(runner.invoke(main, [*data, "stats"]).output)
    assert stats["nodes"]["Document"] >= 5
    r = runner.invoke(main, [*data, "query", "MATCH (p:Program) WHERE p.name = $n RETURN p.id", "--param", "n=红色物业"])
    assert r.exit_code == 0 and '["Program:红色物业"]' in r.stdout
    # the first query on a store says why it takes seconds, on stderr, the next one does not (a walkthrough,
    # session 58: 6-8 s in silence on the national reports)
    assert "building the Cypher engine's copy of the store" in r.stderr
    r = runner.invoke(main, [*data, "query", "MATCH (p:Program) WHERE p.name = $n RETURN p.id", "--param", "n=红色物业"])
    assert r.exit_code == 0 and '["Program:红色物业"]' in r.stdout and "building" not in r.stderr
    # `cypher` is `query` by the language's name (a walkthrough, session 54: "No such command 'cypher'")
    r = runner.invoke(main, [*data, "cypher", "MATCH (p:Program) WHERE p.name = $n RETURN p.id", "--param", "n=红色物业"])
    assert r.exit_code == 0 and '["Program:红色物业"]' in r.output
    assert " cypher " not in runner.invoke(main, ["--help"]).output  # not listed twice
    # the help names the row cap and the time limit with their defaults (a walkthrough, session 58: the cap was
    # learnt from the stderr of a query cut short), and how to read a node's own label
    text = " ".join(runner.invoke(main, ["query", "--help"]).output.split())
    assert "POLICYKG_CYPHER_ROW_CAP rows (default 1,000)" in text and "POLICYKG_CYPHER_TIMEOUT_S seconds (default 10)" in text
    r = runner.invoke(main, [*data, "query", "MATCH (n {name: '红色物业'}) RETURN [l IN labels(n) WHERE l <> 'Node'][0]"])
    assert r.exit_code == 0 and r.stdout.splitlines()[1] == '["Program"]'
    out = tmp_path / "v.html"
    r = runner.invoke(main, [*data, "view", "Program:红色物业", "-o", str(out)])
    assert r.exit_code == 0 and "红色物业" in out.read_text(encoding="utf-8")
    # a page opened from disk has no server behind it: no link to / (a walkthrough, session 47: a broken link)
    assert 'href="/"' not in out.read_text(encoding="utf-8") and "/view\"" not in out.read_text(encoding="utf-8")
    # a name as written, traditional and quoted (紅色物業, “红色物业”), finds the node as diffusion does (session 41)
    r = runner.invoke(main, [*data, "view", "“紅色物業”", "-o", str(tmp_path / "t.html")])
    assert r.exit_code == 0 and "is a name of Program:红色物业" in r.output
    r = runner.invoke(main, [*data, "view", "Program:红色", "-o", str(tmp_path / "t.html")])
    assert r.exit_code != 0 and "perhaps Program:红色物业" in r.output
    # export --node follows a name as view does (a researcher's walkthrough, session 44: it answered "no node with id")
    r = runner.invoke(main, [*data, "export", str(tmp_path / "n.graphml"), "--node", "“紅色物業”"])
    assert r.exit_code == 0 and "is a name of Program:红色物业" in r.output
    assert "红色物业" in (tmp_path / "n.graphml").read_text(encoding="utf-8")
    r = runner.invoke(main, [*data, "export", str(tmp_path / "m.graphml"), "--node", "Program:红色"])
    assert r.exit_code != 0 and "perhaps Program:红色物业" in r.output
    r = runner.invoke(main, [*data, "query", "MATCH (n) DELETE n"])
    assert r.exit_code != 0 and "read-only" in r.output
    # the summary says when it lists part (a walkthrough, session 46: 50 of 3,859 with no word of the rest)
    every = runner.invoke(main, [*data, "diffusion", "--limit", "10000"]).output.splitlines()
    r = runner.invoke(main, [*data, "diffusion", "--limit", "3"])
    assert r.output.splitlines()[:3] == every[:3] and len(every) > 3
    assert every[0] == "docs  years      entity"  # the columns named (a walkthrough, session 50)
    assert r.output.splitlines()[:4] == every[:4]
    assert f"(3 of {len(every) - 1} entities in at least 2 documents; --limit for more)" in r.output


def test_folder_load_reports_bad_files_and_fails(tmp_path, seed_paths):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(seed_paths[1].read_text(encoding="utf-8"), encoding="gb18030")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "load", str(folder), "--quiet"])
    assert r.exit_code == 1
    assert "loaded 1" in r.output and "empty.txt: the file is empty" in r.output


def test_extract_writes_guide_jsonl(tmp_path, seed_paths):
    r = CliRunner().invoke(main, ["extract", str(seed_paths[1]), "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in (tmp_path / f"{seed_paths[1].stem}.jsonl").read_text("utf-8").splitlines()]
    assert {"kind": "relation", "type": "LEADS", "source": "组织部门", "target": "五星支部创建"} in recs
    assert all(r["kind"] in ("entity", "relation") for r in recs)


def test_extract_of_a_folder_names_the_files_it_passes_over(tmp_path, seed_paths):
    """As load does: a folder's SOURCE.md was passed over without a word (session 48's note)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "区委要点.txt").write_text(seed_paths[1].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "SOURCE.md").write_text("# 来源\n从区委网站下载。\n", encoding="utf-8")
    (folder / "附件.xlsx").write_bytes(b"PK\x03\x04")
    r = CliRunner().invoke(main, ["extract", str(folder), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert "wrote 1 file to" in r.output  # "1 files" before
    # each file under its own reason (one line gave both reasons for every file: a walkthrough, session 50)
    assert "skipped 1 file(s) about the folder (README, SOURCE, LICENSE; extract one by name to read it): " \
           f"{folder / 'SOURCE.md'}; skipped 1 file(s) of a format policykg does not read (it reads " in r.output
    assert f"): {folder / '附件.xlsx'}\n" in r.output


def test_every_command_has_help_with_an_example():
    for name, cmd in main.commands.items():
        assert "Example:" in (cmd.help or ""), name
    # serve's help gave 8000 as the port's default, but POLICYKG_PORT is (a walkthrough, session 62)
    helps = {p.name: p.help for p in main.commands["serve"].params}
    assert "POLICYKG_PORT" in helps["port"] and "POLICYKG_HOST" in helps["host"]


def test_what_a_first_day_at_the_command_line_ran_into(tmp_path, seed_paths):
    """Each of these answered wrongly or with a traceback before (a new user's walkthrough, session 39)."""
    from policykg.cli import export as export_command
    from policykg.graph.export import FORMATS

    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    query = "MATCH (p:Program) WHERE p.name = $n RETURN p.id"
    r = runner.invoke(main, [*data, "query", query])  # no value for $n: no rows, exit 0, before
    assert r.exit_code != 0 and "$n" in r.output and "--param" in r.output
    r = runner.invoke(main, [*data, "query", query, "--param", "n"])
    assert r.exit_code == 2 and "NAME=VALUE" in r.output
    r = runner.invoke(main, [*data, "query", "MATCH (p:Program) RETURN p.id"], env={"POLICYKG_CYPHER_ROW_CAP": "3"})
    assert r.exit_code == 0 and len([x for x in r.output.splitlines() if x.startswith('["Program:')]) == 3
    assert "only the first 3 rows" in r.output and "POLICYKG_CYPHER_ROW_CAP" in r.output
    out = tmp_path / "no" / "such" / "folder" / "v.html"  # a FileNotFoundError traceback before
    r = runner.invoke(main, [*data, "view", "Program:红色物业", "-o", str(out), "--depth", "2", "--limit", "5"])
    assert r.exit_code == 0 and "红色物业" in out.read_text(encoding="utf-8") and "cut at --limit 5" in r.output
    r = runner.invoke(main, [*data, "export", str(tmp_path / "g.gexf")])  # GraphML in a .gexf file before
    assert r.exit_code == 0 and "<gexf" in (tmp_path / "g.gexf").read_text(encoding="utf-8")[:300]
    r = runner.invoke(main, [*data, "export", str(tmp_path / "g2.gexf"), "--format", "graphml"])
    assert r.exit_code == 2 and "names the gexf format" in r.output
    assert set(next(p for p in export_command.params if p.name == "fmt").type.choices) == set(FORMATS)
    # labels and types around --node, as GET /export takes them (a walkthrough, session 62: every label was written)
    r = runner.invoke(main, [*data, "export", str(tmp_path / "s.jsonl"), "--node", "Program:抓党建促乡村振兴", "--depth",
                             "2", "--labels", "Program,Goal", "--types", "SERVES"])
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert r.exit_code == 0 and {e["type"] for e in rows if e["record"] == "edge"} == {"SERVES"}
    assert {n["label"] for n in rows if n["record"] == "node" and n.get("kind") != "source"} == {"Program", "Goal"}
    r = runner.invoke(main, [*data, "export", str(tmp_path / "t.jsonl"), "--labels", "Goal"])
    assert r.exit_code == 1 and "give a node too" in r.output
    r = runner.invoke(main, [*data, "sentences", "党建", "--offset", "1000"])
    assert r.exit_code == 0 and "none from 1001 on" in r.output and "1001-1000" not in r.output
    r = runner.invoke(main, [*data, "sentences", "党建", "--doc", "nope"])
    assert r.exit_code != 0 and "no document with id 'Document:nope'" in r.output
    # --documents as for diffusion, and a year no document is of said so (it printed "0 sentences hold '党建'")
    r = runner.invoke(main, [*data, "sentences", "党建", "--documents", "003_*", "--documents", "002_*", "--csv"])
    assert r.exit_code == 0 and {line.split(",")[0] for line in r.output.lstrip("\ufeff").splitlines()[1:]} == {
        "Document:002_f943a519de895b49", "Document:003_8ab235683617fdde"}
    for command in (["sentences", "党建", "--year", "2030"], ["documents", "--year", "2030"]):
        r = runner.invoke(main, [*data, *command])
        assert r.exit_code == 1 and "--year 2030: no loaded document is of 2030; their years: 2022–2023" in r.output
    r = runner.invoke(main, [*data, "documents", "--year", "2023"])
    assert r.exit_code == 0 and r.output.startswith("Document:003_8ab235683617fdde\t2023")
    nowhere = tmp_path / "mistyped"  # an empty store was created there and every answer was empty
    for command in (["stats"], ["sentences", "党建"], ["query", "MATCH (n) RETURN count(n)"]):
        r = runner.invoke(main, ["--data-dir", str(nowhere), *command])
        assert r.exit_code == 1 and "no store in" in r.output and not nowhere.exists()


def test_serve_on_a_port_in_use_says_so_before_printing_its_addresses(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "serve", "--port", str(port)])
    assert r.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in r.output and "overview at" not in r.output


def test_a_researchers_answers_checked_against_the_texts(tmp_path, seed_paths):
    """An audit of the answers against the texts (session 39): a Goal's name alone found no diffusion, a .csv
    export held GraphML, and a CSV opened in Excel showed the Chinese garbled (no byte order mark)."""
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "diffusion", "乡村振兴"])  # "no entity with id 'Program:乡村振兴'" before
    assert r.exit_code == 0 and r.output.startswith("Goal:乡村振兴: 5 documents")
    r = runner.invoke(main, [*data, "diffusion", "振兴"])
    assert r.exit_code == 1 and "perhaps Goal:乡村振兴" in r.output
    # a name the node writes as an alias, or in quotation marks, found nothing (session 40's diffusion study)
    r = runner.invoke(main, [*data, "diffusion", "乡村振兴战略"])
    assert r.exit_code == 0 and "Goal:乡村振兴: 5 documents" in r.output and "is a name of Goal:乡村振兴" in r.output
    # and how many of them write the name asked for (a walkthrough, session 45: 乡镇机构改革 answered with 机构改革's 30
    # documents); of the five samples only 004 writes 乡村振兴战略
    assert [p.stem for p in seed_paths if "乡村振兴战略" in p.read_text(encoding="utf-8")] == ["004_4f30f3f8533a85fe"]
    assert "of them, 1 writes '乡村振兴战略' itself" in r.output
    r = runner.invoke(main, [*data, "diffusion", "“红色物业”"])
    assert r.exit_code == 0 and "Program:红色物业: 2 documents" in r.output
    # --limit cut only the list without PROGRAM (a walkthrough, session 57: all 38 documents of 乡村振兴 printed)
    r = runner.invoke(main, [*data, "diffusion", "乡村振兴", "--limit", "2"])
    listed = [line for line in r.output.splitlines() if line.startswith("  ") and "Document:" in line]
    assert r.exit_code == 0 and "Goal:乡村振兴: 5 documents" in r.output and len(listed) == 2
    assert "(2 of 5 documents, the earliest; --limit for more)" in r.output
    # the documents writing a name where it was not extracted (a walkthrough, session 43: 民生实事 in 22 more reports)
    r = runner.invoke(main, [*data, "diffusion", "Goal:高质量发展"])  # 000 and 001 write it in a longer goal
    written = r.output.split("where it was not extracted")[1].split("Not counted above")[0]
    assert r.exit_code == 0 and "Document:000_a8eebd8133074170  走好新时代组织工作高质量发展之路" in written
    assert "Document:001_b67b329c3470edd9" in written and "Document:002_f943a519de895b49" not in written
    assert runner.invoke(main, [*data, "diffusion", "Goal:乡村振兴战略"]).exit_code == 0
    r = runner.invoke(main, [*data, "export", str(tmp_path / "g.csv")])
    assert r.exit_code == 2 and "--format csv" in r.output and not (tmp_path / "g.csv").exists()
    # x.json was written as GraphML without a word (a walkthrough, session 49)
    r = runner.invoke(main, [*data, "export", str(tmp_path / "g.json")])
    assert r.exit_code == 2 and "JSON Lines is .jsonl" in r.output and not (tmp_path / "g.json").exists()
    r = runner.invoke(main, [*data, "export", str(tmp_path / "g.json"), "--format", "jsonl"])
    assert r.exit_code == 0 and (tmp_path / "g.json").read_text(encoding="utf-8").startswith("{")
    r = runner.invoke(main, [*data, "export", str(tmp_path / "d.graphml"), "--depth", "2"])  # the whole graph, silently
    assert r.exit_code == 2 and "give --node too" in r.output and not (tmp_path / "d.graphml").exists()
    r = runner.invoke(main, [*data, "sentences", "红色物业", "--csv"])
    assert r.exit_code == 0 and r.output.startswith("\ufeffdoc_id,")
    # a CSV cut at --limit says so on standard error (a walkthrough, session 47: 50 of 338 rows, exit 0, not a word)
    r = CliRunner().invoke(main, [*data, "sentences", "五星", "--csv", "--limit", "2"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3 and "(2 of 5 sentences from 1 on" in r.stderr
    # the help promised the entities of each sentence, which only --csv gave (a walkthrough, session 43)
    r = runner.invoke(main, [*data, "sentences", "红色物业", "--limit", "1"])
    assert r.exit_code == 0 and "Program:红色物业" in r.output.splitlines()[3]


def test_the_analytics_answer_on_the_command_line_as_over_http(tmp_path, seed_paths):
    # a walkthrough (session 41): central entities and communities were only served over HTTP
    from policykg.graph import analytics as A
    from policykg.graph import centrality as C
    from policykg.graph.embedded import EmbeddedStore

    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", str(seed_paths[0].parent), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "central", "--measure", "pagerank", "--limit", "3"])
    store = EmbeddedStore(tmp_path / "data", read_only=True)
    view = A.entity_view(store)
    top = C.central(view, "Program", "pagerank", 3)
    groups = C.communities(view, "Body", 2, 4)
    store.close()
    assert r.exit_code == 0 and [line.split()[-1] for line in r.output.splitlines()[1:]] == [t["id"] for t in top]
    r = runner.invoke(main, [*data, "communities", "--label", "Body", "--limit", "2", "--members", "4"])
    assert r.exit_code == 0 and r.output.count("#") == 2 and groups[0]["members"][0]["name"] in r.output
    # members split apart again, whatever their names hold (joined by 、, so were 、 inside names: session 50)
    assert r.output.splitlines()[1].strip().split(" ｜ ") == [m["name"] for m in groups[0]["members"]]
    r = runner.invoke(main, [*data, "central", "--measure", "betweenness", "--sources", "-1"])
    assert r.exit_code != 0
    # two documents compared as GET /compare compares them (a walkthrough, session 62: the command line had no compare)
    from policykg.graph.compare import compare, comparison_csv

    store = EmbeddedStore(tmp_path / "data", read_only=True)
    result = compare(A.entity_view(store), "002_f943a519de895b49", "003_8ab235683617fdde")
    store.close()
    r = runner.invoke(main, [*data, "compare", "002_f943a519de895b49", "003_8ab235683617fdde", "--csv"])
    assert r.exit_code == 0 and r.output.splitlines() == ("\ufeff" + comparison_csv(result)).splitlines()
    r = runner.invoke(main, [*data, "compare", "002_f943a519de895b49", "003_8ab235683617fdde", "--label", "Program",
                             "--limit", "2"])
    programs = result["labels"]["Program"]
    assert r.exit_code == 0 and "Body:" not in r.output and (f"Program: {len(programs['common'])} in both, "
                                                             f"{len(programs['only_a'])} only in A") in r.output
    only_b = " ｜ ".join(f"{e['name']} {e['a']}/{e['b']}" for e in programs["only_b"][:2])
    assert len(programs["only_b"]) > 2
    assert f"only in B (first 2 of {len(programs['only_b'])}; --limit or --csv for more): {only_b}\n" in r.output
    r = runner.invoke(main, [*data, "compare", "002_f943a519de895b49", "nowhere"])
    assert r.exit_code == 1 and "'nowhere' is neither a loaded document id nor the place" in r.output


def test_compare_names_its_own_options_when_a_year_is_wrong(tmp_path):
    # the messages of GET /compare told a user of policykg compare to "leave year out" and to give "b_year=" (session 63)
    texts = {"gd-2024": "2024年广东省政府工作报告\n深入实施百县千镇万村高质量发展工程，推进河长制。\n",
             "gd-2025": "2025年广东省政府工作报告\n深入实施百县千镇万村高质量发展工程，全面推行林长制。\n"}
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", str(tmp_path / "gd-2024.txt"), str(tmp_path / "gd-2025.txt"),
                                "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "compare", "广东", "广东", "--year", "2024", "--b-year", "2023"])
    assert r.exit_code == 1
    assert ("--b-year 2023: no document of 广东省 is of 2023 (its years: 2024, 2025; give one of them or leave --b-year "
            "out)") in r.output
    r = runner.invoke(main, [*data, "compare", "广东", "广东"])
    assert r.exit_code == 1 and "(one place in two years: --year for A, --b-year for B)" in r.output
    r = runner.invoke(main, [*data, "compare", "gd-2024", "gd-2025", "--year", "2024"])
    assert r.exit_code == 1 and "--year applies only when comparing places" in r.output and "year=" not in r.output
    r = runner.invoke(main, [*data, "compare", "广东", "广东", "--year", "2024", "--b-year", "2025"])
    assert r.exit_code == 0 and "A: 广东 (1 document: 2024)" in r.output


def test_a_bad_setting_is_named_by_its_variable(monkeypatch):
    # a walkthrough (session 47): "max_file_bytes Input should be a valid integer…" named pydantic's field
    monkeypatch.setenv("POLICYKG_MAX_FILE_BYTES", "abc")
    r = CliRunner().invoke(main, ["stats"])
    assert r.exit_code == 1 and "POLICYKG_MAX_FILE_BYTES='abc'" in r.output


def test_entities_are_found_by_name_on_the_command_line(tmp_path, seed_paths):
    # the API had /search and the command line nothing but Cypher for it (a walkthrough, session 50)
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "search", "五星", "--label", "Program", "--limit", "1"])
    lines = r.output.splitlines()
    assert r.exit_code == 0 and lines[1].split()[1] == "Program:五星支部创建"
    assert lines[-1] == "more entities match; --limit 2 shows more"
    r = runner.invoke(main, [*data, "search", "乡村振心"])  # a character wrong: the names like it
    assert r.exit_code == 0 and "no entity name or alias holds '乡村振心'; names like it:" in r.output
    assert "Goal:乡村振兴" in r.output
    r = runner.invoke(main, [*data, "search", "“”"])  # said "empty", where `sentences` says what it holds
    assert r.exit_code != 0 and "the search query holds only quotation marks" in r.output


def test_a_diffusion_answer_says_what_it_could_not_compare(tmp_path, seed_paths):
    # a walkthrough (session 50): the first adopter was chosen among dated documents without a word of the undated
    # (a 1921 report among them); the wrong label hid the entity; --min-documents was dropped without a word
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "diffusion", "乡村振兴"])
    undated = sum(1 for line in r.output.splitlines()[1:] if line.startswith("     ?  "))
    assert undated == 3  # seeds 000, 001 and 004 give no year
    assert r.output.splitlines()[0] == ("Goal:乡村振兴: 5 documents, first adopter Document:002_f943a519de895b49 "
                                        "(2022); 3 documents of unknown year not compared")
    r = runner.invoke(main, [*data, "diffusion", "乡村振兴", "--label", "Program"])
    assert r.exit_code != 0 and "under another label, 乡村振兴 is a name of Goal:乡村振兴 (give that label" in r.output
    r = runner.invoke(main, [*data, "diffusion", "乡村振兴", "--min-documents", "3"])
    assert r.exit_code == 0 and "--min-documents applies to the list without PROGRAM; ignored" in r.output


def test_a_sampled_betweenness_says_it_is_an_estimate(tmp_path, seed_paths):
    # a walkthrough (session 50): 100 sources ranked a one-document program in the top ten with no word of sampling
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "central", "--measure", "betweenness", "--sources", "5", "--limit", "3"])
    assert r.exit_code == 0 and re.search(r"betweenness estimated from 5 of [\d,]+ source entities \([\d.]+ s\): the "
                                          r"top of the list varies with the sample; --sources 0 computes it exactly", r.output)
    exact = runner.invoke(main, [*data, "central", "--measure", "betweenness", "--limit", "3"])  # few entities: all
    assert exact.output.splitlines()[0] == "betweenness  links  docs  entity" and "estimated" not in exact.output


def test_a_load_writes_every_pair_of_nodes_a_document_names_as_one(tmp_path):
    # the summary shows ten pairs; the rest were seen once, at the load (a walkthrough, session 50)
    texts = {"a": "2024年政府工作报告\n学习运用“千村示范、万村整治”工程经验，推动乡村全面振兴。\n",
             "b": "2025年浙江省政府工作报告\n深入学习运用“千万工程”经验，建设宜居宜业和美乡村。\n",
             "c": "2025年四川省政府工作报告\n深入学习运用“千万工程”经验。\n名词解释\n"
                  "1.“千万工程”：“千村示范、万村整治”工程的简称。\n"}
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "merges.tsv"
    r = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "data"), "load", *(str(tmp_path / f"{s}.txt") for s in "abc"),
                                  "--quiet", "--merges", str(out)])
    assert r.exit_code == 0 and f"wrote 1 pair of nodes to {out}" in r.output  # "1 pairs" before
    assert out.read_text(encoding="utf-8") == "Program:千万工程\tProgram:千村示范、万村整治工程\tDocument:c\n"


def test_a_merges_file_that_cannot_be_written_is_refused_before_the_load(tmp_path, seed_paths, monkeypatch):
    # a user walkthrough: the document was loaded, then writing the file died with a FileNotFoundError traceback
    (tmp_path / "afile").write_text("", encoding="utf-8")
    load = ["--data-dir", str(tmp_path / "data"), "load", str(seed_paths[0]), "--quiet", "--merges"]
    r = CliRunner().invoke(main, [*load, str(tmp_path / "afile" / "m.tsv")])
    assert r.exit_code == 1 and r.output == (f"Error: --merges {tmp_path / 'afile' / 'm.tsv'}: its folder "
                                             f"{tmp_path / 'afile'} is a file, not a folder\n")
    monkeypatch.setattr(os, "access", lambda path, mode: not mode & os.W_OK)  # a folder the user may not write in
    r = CliRunner().invoke(main, [*load, str(tmp_path / "new" / "m.tsv")])
    assert r.exit_code == 1 and f"its folder {tmp_path / 'new'} cannot be made: {tmp_path} is not writable" in r.output
    assert not (tmp_path / "data").exists() and not (tmp_path / "new").exists()  # nothing loaded, nothing made
    monkeypatch.undo()
    r = CliRunner().invoke(main, [*load, str(tmp_path / "new" / "m.tsv")])  # a folder that can be made is, as view's
    assert r.exit_code == 0 and (tmp_path / "new" / "m.tsv").exists()


def test_an_output_folder_where_a_file_is_is_refused(tmp_path, seed_paths):
    # a user walkthrough: extract --out answered with a FileExistsError traceback, export --format csv with
    # "Error: [Errno 17] File exists: 'graphml'"
    afile = tmp_path / "graphml"
    afile.write_text("", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(seed_paths[3]), "--out", str(afile)])
    assert r.exit_code == 1 and r.output.endswith(f"Error: --out {afile} is a file, not a folder\n")
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", str(seed_paths[3]), "--quiet"]).exit_code == 0
    for fmt in ("csv", "neo4j-admin"):
        r = runner.invoke(main, [*data, "export", str(afile), "--format", fmt])
        assert r.exit_code == 1 and f"Error: {afile} is a file, not a folder (--format {fmt} writes a folder" in r.output
    assert afile.read_text(encoding="utf-8") == ""
    folder = tmp_path / "out.csv"  # and the other way: a csv export's folder given to a format of one file
    assert runner.invoke(main, [*data, "export", str(folder), "--format", "csv"]).exit_code == 0
    r = runner.invoke(main, [*data, "export", str(folder), "--format", "graphml"])
    assert r.exit_code == 1 and f"Error: {folder} is a folder (--format graphml writes one file" in r.output


