"""A name several entities have or write as an alias is refused with the list of them, on the command line and by the
API alike, where one was taken without a word: ``policykg diffusion 以旧换新`` over the 2025 provincial reports took
Program:以旧换新 (1 document) while Program:消费品以旧换新 (25) writes 以旧换新 too, and the API took the most
documented.  Over 云南's and 青海's 2025 reports (loaders/training/texts) 民族团结进步 is the id of a Goal (云南) and
the name Program:民族团结进步创建 (青海) writes, and 好房子、好小区、好社区、好城区 is a Goal and a Program."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.cli import main
from policykg.graph.embedded import EmbeddedStore
from policykg.settings import Settings

TEXTS = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts"
TWO = "民族团结进步"
GOAL, PROGRAM = "Goal:民族团结进步", "Program:民族团结进步创建"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("yunnan_qinghai") / "data"
    r = CliRunner().invoke(main, ["--data-dir", str(folder), "load", "--quiet",
                                  str(TEXTS / "gwr2025-云南.txt"), str(TEXTS / "gwr2025-青海.txt")])
    assert r.exit_code == 0, r.output
    return folder


def _run(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data), *args])


@pytest.mark.parametrize("command", [["diffusion"], ["facts"], ["view", "-o", "v.html"], ["export", "x.graphml", "--node"]])
def test_every_command_taking_a_name_lists_the_entities_it_names(data, tmp_path, command):
    args = [a if not a.endswith((".html", ".graphml")) else str(tmp_path / a) for a in command]
    r = _run(data, *args, TWO)
    assert r.exit_code != 0  # the Goal of 云南 (the id Goal:民族团结进步) was taken without a word
    assert f"'{TWO}' is the name or an alias of 2 entities" in r.output
    assert f"  {GOAL}  (Goal, 1 document)\n" in r.output and f"  {PROGRAM}  (Program, 1 document)\n" in r.output
    assert f"give the id of the one meant in place of the name ({GOAL})" in r.output


def test_an_id_or_a_label_chooses_and_a_name_of_one_entity_is_taken_as_before(data, tmp_path):
    r = _run(data, "diffusion", PROGRAM)
    assert r.exit_code == 0 and r.output.startswith(f"{PROGRAM}: 1 document")
    # a Goal and a Program of one name: --label tells them apart, and the refusal says so where the command takes it
    both = "好房子、好小区、好社区、好城区"
    r = _run(data, "facts", both)
    assert r.exit_code != 0 and r.output.rstrip().endswith(", or --label Goal or --label Program")  # not "Goal or
    # Program", which read as one value to give
    r = _run(data, "facts", both, "--label", "Goal")
    assert r.exit_code == 0 and r.output.startswith(f"Goal:{both}: 1 fact")
    # 避险搬迁 is 云南's Program and an alias of it in 青海: one entity, taken as it was, and by its alias with a word
    r = _run(data, "diffusion", "避险搬迁")
    assert r.exit_code == 0 and r.output.startswith("Program:避险搬迁: 2 documents")
    r = _run(data, "diffusion", "地质灾害避险搬迁")
    assert r.exit_code == 0 and "'地质灾害避险搬迁' is a name of Program:避险搬迁" in r.output


def test_a_label_no_entity_of_the_name_has_lists_the_entities_of_the_others(data):
    # "no Body named '民族团结进步'; it is a name of Goal:…, Program:… (give that label, or none)": no label is refused
    # as the name of two entities, and "that label" was one of two (session 71)
    r = _run(data, "diffusion", TWO, "--label", "Body")
    assert r.exit_code != 0 and "give that label, or none" not in r.output
    assert r.output.startswith(f"Error: no Body named '{TWO}'; under other labels, '{TWO}' is the name or an alias of "
                               "2 entities")
    assert f"  {GOAL}  (Goal, 1 document)\n" in r.output and f"  {PROGRAM}  (Program, 1 document)\n" in r.output
    assert r.output.rstrip().endswith(f"in place of the name ({GOAL}), or --label Goal or --label Program")
    r = _run(data, "diffusion", TWO, "--label", "Program")  # as the refusal says, the label takes the Program
    assert r.exit_code == 0 and f"{PROGRAM}: 1 document" in r.output


def test_the_api_answers_a_name_of_several_entities_with_the_choice_of_them(data):
    store = EmbeddedStore(data)
    try:
        with TestClient(create_app(Settings(data_dir=data), store=store)) as client:
            for route in ("/programs/{}/diffusion", "/programs/{}/facts", "/nodes/{}", "/entities/{}/diffusion"):
                r = client.get(route.format(TWO), follow_redirects=False)
                assert r.status_code == 300, (route, r.status_code)  # /programs/民族团结进步/… had taken the Goal
                body = r.json()
                assert [(c["id"], c["label"], c["documents"]) for c in body["candidates"]] == [
                    (GOAL, "Goal", 1), (PROGRAM, "Program", 1)]
                assert "is the name or an alias of 2 entities" in body["detail"] and "by its id" in body["detail"]
                assert all(client.get(c["address"]).status_code == 200 for c in body["candidates"])
                assert r.headers["link"].count('rel="alternate"') == 2 and "location" not in r.headers
            r = client.get("/export", params={"node": TWO}, follow_redirects=False)
            assert r.status_code == 300 and r.json()["candidates"][1]["address"].startswith("/export?node=Program")
            page = client.get(f"/nodes/{TWO}/view", headers={"Accept": "text/html"}, follow_redirects=False)
            assert page.status_code == 300 and f'>{GOAL}</a> (Goal, 1 document)' in page.text
            # a name of one entity redirects as before, to its id (307)
            r = client.get("/programs/地质灾害避险搬迁/diffusion", follow_redirects=False)
            assert r.status_code == 307 and "/programs/Program:" in r.headers["location"]
            assert client.get(f"/programs/{GOAL}/diffusion").status_code == 200  # an id is never ambiguous
    finally:
        store.close()
