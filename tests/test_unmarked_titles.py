"""Cited documents written without title marks (guide: Document; rule 10, "titled plans, laws and regulations are
Documents"): plans named by their field and 建设规划 / 工作规划, a plan's period inside its title, each unit's own plan
(no title), the document's own title with its period, and an instrument named by its issuer and kind; and titles in
marks listed together.  The sentences
are quoted from ``loaders/training/texts`` and ``../shared/texts-b``.
"""

from __future__ import annotations

from pathlib import Path

from test_genre_documents import _read_as_program

from policykg.graph.names import match_key
from policykg.loaders.combine import read_spans, settle
from policykg.loaders.extract import extract_sentence
from policykg.loaders.lexicon import tokenize
from policykg.loaders.rules.documents import own_title, own_title_keys

TEXTS_B = Path(__file__).resolve().parents[1] / ".." / "shared" / "texts-b"


def _documents(sentence: str) -> set[str]:
    return {c.name for c in extract_sentence(sentence) if c.label == "Document"}


def test_a_plan_of_building_or_of_work_in_a_field_is_a_document():
    # zhongban_zhengxie_dangjian_yijian_2018 and zhongban_nongcun_dangyuan_yuancheng_jiaoyu_yijian_2007
    assert "党的建设工作规划" in _documents("要认真研究制定党的建设工作规划和年度计划，加强督促检查，严格考核评价。")
    assert "教学资源建设规划" in _documents("科学制定教学资源建设规划，培植教学资源建设基地，丰富教学资源内容和形式，"
                                            "提高教学资源建设规模化和专业化水平。")


def test_a_plans_period_stays_in_its_title():
    # zhongyang_jiwei_shibada_gongzuo_baogao_2012: the dash of 2013—2017年 stopped the title at 2017年工作规划
    names = _documents("结合制定落实惩治和预防腐败体系2013—2017年工作规划，建立健全反腐倡廉各项制度，"
                       "不断完善内容科学、程序严密、配套完备、有效管用的反腐倡廉制度体系。")
    assert "预防腐败体系2013—2017年工作规划" in names, names


def test_a_units_own_plan_is_no_title():
    # zhongyang_chuangxian_zhengyou_huodong_yijian_2010: each organisation's plan of development, none titled
    names = _documents("推动科学发展，就是要求基层党组织认真履行职责，切实贯彻落实党的路线方针政策以及本单位科学发展规划、"
                       "思路、举措；党员以模范行动影响和带领广大群众努力完成各项工作任务。")
    assert not any("科学发展规划" in n for n in names), names


def test_the_documents_own_title_with_its_period_is_no_citation():
    # shared texts-b central_dangyuan_jiaoyu_peixun_guihua_2024_2028: its first line is its own title
    text = (TEXTS_B / "central_dangyuan_jiaoyu_peixun_guihua_2024_2028.txt").read_text(encoding="utf-8")
    assert own_title(match_key("全国党员教育培训工作规划"), own_title_keys(None, text))
    assert not own_title(match_key("干部教育培训规划"), own_title_keys(None, text))


def test_an_instrument_named_by_its_issuer_and_kind_is_a_document():
    # gwr2025-北京 and gwr2025-黑龙江 (training): the reform decision of the centre and the committees' own rules
    assert {"中央改革决定", "市委实施意见"} <= _documents(
        "全面贯彻落实中央改革决定和市委实施意见，加快推动标志性改革举措落地见效，进一步增强高质量发展内生动力。")
    assert "省委若干规定" in _documents("严格落实中央八项规定及其实施细则精神和省委若干规定，持续纠治“四风”。")
    # the centre deciding is no title (zhongban_nongcun_dangyuan_yuancheng_jiaoyu_yijian_2007)
    assert not _documents("中央决定，全国农村党员干部现代远程教育试点工作领导协调小组更名为全国农村党员干部现代远程教育"
                          "工作领导协调小组，负责领导、指导和协调全国农村党员干部现代远程教育工作。")


def test_a_plan_named_by_its_kind_that_the_tagger_reads_as_a_program_is_a_document():
    # gwr2025-新疆 (training): the reform plan the state approved is an instrument; the fold model typed it a Program
    sentence = "“一揽子”推动中小金融机构改革化险和转型发展，新疆农信统一法人改革方案获国家批准。"
    assert ("Document", "新疆农信统一法人改革方案") in _read_as_program(sentence, "新疆农信统一法人改革方案")
    # gwr2025-山东 (training): a package of measures the province carries out stays a Program
    sentence = "实施一揽子化债方案，用好置换存量隐性债务等政策，健全债务管控长效机制，兜牢基层“三保”底线。"
    assert ("Program", "一揽子化债方案") in _read_as_program(sentence, "一揽子化债方案")


def _settled_names(sentence: str, dropped: str, upto: str) -> set[str]:
    """The names settled when the tagger tags nothing and is sure the words from ``dropped`` up to ``upto`` are no
    mention (p(O) 0.99; 0.5 elsewhere)."""
    words = tokenize(sentence)
    s, e = sentence.index(dropped), sentence.index(upto)
    reading = read_spans(sentence, words, extract_sentence(sentence, words), ["O"] * len(words))
    return {c.name for c in settle(reading, lambda i: 0.99 if s <= words[i][1] < e else 0.5)}


def test_a_title_in_marks_listed_beside_a_kept_one_is_kept():
    # shared texts-b central_dangyuan_jiaoyu_peixun_guihua_2024_2028: a fold model kept the second and third books
    # and dropped the first as surely no mention
    sentence = ("党员要读原著、学原文、悟原理，学习《习近平著作选读》、《习近平谈治国理政》、《习近平新时代中国特色社会主义思想"
                "专题摘编》等重要著作，跟进学习习近平总书记最新重要讲话和重要论述，切实用党的创新理论凝心铸魂。")
    names = _settled_names(sentence, "《习近平著作选读》", "、《习近平谈治国理政》")
    assert {"习近平著作选读", "习近平谈治国理政"} <= names, names
    # guangzhou_minzhu_fazhi_jianshe_shishi_yijian_2012: programmes and websites listed as platforms, no list of titles
    sentence = "通过《羊城论坛》、《政协委员之声》、广州人大网、广州政协网、大洋网等平台，拓宽群众知情知政、表达民意的渠道。"
    assert "政协委员之声" not in _settled_names(sentence, "《政协委员之声》", "、广州人大网")
