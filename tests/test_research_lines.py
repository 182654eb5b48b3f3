"""What the research commands print, read line by line as a researcher reads it: three provincial work reports of 2025
(``loaders/training/texts``), loaded by the command line.  A first-use walkthrough over the national and provincial
reports found a search whose aliases could not be told apart and a diffusion whose evidence hid the name."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from genre_texts import TEXTS

from policykg.cli import main


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("research") / "data"
    reports = [str(TEXTS / f"gwr2025-{place}.txt") for place in ("上海", "天津", "四川")]
    r = CliRunner().invoke(main, ["--data-dir", str(folder), "load", *reports, "--quiet"])
    assert r.exit_code == 0, r.output
    return ["--data-dir", str(folder)]


def test_a_searched_entity_s_aliases_are_told_apart(data):
    # 四川 writes 千万工程 as 千村示范、万村整治 and 千村示范、万村整治工程: joined by 、 the line read
    # (千村示范、万村整治、千村示范、万村整治工程), four names or two, as the reader guessed
    r = CliRunner().invoke(main, [*data, "search", "千万工程", "--label", "Program"])
    assert r.exit_code == 0, r.output
    line = next(x for x in r.stdout.splitlines() if "Program:千万工程" in x)
    shown = re.search(r"\((.*)\)$", line).group(1).split(" ｜ ")
    node = CliRunner().invoke(main, [*data, "query", "MATCH (p:Program {name: '千万工程'}) RETURN p.aliases"])
    assert sorted(shown) == sorted(json.loads(node.stdout.splitlines()[1])[0])  # the row after the columns
    assert "千村示范、万村整治" in shown and "千村示范、万村整治工程" in shown


def test_the_sentence_a_diffusion_shows_for_a_document_writing_the_name_holds_it(data):
    # 天津 names 以旧换新; 上海 writes it inside 消费品以旧换新, in a sentence of 120 characters whose first 69, all the
    # line showed, end before it (…首届上海国际光影节…)
    r = CliRunner().invoke(main, [*data, "diffusion", "以旧换新"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("Written in"))
    rows = [x for x in lines[at + 1:] if x.startswith("  ") and "Document:" in x]
    assert any("Document:gwr2025-上海" in x for x in rows)
    for row in rows:
        shown = row.split("  ")[-1]
        assert len(shown) <= 70 and "以旧换新" in shown.replace("“", "").replace("”", ""), row
    shanghai = next(x for x in rows if "gwr2025-上海" in x).split("  ")[-1]
    assert shanghai.startswith("…") and "实施消费品以旧换新" in shanghai
