"""The curation file on the seeds: its decisions survive reloads, changed documents and fresh loads on every store, a
decision is undone, written or edited by hand and applied by ``curate apply``, and a bad file is refused whole."""

from __future__ import annotations

import shutil

import pytest
from curation_seeds import RED, SYSTEM, WORK

from conftest import BACKENDS, _open
from policykg.curate import decide, decision_fields, reapply, undo
from policykg.errors import CurationError, NotFoundError
from policykg.graph.curation import Curation
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.parity import compare_stores
from policykg.ingest import load_paths


def _decisions(store, cur: Curation) -> None:
    decide(store, cur, decision_fields("merge", nodes=[SYSTEM, WORK]))
    decide(store, cur, decision_fields("reject", name="红色物业"))
    decide(store, cur, decision_fields("add", name="党建引领", label="Program"))


def _check_curated(store) -> None:
    merged = store.get_node(SYSTEM)
    assert merged["node"]["doc_count"] == 4 and merged["node"]["curated_by"] == ["d1"]
    assert {m["doc_id"][9:12] for m in merged["mentions"]} == {"000", "002", "003", "004"}
    with pytest.raises(NotFoundError):
        store.get_node(WORK)
    with pytest.raises(NotFoundError):
        store.get_node(RED)
    added = store.get_node("Program:党建引领")
    texts = {d["id"]: store.document_text(d["id"]) for d in store.documents()}
    expected = sum(t.count("党建引领") for t in texts.values())
    assert len(added["mentions"]) == expected >= 5
    assert all(texts[m["doc_id"]][m["start"]:m["end"]] == "党建引领" and "党建引领" in m["sentence"]
               for m in added["mentions"])
    assert added["node"]["curated_by"] == ["d3"]


@pytest.mark.parametrize("kind", BACKENDS)
def test_decisions_survive_a_reload_a_changed_document_and_a_fresh_load(kind, seed_paths, tmp_path):
    cur = Curation(tmp_path / "curation.toml")
    store = _open(kind, tmp_path / "a")
    load_paths(store, seed_paths, progress=False, curation=cur)
    assert store.get_node(RED)["node"]["doc_count"] == 2
    _decisions(store, cur)
    _check_curated(store)

    report = load_paths(store, seed_paths, progress=False, curation=Curation(cur.path))
    assert report.unchanged and not report.loaded  # the same documents: nothing extracted again
    _check_curated(store)

    changed = tmp_path / "changed" / seed_paths[1].name  # 001, which uses 红色物业
    changed.parent.mkdir()
    changed.write_text(seed_paths[1].read_text(encoding="utf-8") + "\n深化“红色物业”建设，坚持党建引领基层治理。\n",
                       encoding="utf-8")
    report = load_paths(store, [changed], progress=False, curation=Curation(cur.path), replace=True)
    assert report.loaded == ["Document:001_b67b329c3470edd9"]
    _check_curated(store)
    assert any("党建引领基层治理" in m["sentence"] for m in store.get_node("Program:党建引领")["mentions"])
    store.close()

    fresh = _open(kind, tmp_path / "b")  # empty (a live Neo4j is cleared)
    load_paths(fresh, seed_paths, progress=False, curation=Curation(cur.path))
    _check_curated(fresh)
    fresh.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_undoing_a_decision_gives_what_a_load_under_the_others_gives(kind, seed_paths, tmp_path):
    """A wrong decision was undone only by editing the file by hand (a walkthrough, session 49)."""
    cur = Curation(tmp_path / "curation.toml")
    store = _open(kind, tmp_path / "a")
    load_paths(store, seed_paths, progress=False, curation=cur)
    _decisions(store, cur)  # d1 merge, d2 reject 红色物业, d3 add 党建引领
    removed, report = undo(store, cur, "d2")
    assert removed.action == "reject" and [d.id for d in Curation(cur.path).decisions] == ["d1", "d3"]
    assert report.rewritten  # the documents 红色物业 is written in
    assert store.get_node(RED)["node"]["doc_count"] == 2  # back, in 001 and 002
    assert store.get_node(SYSTEM)["node"]["curated_by"] == ["d1"]  # the others stand
    fresh = EmbeddedStore(tmp_path / "b")
    load_paths(fresh, seed_paths, progress=False, curation=Curation(cur.path))
    assert compare_stores(store, fresh).equal
    with pytest.raises(CurationError, match=r"no curation decision 'd2' \(the decisions: d1, d3\)"):
        undo(store, Curation(cur.path), "d2")
    fresh.close()
    store.close()


