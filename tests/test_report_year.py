"""The year of a national work report read from how it is written, on the reports of ../shared/corpus/gwr as printed.

A report is given at the start of its year (it reviews the year before and plans its own) or late in it (1980 in
August, 1964 in December, 1982 in November), and says so: which session was last year's, where this year stands in a
five-year plan, which plan it drew up ahead of time.  Session 59 measured ten of the 52 national reports, read under
neutral file names, wrongly dated (1960, 1980, 1982, 1984, 1986) or undated (1964, 1979, 1981, 1987, 2001).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policykg.loaders import report_year
from policykg.loaders.metadata import find_year
from policykg.loaders.read import read_document

GWR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gwr"

# the openings and sentences of the reports, as printed (full-width digits and 一九八○ as the files write them)
R1979 = ("各位代表：\n现在，我受国务院的委托，向全国人民代表大会报告政府工作。\n一、伟大的历史性转变\n"
         "从去年三月第五届全国人民代表大会第一次会议闭幕到我们这次会议召开，已经一年零三个月了。\n")
R1981 = ("各位代表：\n从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。"
         "在这段时间里，政府对于内政、外交各方面的工作，先后向全国人民代表大会常务委员会作过六次报告。\n")
R1982 = ("各位代表：\n现在，我代表国务院，作关于我国国民经济和社会发展第六个五年计划的报告，请大会审议。\n"
         "第六个五年计划的基本任务\n一九八○年，也就是第五个五年计划的最后一年，国务院曾拟订出从一九八一年到一九八五年的"
         "第六个五年计划的基本轮廓和主要指标。\n"
         "我们要在今后三年内全面实现第六个五年计划，就其中的经济发展计划来说，关键在于按照去年五届人大四次会议和今年党的"
         "十二大的精神，把全部经济工作转到以提高经济效益为中心的轨道上来。\n六五计划前两年的执行情况\n"
         "第六个五年计划已经执行了近两年，这里把前两年执行的情况向各位代表作如下的报告。\n")
R1984 = ("各位代表：\n我代表国务院向大会作政府工作报告，请予审议。\n关于国内建设\n"
         "根据一九八三年六月第六届全国人民代表大会第一次会议的决议，各级政府和全国各族人民一道，为全面开创社会主义"
         "现代化建设的新局面，进行了不懈的努力。\n"
         "去年举行的六届人大一次会议曾经指出思想文化领域要批评资产阶级自由化倾向。\n")
R1980 = ("各位代表：\n我受国务院的委托，现在向大会提出关于1980、1981年国民经济计划安排的报告，请予审议。\n"
         "鉴于过去年度计划制定得比较晚，不利于各地区、各部门早日安排工作，国务院确定，今年提前制定1981年国民经济计划，"
         "提请这次大会审议。\n一、国民经济在调整、改革、整顿、提高中取得了新的进展\n"
         "第五届全国人民代表大会第二次会议，号召全国各族人民在党和政府的领导下，坚决实现工作着重点转到现代化建设上来的"
         "伟大战略转移。\n二、1981年国民经济计划的任务和主要指标\n")
R1986 = ("各位代表：\n现在，我代表国务院，向大会作关于我国国民经济和社会发展第七个五年计划的报告，请审议。\n"
         "早在一九八三年，国务院就着手进行一九八六年到一九九○年的第七个五年计划的拟定工作。\n"
         "一、“六五”计划执行情况的回顾\n")
R2001 = ("各位代表：\n从今年开始，我国将实施新世纪第一个五年计划。现在，我代表国务院向大会作报告，请各位代表连同《纲要"
         "（草案）》一并审议，并请全国政协各位委员提出意见。\n一、“九五”时期国民经济和社会发展的回顾\n"
         "过去五年，全国各族人民在中国共产党领导下，团结奋斗，开拓创新，各个方面取得了重大成就。\n")
R1960 = ("各位代表：\n我受中共中央和国务院的委托，向大会作关于一九五六年到一九六七年全国农业发展纲要的执行情况和争取提前实现"
         "这个纲要的报告。\n一\n一九五六年到一九六七年全国农业发展纲要，是中共中央政治局根据毛泽东同志的倡议提出的，在"
         "一九五六年一月以草案形式公布。\n"
         "到一九五九年底共推广了各种改良农具和半机械化农具五亿二千多万件，对农业劳动生产率的提高起了不小的作用。\n")
R1964 = ("五年来，我国各族人民在中国共产党的英明领导下，高举毛泽东思想的光辉旗帜，基本上完成了调整国民经济的任务。\n"
         "周总理说，我国社会主义建设的巨大成就，是在坚持社会主义革命的情况下取得的。从一九五九年到现在的五年的事实进一步"
         "证明，社会主义革命是推动我国社会前进的伟大动力。\n")
R1987 = ("各位代表：\n现在，我代表国务院向大会作政府工作报告，请予审议。\n一、当前国内形势和基本任务\n"
         "１９８６年是开始执行第七个五年计划并取得显著成就的一年。\n"
         "通过几年来的改革，目前在全国注册登记的各种经济联合体有32000多个。１９８７年要在这方面改革已经取得明显成效的"
         "基础上，研究拟定更为具体的政策和办法。\n")


@pytest.mark.parametrize(("text", "year"), [(R1979, 1979), (R1981, 1981), (R1982, 1982), (R1984, 1984)],
                         ids=["1979", "1981", "1982", "1984"])
def test_a_session_a_report_calls_last_years_dates_it(text, year):
    # 1982 and 1984 were dated by a year of history their opening names (1980, 1983), 1979 and 1981 not at all
    assert find_year(text, "", "report_1") == year


def test_this_years_congress_dates_a_report_but_not_the_congress_this_year_carries_out():
    assert report_year.stated_year("关键在于按照今年党的十二大的精神，把全部经济工作转到以提高经济效益为中心的轨道上来。") == 1982
    # the 2008 report: the congress of 2007 is what this year carries out, not this year's
    assert report_year.stated_year("今年是全面贯彻党的十七大精神的第一年，改革发展任务繁重而艰巨，做好政府工作意义重大。") is None


def test_this_years_place_in_a_five_year_plan_dates_a_report():
    assert report_year.stated_year("今年是实行“七五”计划的头一年。") == 1986  # the 1986 report
    assert report_year.stated_year("今年是“十四五”规划收官之年。") == 2025  # the 2025 national and provincial reports


def test_a_heading_reviewing_a_five_year_plan_dates_a_report_of_the_year_after_it():
    assert find_year(R1986, "", "report_1") == 1986  # had 1983, the year its opening recalls
    assert find_year(R2001, "", "report_1") == 2001  # had none
    # a plan set out, or a part of one reviewed, dates nothing: the 1982 report is of the plan's second year
    assert report_year.heading_year(R1982) is None


def test_a_report_given_late_in_its_year_is_not_of_the_year_it_plans():
    # the 1980 report, given in August: its heading plans 1981 (it was dated so)
    assert find_year(R1980, "", "report_1") == 1980


@pytest.mark.parametrize(("text", "year"), [(R1960, 1960), (R1964, 1964), (R1987, 1987)],
                         ids=["1960", "1964", "1987"])
def test_results_counted_to_a_years_end_years_counted_to_now_and_what_a_year_is_to_do_date_a_report(text, year):
    # 1960 had 1956 (a year of history in its opening), 1964 and 1987 none
    assert find_year(text, "", "report_1") == year


@pytest.mark.skipif(not GWR.is_dir(), reason="../shared/corpus/gwr is not there")
def test_every_national_report_under_a_neutral_name_is_of_the_year_of_its_file(tmp_path: Path):
    wrong = []
    for k, path in enumerate(sorted(GWR.glob("gwr-*.txt"))):
        neutral = tmp_path / f"report_{k}.txt"
        shutil.copy(path, neutral)
        if (year := read_document(neutral).year) != int(path.stem[4:]):
            wrong.append((path.stem, year))
    assert not wrong
