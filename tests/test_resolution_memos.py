"""The memos and rewritten searches of entity resolution give what the plain computations give, on the names of a
real report: a count in digits (:func:`policykg.graph.resolution_keys._count_in_digits`), a key without a conjunction
(:func:`policykg.graph.entity_index._unjoined`), the longer keys holding a key (:func:`policykg.graph.part_merges._holders`)
and the short forms and typed forms the within-document merges compare."""

from __future__ import annotations

from itertools import accumulate
from pathlib import Path

import pytest

from policykg.graph.document_merges import _distributive_prefixes, _short_forms, _without_type_tail
from policykg.graph.entity_index import _unjoined
from policykg.graph.merging import resolution_words
from policykg.graph.part_merges import _SEPARATOR, _holders
from policykg.graph.resolution_keys import _COUNT, _count_in_digits, match_key
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

GWR = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gwr"


@pytest.fixture(scope="module")
def names() -> list[str]:
    """Every form of every entity extraction reads in two national reports (1998, 2021), and their texts' counts."""
    out = []
    for year in (1998, 2021):
        dg = build_document_graph(read_document(GWR / f"gwr-{year}.txt"))
        out += [f for e in dg.entities for f in e.forms()]
    return out


def test_a_count_in_digits_is_cn2ans_reading_of_it():
    import cn2an

    text = read_document(GWR / "gwr-2021.txt").text
    counts = {m.group(0) for m in _COUNT.finditer(text)}
    assert len(counts) > 10
    for count in sorted(counts):
        try:
            want = str(cn2an.cn2an(count, "smart"))
        except ValueError:
            want = count
        assert _count_in_digits(count) == want
        assert _count_in_digits(count) == want  # from the memo


def test_the_keys_without_a_conjunction_are_those_of_a_fresh_segmentation(names):
    keys = [match_key(n) for n in names]
    assert sum(bool(_unjoined.__wrapped__(k)) for k in keys) >= 3
    for k in keys:
        assert _unjoined(k) == _unjoined.__wrapped__(k)


def test_the_longer_keys_holding_a_key_are_those_a_loop_over_them_finds(names):
    keys = sorted(dict.fromkeys(match_key(n) for n in names), key=len, reverse=True)
    joined = _SEPARATOR.join(keys)
    starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))
    found = 0
    for i, short in enumerate(keys):
        want = [(j, at) for j in range(i) if (at := keys[j].find(short)) >= 0]
        assert _holders(keys, starts, joined, i) == want
        found += len(want)
    assert found > 50
    # a key holding the separator is looked for one key at a time: no match across two keys
    odd = ["保障体系", "社会" + _SEPARATOR + "保障", "会"]
    assert _holders(odd, [0, 5, 11], _SEPARATOR.join(odd), 2) == [(1, 1)]


def test_the_short_and_untyped_forms_are_those_of_every_prefix_and_tail_tried(names):
    for label in ("Body", "Program", "Goal"):
        prefixes, tails = _distributive_prefixes(label), resolution_words(label, "type_tails")
        for name in names:
            forms = _short_forms(label, name, None)
            assert [f for f in forms if any(name == p + f for p in prefixes)] == \
                [name[len(p):] for p in prefixes if name.startswith(p) and len(name) - len(p) >= 2]
            tail = next((t for t in tails if name.endswith(t)), None)
            assert _without_type_tail(name, tails) == (
                name[:-len(tail)] if tail is not None and len(name) - len(tail) >= 2 else None)
