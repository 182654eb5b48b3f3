"""Short unpunctuated lines that are no headings, on the annotated texts: a formula a rule of assessment computes a
score by (a review, session 61, found one a section of level 1 that took the items after it from their heading)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.outline import outline
from policykg.loaders.read import read_document

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def test_a_formula_heads_no_section_and_the_items_after_it_stay_under_their_heading():
    # 包头's 数字政府建设考评办法: under 三、考评方式, （一） then two lines of formulas, then （二）-（四）
    doc = read_document(TEXTS / "baotou_shuzi_zhengfu_kaoping_2022.txt")
    secs = outline(doc.id, doc.text, doc.title)
    by_id = {s.id: s for s in secs}
    assert not any("考评分值=" in s.heading for s in secs)
    method = next(s for s in secs if s.number == "三")
    assert [s.number for s in secs if s.parent_id == method.id] == ["（一）", "（二）", "（三）", "（四）"]
    first = next(s for s in secs if s.parent_id == method.id)
    assert "年度考评分值=（上半年考评分值+下半年考评分值）÷2" in doc.text[first.start:first.end]
    assert by_id[first.parent_id].heading == "考评方式"


def test_names_that_write_plus_or_times_are_no_formulas():
    from policykg.loaders.outline import formula_line

    assert formula_line("年度考评分值=（上半年考评分值+下半年考评分值）÷2")
    # 安徽's plan, 湖南's 2025 report
    assert not formula_line("专栏7  5G＋工业互联网融合应用工程") and not formula_line("“4×4”现代化产业体系")


def _headings(name: str) -> tuple[str, list]:
    doc = read_document(TEXTS / name)
    return doc.text, outline(doc.id, doc.text, doc.title)


def test_the_speaker_over_a_reports_opening_address_heads_no_section():
    # guowuyuan_zhengfu_gongzuo_baogao_2021 (as gwr-2017 and gwr-2021 of corpus/gwr): the speaker's line has no space
    # after the post, and 国务院总理李克强 had headed 各位代表： and the opening paragraph
    text, secs = _headings("guowuyuan_zhengfu_gongzuo_baogao_2021.txt")
    assert "国务院总理李克强" in text and not any("李克强" in s.heading for s in secs)
    assert "各位代表：" in text[secs[0].start:secs[0].end]  # the opening stays in the preamble
    # gwr2025-新疆 (training text; corpus/gwr2025's .docx reads the same): a name of two parts joined by ·
    text, secs = _headings("gwr2025-新疆.txt")
    assert "自治区主席 艾尔肯·吐尼亚孜" in text and not any("艾尔肯" in s.heading for s in secs)


def test_the_title_lines_and_a_letter_spaced_speaker_over_同志们_head_no_section():
    # the opening of cpc-congress-20 (corpus/gwr), as published
    text = ("高举中国特色社会主义伟大旗帜\n为全面建设社会主义现代化国家而团结奋斗\n——在中国共产党第二十次全国代表大会上的报告\n"
            "（2022年10月16日）\n习　近　平\n同志们：\n现在，我代表第十九届中央委员会向大会作报告。\n"
            "一、过去五年的工作和新时代十年的伟大变革\n十九大以来的五年，是极不寻常、极不平凡的五年。\n")
    secs = outline("Document:cpc-congress-20", text, "高举中国特色社会主义伟大旗帜")
    assert [s.heading for s in secs] == ["（导语）", "过去五年的工作和新时代十年的伟大变革"]


def test_a_note_in_brackets_heads_no_section():
    # xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019: each excerpt closes with the date of its speech in brackets,
    # which had headed the next excerpt (15 of them)
    text, secs = _headings("xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019.txt")
    assert "（2013年12月10日在中央经济工作会议上的讲话）" in text
    assert not any(s.heading.startswith("（") and s.heading.endswith("的讲话）") for s in secs)
    # zhongyang_guojia_jiguan_dangjian_yijian_2019: （2019年2月印发） under the title had headed the opening paragraph
    text, secs = _headings("zhongyang_guojia_jiguan_dangjian_yijian_2019.txt")
    assert "（2019年2月印发）" in text and not any("印发" in s.heading for s in secs)
    assert "中央和国家机关在党和国家治理体系中处于特殊重要位置" in text[secs[0].start:secs[0].end]


def test_the_publisher_on_the_last_line_heads_no_section():
    # the close of texts-b's chongqing_yanglao_rencai_shishi_fangan_2024, as published
    text = ("四、保障措施\n（四）开展宣传引导。充分发挥新闻媒体的舆论导向作用，加强养老服务人才政策解读。\n"
            "（五）强化督促指导。建立养老服务人才队伍建设工作督导制度，完善方案落实情况跟踪评估机制。\n重庆市民政局发布\n")
    secs = outline("Document:chongqing_yanglao_rencai_shishi_fangan_2024", text, None)
    assert [s.heading for s in secs][-1] == "强化督促指导。"
    assert text[secs[-1].start:secs[-1].end].rstrip().endswith("重庆市民政局发布")


def test_a_heading_wrapped_over_two_lines_is_read_whole():
    # gwr2025-重庆 (training text; corpus/gwr2025's .docx reads the same): 三、持续提升政府 / 治理效能和服务水平
    text, secs = _headings("gwr2025-重庆.txt")
    third = next(s for s in secs if s.number == "三")
    assert third.heading == "持续提升政府治理效能和服务水平"
    assert not any(s.heading == "治理效能和服务水平" for s in secs)
    assert text[third.start:third.end].split("\n")[2].startswith("人民满意是衡量政府工作的根本标准")
    # party_cms_jiceng_dangjian_dongtai_2025: a news report's subheads of two phrases, each set over two lines
    text, secs = _headings("party_cms_jiceng_dangjian_dongtai_2025.txt")
    heads = [s.heading for s in secs]
    assert "一网格一支部四级组织一贯到底" in heads and "四级组织一贯到底" not in heads
    assert "服务在前解民忧“小板凳”下沉一线" in heads


def test_an_item_under_a_heading_is_no_second_half_of_it():
    # cpc-congress-1-guangzhou (corpus/gwr): ① opens an item under 3．成立工人学校, no wrapped line
    text = ("3．成立工人学校\n①工会学校\n成立这类学校的计划是：要求所有的工会各派两名代表，每周到学校来两三次。\n"
            "②工人夜校\n目前，只有一所学校是由我们的同志直接领导的。\n")
    secs = outline("Document:cpc-congress-1-guangzhou", text, None)
    assert [s.heading for s in secs[1:]] == ["成立工人学校", "①工会学校", "②工人夜校"]
