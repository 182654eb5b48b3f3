"""The command line's curation: a decision previewed, recorded, undone or refused, named as the user gave it (the other
commands: ``test_cli.py``)."""

from __future__ import annotations

from click.testing import CliRunner

from policykg.cli import main


def test_a_decision_for_a_store_that_does_not_exist_is_refused(tmp_path):
    # a walkthrough (session 47): curate with a mistyped --data-dir made a new store and recorded the decision there
    data = ["--data-dir", str(tmp_path / "typo")]
    for args in (["curate", "reject", "foo", "--note", "typo"], ["curate", "reject", "foo", "--dry-run"], ["curate", "apply"]):
        r = CliRunner().invoke(main, [*data, *args])
        assert r.exit_code != 0 and "no store in" in r.output, args
    assert not (tmp_path / "typo").exists()


def test_a_merge_preview_names_the_node_it_makes(tmp_path, seed_paths):
    # a walkthrough (session 45): curate merge Program:以旧换新补贴 Program:消费品以旧换新 named the 24-document node
    # after the 2-document one, and the dry run had not said which name the merged node would take
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    pair = ["Program:梅花镇五兴创五星创评活动", "Program:五星支部创建"]  # both of 001_b67b329c3470edd9
    r = runner.invoke(main, [*data, "curate", "merge", *pair, "--dry-run"])
    assert r.exit_code == 0 and "would make the node Program:梅花镇五兴创五星创评活动 (the first node's name" in r.output
    r = runner.invoke(main, [*data, "curate", "merge", *pair, "--canonical", "五星支部创建", "--dry-run"])
    assert r.exit_code == 0 and "would make the node Program:五星支部创建\n" in r.output
    assert not (tmp_path / "data" / "curation.toml").exists()  # a dry run records nothing


def test_a_decision_is_undone_on_the_command_line(tmp_path, seed_paths):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths[:2]), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "curate", "reject", "红色物业"])
    assert r.exit_code == 0 and "recorded in" in r.output
    gone = runner.invoke(main, [*data, "query", "MATCH (p:Program) WHERE p.name = '红色物业' RETURN count(p)"])
    assert gone.output.strip().splitlines()[-1] == "[0]"
    # the old id says which decision took it, as the API's 404 does (the command line did not: session 49)
    r = runner.invoke(main, [*data, "diffusion", "Program:红色物业"])
    assert r.exit_code != 0 and "curation decision d1 rejected it" in r.output
    r = runner.invoke(main, [*data, "export", str(tmp_path / "n.graphml"), "--node", "Program:红色物业"])
    assert r.exit_code != 0 and "curation decision d1 rejected it" in r.output
    r = runner.invoke(main, [*data, "curate", "rename", "Program:红色物业", "红色物业服务"])  # said "no Program named"
    assert r.exit_code != 0 and "in the store; curation decision d1 rejected it" in r.output
    # and a name typed with a character wrong suggests the entity (it suggested nothing)
    r = runner.invoke(main, [*data, "diffusion", "乡村振心"])
    assert r.exit_code != 0 and "perhaps Goal:乡村振兴" in r.output
    r = runner.invoke(main, [*data, "curate", "undo", "d1"])
    assert r.exit_code == 0 and "removed from" in r.output and "d1 reject any label 红色物业" in r.output
    back = runner.invoke(main, [*data, "query", "MATCH (p:Program) WHERE p.name = '红色物业' RETURN count(p)"])
    assert back.output.strip().splitlines()[-1] == "[1]"
    r = runner.invoke(main, [*data, "curate", "undo", "d1"])
    assert r.exit_code != 0 and "no curation decision 'd1' (the decisions: none)" in r.output