def test_a_decision_written_by_hand_without_an_id_is_undone_by_the_id_it_is_listed_under(tmp_path):
    path = tmp_path / "curation.toml"
    path.write_text('# kept\n[[decision]]\naction = "reject"\nname = "红色物业"\n\n[[decision]]\nid = "d7"\n'
                    'action = "reject"\nname = "两新"\n', encoding="utf-8")
    listed = Curation(path).decisions[0].id  # the id its content gives, as policykg curate list shows it
    assert Curation(path).remove(listed).name == "红色物业"
    assert [d.id for d in Curation(path).decisions] == ["d7"] and path.read_text(encoding="utf-8").startswith("# kept")


def test_a_load_after_the_curation_file_was_edited_says_it_applied_it(seed_paths, tmp_path):
    """The file edited by hand between two loads: the second re-applies it to the stored documents first, and says
    so (it did so without a word: session 48's note)."""
    path = tmp_path / "curation.toml"
    store = EmbeddedStore(tmp_path / "a")
    assert "curation" not in load_paths(store, seed_paths[:2], progress=False, curation=Curation(path)).summary()
    path.write_text('[[decision]]\naction = "reject"\nname = "红色物业"\n', encoding="utf-8")
    report = load_paths(store, seed_paths, progress=False, curation=Curation(path))
    summary = report.summary()
    assert "the curation file changed since the stored documents were written" in summary
    assert "re-applied the curation to 2 documents" in summary  # the two loaded first, before the three new ones
    assert len(report.loaded) == 3 and RED not in {n["id"] for n in store.iter_nodes(["Program"])}
    again = load_paths(store, seed_paths, progress=False, curation=Curation(path)).summary()
    assert "curation" not in again  # applied once: the stored documents now carry its fingerprint
    store.close()


@pytest.mark.parametrize("kind", [b for b in BACKENDS if b != "embedded"])
def test_the_stores_agree_after_the_same_decisions(kind, seed_paths, tmp_path):
    cur = Curation(tmp_path / "curation.toml")
    emb = EmbeddedStore(tmp_path / "emb")
    load_paths(emb, seed_paths, progress=False, curation=cur)
    _decisions(emb, cur)
    other = _open(kind, tmp_path / "other")
    load_paths(other, seed_paths, progress=False, curation=Curation(cur.path))
    report = compare_stores(emb, other)
    assert report.equal, report.table("embedded", other.name)
    for nid in (SYSTEM, "Program:党建引领"):
        assert emb.get_node(nid) == other.get_node(nid)
    emb.close()
    other.close()


