"""The rule extractors' faster computations give what the plain ones gave, on the sentences of real documents
(loaders/training/texts and the gwr reports' lines in order_texts): the trie of the organs of the centre
(:meth:`Lexicon.trie_alternation`), the ideologies looked up by a pair of characters (:func:`programs._whole_ideology`),
the short series' guard (:func:`programs._short_series`), the rules' token tags (:func:`combine.rule_tags`), the split
into stop words (:func:`walks.covered`), the sentences :func:`targets.target_clauses` skips and the tokens ending as an
organ or a hall does (:func:`bodies._ending_in`)."""

from __future__ import annotations

import re

from genre_texts import TEXTS
from order_texts import CONGRESS_TEXTS

from policykg.loaders.combine import rule_tags
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import _alternation, lexicon, tokenize
from policykg.loaders.outline import sentences
from policykg.loaders.rules import bodies, programs, targets, walks
from policykg.loaders.rules.common import Tokens, rules

#: real documents of three genres: a work report, central and local opinions, a local plan; the price opinion writes
#: a short series (水价、电价、气价制度)
_STEMS = ("gwr2025-上海", "anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022", "aba_zhengwu_shuju_2021",
          "zhongban_jiage_zhili_jizhi_yijian_2024", "zhongyang_guowuyuan_jigou_gaige_fangan_2023")


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for stem in _STEMS for p in TEXTS.glob(f"{stem}.txt")]
    texts += list(CONGRESS_TEXTS.values())
    assert len(texts) >= 5
    return [text[s.start:s.end] for text in texts for s in sentences(text, text)]


def test_the_trie_of_central_organs_matches_as_their_sorted_alternation():
    lx = lexicon()
    plain = re.compile(_alternation([w for k in ("central_organs", "central_enterprises") for w in lx.words("body", k)]))
    trie = lx.trie_alternation("body", "central_organs", "central_enterprises")
    # embedded where the engine backtracks into it (a name, optionally a second, then 的)
    wrap = "(?:{0})(?:{0})?的"
    plain2, trie2 = re.compile(wrap.format(plain.pattern)), re.compile(wrap.format(trie.pattern))
    found = 0
    for s in _sentences():
        assert [m.span() for m in trie.finditer(s)] == [m.span() for m in plain.finditer(s)], s
        assert [m.span() for m in trie2.finditer(s)] == [m.span() for m in plain2.finditer(s)], s
        found += len(plain.findall(s))
    assert found >= 10


def _plain_whole_ideology(sentence: str, start: int, anchor: int) -> int:
    for name in rules().ideologies:
        first = sentence.rfind(name, max(0, start - len(name) + 1), min(len(sentence), start + len(name) - 1))
        if 0 <= first < start < first + len(name) <= anchor:
            return first
    return start


def test_an_ideologys_name_is_found_from_a_pair_of_its_characters_as_by_trying_every_name():
    r = rules()
    index = programs._ideologies_holding(r.ideologies)
    assert all(name in index[name[i:i + 2]] for name in r.ideologies for i in range(len(name) - 1))
    moved = 0
    for s in _sentences():
        for start in range(len(s)):
            anchor = len(s)
            got = programs._whole_ideology(s, start, anchor, r)
            assert got == _plain_whole_ideology(s, start, anchor), (s, start)
            moved += got != start
    # 习近平新时代中国特色社会主义思想 and 邓小平理论 are written in the congress reports and the work report
    assert moved >= 20


def _plain_short_series(sentence: str, type_start: int) -> int | None:
    window = sentence[max(0, type_start - 24):type_start]
    for cut in range(len(window)):
        m = programs._SHORT_SERIES.fullmatch(window[cut:])
        if m is not None and len({it[-1] for it in m.group(1).split("、")}) == 1:
            return type_start - len(m.group(1))
    return None


def test_the_short_series_guard_finds_what_every_cut_found():
    hits = 0
    for s in _sentences():
        for end in range(len(s) + 1):
            got = programs._short_series(s, end)
            assert got == _plain_short_series(s, end), (s, end)
            hits += got is not None
    assert hits >= 1


def _plain_rule_tags(words, cands) -> list[str]:
    tags = ["O"] * len(words)
    spans = sorted((c.start, c.end, c.label) for c in cands if c.rule not in ("document-plan-nested", "title-inner"))
    for i, (_w, s, _e) in enumerate(words):
        for cs, ce, lab in spans:
            if cs <= s < ce:
                tags[i] = ("B-" if i == 0 or words[i - 1][1] < cs else "I-") + lab
                break
    return tags


def test_rule_tags_stop_at_the_first_span_past_the_token_as_reading_every_span():
    tagged = 0
    for s in _sentences():
        words = tokenize(s)
        cands = extract_sentence(s, words)
        tags = rule_tags(words, cands)
        assert tags == _plain_rule_tags(words, cands), s
        tagged += any(t != "O" for t in tags)
    assert tagged >= 100


def _plain_covered(text: str, words: frozenset[str]) -> bool:
    ok = [True] + [False] * len(text)
    for i in range(1, len(text) + 1):
        ok[i] = any(ok[j] and text[j:i] in words for j in range(max(0, i - 8), i))
    return ok[-1]


def test_covered_splits_the_openings_of_real_sentences_as_the_plain_search():
    stops = rules().stop_words
    split = 0
    for s in _sentences()[:400]:
        for k in range(1, min(len(s), 12) + 1):
            got = walks.covered.__wrapped__(s[:k], stops)
            assert got == _plain_covered(s[:k], stops), s[:k]
            split += got
    assert split >= 20


def test_target_clauses_skip_only_sentences_with_no_figure_or_quantity_word(monkeypatch):
    sents = _sentences()
    found = [targets.target_clauses(s) for s in sents]
    monkeypatch.setattr(targets, "_quantity_hint", lambda: re.compile(""))  # every sentence read, as before
    assert [targets.target_clauses(s) for s in sents] == found
    assert sum(map(len, found)) >= 50  # 上海's report sets its targets with figures


def test_tokens_ending_as_an_organ_or_hall_are_found_in_the_sentence_as_by_testing_each_token():
    organ_chars = {w[-1] for w in (*rules().organs, *rules().body_standalone, "委") if w}
    hall_chars = {w[-1] for w in lexicon().wordset("body", "halls")}
    ends = 0
    for s in _sentences():
        tokens = Tokens.of(s)
        for chars, pattern in ((organ_chars, bodies._body_last_chars()), (hall_chars, bodies._hall_words()[1])):
            got = bodies._ending_in(s, tokens, pattern)
            assert got == [i for i, (w, _s, _e) in enumerate(tokens.words) if w[-1:] in chars], s
            ends += len(got)
    assert ends >= 100
