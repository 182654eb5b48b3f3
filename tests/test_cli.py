"""The command line: load, stats, extract in the guide's format, view, query; help with examples."""

from __future__ import annotations

import json

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
    assert r.exit_code == 0 and '["Program:红色物业"]' in r.output
    out = tmp_path / "v.html"
    r = runner.invoke(main, [*data, "view", "Program:红色物业", "-o", str(out)])
    assert r.exit_code == 0 and "红色物业" in out.read_text(encoding="utf-8")
    r = runner.invoke(main, [*data, "query", "MATCH (n) DELETE n"])
    assert r.exit_code != 0 and "read-only" in r.output


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


def test_every_command_has_help_with_an_example():
    for name, cmd in main.commands.items():
        assert "Example:" in (cmd.help or ""), name
