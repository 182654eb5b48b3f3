"""Sentence search answers that were silent or unhelpful (a researcher walkthrough, session 64): a --doc outside the
--documents patterns (0 sentences), a bare word given as a pattern (the first ids alphabetically suggested, for every
``documents=``), a straight double quote inside the query (0 sentences, no hint)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph.concordance import search_sentences

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

