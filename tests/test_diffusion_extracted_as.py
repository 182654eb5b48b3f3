"""A diffusion's documents that write an entity's name where it was not extracted say when the name was extracted
there as another entity (a walkthrough, session 69: Goal:农业转移人口市民化 of the 2025 海南 report was "written, not
extracted" in 20 reports, each of which extracts Program:农业转移人口市民化; the command line said "perhaps inside a
longer name" and the page "the extractor found no mention of it")."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from click.testing import CliRunner
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.cli import main
from policykg.ingest import load_paths
from policykg.settings import Settings

#: Sentences of the reports as written (../shared/corpus/gwr/gwr-2024.txt, ../shared/corpus/gwr2025/*.docx): 海南's
#: makes the name a Goal (有序推进…), the other two a Program.
TEXTS = {"gwr-2024": "2024年政府工作报告\n把加快农业转移人口市民化摆在突出位置，深化户籍制度改革，完善“人地钱”挂钩政策，"
                     "让有意愿的进城农民工在城镇落户，推动未落户常住人口平等享受城镇基本公共服务。",
         "gwr2025-吉林": "2025年吉林省政府工作报告\n开展新一轮农业转移人口市民化、县城城镇化水平提升、长春都市圈培育、"
                       "城市更新和安全韧性提升4项行动。",
         "gwr2025-海南": "2025年海南省政府工作报告\n必须深入实施以人为本的新型城镇化战略，统筹城乡基础设施和公共服务布局，"
                       "加大城市更新力度，增强城镇综合承载能力，有序推进农业转移人口市民化，充分释放内需潜力。"}
GOAL, PROGRAM = "Goal:农业转移人口市民化", "Program:农业转移人口市民化"


def _write(folder: Path) -> list[Path]:
    for stem, text in TEXTS.items():
        (folder / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def test_the_documents_writing_a_name_say_which_other_entity_they_extract_it_as(store, tmp_path):
    """Either store: the JSON's ``extracted_as`` and the page's last column name Program:农业转移人口市民化 for both
    reports that write the Goal's name, and the page no longer says only that the extractor found no mention there."""
    assert not load_paths(store, _write(tmp_path), progress=False).failed
    with TestClient(create_app(Settings(), store=store)) as client:
        answer = client.get(f"/programs/{GOAL}/diffusion").json()
        page = client.get(f"/entities/{GOAL}/diffusion").text
    assert [d["id"] for d in answer["documents"]] == ["Document:gwr2025-海南"]
    assert [(w["doc_id"], w["form"], w["extracted_as"]) for w in answer["written_elsewhere"]] == [
        ("Document:gwr-2024", "农业转移人口市民化", [PROGRAM]), ("Document:gwr2025-吉林", "农业转移人口市民化", [PROGRAM])]
    assert "2 of them extract the name as another entity" in page
    # the summary's earlier document (2024, before 海南's 2025) says so too
    assert (f"1 earlier document writes its name\n  where it was not extracted, from 2024\n  (1 of them extracts it as "
            f"{PROGRAM}) (<a href=\"#written\">below</a>)") in page
    link = f'<a href="/entities/{quote(PROGRAM, safe="")}/diffusion">'
    assert page.count(f'<td class="extracted-as">{link}{PROGRAM}</a></td>') == 2


def test_the_command_line_names_the_entity_a_document_extracts_the_name_as(tmp_path):
    """The earlier document that writes the name was "perhaps inside a longer name"; it is extracted there as the
    Program, and each listed document says so after its sentence."""
    data = ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    assert runner.invoke(main, [*data, "load", "--quiet", *map(str, _write(tmp_path))]).exit_code == 0
    r = runner.invoke(main, [*data, "diffusion", GOAL])
    assert r.exit_code == 0, r.output
    assert (f"(written earlier, where it was not extracted as this entity: Document:gwr-2024 (2024) writes "
            f"'农业转移人口市民化', extracted there as {PROGRAM}: its sentence is listed below)") in r.output
    assert "perhaps inside a longer name" not in r.output
    assert "; 2 of them extract the name as another entity, named after the sentence):" in r.output
    listed = [line for line in r.output.splitlines() if line.startswith("  20") and "Document:gwr" in line]
    assert [line.split()[2] for line in listed] == ["Document:gwr2025-海南", "Document:gwr-2024", "Document:gwr2025-吉林"]
    assert [line.endswith(f"  [extracted as {PROGRAM}]") for line in listed] == [False, True, True]
