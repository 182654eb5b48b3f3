"""Sentence search answers that were silent or unhelpful (a researcher walkthrough, session 64): a --doc outside the
--documents patterns (0 sentences), a bare word given as a pattern (the first ids alphabetically suggested, for every
``documents=``), a straight double quote inside the query (0 sentences, no hint)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph.concordance import kept_documents, search_sentences

PLAN_2023 = "003_8ab235683617fdde"


def test_a_doc_outside_the_documents_patterns_is_refused_naming_both(seeded):
    with pytest.raises(ValueError, match=r"^doc and documents keep no document: 003_8ab235683617fdde \(doc\) is not "
                                            r"among the 1 document matching '002_\*' \(documents\)"):
        search_sentences(seeded, "党建", doc=PLAN_2023, documents=["002_*"])
    # inside them, as before
    assert search_sentences(seeded, "党建", doc=PLAN_2023, documents=["00*"])["total"] == search_sentences(
        seeded, "党建", doc=PLAN_2023)["total"] > 0


def test_the_api_and_the_command_line_name_the_two(client, seeded_embedded):
    r = client.get("/sentences", params={"q": "党建", "doc": PLAN_2023, "documents": "002_*"})
    assert r.status_code == 400 and r.json()["detail"].startswith("doc and documents keep no document: " + PLAN_2023)
    data = ["--data-dir", str(seeded_embedded.data_dir)]
    r = CliRunner().invoke(main, [*data, "sentences", "党建", "--doc", PLAN_2023, "--documents", "002_*"])
    assert r.exit_code == 1 and f"--doc and --documents keep no document: {PLAN_2023} (--doc)" in r.output
    assert "'002_*' (--documents)" in r.output and "0 sentences" not in r.output


def test_a_bare_word_as_a_pattern_suggests_it_with_wildcards(seeded, client):
    # 组织工作 is part of the title of 003 (2023年全区组织工作要点); the message listed the first ids alphabetically
    want = "no loaded document has an id or title matching '组织工作' (a pattern matches a whole id or title: " \
           "'*组织工作*' keeps 1 document, 003_8ab235683617fdde; * stands for any characters)"
    with pytest.raises(ValueError, match=r"^documents: " + want.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        search_sentences(seeded, "党建", documents=["组织工作"])
    with pytest.raises(ValueError) as exc:
        kept_documents(seeded, ["组织工作"])
    assert want in str(exc.value) and "000_" not in str(exc.value)
    for path, params in (("/sentences", {"q": "党建"}), ("/documents", {}), ("/analytics/central", {}),
                         ("/diffusion", {}), ("/programs/Body:组织部门/diffusion", {})):
        r = client.get(path, params={**params, "documents": "组织工作"})
        assert r.status_code == 400 and want in r.json()["detail"], (path, r.text)
    # a word no id or title holds, and a pattern with wildcards, still get some ids
    for pattern in ("四川", "zz*"):
        with pytest.raises(ValueError, match=r"\(ids such as 000_a8eebd8133074170, "):
            kept_documents(seeded, [pattern])


def test_a_straight_quote_inside_the_query_gets_a_hint(seeded):
    # 0 and no word before; which sentences match is unchanged (a straight quote inside is matched as written)
    r = search_sentences(seeded, '五星"支部')
    assert r["total"] == 0 and r["hint"] == ('a straight quote (") is matched as written and the texts write “…”: '
                                             "without it, 4 sentences hold '五星支部'; 4 hold '五星”支部'")
    r = search_sentences(seeded, '党"建')
    assert r["total"] == 0 and r["hint"].endswith(f"without it, {search_sentences(seeded, '党建')['total']} sentences "
                                                  "hold '党建'")
    assert "hint" not in search_sentences(seeded, '"五星"支部')  # a pair: curly, found


def test_the_command_line_prints_the_straight_quote_hint(seeded_embedded):
    r = CliRunner().invoke(main, ["--data-dir", str(seeded_embedded.data_dir), "sentences", '五星"支部'])
    assert r.exit_code == 0 and "without it, 4 sentences hold '五星支部'" in r.stderr
