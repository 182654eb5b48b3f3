"""Where a tagged span starts: particles and quotation marks at its edge.

The sentences are real: from the 2025 provincial work reports of the precision samples
(``loaders/training/precision/gwr2025-programs-sample-*.md``, sentences quoted as the reports give them).
The tags are those a fitted model gave on the report; the span rules must hold whatever model tags it.
"""

from __future__ import annotations

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
