"""Latin letters match regardless of case in the name search and the sentence search, on every store alike
(``policykg sentences gdp`` found none of the sentences GDP finds, ``policykg search ai`` nothing: a walkthrough)."""

from __future__ import annotations

import pytest

from policykg.graph.concordance import search_sentences
from policykg.graph.search import find_entities


@pytest.mark.parametrize(("typed", "written"), [("5a党员", "5A党员"), ("XX英才", "xx英才"), ("n类", "N类"),
                                                ("“5a党员”", "“5A党员”")])
def test_sentence_search_ignores_the_case_of_ascii_letters(seeded, typed, written):
    as_written = search_sentences(seeded, written, limit=10_000)
    other_case = search_sentences(seeded, typed, limit=10_000)
    assert as_written["total"] > 0
    assert other_case["total"] == as_written["total"]
    assert [(h["doc_id"], h["start"], h["end"], h["match"]) for h in other_case["hits"]] == \
        [(h["doc_id"], h["start"], h["end"], h["match"]) for h in as_written["hits"]]
    assert all(h["match"].lower() == typed.lower() for h in other_case["hits"])  # quoted as written


def test_sentence_search_of_one_or_two_letters_ignores_case(seeded):
    # two characters take the bigram table, one the scan: both fold case alike
    assert search_sentences(seeded, "xX", limit=10_000)["total"] == search_sentences(seeded, "xx", limit=10_000)["total"] > 0
    assert search_sentences(seeded, "n", limit=10_000)["total"] == search_sentences(seeded, "N", limit=10_000)["total"] > 0


@pytest.mark.parametrize(("typed", "found"), [("5a", "Program:5A党员示范选树行动"), ("5a党员", "Program:5A党员示范选树行动"),
                                              ("XX英才薪火", "Program:xx英才薪火工程"), ("2+n", "Program:1+1+1+2+N志愿服务体系")])
def test_name_search_ignores_the_case_of_letters(seeded, typed, found):
    hits = [h["id"] for h in seeded.search(typed)]
    assert found in hits
    assert hits == [h["id"] for h in seeded.search(typed.swapcase())]


def test_api_search_and_sentences_ignore_case(client):
    assert "Program:5A党员示范选树行动" in [h["id"] for h in client.get("/search", params={"q": "5a党员"}).json()]
    assert client.get("/sentences", params={"q": "5a党员"}).json()["total"] == 1


def test_an_exact_name_typed_in_another_case_is_still_found_not_similar(seeded):
    hits = find_entities(seeded, "xx英才归雁工程".upper())
    assert hits and hits[0]["id"] == "Program:xx英才归雁工程" and "match" not in hits[0]