def test_a_bad_curation_file_names_the_file_and_changes_nothing(seeded_embedded, tmp_path):
    path = tmp_path / "curation.toml"
    path.write_text('[[decision]]\naction = "explode"\nname = "x"\n', encoding="utf-8")
    with pytest.raises(CurationError, match=r"curation.toml, decision 1 \(line 1\): unknown action 'explode'"):
        Curation(path)
    # what a hand-edited file gets wrong, each said by the decision's line and in its own words (a walkthrough,
    # session 58: "names is empty" of names written as text, "unknown action None", a duplicate id not placed)
    path.write_text('# by hand\n\n[[decision]]\nname = "红色物业"\n', encoding="utf-8")
    with pytest.raises(CurationError, match=r"decision 1 \(line 3\): no action; give one of merge,"):
        Curation(path)
    path.write_text('[[decision]]\naction = "reject"\nname = "x1"\n[[decision]]\naction = "merge"\nlabel = "Program"\n'
                    'names = "公务员制度, 国家公务员制度"\ncanonical = "公务员制度"\n', encoding="utf-8")
    with pytest.raises(CurationError, match=r"decision 2 \(line 4\): merge's 'names' is text, not a list: write names = "):
        Curation(path)
    path.write_text('last_id = 4\n[[decision]]\nid = "d3"\naction = "reject"\nname = "红色物业"\n\n[[decision]]\nid = "d3"\n'
                    'action = "add"\nname = "党建引领"\nlabel = "Program"\n', encoding="utf-8")
    with pytest.raises(CurationError, match=r"decision 1 \(line 2\) and decision 2 \(line 7\) have the same id 'd3'; "
                                            r"give one of them another \(d5\)"):
        Curation(path)
    path.write_text('[[decision]]\naction = "merge"\nlabel = "Program"\n', encoding="utf-8")
    with pytest.raises(CurationError, match="merge needs 'names'"):
        Curation(path)
    # a file's merge must name two entities and the canonical name, which the command line fills in itself
    path.write_text('[[decision]]\naction = "merge"\nlabel = "Program"\nnames = ["五星支部创建"]\ncanonical = "五星"\n',
                    encoding="utf-8")
    with pytest.raises(CurationError, match=r"merge needs at least two different names .五星支部创建 given."):
        Curation(path)
    path.write_text('[[decision]]\naction = "merge"\nlabel = "Program"\nnames = ["五星支部创建", "五星支部"]\n',
                    encoding="utf-8")
    with pytest.raises(CurationError, match=r"merge needs .canonical. .text: the name the merged entity takes"):
        Curation(path)
    path.write_text('[[decision]]\naction = "reject"\nname = " "\n', encoding="utf-8")
    with pytest.raises(CurationError, match=r"decision 1 \(line 1\): reject's 'name' is empty"):
        Curation(path)
    path.write_text("[[decision]\n", encoding="utf-8")
    with pytest.raises(CurationError, match="cannot read the curation file"):
        Curation(path)
    before = seeded_embedded.stats()
    with pytest.raises(CurationError, match="no Program named '没有这个'"):
        decide(seeded_embedded, Curation(tmp_path / "ok.toml"), decision_fields("retype", node="Program:没有这个", to="Goal"))
    assert not (tmp_path / "ok.toml").exists() and seeded_embedded.stats() == before


def test_a_hand_edited_decision_is_applied_by_curate_apply(tmp_path, seed_paths):
    store = EmbeddedStore(tmp_path / "data")
    load_paths(store, seed_paths, progress=False, curation=Curation(tmp_path / "curation.toml"))
    shutil.copy(seed_paths[0], tmp_path / "unused.txt")
    (tmp_path / "curation.toml").write_text(
        "# my corrections\n[[decision]]\naction = \"reject\"\nlabel = \"Program\"\nname = \"红色物业\"\n"
        "note = \"a building-management slogan, not a program\"\n", encoding="utf-8")
    cur = Curation(tmp_path / "curation.toml")
    assert cur.decisions[0].id.startswith("reject-")  # no id given: one derived from the content
    assert store.get_node(RED)
    report = reapply(store, cur)
    assert len(report.rewritten) == 5 and report.idle == [] and "warning" not in report.summary()
    with pytest.raises(NotFoundError):
        store.get_node(RED)
    # a decision that matches nothing was applied without a word (a walkthrough, session 41): it is named now
    with (tmp_path / "curation.toml").open("a", encoding="utf-8") as f:
        f.write('[[decision]]\nid = "d9"\naction = "merge"\nlabel = "Program"\nnames = ["五星支部创建", "五星支部创见"]\n'
                'canonical = "五星支部创建"\n[[decision]]\nid = "d10"\naction = "reject"\nname = "不存在的计划"\n')
    report = reapply(store, Curation(tmp_path / "curation.toml"))
    assert [line.split(":")[0] for line in report.idle] == ["d9 merge Program 五星支部创建, 五星支部创见 -> 五星支部创建",
                                                            "d10 reject any label 不存在的计划"]
    assert "no entity has the name 五星支部创见" in report.summary() and "changed nothing" in report.summary()
    cur = Curation(tmp_path / "curation.toml")
    cur.add({"action": "add", "label": "Goal", "name": "共同富裕"})
    assert (tmp_path / "curation.toml").read_text(encoding="utf-8").startswith("# my corrections")
    store.close()


