"""What a tagged span becomes: where it starts, and when its label is overruled.

The sentences are real: from the 2025 provincial work reports of the precision samples
(``loaders/training/precision/gwr2025-programs-sample-*.md``, sentences quoted as the reports give them).
The tags are those a fitted model gave on the report; the span rules must hold whatever model tags it.
"""

from __future__ import annotations

import pytest

from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import tokenize

# gwr2025-广东 (precision sample of seed 20261210, #80: the model tagged 的新平台 as a Program)
GUANGDONG = ("“澳门+横琴”正在成为丰富“一国两制”实践的新示范、推动粤港澳大湾区建设的新高地、"
             "实现国家高水平对外开放的新平台。")


def _tagged(sentence: str, span: str, label: str = "Program"):
    words = tokenize(sentence)
    start = sentence.index(span)
    tags = ["O"] * len(words)
    inside = [i for i, (_w, s, e) in enumerate(words) if start <= s and e <= start + len(span)]
    tags[inside[0]] = "B-" + label
    for i in inside[1:]:
        tags[i] = "I-" + label
    return settle(read_spans(sentence, words, extract_sentence(sentence, words), tags), None)


def test_a_tagged_span_does_not_open_with_the_attributive_particle():
    names = [c.name for c in _tagged(GUANGDONG, "的新平台")]
    assert "的新平台" not in names and "新平台" in names


# gwr2025-江苏 (precision sample of seed 20261210, #39: tagged as a Program); gwr2025-黑龙江 (bundled)
JIANGSU = "深化平安江苏和法治江苏建设，扎实开展安全生产治本攻坚三年行动、燃气安全等“一件事”全链条治理。"
HEILONGJIANG = "平安龙江建设深入推进，信访总量件次、人次分别下降40.5%、36.6%。"


@pytest.mark.parametrize(("sentence", "span"), [(JIANGSU, "平安江苏和法治江苏建设"), (HEILONGJIANG, "平安龙江建设")])
def test_a_quality_of_a_place_is_a_goal_even_where_tagged_as_a_program(sentence, span):
    # guide rule 12: 平安中国, 法治中国, 健康中国 name the end-state a place builds toward
    assert [c.label for c in _tagged(sentence, span) if c.name == span] == ["Goal"]


def test_a_quality_of_a_natural_feature_is_no_place_end_state():
    # gwr2025-黑龙江 (bundled): 美丽河湖 is a program of river works in the adjudicated documents
    # (jieba tags 河湖 as a place)
    sentence = "建成一批省级“美丽河湖”。"
    assert [c.label for c in _tagged(sentence, "美丽河湖") if c.name == "美丽河湖"] == ["Program"]