def test_a_decision_that_changes_nothing_yet_says_why(tmp_path, seed_paths):
    # a walkthrough (session 55): an add of a name every occurrence of which is a mention already, and a detach of an
    # alias policykg derived (五星 of 五星支部创建, written nowhere alone), both said "nothing in the store matches:
    # check the name" of a node the store holds; a reject of a node id the store has not was recorded
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "curate", "add", "容错纠错机制", "--label", "Program", "--dry-run"])
    assert r.exit_code == 0 and "every occurrence of 容错纠错机制 in the stored texts is already a mention of " \
        "Program:容错纠错机制" in r.output and "check the name" not in r.output
    r = runner.invoke(main, [*data, "curate", "detach", "Program:五星支部创建", "五星", "--dry-run"])
    assert r.exit_code == 0 and "no mention of Program:五星支部创建 is written as 五星" in r.output
    r = runner.invoke(main, [*data, "curate", "add", "没有的名字", "--label", "Program", "--dry-run"])
    assert "nothing in the store matches: check the name" in r.output


def test_a_reject_of_a_node_the_store_has_not_is_refused(tmp_path, seed_paths):
    from fastapi.testclient import TestClient

    from policykg.api.main import create_app
    from policykg.graph.embedded import EmbeddedStore
    from policykg.ingest import load_paths
    from policykg.settings import Settings

    store = EmbeddedStore(tmp_path / "data")
    load_paths(store, seed_paths[:2], progress=False)
    with TestClient(create_app(Settings(data_dir=tmp_path / "data", api_key="k"), store=store)) as c:
        r = c.post("/curation/reject", json={"node": "Body:不存在"}, headers={"X-API-Key": "k"})
        assert r.status_code == 400 and "no entity Body:不存在 in the store" in r.json()["detail"]
        assert not (tmp_path / "data" / "curation.toml").exists()  # nothing recorded
        assert c.post("/curation/reject", json={"node": "Program:红色物业"}, headers={"X-API-Key": "k"}).status_code == 200
    store.close()


def test_an_undo_dry_run_counts_what_the_undo_would_change_as_the_decision_counted_it(tmp_path, seed_paths):
    # a walkthrough (session 67): curate undo ID --dry-run named the decision only, where a decision's dry run says
    # "would change N mentions in M documents"
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    merge = ["curate", "merge", "Program:县以下事业单位管理岗位职员等级晋升制度",
             "Program:县以下事业单位管理岗位职员等级晋升工作"]
    r = runner.invoke(main, [*data, *merge])
    assert r.exit_code == 0 and "changes 2 mentions in 2 documents" in r.output
    assert "the graph of 2 changed, 3 re-checked and unchanged" in r.output  # it said "5 rewritten"
    r = runner.invoke(main, [*data, "curate", "reject", "红色物业"])
    assert r.exit_code == 0 and "changes 2 mentions in 2 documents" in r.output
    names = ["query", "MATCH (p:Program) RETURN p.name ORDER BY p.name"]
    before = [line for line in runner.invoke(main, [*data, *names]).output.splitlines() if line.startswith("[")]
    r = runner.invoke(main, [*data, "curate", "undo", "d1", "--dry-run"])
    assert r.exit_code == 0 and "would remove from" in r.output
    assert "would change 2 mentions in 2 documents (mentions of Program:县以下事业单位管理岗位职员等级晋升制度 as the " \
        "store holds them now)" in r.output
    r = runner.invoke(main, [*data, "curate", "undo", "d2", "--dry-run"])  # the rejected mentions would come back
    assert r.exit_code == 0 and "would change 2 mentions in 2 documents\n" in r.output
    r = runner.invoke(main, [*data, "curate", "undo", "d9", "--dry-run"])
    assert r.exit_code != 0 and "no curation decision 'd9' (the decisions: d1, d2)" in r.output
    # nothing was written: the file holds both decisions, the store its nodes
    assert runner.invoke(main, [*data, "curate", "list"]).output.count("\nd") == 2
    assert [line for line in runner.invoke(main, [*data, *names]).output.splitlines() if line.startswith("[")] == before
    assert len(before) > 100
    r = runner.invoke(main, [*data, "curate", "undo", "d1"])
    assert r.exit_code == 0 and "the graph of 2 changed, 3 re-checked and unchanged" in r.output
