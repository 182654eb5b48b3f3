"""The national documents compare as a place: 国 (as ``policykg documents`` shows them) or 全国 (``compare 国 国 --year
2024 --b-year 2025`` and ``compare 全国 浙江`` were refused as naming no place: a walkthrough)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.cli import main
from policykg.graph import analytics as A
from policykg.graph.compare import NATIONAL, compare, sides
from policykg.ingest import load_paths
from policykg.settings import Settings

TEXTS = {
    "gwr-2024": "2024年政府工作报告\n各位代表：\n我受国务院的委托，向大会报告政府工作。深入实施乡村振兴战略，推进河长制。\n",
    "gwr-2025": "2025年政府工作报告\n各位代表：\n我受国务院的委托，向大会报告政府工作。深入实施乡村振兴战略，全面推行林长制。\n",
    "gd-2025": "2025年广东省政府工作报告\n深入实施百县千镇万村高质量发展工程，全面推行林长制。\n",
}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for stem, text in TEXTS.items():
        (path := tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_national_documents_are_a_place_on_every_store(store, files):
    assert not load_paths(store, files, progress=False).failed
    national = {d["id"] for d in store.documents() if d.get("level") == "国" and not d.get("place")}
    assert national == {"Document:gwr-2024", "Document:gwr-2025"}
    view = A.entity_view(store)
    for word in ("国", "全国", "国家", " 国 "):
        assert compare(view, word, "广东")["a"]["documents"] == ["Document:gwr-2024", "Document:gwr-2025"]
    one = compare(view, "国", "国", year=2024, b_year=2025)
    assert (one["a"]["documents"], one["b"]["documents"]) == (["Document:gwr-2024"], ["Document:gwr-2025"])
    assert {"place": NATIONAL, "documents": 2} == sides(view)["places"][0]
    with pytest.raises(ValueError, match="no document of 全国 is of 2023"):
        compare(view, "全国", "广东", year=2023)


def test_the_command_line_and_the_api_compare_the_nation(tmp_path, files):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, files), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "documents"])
    assert "\t国\t" in r.output  # what the researcher reads in the place column
    r = runner.invoke(main, [*data, "compare", "国", "国", "--year", "2024", "--b-year", "2025"])
    assert r.exit_code == 0, r.output
    assert "A: 国 (1 document: 2024): gwr-2024" in r.output and "B: 国 (1 document: 2025): gwr-2025" in r.output
    r = runner.invoke(main, [*data, "compare", "全国", "广东"])
    assert r.exit_code == 0 and "A: 全国 (2 documents: 2024, 2025)" in r.output
    r = runner.invoke(main, [*data, "compare", "没有的地方", "广东"])
    assert r.exit_code == 1 and "(places: 全国、广东省)" in r.output

    from policykg.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "data", read_only=True)
    try:
        with TestClient(create_app(Settings(), store=store)) as client:
            r = client.get("/compare", params={"a": "国", "b": "广东", "format": "json"})
            assert r.status_code == 200 and r.json()["a"]["documents"] == ["Document:gwr-2024", "Document:gwr-2025"]
            r = client.get("/compare", params={"a": "没有的地方", "b": "广东", "format": "json"})
            assert r.status_code == 404 and "全国" in r.text
            assert '<option value="全国"' in client.get("/compare").text
    finally:
        store.close()
