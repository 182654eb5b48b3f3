"""Items of one coordination serve none of each other (``relations.coordinated``, ``[relation] coordination_marks``),
a principle the sentence upholds (坚持Y) is served by none of its programs (``relations.upheld``), and the focus of a
clause (以Y为重点加强X) by none but the work that clause leads to it (``relations.focus_of``).

Guide rule 13 pairs an action with the result it is meant to produce; a series of parallel actions, or the items a
、 joins, states no such pair, nor does a principle kept to while the work is done.  The sentences are quoted from the
2025 provincial reports (``../shared/corpus/gwr2025``) and the 2024 opinion on the volunteer service system
(``loaders/training/texts/zhongban_zhiyuan_fuwu_tixi_yijian_2024.txt``, 一、总体要求).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document
from policykg.loaders.relations import coordinated, focus_of, upheld
from policykg.loaders.rules.common import Candidate

# 重庆: one action clause after another, none a result
CHONGQING = ("开展“渝货精品”培育壮大工程，加力扩围消费品以旧换新政策，稳住汽车、家电家居等大宗消费，"
             "扩大家政、康养、托幼等服务消费，大力发展四首经济、冰雪经济、夜间经济，"
             "培育数字消费、绿色消费、健康消费、低空消费，营造“渝悦消费”环境。")


def _pair(sentence: str, program: str, goal: str) -> tuple[Candidate, Candidate]:
    p, g = sentence.index(program), sentence.index(goal)
    return Candidate("Program", p, p + len(program), program), Candidate("Goal", g, g + len(goal), goal)


def _goals_served(tmp_path: Path, title: str, text: str) -> tuple[set[str], set[str]]:
    """The Goals a document of ``title`` then ``text`` names (the pipeline with the shipped models), and those a SERVES
    reaches."""
    path = tmp_path / "document.txt"
    path.write_text(title + "\n" + text + "\n", encoding="utf-8")
    dg = build_document_graph(read_document(path))
    return ({e.name for e in dg.entities if e.label == "Goal"},
            {r.target for r in dg.relations if r.type == "SERVES"})


def test_a_series_of_parallel_actions_states_no_serves(tmp_path: Path):
    # the shipped models read 消费品以旧换新政策 SERVES 四首经济, 冰雪经济 and 夜间经济 here
    path = tmp_path / "chongqing.txt"
    path.write_text("2025年重庆市政府工作报告\n" + CHONGQING + "\n", encoding="utf-8")
    dg = build_document_graph(read_document(path))
    assert {e.name for e in dg.entities} >= {"消费品以旧换新政策", "四首经济", "冰雪经济", "夜间经济"}
    assert not [r for r in dg.relations if r.type == "SERVES" and r.source == "消费品以旧换新政策"]


@pytest.mark.parametrize("goal", ["四首经济", "冰雪经济", "夜间经济"])
def test_a_goal_listed_as_the_object_of_a_parallel_action_is_no_result(goal):
    assert coordinated(CHONGQING, *_pair(CHONGQING, "消费品以旧换新政策", goal))


def test_a_program_and_a_goal_joined_by_the_list_mark_are_items_side_by_side():
    # 重庆: 建设A、B和C, three things built side by side
    s = ("优化长安、赛力斯等集群生态，健全零部件供应链体系，推动“重庆造”整车上量焕新、扬帆出海，加快建设“便捷超充之城”、"
         "“车路云一体化”标杆城市和自动驾驶生态高地，打造智能网联新能源汽车之都。")
    assert coordinated(s, *_pair(s, "便捷超充之城", "自动驾驶生态高地"))


@pytest.mark.parametrize("sentence, program, goal", [
    # 浙江: 以X牵引A、缩小B, the Program the means of both verbs
    ("（七）以“千万工程”牵引城乡融合发展、缩小“三大差距”，推进共同富裕先行示范", "千万工程", "城乡融合发展"),
    # 内蒙古: 把A降下来、把B提上来, each item the outcome the action brings about
    ("生活节水要精打细算，开展城市供水能力提升行动，改造建设一批节水设施，打造智能节水管理平台，"
     "加快把城市公共供水管网漏损率降下来、把农村牧区供水工程计量率提上来。",
     "城市供水能力提升行动", "城市公共供水管网漏损率降下来"),
    # 天津: the listed Goals are the subject of a result (水平全面提升)
    ("扎实推进矛盾纠纷预防化解和信访工作法治化，完善新型警务运行模式，严防极端事件发生，加强食品药品监管，连续五年食品安全考核获评A级，"
     "连续四次药品安全考核获评A级，法治天津、平安天津水平全面提升，不断筑牢首都政治、安全“护城河”。",
     "新型警务运行模式", "平安天津"),
    # 贵州: the clause opens with a verb of promoting (推进A、B建设)
    ("围绕“三大要素”，深入实施“四大行动”，持续推进世界级旅游景区、一流旅游城市建设，接待游客人次、旅游总花费均增长8%以上，"
     "接待省外、境外、过夜游客占比和游客人均花费稳步提升。", "四大行动", "世界级旅游景区"),
    # 宁夏: 力争A、B, targets after their lead
    ("深入实施企业培育三年计划，设立民营经济发展专项资金，大力培育雏鹰、瞪羚、独角兽企业，"
     "力争全年新增规上（限上）企业270家、“专精特新”科技型企业50家。", "企业培育三年计划", "“专精特新”科技型企业50家"),
])
def test_an_action_and_the_results_it_serves_stay_related(sentence, program, goal):
    assert not coordinated(sentence, *_pair(sentence, program, goal))


VOLUNTEERS = ("健全新时代志愿服务体系，要坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届二中全会精神，"
              "坚持党的领导，坚持人民至上，坚持价值引领，坚持系统观念，坚持实践育人，坚持务实创新，培育和践行社会主义核心价值观，"
              "弘扬奉献、友爱、互助、进步的志愿精神，健全适应新时代要求、具有中国特色的志愿服务体系。")


def test_a_principle_the_sentence_upholds_is_served_by_none_of_its_programs(tmp_path: Path):
    # the 4-fold models read 志愿服务体系 SERVES 系统观念, 实践育人 and 务实创新 here
    goals, served = _goals_served(tmp_path, "关于健全新时代志愿服务体系的意见\n一、总体要求", VOLUNTEERS)
    assert {"系统观念", "实践育人", "务实创新"} <= goals
    assert not served & {"系统观念", "实践育人", "务实创新"}
    assert upheld(VOLUNTEERS, _pair(VOLUNTEERS, "志愿服务体系", "系统观念")[1])
    assert not upheld(VOLUNTEERS, _pair(VOLUNTEERS, "志愿服务体系", "社会主义核心价值观")[1])


# Hu Jintao's report to the 17th congress (2007), 十二、以改革创新精神全面推进党的建设新的伟大工程
PARTY = ("必须把党的执政能力建设和先进性建设作为主线，坚持党要管党、从严治党，贯彻为民、务实、清廉的要求，"
         "以坚定理想信念为重点加强思想建设，以造就高素质党员、干部队伍为重点加强组织建设，以保持党同人民群众的血肉联系为重点"
         "加强作风建设，以健全民主集中制为重点加强制度建设，以完善惩治和预防腐败体系为重点加强反腐倡廉建设，使党始终成为立党为公、"
         "执政为民，求真务实、改革创新，艰苦奋斗、清正廉洁，富有活力、团结和谐的马克思主义执政党。")


def test_the_focus_of_a_clause_is_served_by_no_program_of_another(tmp_path: Path):
    # the shipped models read 党的执政能力建设 and 先进性建设 (the main line) SERVES 坚定理想信念 and 高素质党员、干部队伍
    goals, served = _goals_served(tmp_path, "十二、以改革创新精神全面推进党的建设新的伟大工程", PARTY)
    assert {"坚定理想信念", "高素质党员、干部队伍"} <= goals
    assert not served & {"坚定理想信念", "高素质党员、干部队伍"}
    assert focus_of(PARTY, *reversed(_pair(PARTY, "党的执政能力建设", "高素质党员、干部队伍")))
    # the work the clause leads is built toward its focus, here and after the focus's own clause (青海's 2025 report)
    assert not focus_of(PARTY, *reversed(_pair(PARTY, "组织建设", "高素质党员、干部队伍")))
    qinghai = "以铸牢中华民族共同体意识为主线，深化民族团结进步创建，率先出台民族团结进步示范创建测评指标体系。"
    assert not focus_of(qinghai, *reversed(_pair(qinghai, "民族团结进步创建", "铸牢中华民族共同体意识")))


def test_a_requirement_the_sentence_carries_out_is_served_by_none_of_its_programs(tmp_path: Path):
    # the shipped models read 党的执政能力建设 and 先进性建设 SERVES 为民、务实、清廉 (贯彻…的要求) here
    goals, served = _goals_served(tmp_path, "十二、以改革创新精神全面推进党的建设新的伟大工程", PARTY)
    assert "为民、务实、清廉" in goals and "为民、务实、清廉" not in served
    assert upheld(PARTY, _pair(PARTY, "党的执政能力建设", "为民、务实、清廉")[1])