def test_undoing_the_only_decision_then_deciding_again_keeps_the_file_readable(tmp_path):
    # an explorer walkthrough (session 51): after DELETE /curation/d1 of the only decision, tomlkit wrote
    # `decision = []`, and the next merge appended into that line (`decision = [id = "d1" …`): GET /curation, undo and
    # `curate list` then failed on the file, and the merge could not be undone
    import tomllib

    path = tmp_path / "curation.toml"
    merge = {"action": "merge", "label": "Program", "names": ["城镇老旧小区改造", "老旧小区改造"],
             "canonical": "城镇老旧小区改造"}
    Curation(path).add(merge)
    Curation(path).remove("d1")
    Curation(path).add(merge)
    # an undone decision's id is never given again (a walkthrough, session 55: after undoing d6, d5 and d3 the next
    # decision was d5, and curated_by values and notes citing d5 named another decision)
    assert [d["id"] for d in tomllib.loads(path.read_text(encoding="utf-8"))["decision"]] == ["d2"]
    assert [d.id for d in Curation(path).decisions] == ["d2"]
    for _ in range(2):
        Curation(path).add({"action": "reject", "name": "红色物业"})
    Curation(path).remove("d4")
    Curation(path).remove("d3")
    assert Curation(path).add({"action": "reject", "name": "工作"}).id == "d5"
    assert tomllib.loads(path.read_text(encoding="utf-8"))["last_id"] == 5
    path.write_text("decision = []\n", encoding="utf-8")  # a file an earlier version left so
    Curation(path).add(merge)
    assert [d.id for d in Curation(path).decisions] == ["d1"]
    path.write_text("last_id = -1\n", encoding="utf-8")
    with pytest.raises(CurationError, match="last_id must be a whole number"):
        Curation(path)


def test_a_decision_recorded_while_a_load_runs_holds_for_every_document_after_it(seed_paths, tmp_path):
    """A walkthrough (session 55): a rename recorded through the API while ``policykg load`` ran was applied by the API
    to the documents stored then, and the load, which had read the file at its start, wrote the others (and re-applied
    its own older reading to the API's) without it: the store contradicted the file until the next load."""
    path = tmp_path / "curation.toml"
    store = EmbeddedStore(tmp_path / "a")
    seen: list[str] = []

    def decide_meanwhile(dg) -> None:  # another writer records a decision after the load's first document
        seen.append(dg.document.id)
        if len(seen) == 1:
            Curation(path).add({"action": "reject", "name": "红色物业"})

    report = load_paths(store, seed_paths, progress=False, curation=Curation(path), on_document=decide_meanwhile)
    assert len(seen) == 5 and RED not in {n["id"] for n in store.iter_nodes(["Program"])}
    assert "the curation file changed during the load" in report.summary()
    assert store.curation_mark() == Curation(path).fingerprint  # every document resolved under the file as it is now
    again = load_paths(store, seed_paths, progress=False, curation=Curation(path)).summary()
    assert "curation" not in again  # nothing left to re-apply
    store.close()


