"""A document's year, level, place and title as a researcher's diffusion and compare read them, on real openings.

A walkthrough of the national reports (session 40) found the 12th congress report dated 1976 (a year its opening
recalls), eleven congress reports without a year, the 16th placed in 澳门特别行政区 (a law it names), the 1980
work report of level 市 (全市 quoted from a city's figures), and a notice signed at its end without a year.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.metadata import congress_year, find_level, find_title, find_year
from policykg.loaders.read import read_document

# openings of the congress reports of ../shared/corpus/gwr, as printed
TWELFTH = ("同志们：\n现在，我代表中国共产党第十一届中央委员会，向党的第十二次全国代表大会作报告。\n"
           "一、历史性的转变和新的伟大任务\n自从一九七六年十月粉碎江青反革命集团以来，特别是党的十一届三中全会以来，"
           "经过全党全军和全国各族人民的努力，我们已经在指导思想上完成了拨乱反正的艰巨任务。\n")
THIRTEENTH = ("同志们：\n我受十二届中央委员会委托，向大会作报告。\n一、历史性成就和这次大会的任务\n"
              "党的第十二次全国代表大会，坚持和发展了十一届三中全会的路线，提出了全面开创社会主义现代化建设新局面的纲领。\n")
SIXTEENTH = ("同志们：\n现在，我代表第十五届中央委员会向大会作报告。\n中国共产党第十六次全国代表大会，是我们党在新世纪召开的"
             "第一次代表大会。\n严格执行香港特别行政区基本法和澳门特别行政区基本法。\n")
WORK_1980 = ("各位代表：\n我受国务院的委托，现在向大会提出关于1980、1981年国民经济计划安排的报告，请审议。\n"
             "上海市纺织工业的产值和上缴利润的增长幅度，都高于全市总产值和上缴利润的增长幅度。\n")


@pytest.mark.parametrize(("opening", "year"), [(TWELFTH, 1982), (THIRTEENTH, 1987), (SIXTEENTH, 2002)])
def test_a_congress_report_is_of_the_year_of_its_congress(opening, year):
    assert congress_year(opening) == year
    assert find_year(opening, find_title(opening) or "", "cpc-congress") == year
    assert find_level(opening) == "国"


def test_a_report_that_names_no_jurisdiction_of_its_own_but_says_our_country_is_national():
    # gwr-1985 (corpus/gwr), as printed: no 我国 rule, it had no level, and diffusion charts placed it in no row
    opening = ("各位代表：\n刚刚过去的１９８４年，是我国各族人民在实现八十年代以至九十年代的三大任务方面取得伟大成就的一年，"
               "是全国政治、经济、文化等各条战线的形势越来越好的一年。\n")
    assert find_level(opening) == "国"
    # a province names its own jurisdiction, whatever 我国 it writes
    assert find_level("2025年四川省政府工作报告\n我国经济回升向好。全省地区生产总值增长5.7%。\n") == "省"


def test_a_document_that_only_recalls_a_congress_takes_no_year_from_it():
    assert congress_year("深入学习贯彻党的第二十次全国代表大会精神，扎实做好组织工作。") is None


def test_a_national_report_is_national_and_of_no_province_it_names(tmp_path: Path):
    assert find_level(WORK_1980) == "国"  # 我受国务院的委托, not the 全市 of a city it quotes
    (tmp_path / "cpc-congress-16.txt").write_text(SIXTEENTH, encoding="utf-8")
    doc = read_document(tmp_path / "cpc-congress-16.txt")
    assert (doc.year, doc.level, doc.place) == (2002, "国", None)


def test_a_notice_signed_at_its_end_is_of_that_year_and_a_letter_spaced_title_reads_whole():
    notice = ("2023年全　区　组　织　工　作　要　点\n为深入贯彻落实党的二十大精神，区委组织部制定本要点。\n"
              "一、加强政治建设\n全区各级党组织要扎实开展主题教育。\n区委组织部\n2023年3月1日\n")
    assert find_title(notice) == "2023年全区组织工作要点"
    assert find_level(notice) == "区"
    unsigned_title = notice.replace("2023年全　区", "全　区", 1)
    assert find_year(unsigned_title, find_title(unsigned_title) or "", "notice") == 2023  # from the signature
    # the space between two issuers is no letter-spacing
    issuers = "中共中央办公厅　国务院办公厅关于健全社会信用体系的意见"
    assert find_title(issuers + "\n") == issuers
    assert find_title("(譯自中共駐共產國際代表團檔案俄文稿)\n現在我代表中央委員會作報告。") is None
    # the 1st congress's report from Guangzhou (corpus gwr) opens with its first heading: no title (a walkthrough,
    # session 43, found it titled 一、去年)
    assert find_title("一、去年\n去年，这里没有任何组织，也不可能找到能在广州做组织工作的人。") is None


def test_a_notice_issuing_an_instrument_is_titled_by_its_long_first_line():
    # 安徽's notices issuing an instrument are titled in 59 and 83 characters (关于印发…的通知): the document was
    # titled by its file name, and so lost the year, place and level its title states
    path = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
    doc = read_document(path / "anhui_rcep_gaoshuiping_kaifang_shishi_yijian_2022.txt")
    assert doc.title.startswith("安徽省推进“三地一区”建设领导小组") and doc.title.endswith("实施意见的通知")


def test_a_work_report_without_a_title_line_is_titled_by_the_formula_it_opens_with():
    # the national report of 2019 (loaders/training) opens 各位代表：现在，我代表国务院，向大会报告政府工作… with no title
    # line, as those of 2012, 2015, 2016 and 2025 do; it was listed by its file name beside 2024's 政府工作报告
    # (a walkthrough, session 54)
    from genre_texts import TEXTS

    doc = read_document(TEXTS / "guowuyuan_zhengfu_gongzuo_baogao_2019.txt")
    assert (doc.title, doc.year) == ("政府工作报告", 2019)
    assert read_document(TEXTS / "guowuyuan_zhengfu_gongzuo_baogao_2024.txt").title == "政府工作报告"


@pytest.mark.parametrize("opening", [
    "各位代表：\n现在，我代表国务院，向大会作政府工作报告，请各位代表审议，并请全国政协委员提出意见。",  # 2011
    "各位代表：\n现在，我代表国务院，向大会报告过去五年的政府工作，并对今年工作提出建议，请各位代表审议。",  # 2013
    "各位代表：\n现在，我代表国务院，向大会报告本届政府过去五年的工作，对今年工作提出建议，请予审议。",  # 2008
    "各位代表，现在，我代表国务院，作政府工作报告，请予审议，并请全国政协各位委员提出意见。",  # 2006
    "各位代表：\n现在，我受国务院的委托，向全国人民代表大会报告政府工作。",  # 1979
])
def test_the_formulas_a_national_work_report_opens_with_give_its_title(opening):
    # the openings of the national work reports without a title line (corpus/gwr), as published; a second walkthrough
    # of session 54 found 2011, 2013 and 2018 still listed by their file name
    from policykg.loaders.metadata import opening_title

    assert opening_title(opening) == "政府工作报告"
    assert opening_title("同志们：\n现在，我代表第十七届中央委员会向大会作报告。") is None  # a congress keeps its file name
