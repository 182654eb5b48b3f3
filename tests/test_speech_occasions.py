"""The meeting a speech was given at, named as its occasion, is no Program (guide rule 8): a 2021 speech explaining a
resolution points to the anniversary meetings where the speaker summed up the party's history, and a 2019 compilation
of speeches closes each passage with its source line (（2014年5月9日在参加…专题民主生活会时的讲话）).  The sentences are
quoted from ``loaders/training/texts``; the tagger's spans are fixed by hand, as the fold models read them.
"""

from __future__ import annotations

from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import tokenize


def _settled(sentence: str, spans: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """``(label, name)`` that ``sentence`` settles to when the tagger tags the first occurrence of each ``(label,
    surface)`` of ``spans`` and reads every other token as uncertain (untagged rule candidates are weighed and kept)."""
    words = tokenize(sentence)
    tags = ["O"] * len(words)
    for label, surface in spans:
        s = sentence.index(surface)
        inside = [i for i, (_w, ws, we) in enumerate(words) if s <= ws and we <= s + len(surface)]
        for i in inside:
            tags[i] = ("B-" if i == inside[0] else "I-") + label
    settled = settle(read_spans(sentence, words, extract_sentence(sentence, words), tags), lambda _i: 0.0)
    return {(c.label, c.name) for c in settled}


def test_the_meetings_a_speaker_spoke_at_are_no_programs():
    # xi_jinping_bainian_fendou_jueyi_shuoming_2021: the fold model made each meeting (or its tail) a Program
    sentence = ("党的十八大以来，我在庆祝中国共产党成立九十五周年大会、庆祝中国人民解放军建军九十周年大会、"
                "庆祝中华人民共和国成立七十周年大会特别是庆祝中国共产党成立一百周年大会等重要会议上，"
                "对党的历史都作过总结和论述，体现了党中央对党的百年奋斗的新认识。")
    meetings = ["九十五周年大会", "庆祝中国人民解放军建军九十周年大会", "庆祝中华人民共和国成立七十周年大会", "一百周年大会"]
    settled = _settled(sentence, [("Program", m) for m in meetings])
    assert not any(label == "Program" for label, _n in settled), settled


def test_a_source_line_names_no_program():
    # xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019: the rules' 民主生活会 (a practice) was kept inside the span
    sentence = "（2014年5月9日在参加河南省兰考县委常委班子专题民主生活会时的讲话）"
    settled = _settled(sentence, [("Program", "河南省兰考县委常委班子专题民主生活会")])
    assert not any(label == "Program" for label, _n in settled), settled


def test_a_meeting_a_plan_holds_stays_a_program():
    # gwr2025-浙江 and a central opinion: meetings the document commits to, not the occasion of a speech
    from policykg.loaders.span_labels import speech_occasion

    sentence = "高水平办好世界浙商大会，推动浙商回归。"
    assert not speech_occasion(sentence, sentence.index("世界"), sentence.index("，"))
    sentence = "把开好民主生活会作为加强领导班子建设的重要措施。"
    s = sentence.index("民主生活会")
    assert not speech_occasion(sentence, s, s + 5)