def test_decisions_made_at_once_in_several_terminals_are_all_recorded_and_applied(seed_paths, tmp_path):
    """A walkthrough (session 58): two ``policykg curate reject`` run at once both printed "recorded … d15", only one
    reached the store, and the file, two decisions of one id, was then refused by every command."""
    import subprocess
    import sys

    data = tmp_path / "data"
    store = EmbeddedStore(data)
    assert not load_paths(store, seed_paths, progress=False).failed
    names = ["红色物业", "容错纠错机制", "党史学习教育"]  # Programs of the seeds
    assert set(names) <= {n["name"] for n in store.iter_nodes(["Program"])}
    store.close()
    procs = [subprocess.Popen([sys.executable, "-m", "policykg.cli", "--data-dir", str(data), "curate", "reject", name,
                               "--label", "Program"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for name in names]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(names), outs
    decisions = Curation(data / "curation.toml").decisions
    assert sorted(d.id for d in decisions) == ["d1", "d2", "d3"] and sorted(d.name for d in decisions) == sorted(names)
    store = EmbeddedStore(data, read_only=True)
    left = {n["name"] for n in store.iter_nodes(["Program"])}
    store.close()
    assert not left & set(names)


def test_a_decision_about_a_name_an_earlier_one_decided_says_so(tmp_path, seed_paths):
    """A walkthrough (session 58): an add of a name a reject had taken out, a reject of a name a merge had made, and
    the same reject twice were previewed and recorded without a word of the decisions before them."""
    from policykg.curate import preview
    from policykg.graph.curation import make_decision

    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, seed_paths, progress=False).failed
    cur = Curation(tmp_path / "curation.toml")
    decide(store, cur, decision_fields("reject", name="红色物业", label="Program"))
    decide(store, cur, decision_fields("merge", nodes=[SYSTEM, WORK]))

    def earlier(action: str, **fields) -> list[str]:
        return preview(store, make_decision({**decision_fields(action, **fields, store=store), "id": "new"}, "it"),
                       cur)["earlier"]

    assert earlier("add", name="红色物业", label="Program") == ["d1 reject Program 红色物业"]
    assert earlier("reject", name="红色物业") == ["d1 reject Program 红色物业"]  # of any label: the Program's too
    assert earlier("add", name="红色物业", label="Goal") == []  # another label's name
    merged = store.get_node(SYSTEM)["node"]["name"]
    assert earlier("reject", name=merged, label="Program") == [cur.decisions[1].describe()]
    assert earlier("add", name="党建引领", label="Program") == []
    store.close()


def test_a_later_rename_of_a_merged_node_moves_the_whole_node(tmp_path, seed_paths):
    """A curation walkthrough (session 58): a merge, then two renames of the merged node written by hand, split the
    node in two: the entities of the merged name took the first rename, those of the node's own name the second."""
    store = EmbeddedStore(tmp_path / "data")
    assert not load_paths(store, seed_paths, progress=False).failed
    cur = Curation(tmp_path / "curation.toml")
    decide(store, cur, decision_fields("merge", nodes=[SYSTEM, WORK]))
    merged = store.get_node(SYSTEM)["node"]
    assert merged["doc_count"] == 4
    name = merged["name"]
    with cur.path.open("a", encoding="utf-8") as f:  # two renames of that name, the second meant to win
        f.write(f'\n[[decision]]\naction = "rename"\nlabel = "Program"\nname = "{name}"\ncanonical = "职员等级晋升制度改革"\n'
                f'\n[[decision]]\naction = "rename"\nlabel = "Program"\nname = "{name}"\ncanonical = "职员等级晋升管理制度"\n')
    reapply(store, Curation(cur.path))
    nodes = {h["id"]: h["doc_count"] for h in store.search("职员等级晋升", "Program", 50)}
    store.close()
    assert nodes == {"Program:职员等级晋升管理制度": 4}


def test_an_undo_can_be_tried_first_and_names_the_later_decisions_about_its_names(tmp_path, seed_paths):
    """A curation walkthrough (session 58): undo had no dry run, and undoing a rename left the retype of the renamed
    node in force without a word."""
    from click.testing import CliRunner

    from policykg.cli import main

    data = tmp_path / "data"
    store = EmbeddedStore(data)
    assert not load_paths(store, seed_paths, progress=False).failed
    store.close()
    run = CliRunner().invoke
    assert run(main, ["--data-dir", str(data), "curate", "rename", RED, "红色物业服务"]).exit_code == 0
    assert run(main, ["--data-dir", str(data), "curate", "retype", "Program:红色物业服务", "Goal"]).exit_code == 0
    text = (data / "curation.toml").read_text(encoding="utf-8")
    r = run(main, ["--data-dir", str(data), "curate", "undo", "d1", "--dry-run"])
    assert r.exit_code == 0 and "would remove from" in r.stdout and "d1 rename Program 红色物业 -> 红色物业服务" in r.stdout
    assert "  d2 retype 红色物业服务: Program -> Goal" in r.stderr.splitlines()
    assert (data / "curation.toml").read_text(encoding="utf-8") == text  # nothing written
    r = run(main, ["--data-dir", str(data), "curate", "undo", "d7", "--dry-run"])
    assert r.exit_code != 0 and "no curation decision 'd7' (the decisions: d1, d2)" in r.output
    r = run(main, ["--data-dir", str(data), "curate", "undo", "d1"])
    assert r.exit_code == 0 and "  d2 retype 红色物业服务: Program -> Goal" in r.stderr.splitlines()
    assert [d.id for d in Curation(data / "curation.toml").decisions] == ["d2"]
