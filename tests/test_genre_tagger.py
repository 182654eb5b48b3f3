"""The tagger on held-out genres, the projection of gold onto training text, explain and the tokenizer.
"""

from __future__ import annotations

from genre_texts import TEXTS, TRAINING, document_graph

from policykg.loaders.explain import explain_document, format_explanation
from policykg.loaders.lexicon import reference_tokenizer, tokenize, tokenizer
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.tagger import spans_from_tags
from policykg.loaders.train import annotated_documents, project_gold, token_labels

# ---------------------------------------------------------------- the tagger on held-out genres


# From the 2025 work report of 上海 (shared corpus/gwr2025), a province no model was fitted on.
_SHANGHAI = """二、2025年主要目标任务
综合各方面因素，建议今年全市经济社会发展的主要预期目标是：全市生产总值增长5%左右，地方一般公共预算收入增长2%，\
全社会研发经费支出相当于全市生产总值的比例达到4.5%左右。
稳增长持续用力加力。完善经济运行调度机制，积极落实国家出台的“两新”、“两重”等增量政策，建立招商和服务一体化推进机制。
"""


def test_a_held_out_work_report_gives_targets_and_action_formulae(tmp_path):
    path = tmp_path / "gwr2025-上海-excerpt.txt"
    path.write_text(_SHANGHAI.replace("\\\n", ""), encoding="utf-8")
    found = {(e.label, e.name) for e in build_document_graph(read_document(path)).entities}
    assert {("Goal", "全市生产总值增长5%左右"), ("Goal", "地方一般公共预算收入增长2%")} <= found
    assert {("Program", "两新"), ("Program", "两重")} <= found  # action formulae (guide rules 4, 12)
    assert ("Program", "经济运行调度机制") in found


def test_rules_alone_remain_available():
    with_tagger = {e.name for e in document_graph("central_gaoxiao_biyesheng_jiuye_yijian_2024").entities}
    rules = {e.name for e in document_graph("central_gaoxiao_biyesheng_jiuye_yijian_2024", model="").entities}
    assert rules and with_tagger != rules


def test_spans_from_bio_tags():
    spans = spans_from_tags(["O", "B-Program", "I-Program", "B-Goal", "I-Body", "O", "I-Goal"])
    assert [(s.label, s.first, s.last) for s in spans] == [("Program", 1, 2), ("Goal", 3, 3), ("Body", 4, 4),
                                                           ("Goal", 6, 6)]


def test_spans_from_bioes_tags():
    # E- closes a span and S- is one token: two names side by side stay two (“全岗通”工作机制 企业)
    spans = spans_from_tags(["S-Body", "S-Body", "B-Program", "I-Program", "E-Program", "E-Program", "O",
                             "I-Goal", "E-Goal", "S-Goal"])
    assert [(s.label, s.first, s.last) for s in spans] == [("Body", 0, 0), ("Body", 1, 1), ("Program", 2, 4),
                                                           ("Program", 5, 5), ("Goal", 7, 8), ("Goal", 9, 9)]


# ---------------------------------------------------------------- training data


def test_gold_forms_are_projected_onto_the_text_with_quotes_and_token_boundaries():
    text = "持续开展“社区工作法”典型案例征集，推行“全岗通”工作机制，企业家和企业共同参与。"
    gold = [{"kind": "entity", "type": "Program", "name": "全岗通工作机制", "aliases": ["全岗通"]},
            {"kind": "entity", "type": "Program", "name": "社区工作法", "aliases": []},
            {"kind": "entity", "type": "Body", "name": "企业", "aliases": []}]
    tokens = tokenize(text)
    spans = project_gold(text, gold, {s for _, s, _ in tokens}, {e for _, _, e in tokens})
    surfaces = [(text[s:e], lab) for s, e, lab in spans]
    assert ("“全岗通”工作机制", "Program") in surfaces
    assert ("社区工作法", "Program") in surfaces  # a wholly quoted name: the marks stay outside
    assert ("企业", "Body") in surfaces and surfaces.count(("企业", "Body")) == 1  # not inside 企业家
    labels = token_labels(tokens, spans)
    words = [w for w, _, _ in tokens]
    assert labels[words.index("企业家")] == "O"
    # BIOES: a name's last token has its own tag, a one-token name its own
    assert labels[words.index("工作法")] == "E-Program" and labels[words.index("工作机制")] == "E-Program"
    assert labels[words.index("社区")] == "B-Program" and labels[words.index("岗")] == "I-Program"
    assert labels[len(words) - 1 - words[::-1].index("企业")] == "S-Body"


def test_every_bundled_annotation_has_its_text_and_parses():
    docs = annotated_documents([(TEXTS, TRAINING / "gold")])
    assert len(docs) >= 7
    for d in docs:
        ents = [r for r in d.gold if r["kind"] == "entity"]
        assert ents, d.stem
        names = {r["name"] for r in ents}
        for r in d.gold:
            if r["kind"] == "relation" and r["type"] != "CITES":
                assert r["source"] in names and r["target"] in names, (d.stem, r)


# ---------------------------------------------------------------- explain and the tokenizer


def test_explain_names_the_rule_and_the_verdict_of_each_span():
    doc = read_document(TEXTS / "central_shequ_gongzuozhe_yijian_2024.txt")
    lines = list(format_explanation(explain_document(doc)))
    assert any("goal-gazetteer" in line or "quote-principle" in line for line in lines)
    assert any("blocked: overlaps" in line for line in lines)
    assert any("model: " in line for line in lines)
    rules_only = list(format_explanation(explain_document(doc, model="")))
    assert not any("model: " in line for line in rules_only)
    # the steps that read the whole document's outline show their spans too: 广东's list of the year's projects
    lines = list(format_explanation(explain_document(read_document(TEXTS / "gwr2025-广东.txt"))))
    assert any("service-list-whole" in line and "省十件民生实事" in line for line in lines)
    assert any("service-list-item" in line and "提升困难群众兜底保障和关爱服务水平" in line for line in lines)


def test_explain_gives_each_span_its_verdicts_in_order_on_one_line():
    # a rule's candidate is judged by the rules, then by the tagger's reading: one line says both, the last final
    lines = list(format_explanation(explain_document(read_document(TEXTS / "gwr2025-河南.txt"))))
    span = [line for line in lines if "中原科技城国家级科研平台" in line and "program-type-word" in line]
    assert len(span) == 1
    assert span[0].endswith("program-type-word      kept → model: dropped")


def test_fast_tokenizer_gives_jiebas_tokens_exactly():
    """jieba-next with the user dictionary, and the project's cut over its route, give jieba's tokens
    (same dictionary, no HMM) on the training texts, the bundled samples and, when ``../shared`` is
    there, a government work report of the gwr corpus."""
    gwr = TRAINING.parents[2] / "shared" / "corpus" / "gwr" / "gwr-2019.txt"
    paths = [*sorted(TEXTS.glob("*.txt")), *sorted((TRAINING.parents[1] / "examples").glob("*.txt")),
             *([gwr] if gwr.exists() else [])]
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    jieba_tokens = list(reference_tokenizer().tokenize(text, HMM=False))
    assert list(tokenizer().tokenize(text, HMM=False)) == jieba_tokens
    assert tokenize(text) == jieba_tokens
    assert len(jieba_tokens) > 100_000
