"""A document's title and year read from the layout an official document (公文) is issued in, and a work report's year
read from what it reviews and plans, on openings written as such documents are.

A user's walkthrough found a city's notice titled by its masthead (…文件), its title wrapped over two lines cut to the
first, no year read beside its document number 〔2024〕 and its date line, and a citation of its own title; the national
work report of 2025 under a neutral file name dated 2024 by its heading 一、2024年工作回顾, and the full-width years of
older reports (１９８４年) not read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.names import match_key
from policykg.loaders.metadata import find_title, find_year, opening_title
from policykg.loaders.official_layout import number_line, number_year
from policykg.loaders.outline import outline
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.rules.documents import own_title, own_title_keys

TITLE = "关于印发某某市优化营商环境三年行动方案的通知"
# a city government office's notice as issued: masthead, number, issuer, title, addressee, the handing-over sentence,
# signature and date, then the plan it issues
NOTICE = """某某市人民政府办公室文件
某政办发〔2024〕12号
某某市人民政府办公室
关于印发某某市优化营商环境三年行动方案的通知
各区人民政府，市政府各部门，各有关单位：
《某某市优化营商环境三年行动方案》已经市政府第36次常务会议审议通过，现印发给你们，请结合实际认真组织实施。
某某市人民政府办公室
2024年5月20日
某某市优化营商环境三年行动方案
为深入贯彻《优化营商环境条例》，持续打造市场化、法治化、国际化一流营商环境，结合我市实际，制定本方案。
一、总体要求
到2026年，全市政务服务事项全程网办率达到95%以上，企业开办时间压减至1个工作日以内，营商环境便利度进入全省前列。
二、重点任务
（一）深化“一网通办”改革。推行企业开办、项目审批“一件事”集成服务，市政务服务数据管理局牵头，各区人民政府负责。
（二）落实公平竞争审查制度。全面清理妨碍统一市场和公平竞争的规定和做法，市市场监管局负责。
（三）优化涉企执法。推行包容审慎监管，制定轻微违法行为免罚清单，市司法局牵头。
"""
# the same notice with its title set over two lines, and its plan (no 附件) left out
WRAPPED = """某某市人民政府办公室文件
某政办发〔2024〕12号
关于印发某某市优化营商环境
三年行动方案的通知
各区人民政府，市政府各部门：
现将《某某市优化营商环境三年行动方案》印发给你们，请认真贯彻落实。
某某市人民政府办公室
2024年5月20日
"""
# a national work report with no title line, as a file of its text alone gives it
REPORT = """各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。
一、2024年工作回顾
过去一年，我国经济运行总体平稳、稳中有进，全年国内生产总值增长5%，城镇新增就业1256万人。
二、2025年经济社会发展总体要求和政策取向
今年发展的主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右。
"""


def test_a_notice_in_the_official_layout_is_titled_by_its_title_lines_not_its_masthead(tmp_path: Path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == TITLE
    # the document number's 〔2024〕 (the date line stands mid-text, above the plan the notice carries)
    assert doc.year == 2024


def test_a_notice_cites_neither_its_own_title_nor_the_instrument_it_issues(tmp_path: Path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    doc = read_document(path)
    documents = {e.name for e in build_document_graph(doc).entities if e.label == "Document"}
    assert not {name for name in documents if "印发" in name or name.startswith("某某市优化营商环境")}
    assert "优化营商环境条例" in documents  # what the plan cites stays cited
    # the head of the title, 关于印发 and what it issues, is the document's own (the tagger may read it as a title)
    assert own_title(match_key("关于印发某某市优化营商环境三年行动方案"), own_title_keys(TITLE, NOTICE))


def test_a_title_wrapped_over_two_lines_is_read_whole():
    assert find_title(WRAPPED) == TITLE
    assert find_year(WRAPPED, find_title(WRAPPED) or "", "notice") == 2024
    # nor only under a masthead: a text that opens with a title set over two lines
    opinion = ("关于进一步加强某某市社区居家养老服务\n设施建设的实施意见\n各区县民政局：\n"
               "为加快补齐社区养老服务设施短板，现提出如下实施意见。\n")
    assert find_title(opinion) == "关于进一步加强某某市社区居家养老服务设施建设的实施意见"


def test_the_header_title_lines_and_the_date_line_head_no_section():
    headings = {s.heading for s in outline("Document:notice", WRAPPED, find_title(WRAPPED))}
    assert not headings & {"某某市人民政府办公室文件", "某政办发〔2024〕12号", "关于印发某某市优化营商环境",
                           "三年行动方案的通知", "2024年5月20日"}


def test_a_work_report_reviewing_2024_is_of_2025(tmp_path: Path):
    title = find_title(REPORT) or opening_title(REPORT) or ""
    assert find_year(REPORT, title, "report_1") == 2025
    # by its review heading alone, the plan's heading left out
    review_only = REPORT.split("二、")[0]
    assert find_year(review_only, title, "report_1") == 2025
    path = tmp_path / "report_1.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert read_document(path).year == 2025


def test_full_width_years_are_read():
    opening = ("各位代表：\n刚刚过去的１９８４年，是我国各族人民在经济建设和经济体制改革方面取得显著成就的一年。\n"
               "在过去的一年中，我们继续坚持对外开放的方针。\n")
    assert find_year(opening, "", "report_32") == 1985  # the year just past, reviewed
    plan = "２０２３年全区组织工作要点\n为深入贯彻落实党的二十大精神，区委组织部制定本要点。\n"
    assert find_year(plan, find_title(plan) or "", "points") == 2023


def test_a_national_report_is_of_the_session_of_the_congress_it_is_given_to():
    opening = ("各位代表：\n我代表国务院，向第六届全国人民代表大会第一次会议作政府工作报告，请予审议。\n"
               "过去五年的回顾\n五年来，国民经济在调整中稳步发展。\n")
    assert find_year(opening, "", "report_30") == 1983
    closing_a_term = ("各位代表：\n现在，我代表国务院，向大会报告本届政府过去五年的工作，对今年工作提出建议，请予审议。\n"
                      "一、过去五年工作回顾\n第十届全国人民代表大会第一次会议以来的五年，是很不平凡的五年。\n")
    assert find_year(closing_a_term, "", "report_50") == 2008


def test_the_bounds_of_a_period_are_not_the_year_of_a_report():
    opening = ("各位代表：\n我受国务院的委托，向大会作关于一九五六年到一九六七年全国农业发展纲要的执行情况的报告。\n"
               "下面我首先说一下纲要执行的情况。\n")
    assert find_year(opening, "", "report_22") is None


# the notice as a copy out of its print gives it: masthead and title set in spaced characters (a review, session 60,
# found such a title unread, the document untitled and each of its lines a section)
SPACED = NOTICE.replace("某某市人民政府办公室文件", "某　某　市　人　民　政　府　办　公　室　文　件").replace(
    "某某市人民政府办公室\n关于印发某某市优化营商环境三年行动方案的通知",
    "关　于　印　发　某　某　市　优　化　营　商　环　境\n三　年　行　动　方　案　的　通　知")


def test_a_title_set_in_spaced_characters_after_a_masthead_is_read_closed_up(tmp_path: Path):
    path = tmp_path / "notice.txt"
    path.write_text(SPACED, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == TITLE and doc.year == 2024
    headings = [s.heading for s in outline(doc.id, doc.text, doc.title)]
    assert headings == ["（导语）", "某某市优化营商环境三年行动方案", "总体要求", "重点任务", "深化“一网通办”改革。",
                        "落实公平竞争审查制度。", "优化涉企执法。"]
    # book-title marks set apart too (关　于　印　发　《　…　》　的　通　知)
    marked = ("某某市人民政府办公室文件\n某政办发〔2024〕12号\n"
              "关　于　印　发　《　某　某　市　营　商　环　境　方　案　》　的　通　知\n")
    assert find_title(marked) == "关于印发《某某市营商环境方案》的通知"


def test_the_signature_over_the_date_heads_no_section():
    # one issuer, or two issuing it together, one a line: GB/T 9704's signature over the date the notice is written on
    joint = NOTICE.replace("某某市人民政府办公室\n2024年5月20日", "中共某某市委办公室\n某某市人民政府办公室\n2024年5月20日")
    for text in (NOTICE, joint):
        headings = [s.heading for s in outline("Document:notice", text, find_title(text))]
        assert headings[:3] == ["（导语）", "某某市优化营商环境三年行动方案", "总体要求"], headings
    # a heading over a date stays one: it names no issuer (会议时间), or is numbered (一、…办公室)
    meeting = "关于召开全市组织工作会议的通知\n各区委组织部：\n会议时间\n2024年5月20日\n一、市委组织部办公室\n2024年5月21日\n"
    assert [s.heading for s in outline("Document:meeting", meeting, find_title(meeting))] == [
        "（导语）", "会议时间", "市委组织部办公室"]


def test_the_signatures_of_the_annotated_notices_head_no_section():
    texts = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
    for stem, issuer, first in [("aba_zhengwu_shuju_2021", "阿坝州人民政府办公室", "阿坝州政务数据资源管理暂行办法"),
                                ("beijing_shuju_zhuanqu_jianshe_zhidao_yijian_2022", "北京市经济和信息化局",
                                 "关于推进北京市数据专区建设的指导意见"),
                                ("guangdong_minying_keji_yuan_yijian_2012", "广东省人民政府办公厅", None)]:
        doc = read_document(texts / f"{stem}.txt")
        assert f"\n{issuer}\n" in doc.text, stem
        headings = [s.heading for s in outline(doc.id, doc.text, doc.title)]
        assert issuer not in headings and (first is None or first in headings), (stem, headings[:5])


def test_the_document_number_under_a_title_that_opens_the_text_heads_no_section():
    # the annotated notices whose first line is their title (no masthead), the number under it, bare or in brackets,
    # followed by the date or not: 京经信发〔2022〕87号, （皖开放办〔2022〕6号）, （中纪发〔2009〕27号 2009年12月29日）; the
    # last year lost a digit in copying (〔202〕); the reader closes up the space between 号 and the date
    texts = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
    for stem, number, first in [
            ("aba_zhengwu_shuju_2021", "阿府办发〔2021〕21号", "阿坝州政务数据资源管理暂行办法"),
            ("anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022", "（皖开放办〔2022〕6号）", "发展目标"),
            ("baotou_shuzi_zhengfu_kaoping_2022", "包府办发〔2022〕43号", "包头市2022年数字政府建设考评办法"),
            ("beijing_shuju_zhuanqu_jianshe_zhidao_yijian_2022", "京经信发〔2022〕87号", "关于推进北京市数据专区建设的指导意见"),
            ("zhongjiwei_lianzheng_wenhua_yijian_2009", "（中纪发〔2009〕27号2009年12月29日）",
             "加强廉政文化建设的重要意义、指导思想和基本原则"),
            ("zhongyang_dangshi_gongzuo_yijian_2010", "（中发〔2010〕10号2010年6月19日）",
             "充分认识加强和改进新形势下党史工作的重要意义"),
            ("zhongyang_lituixiu_ganbu_dangjian_yijian_2022", "（中办发〔202〕31号2022年05月15日）",
             "强化政治引领，确保离退休干部党员继续听党话、跟党走")]:
        doc = read_document(texts / f"{stem}.txt")
        assert doc.text.split("\n")[1] == number, stem
        sections = outline(doc.id, doc.text, doc.title)
        assert [s.heading for s in sections[:2]] == ["（导语）", first], (stem, [s.heading for s in sections[:3]])
        assert sections[0].end == sections[1].start > doc.text.index(number)  # the number stays in the preamble


def test_a_document_number_is_read_with_or_without_the_date_after_it():
    assert number_line("某政办发〔2024〕12号").group(1) == "2024"
    for line in ("（中纪发〔2009〕27号 2009年12月29日）", "（中纪发〔2009〕27号2009年12月29日）", "国办发[2024]3号",
                 "（国发（2020）第5号）", "某政办发〔2024〕12号　签发人：张三"):
        assert number_line(line).group(1) in ("2009", "2024", "2020"), line
    # a year that lost a digit: a number still, of no year (the year is read elsewhere, or not at all)
    assert number_line("（中办发〔202〕31号2022年05月15日）").group(1) is None
    assert number_year("关于加强某项工作的意见\n（中办发〔202〕31号）\n各地区各部门：\n") is None
    # a sentence that cites a number holds more than it
    assert number_line("按照国发〔2020〕5号要求") is None
    assert number_line("根据某政办发〔2024〕12号文件精神，制定本方案。") is None


# a notice issued by two organs and made public, as GB/T 9704 sets its note (附注) under the date, the plan after it
NOTED = NOTICE.replace("某政办发〔2024〕12号\n某某市人民政府办公室\n", "某政办发〔2024〕12号\n").replace(
    "某某市人民政府办公室\n2024年5月20日\n", "某某市人民政府办公室\n某某市发展和改革委员会\n2024年5月20日\n（此件公开发布）\n")


def test_the_note_under_the_date_heads_no_section():
    for note in ("（此件公开发布）", "（此件主动公开）", "（此件依申请公开）", "(此件发至县级)"):
        text = NOTED.replace("（此件公开发布）", note)
        sections = outline("Document:notice", text, find_title(text))
        assert [s.heading for s in sections[:3]] == ["（导语）", "某某市优化营商环境三年行动方案", "总体要求"], note
        assert note in text[sections[0].start:sections[0].end]  # the note stays in the preamble
    # a line under a date that opens with an item's number is a heading still, though it closes with a bracket
    numbered = "关于召开全市组织工作会议的通知\n各区委组织部：\n会议时间\n2024年5月20日\n（一）会议议程（暂定）\n报到安排\n"
    assert [s.heading for s in outline("Document:meeting", numbered, find_title(numbered))] == [
        "（导语）", "会议时间", "会议议程（暂定）", "报到安排"]


def test_the_number_and_the_note_of_the_annotated_notices_of_texts_b_head_no_section():
    texts = Path(__file__).resolve().parents[2] / "shared" / "texts-b"
    if not texts.is_dir():
        pytest.skip("../shared/texts-b is not there")
    for stem, lines, first in [
            ("chongqing_yanglao_rencai_shishi_fangan_2024", ("渝民发〔2024〕11号", "（此件公开发布）"),
             "重庆市加强养老服务人才队伍建设实施方案"),
            ("anhui_gongye_hulianwang_2021", ("（皖政办秘〔2021〕82号）",), "支持工业互联网发展若干政策")]:
        doc = read_document(texts / f"{stem}.txt")
        headings = [s.heading for s in outline(doc.id, doc.text, doc.title)]
        assert all(f"\n{line}\n" in doc.text for line in lines), stem
        assert headings[1] == first and not set(lines) & set(headings), (stem, headings[:4])
