"""Names that are no Program where they stand (guide rule 8): the meeting a speech was given at, named as its occasion
(a 2021 speech explaining a resolution points to the anniversary meetings where the speaker summed up the party's
history, and a 2019 compilation of speeches closes each passage with its source line: （2014年5月9日在参加…专题民主生活会
时的讲话）), a quoted malpractice the sentence prevents (防止干部“带病上岗”、“带病提拔”), and the rank of an institution
(根本制度, 基础性工程); nor is the organ of a numbered session named with it a Body (中共十八届中央纪委三次全会).
The sentences are quoted from ``loaders/training/texts`` and the 2025 reports of 重庆 and 吉林; the tagger's spans are
fixed by hand, as the fold models read them.
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


def test_a_quoted_malpractice_the_sentence_prevents_is_no_program():
    # zhongyang_jiwei_shibada_gongzuo_baogao_2012: the fold model made both malpractices Programs serving 选人用人公信度
    sentence = ("加强对干部选拔任用工作的监督，深入整治跑官要官、买官卖官、拉票贿选等问题，防止干部“带病上岗”、“带病提拔”，"
                "坚决遏制选人用人上的不正之风，不断提高选人用人公信度。")
    settled = _settled(sentence, [("Program", "“带病上岗”"), ("Program", "“带病提拔”")])
    assert not any(label == "Program" for label, _n in settled), settled
    # 重庆's and 吉林's 2025 reports: a list of quoted malpractices after one verb
    settled = _settled("加强重大政策、重大项目事前评估，坚决杜绝“形象工程”“面子工程”。", [("Program", "“面子工程”")])
    assert ("Program", "面子工程") not in settled
    sentence = "牢固树立和践行正确政绩观，坚决纠正“避责式履职”“作秀式执行”，切实为基层减负。"
    settled = _settled(sentence, [("Program", "作秀式执行")])
    assert ("Program", "作秀式执行") not in settled


def test_the_action_a_campaign_and_a_counted_formula_stay_programs():
    from policykg.loaders.span_labels import malpractice

    # the action named with its verb (纠治“四风”, a gold Program of the 2022 discipline report), a counted formula, a
    # campaign's list (湖南's 2025 report)
    sentence = "坚持以严的基调强化正风肃纪，推动纠治“四风”常态化长效化。"
    s = sentence.index("纠治")
    assert not malpractice(sentence, s, s + 6)
    assert not malpractice(sentence, s + 2, s + 6)
    sentence = "常态化开展扫黑除恶、打击整治非法宗教和“利剑护蕾”“清源断流”等专项行动。"
    s = sentence.index("“清源断流”")
    assert not malpractice(sentence, s, s + 6)


def test_the_rank_of_an_institution_is_no_program():
    # xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019 and the 2012 discipline report: the fold models read each rank as
    # a Program
    sentence = "党的领导制度是我国的根本领导制度。"
    assert ("Program", "根本领导制度") not in _settled(sentence, [("Program", "根本领导制度")])
    sentence = "把加强纪检监察机关自身建设作为基础性工程来抓，深入开展学习实践科学发展观活动。"
    assert ("Program", "基础性工程") not in _settled(sentence, [("Program", "基础性工程")])
    # a name holding a rank stays (完善商品房相关基础性制度: a gold Program of the 2024 national report)
    sentence = "加大保障性住房建设和供给，完善商品房相关基础性制度，满足居民刚性住房需求和多样化改善性住房需求。"
    assert ("Program", "商品房相关基础性制度") in _settled(sentence, [("Program", "商品房相关基础性制度")])


def test_the_organ_of_a_numbered_session_is_no_body():
    # the 2019 compilation's source line: the fold model read 中共十八届中央纪委 as a Body
    sentence = "（2014年1月14日在中共十八届中央纪委三次全会上的讲话）"
    settled = _settled(sentence, [("Body", "中共十八届中央纪委")])
    assert not any(label == "Body" for label, _n in settled), settled
    # the plenary as the organ reported to, with no session's number, stays (hu_jintao_shiqida_baogao 2007)
    from policykg.loaders.span_labels import session_convener

    sentence = "建立健全中央政治局向中央委员会全体会议、地方各级党委常委会向委员会全体会议定期报告工作并接受监督的制度。"
    s = sentence.index("中央委员会")
    assert not session_convener(sentence, s, s + 5)


def test_the_supervision_a_government_accepts_is_no_program():
    # gwr2025-贵州 and gwr2025-青海 (held-out; precision samples 20261239-20261242): the fold model made the channels
    # of supervision the government submits to Programs
    sentence = ("严格执行人大及其常委会决议决定，认真办理人大代表建议和政协委员提案，"
                "自觉接受人大监督、民主监督、审计监督、群众监督、舆论监督等各方面监督，强化依法行政。")
    settled = _settled(sentence, [("Program", "民主监督"), ("Program", "审计监督"), ("Program", "群众监督")])
    assert not any(label == "Program" for label, _n in settled), settled
    sentence = "主动接受监察监督、司法监督、群众监督、舆论监督，强化审计、统计监督和结果运用。"
    settled = _settled(sentence, [("Program", "司法监督"), ("Program", "舆论监督")])
    assert not any(label == "Program" for label, _n in settled), settled


def test_supervision_named_as_work_to_do_is_left_alone():
    # gwr2025-广西 and zhongyang_renmin_zhengxie_gongzuo_yijian_2006: the channel is the work, not what is accepted
    from policykg.loaders.span_labels import accepted_supervision

    sentence = "加强审计监督、统计监督、财会监督，持续抓好问题整改。"
    s = sentence.index("审计监督")
    assert not accepted_supervision(sentence, s, s + 4)
    sentence = "要完善民主监督机制，在知情环节、沟通环节、反馈环节上建立健全制度，畅通民主监督的渠道。"
    s = sentence.index("民主监督机制")
    assert not accepted_supervision(sentence, s, s + 6)
