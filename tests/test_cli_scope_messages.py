"""The command line words a scope's refusals in its own option names, and the hints of an empty scope are ones a user
can act on (a walkthrough, session 65):

* ``policykg diffusion --year 1800`` printed ``year=1800: …`` and ``--documents 'zz*'`` printed ``documents: …``, the
  API's names; the API keeps them;
* ``policykg diffusion --year 2022`` over the one document of 2022 printed no entity and no word of --min-documents;
* ``--documents 广州`` over documents with pinyin ids (``guangzhou_…``) named no document of 广州市: a pattern reads ids
  and titles, never places.

The stores hold real documents: the seeds of ``examples/``, and reports of 广州市 and 广东省 from
``loaders/training/texts``, some copied under ids that say nothing of their place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.cli import main
from policykg.cli_support import OPTION_NAMES
from policykg.graph.concordance import kept_documents
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.scope_errors import API_NAMES, PatternKeepsNothing, YearKeepsNothing
from policykg.ingest import load_paths
from policykg.settings import Settings

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
GZ_PARTY = "guangzhou_dangjian_chuangxin_gongcheng_shishi_yijian_2012"  # titled 关于推进党建创新工程的实施意见
GZ_SCIENCE = "guangzhou_keji_chuangxin_gongcheng_shishi_yijian_2012"
GZ_CLEAN = "guangzhou_lianjie_guangzhou_jueding_2012"  # titled 关于走新型城市化发展道路建设廉洁广州的决定
GD_PARK = "guangdong_minying_keji_yuan_yijian_2012"  # titled 广东省人民政府办公厅关于…


def _run(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data), *args])


def _store(folder: Path, files: dict[str, Path]):
    """An embedded store in ``folder`` of ``files`` (the file name to write -> the real text it copies)."""
    texts = folder / "texts"
    texts.mkdir()
    for name, source in files.items():
        shutil.copy(source, texts / name)
    store = EmbeddedStore(folder / "data")
    report = load_paths(store, sorted(texts.iterdir()), progress=False)
    assert not report.failed
    return store


@pytest.fixture(scope="module")
def guangzhou(tmp_path_factory, seed_paths):
    """Two reports of 广州市 with their own ids (guangzhou_…), one of 广东省, and seed 002 (a district's, no place)."""
    store = _store(tmp_path_factory.mktemp("guangzhou"), {f"{s}.txt": TEXTS / f"{s}.txt" for s in (GZ_PARTY, GZ_SCIENCE,
                                                                                                 GD_PARK)}
                   | {seed_paths[2].name: seed_paths[2]})
    yield store
    store.close()


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """Three reports of 广州市, two of them under ids that say nothing of the place (dangjian_2012, keji_2012)."""
    store = _store(tmp_path_factory.mktemp("renamed"), {"dangjian_2012.txt": TEXTS / f"{GZ_PARTY}.txt",
                                                        "keji_2012.txt": TEXTS / f"{GZ_SCIENCE}.txt",
                                                        f"{GZ_CLEAN}.txt": TEXTS / f"{GZ_CLEAN}.txt"})
    yield store
    store.close()


# ------------------------------------------------------------------ the command line's names, the API's names


@pytest.mark.parametrize("command", [["sentences", "党建"], ["documents"], ["diffusion"], ["diffusion", "红色物业"],
                                     ["central"], ["communities"]])
def test_every_command_names_its_year_option(seeded_embedded, command):
    r = _run(seeded_embedded.data_dir, *command, "--year", "1800")
    assert r.exit_code == 1
    assert r.output == "Error: --year 1800: no loaded document is of 1800; their years: 2022–2023\n"


@pytest.mark.parametrize("command", [["sentences", "党建"], ["diffusion"], ["diffusion", "红色物业"], ["central"],
                                     ["communities"]])
def test_every_command_names_its_documents_option_and_the_pattern(seeded_embedded, command):
    r = _run(seeded_embedded.data_dir, *command, "--documents", "002_*", "--documents", "zz*")
    assert r.exit_code == 1
    assert r.output.startswith("Error: --documents 'zz*': no loaded document has an id or title matching 'zz*' (ids "
                               "such as 000_a8eebd8133074170, ")
    assert "documents:" not in r.output
    r = _run(seeded_embedded.data_dir, *command, "--documents", "002_*", "--year", "2023")
    assert r.exit_code == 1 and r.output.startswith("Error: --year 2023: the one document matching '002_*', "
                                                    "Document:002_f943a519de895b49, is not of 2023 (it is of 2022)")


def test_policykg_documents_names_its_pattern_argument(seeded_embedded):
    r = _run(seeded_embedded.data_dir, "documents", "zz*")
    assert r.exit_code == 1 and r.output.startswith("Error: PATTERN 'zz*': no loaded document has an id or title "
                                                    "matching 'zz*'")


def test_the_api_keeps_its_parameter_names(client):
    r = client.get("/sentences", params={"q": "党建", "documents": "zz*"})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("documents: no loaded document has an id or title matching 'zz*' (ids such as ")
    r = client.get("/diffusion", params={"year": 2030})  # the API takes years from 1900 on
    assert r.status_code == 400
    assert r.json()["detail"] == "year=2030: no loaded document is of 2030; their years: 2022–2023"
    r = client.get("/diffusion", params={"documents": "00[12]_*", "min_documents": 3})
    assert r.status_code == 400 and r.json()["detail"].startswith("min_documents=3: only 2 documents are read")


def test_a_refusal_keeps_what_it_found_and_is_worded_with_the_names_given(seeded_embedded):
    with pytest.raises(PatternKeepsNothing) as pattern:
        kept_documents(seeded_embedded, ["002_*", "zz*"])
    with pytest.raises(YearKeepsNothing) as year:
        kept_documents(seeded_embedded, None, 1800)
    for exc, api, option in ((pattern.value, "documents: ", "--documents 'zz*': "),
                             (year.value, "year=1800: ", "--year 1800: ")):
        assert str(exc) == exc.words(API_NAMES) and str(exc).startswith(api)
        # the same words after the parameter, which each caller names its way
        assert exc.words(OPTION_NAMES) == option + str(exc).removeprefix(api)


# ------------------------------------------------------------------ the default --min-documents over too few documents


def test_the_default_min_documents_over_one_document_says_what_to_pass(seeded_embedded):
    data = seeded_embedded.data_dir
    r = _run(data, "diffusion", "--year", "2022")
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.splitlines() == ["(within the 1 document of 2022)", "(no entity is in 2 documents or more)",
                                     "(the scope keeps 1 document, and an entity must appear in at least "
                                     "--min-documents 2 of them: pass --min-documents 1)"]
    # the advice lists the entities of that document
    r = _run(data, "diffusion", "--year", "2022", "--min-documents", "1")
    assert r.exit_code == 0 and r.stdout.startswith("docs  years") and "pass --min-documents" not in r.stderr
    # over more documents, or with a number given, no such note
    r = _run(data, "diffusion", "--documents", "00[12]_*")
    assert r.exit_code == 0 and "pass --min-documents" not in r.stderr


def test_the_default_min_documents_over_a_store_of_one_document(tmp_path, seed_paths):
    data = tmp_path / "data"
    assert _run(data, "load", str(seed_paths[2]), "--quiet").exit_code == 0
    r = _run(data, "diffusion")
    assert r.exit_code == 0 and r.stdout == "" and ("(the store holds 1 document, and an entity must appear in at least "
                                                    "--min-documents 2 of them: pass --min-documents 1)") in r.stderr


def test_the_api_says_it_in_a_header(client):
    r = client.get("/diffusion", params={"year": 2022})
    assert r.status_code == 200 and r.json() == [] and r.headers["x-within-documents"] == "1"
    assert r.headers["x-hint"] == ("the scope keeps 1 document, and an entity must appear in at least min_documents=2 "
                                   "of them: pass min_documents=1")
    r = client.get("/diffusion", params={"year": 2022, "min_documents": 1})
    assert r.status_code == 200 and r.json() and "x-hint" not in r.headers
    r = client.get("/diffusion")
    assert r.status_code == 200 and r.json() and "x-hint" not in r.headers


# ------------------------------------------------------------------ a place given as a pattern


def test_a_place_whose_ids_share_a_beginning_gets_the_pattern_keeping_them(guangzhou):
    data = guangzhou.data_dir
    r = _run(data, "sentences", "党建", "--documents", "广州")
    assert r.exit_code == 1
    assert (f"(patterns match ids and titles, not places: 广州市 is the place of 2 documents, {GZ_PARTY}, {GZ_SCIENCE}; "
            "'guangzhou_*' keeps them; * stands for any characters)") in r.output
    r = _run(data, "documents", "guangzhou_*")  # the pattern given keeps them, and only them
    assert r.exit_code == 0 and [line.split("\t")[:3] for line in r.stdout.splitlines()] == [
        [f"Document:{GZ_PARTY}", "2012", "广州市"], [f"Document:{GZ_SCIENCE}", "2012", "广州市"]]
    # a place its documents' titles hold: the pattern with wildcards, which keeps every document of it
    r = _run(data, "central", "--documents", "广东")
    assert r.exit_code == 1 and f"'*广东*' keeps 1 document, {GD_PARK} (every document of 广东省)" in r.output


def test_a_place_no_pattern_keeps_is_named_with_its_ids(renamed):
    data = renamed.data_dir
    r = _run(data, "diffusion", "--documents", "广州")
    assert r.exit_code == 1
    assert ("patterns match ids and titles, not places: 广州市 is the place of 3 documents, dangjian_2012, "
            f"{GZ_CLEAN}, keji_2012; give their ids: --documents dangjian_2012 --documents {GZ_CLEAN} --documents "
            f"keji_2012; '*广州*' keeps 1 document, {GZ_CLEAN}; * stands for any characters)") in r.output
    r = _run(data, "documents", "dangjian_2012", GZ_CLEAN, "keji_2012")
    assert r.exit_code == 0 and {line.split("\t")[2] for line in r.stdout.splitlines()} == {"广州市"}
    assert r.stderr.startswith("3 documents of 3")
    with TestClient(create_app(Settings(), store=renamed)) as client:
        r = client.get("/documents", params={"documents": "广州"})
        assert r.status_code == 400 and r.json()["detail"].startswith("documents: no loaded document has an id or title")
        assert (f"give their ids: documents=dangjian_2012&documents={GZ_CLEAN}&documents=keji_2012;"
                in r.json()["detail"])
